import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@ddp/assessments';
import { ContractsModule } from '@ddp/contracts';
import { ActionPlansService } from './action-plans.service';

/** Corrective action plans: findings of a contract, their root cause, actions with owners, due dates and evidence, up to verified closure. */
@Module({
  imports: [ContractsModule, AssessmentsModule],
  providers: [ActionPlansService],
  exports: [ActionPlansService],
})
export class RemediationModule {}
