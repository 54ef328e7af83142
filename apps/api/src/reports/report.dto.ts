import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Allow, ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { KPI_DIRECTIONS, KPI_UNITS } from '@ddp/contracts';
import { OBLIGATION_STATES, ObligationState, ObligationView, REPORT_STATUSES, ReportStatus, ReportSummary, ReportView } from '@ddp/monitoring';
import { EvidenceDto } from '../assessments/assessment.dto';
import { CleanText } from '../http/clean-text.decorator';
import { Omittable } from '../http/optional.decorator';
import { RefDto } from '../http/refs.dto';
import { Nested } from '../http/nested.decorator';

const COLOURS = ['green', 'amber', 'red'];

export class CreateReportDto {
  @ApiProperty({ format: 'uuid', description: 'The obligation (reporting period) the report is for' }) @IsUUID() obligationId!: string;
}

/** One KPI value; the code, the value and the unit are checked against the clause version of the period (422 naming the field). */
export class KpiValueDto {
  @ApiProperty({ example: 'AUDITED_SITES', description: 'A KPI code of the clause version that set the obligation' }) @IsString() @MaxLength(100) code!: string;
  @ApiProperty({ oneOf: [{ type: 'number' }, { type: 'string' }], example: '92.5', description: 'A number or a decimal string, in the KPI’s unit and precision' })
  @Allow()
  value!: unknown;
  @ApiPropertyOptional({ enum: KPI_UNITS, example: 'percent', description: 'When given, must be the KPI’s unit' }) @Allow() unit?: unknown;
}

export class UpdateReportDto {
  @ApiPropertyOptional({ maxLength: 20000, example: 'Both tier-1 assembly sites were audited in March; the overtime findings are being remediated.' })
  @Omittable()
  @CleanText(0, 20000)
  narrative?: string;
  @ApiPropertyOptional({ type: [KpiValueDto], description: 'The whole list of values: it replaces what was saved' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(200)
  @Nested(() => KpiValueDto, { each: true })
  kpiValues?: KpiValueDto[];
}

export class AcceptReportDto {
  @ApiPropertyOptional({ example: 'Thank you: complete and on time.' }) @Omittable() @CleanText(1, 5000) comments?: string;
}

export class ReturnReportDto {
  @ApiProperty({ example: 'Please add the audit dates of each site and correct the overtime figure.' }) @CleanText(1, 5000) comments!: string;
}

export class ListReportsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ enum: REPORT_STATUSES }) @IsOptional() @IsIn(REPORT_STATUSES) status?: ReportStatus;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class ObligationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ format: 'uuid', description: 'The clause version that set this period' }) clauseId!: string;
  @ApiProperty({ example: '2027-01-01' }) periodStart!: string;
  @ApiProperty({ example: '2027-03-31' }) periodEnd!: string;
  @ApiProperty({ example: '2027-04-30', description: 'Calendar date in the contract time zone' }) dueDate!: string;
  @ApiProperty({ enum: OBLIGATION_STATES, example: 'open', description: 'upcoming: the period runs; open: ended, not due yet; overdue: past due, nothing submitted; then the report’s status' })
  state!: ObligationState;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) reportId!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 0, description: 'Days the first submission came after the due date; null until submitted' }) daysLate!: number | null;
  @ApiProperty({ example: false, description: 'Submitted late, or past due and not submitted' }) late!: boolean;

  static of(o: ObligationView): ObligationDto {
    return { ...o };
  }
}

class KpiDefinitionDto {
  @ApiProperty({ example: 'AUDITED_SITES' }) code!: string;
  @ApiProperty({ example: 'Tier-1 sites audited in the period' }) name!: string;
  @ApiProperty({ enum: KPI_UNITS, example: 'percent' }) unit!: string;
  @ApiProperty({ enum: KPI_DIRECTIONS, example: 'higher' }) direction!: string;
  @ApiProperty({ example: '90' }) target!: string;
  @ApiPropertyOptional({ example: '75' }) amberThreshold?: string;
}

class KpiValueViewDto {
  @ApiProperty({ example: 'AUDITED_SITES' }) code!: string;
  @ApiProperty({ example: '92.5', description: 'Canonical decimal text' }) value!: string;
  @ApiProperty({ enum: KPI_UNITS, example: 'percent' }) unit!: string;
}

