import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import type { OpenDeadline } from '@ddp/monitoring';
import { RefDto } from '../http/refs.dto';

const COLOURS = ['green', 'amber', 'red', 'grey'];

export class DashboardQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'One contract only' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the contracts with this supplier (organisation id): the drill-down to a supplier' }) @IsOptional() @IsUUID() supplierId?: string;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page of contracts' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, description: 'Contracts per page' }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** A count per overall colour (grey: not rated yet). */
class ColourCountsDto {
  @ApiProperty({ type: 'integer', example: 7 }) green!: number;
  @ApiProperty({ type: 'integer', example: 2 }) amber!: number;
  @ApiProperty({ type: 'integer', example: 1 }) red!: number;
  @ApiProperty({ type: 'integer', example: 2 }) grey!: number;
}

class StatusColourCountDto {
  @ApiProperty({ example: 'accepted', description: 'An assessment status' }) status!: string;
  @ApiProperty({ enum: COLOURS, example: 'green' }) colour!: 'green' | 'amber' | 'red' | 'grey';
  @ApiProperty({ type: 'integer', example: 7 }) count!: number;
}

class AssessmentFiguresDto {
  @ApiProperty({ type: 'integer', example: 12 }) total!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'Assessments per status (statuses with none left out)', example: { accepted: 9, in_progress: 2, issued: 1 } })
  byStatus!: Record<string, number>;
  @ApiProperty({ type: ColourCountsDto }) byColour!: ColourCountsDto;
  @ApiProperty({ type: [StatusColourCountDto], description: 'Assessments per status and colour' }) matrix!: StatusColourCountDto[];
}

class FindingCountsDto {
  @ApiProperty({ type: 'integer', example: 1 }) high!: number;
  @ApiProperty({ type: 'integer', example: 3 }) medium!: number;
  @ApiProperty({ type: 'integer', example: 0 }) low!: number;
}

class DeadlineCountsDto {
  @ApiProperty({ type: 'integer', example: 0 }) assessments!: number;
  @ApiProperty({ type: 'integer', example: 1 }) reports!: number;
  @ApiProperty({ type: 'integer', example: 0 }) actionPlans!: number;
  @ApiProperty({ type: 'integer', example: 2 }) actions!: number;
}

class ReportFiguresDto {
  @ApiProperty({ type: 'integer', example: 1 }) submittedLate!: number;
}

class DefaultFiguresDto {
  @ApiProperty({ type: 'integer', example: 1, description: 'Proposed, awaiting the buyer’s confirmation' }) proposed!: number;
  @ApiProperty({ type: 'integer', example: 1, description: 'Notified, awaiting the supplier’s response' }) awaitingResponse!: number;
  @ApiProperty({ type: 'integer', example: 0, description: 'Answered or acknowledged, awaiting a decision' }) awaitingDecision!: number;
}

class MoneyFiguresDto {
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: 'integer', example: 80000 }) penalties!: number;
  @ApiProperty({ type: 'integer', example: 2000 }) lateFines!: number;
  @ApiProperty({ type: 'integer', example: 50000 }) bonuses!: number;
  @ApiProperty({ type: 'integer', example: 0 }) maluses!: number;
}

class LabelFiguresDto {
  @ApiProperty({ type: 'integer', example: 1 }) expiringWithin90Days!: number;
  @ApiProperty({ type: 'integer', example: 0 }) expired!: number;
}

/** The figures of a set of contracts (all of them, or one). */
export class ExecutionSummaryDto {
  @ApiProperty({ type: AssessmentFiguresDto }) assessments!: AssessmentFiguresDto;
  @ApiProperty({ type: FindingCountsDto, description: 'Open findings by severity' }) openFindings!: FindingCountsDto;
  @ApiProperty({ type: DeadlineCountsDto, description: 'Deadlines passed with nothing delivered (contract time zone)' }) overdue!: DeadlineCountsDto;
  @ApiProperty({ type: DeadlineCountsDto, description: 'Deadlines within the next 30 days' }) dueWithin30Days!: DeadlineCountsDto;
  @ApiProperty({ type: ReportFiguresDto }) reports!: ReportFiguresDto;
  @ApiProperty({ type: DefaultFiguresDto }) defaults!: DefaultFiguresDto;
  @ApiProperty({ type: [MoneyFiguresDto], description: 'Entered in the ledger this calendar year, per currency, in integer cents (net of corrections)' }) moneyThisYear!: MoneyFiguresDto[];
  @ApiProperty({ type: LabelFiguresDto }) labels!: LabelFiguresDto;
}

export class DashboardContractDto extends ExecutionSummaryDto {
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'GENT-ICT-2027-001' }) reference!: string;
  @ApiProperty({ example: 'Laptops 2027-2030' }) title!: string;
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
}

class TrendMonthDto extends ColourCountsDto {
  @ApiProperty({ example: '2027-05' }) month!: string;
}

export class DashboardDto {
  @ApiProperty({ example: '2027-06-06', description: 'The day the figures stand at (UTC date; each contract’s deadlines are judged in its own time zone)' }) asOf!: string;
  @ApiProperty({ type: ExecutionSummaryDto, description: 'Every contract in scope together' }) overall!: ExecutionSummaryDto;
  @ApiProperty({ type: [DashboardContractDto], description: 'One page of the contracts, by reference' }) contracts!: DashboardContractDto[];
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `after` for the next page of contracts; null on the last' }) nextCursor!: string | null;
  @ApiProperty({ type: [TrendMonthDto], description: 'Submitted assessment revisions per month of the last 12, by colour' }) trend!: TrendMonthDto[];
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
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
  @ApiProperty({ example: '2027-01-01 – 2027-03-31' }) label!: string;
  @ApiProperty({ example: '2027-04-30' }) deadline!: string;
  @ApiProperty({ example: 3, description: 'Days left in the contract’s time zone; negative when missed' }) daysLeft!: number;
}
