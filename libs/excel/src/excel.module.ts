import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@ddp/assessments';
import { ContractsModule } from '@ddp/contracts';
import { QuestionnairesModule } from '@ddp/questionnaires';
import { TemplateWorkbookService } from './templates/template-workbook.service';
import { MineralsService } from './minerals/minerals.service';
import { ExportsService } from './export/exports.service';
import { QuestionnaireWorkbookService } from './questionnaire/questionnaire-workbook.service';

/**
 * Excel in and out: the auditor workbook, the offline questionnaire, template workbooks and the
 * RMI minerals templates. Uploads pass `inspectXlsx` before exceljs reads them.
 */
@Module({
  imports: [ContractsModule, QuestionnairesModule, AssessmentsModule],
  providers: [TemplateWorkbookService, MineralsService, ExportsService, QuestionnaireWorkbookService],
  exports: [TemplateWorkbookService, MineralsService, ExportsService, QuestionnaireWorkbookService],
})
export class ExcelModule {}
