import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@ddp/assessments';
import { ContractsModule } from '@ddp/contracts';
import { QuestionnairesModule } from '@ddp/questionnaires';

/**
 * Excel in and out: the auditor workbook, the offline questionnaire, template workbooks and the
 * RMI minerals templates. Uploads pass `inspectXlsx` before exceljs reads them.
 */
@Module({
  imports: [ContractsModule, QuestionnairesModule, AssessmentsModule],
  providers: [],
  exports: [],
})
export class ExcelModule {}
