import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ErrorCode, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { Dashboard, DashboardService, DeadlinesService, OpenDeadline } from '@ddp/monitoring';
import { ApiAuthenticatedProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';

export class DashboardQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One contract only' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page of contracts' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Contracts per page' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

const SUMMARY_EXAMPLE = {
  assessments: { total: 12, byStatus: { accepted: 9, in_progress: 2, issued: 1 }, byColour: { green: 7, amber: 2, red: 1, grey: 2 }, matrix: [{ status: 'accepted', colour: 'green', count: 7 }] },
  openFindings: { high: 1, medium: 3, low: 0 },
  overdue: { assessments: 0, reports: 1, actionPlans: 0, actions: 2 },
  dueWithin30Days: { assessments: 1, reports: 2, actionPlans: 1, actions: 0 },
  reports: { submittedLate: 1 },
  defaults: { proposed: 1, awaitingResponse: 1, awaitingDecision: 0 },
  moneyThisYear: [{ currency: 'EUR', penalties: 80000, lateFines: 2000, bonuses: 50000, maluses: 0 }],
  labels: { expiringWithin90Days: 1, expired: 0 },
};

export class DashboardDto {
  @ApiProperty({ example: '2027-06-06' }) asOf!: string;
  @ApiProperty({ example: SUMMARY_EXAMPLE, description: 'Every contract in scope together' }) overall!: Dashboard['overall'];
  @ApiProperty({ example: [{ contractId: '0b6f…', reference: 'GENT-ICT-2027-001', title: 'Laptops', supplier: { id: '3f6c…', name: 'Laptop Solutions NV' }, ...SUMMARY_EXAMPLE }] }) contracts!: Dashboard['contracts'];
  @ApiProperty({ nullable: true }) nextCursor!: string | null;
  @ApiProperty({ example: [{ month: '2027-05', green: 4, amber: 1, red: 0, grey: 0 }], description: 'Submitted assessment revisions per month of the last 12, by colour' }) trend!: Dashboard['trend'];
}

export class DeadlinesQueryDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class DeadlineDto {
  @ApiProperty({ enum: ['assessment', 'report', 'action_plan', 'action', 'notice_response'] }) subject!: OpenDeadline['subject'];
  @ApiProperty({ format: 'uuid', description: 'The assessment, report obligation, finding (its plan), action or default' }) subjectId!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'GENT-ICT-2027-001' }) contractReference!: string;
  @ApiProperty({ example: { id: '3f6c…', name: 'Laptop Solutions NV' } }) supplier!: { id: string; name: string };
  @ApiProperty({ example: '2027-01-01 – 2027-03-31' }) label!: string;
  @ApiProperty({ example: '2027-04-30' }) deadline!: string;
  @ApiProperty({ example: 3, description: 'Days left in the contract’s time zone; negative when missed' }) daysLeft!: number;
}

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
    return this.dashboard.get(ctx, { contractId: query.contractId?.toLowerCase(), after: query.after, limit: query.limit ?? 50 });
  }

  @Get('deadlines')
  @RequirePermission(Permission.ContractsRead)
  @ApiOperation({ summary: 'What is due: the open deadlines of your contracts (as supplier, buyer or auditor), soonest first', description: 'Assessments, reports, corrective action plans and actions, and answers to notices of default.' })
  @ApiOkResponse({ type: [DeadlineDto] })
  async list(@Ctx() ctx: RequestContext, @Query() query: DeadlinesQueryDto): Promise<DeadlineDto[]> {
    return this.deadlines.forOrganisation(ctx, { contractId: query.contractId?.toLowerCase(), limit: query.limit ?? 100 });
  }
}