class KpiResultDto {
  @ApiProperty({ example: 'AUDITED_SITES' }) code!: string;
  @ApiProperty({ example: '92.5' }) value!: string;
  @ApiProperty({ example: '90' }) target!: string;
  @ApiProperty({ enum: KPI_DIRECTIONS, example: 'higher' }) direction!: string;
  @ApiProperty({ example: '2.5', description: 'Units by which the result beats (+) or misses (-) the target' }) margin!: string;
  @ApiProperty({ enum: COLOURS, example: 'green' }) colour!: string;
}

class ReportSubmissionDto {
  @ApiProperty({ example: 1 }) number!: number;
  @ApiProperty({ example: 'Both tier-1 assembly sites were audited in March.' }) narrative!: string;
  @ApiProperty({ type: [KpiValueViewDto] }) kpiValues!: KpiValueViewDto[];
  @ApiProperty({ type: [KpiResultDto] }) kpiResults!: KpiResultDto[];
  @ApiProperty({ example: '2027-04-20T09:00:00.000Z' }) submittedAt!: string;
  @ApiProperty({ example: '2027-04-20', description: 'Calendar date in the contract time zone' }) submittedOn!: string;
  @ApiProperty({ example: 5 }) daysLate!: number;
  @ApiProperty({ nullable: true, enum: ['accepted', 'returned'] }) decision!: 'accepted' | 'returned' | null;
  @ApiProperty({ nullable: true, type: String, example: 'Thank you: complete and on time.', description: 'The buyer’s comments with its decision' }) comments!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-04-22T09:00:00.000Z' }) decidedAt!: string | null;
}

class ObligationRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) clauseId!: string;
  @ApiProperty({ example: 1 }) clauseVersion!: number;
  @ApiProperty({ example: '2027-01-01' }) periodStart!: string;
  @ApiProperty({ example: '2027-03-31' }) periodEnd!: string;
  @ApiProperty({ example: '2027-04-15' }) dueDate!: string;
}

export class ReportSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) obligationId!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'GENT-ICT-2027-001' }) contractReference!: string;
  @ApiProperty({ type: RefDto }) authority!: RefDto;
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
  @ApiProperty({ example: '2027-01-01' }) periodStart!: string;
  @ApiProperty({ example: '2027-03-31' }) periodEnd!: string;
  @ApiProperty({ example: '2027-04-15' }) dueDate!: string;
  @ApiProperty({ enum: REPORT_STATUSES, example: 'submitted' }) status!: ReportStatus;
  @ApiProperty({ example: 1 }) submissionCount!: number;
  @ApiProperty({ nullable: true, type: String, example: '2027-04-20T09:00:00.000Z' }) firstSubmittedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2027-04-20' }) firstSubmittedOn!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 5, description: 'Lateness of the first submission, in calendar days' }) daysLate!: number | null;
  @ApiProperty({ example: true }) late!: boolean;
  @ApiProperty({ example: 3, description: 'Also the ETag' }) version!: number;
  @ApiProperty({ example: '2027-04-02T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2027-04-20T09:00:00.000Z' }) updatedAt!: string;

  static of(r: ReportSummary): ReportSummaryDto {
    return { ...r };
  }
}

export class ReportDto extends ReportSummaryDto {
  @ApiProperty({ enum: ['authority', 'participant', 'supplier', 'auditor'], description: 'How your organisation stands to the contract' }) access!: string;
  @ApiProperty({ type: ObligationRefDto }) obligation!: ObligationRefDto;
  @ApiProperty({ type: [KpiDefinitionDto], description: 'The KPIs of the clause version of the period' }) kpis!: KpiDefinitionDto[];
  @ApiProperty({ example: 'Both tier-1 assembly sites were audited in March.' }) narrative!: string;
  @ApiProperty({ type: [KpiValueViewDto], description: 'The values saved now' }) kpiValues!: KpiValueViewDto[];
  @ApiProperty({ type: [KpiResultDto], description: 'The results of the latest submission, with their colours' }) results!: KpiResultDto[];
  @ApiProperty({ type: [ReportSubmissionDto], description: 'Every submission as it was sent, with its decision' }) submissions!: ReportSubmissionDto[];
  @ApiProperty({ type: [EvidenceDto] }) attachments!: EvidenceDto[];

  static ofView(r: ReportView): ReportDto {
    return { ...r };
  }
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportSummaryDto] }) items!: ReportSummaryDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}

export class ReportAttachmentUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, image or office document; typed by its content' }) file!: unknown;
  @ApiProperty({ example: '2027-03-28', description: 'The date of the document' }) documentDate!: string;
}
