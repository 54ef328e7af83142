import { Module } from '@nestjs/common';
import { ContractsModule } from '@ddp/contracts';
import { DefaultsService } from './defaults.service';
import { LedgerService } from './ledger.service';
import { SettlementsService } from './settlements.service';

/** Defaults and notices of default, the penalty ledger (penalties, late fines, bonus and malus). */
@Module({
  imports: [ContractsModule],
  providers: [DefaultsService, LedgerService, SettlementsService],
  exports: [DefaultsService, LedgerService, SettlementsService],
})
export class PenaltiesModule {}
