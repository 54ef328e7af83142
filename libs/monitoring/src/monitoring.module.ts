import { Module } from '@nestjs/common';
import { AssessmentsModule } from '@ddp/assessments';
import { ContractsModule } from '@ddp/contracts';
import { DashboardService } from './dashboard/dashboard.service';
import { DeadlinesService } from './deadlines/deadlines.service';
import { ReassessmentService } from './reassessment.service';
import { ReportObligationsService } from './report-obligations.service';
import { ReportsService } from './reports.service';

/** Monitoring during the contract: report obligations, periodic reports with KPIs, reassessments. */
@Module({
  imports: [ContractsModule, AssessmentsModule],
  providers: [ReportObligationsService, ReportsService, ReassessmentService, DeadlinesService, DashboardService],
  exports: [ReportObligationsService, ReportsService, ReassessmentService, DeadlinesService, DashboardService],
})
export class MonitoringModule {}
