import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCode, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { DashboardService, DeadlinesService } from '@ddp/monitoring';
import { ApiAuthenticatedProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { DashboardDto, DashboardQueryDto, DeadlineDto, DeadlinesQueryDto } from './dashboard.dto';

@ApiTags('dashboard')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller()
export class DashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly deadlines: DeadlinesService,
  ) {}

  @Get('dashboard')
  @RequirePermission(Permission.DashboardRead)
  @ApiOperation({
    summary: 'The portfolio dashboard of a buyer (or of an auditor, over its assigned contracts)',
    description:
      'Overall and per contract (one page, by reference): assessments by status and colour, open findings by severity, overdue and upcoming deadlines of assessments, reports, plans and actions, defaults awaiting confirmation, response or decision, money entered in the ledger this year (cents), labels expiring within 90 days; plus a 12-month trend of submitted assessments by colour. Computed by SQL aggregates.',
  })
  @ApiOkResponse({ type: DashboardDto })
  async get(@Ctx() ctx: RequestContext, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboard.get(ctx, { contractId: query.contractId?.toLowerCase(), supplierId: query.supplierId?.toLowerCase(), after: query.after, limit: query.limit ?? 50 });
  }

  @Get('deadlines')
  @RequirePermission(Permission.ContractsRead)
  @ApiOperation({ summary: 'What is due: the open deadlines of your contracts (as supplier, buyer or auditor), soonest first', description: 'Assessments, reports, corrective action plans and actions, and answers to notices of default.' })
  @ApiOkResponse({ type: [DeadlineDto] })
  async list(@Ctx() ctx: RequestContext, @Query() query: DeadlinesQueryDto): Promise<DeadlineDto[]> {
    return this.deadlines.forOrganisation(ctx, { contractId: query.contractId?.toLowerCase(), limit: query.limit ?? 100 });
  }
}
