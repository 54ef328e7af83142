import { Module } from '@nestjs/common';
import { IdentityModule } from '@ddp/identity';
import { ContractAccess } from './contract-access';
import { ClauseService } from './clause.service';
import { ContractsService } from './contracts.service';

/** Contracts with their lots, framework participants, auditors, production sites and labels. */
@Module({
  imports: [IdentityModule],
  providers: [ContractAccess, ContractsService, ClauseService],
  exports: [ContractsService, ClauseService],
})
export class ContractsModule {}
