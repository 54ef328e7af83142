import { Module } from '@nestjs/common';
import { ContractsModule } from '@ddp/contracts';
import { QuestionnairesModule } from '@ddp/questionnaires';
import { AssessmentsService } from './assessments.service';
import { EvidenceService } from './evidence.service';
import { FindingsService } from './findings.service';
import { SharingService } from './sharing.service';

/** Assessments: issue, answer with evidence, submit, review, share; and the findings they produce. */
@Module({
  imports: [ContractsModule, QuestionnairesModule],
  providers: [AssessmentsService, EvidenceService, FindingsService, SharingService],
  exports: [AssessmentsService, EvidenceService, FindingsService, SharingService],
})
export class AssessmentsModule {}
