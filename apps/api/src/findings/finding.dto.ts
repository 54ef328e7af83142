import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { FINDING_SEVERITIES, FINDING_STATUSES, FindingSeverity, FindingStatus, FindingView } from '@ddp/assessments';
import { THEMES, Theme } from '@ddp/questionnaires';
import { CalendarDate } from '../http/calendar-date.decorator';
import { CleanText } from '../http/clean-text.decorator';
import { nullableRef, RefDto } from '../http/refs.dto';

export class CreateFindingDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() contractId!: string;
  @ApiProperty({ enum: FINDING_SEVERITIES, example: 'high' }) @IsIn(FINDING_SEVERITIES) severity!: FindingSeverity;
  @ApiProperty({ enum: THEMES, example: 'working_hours_wages' }) @IsIn(THEMES) theme!: Theme;
  @ApiProperty({ example: 'Excessive overtime at the final assembly site' }) @CleanText(1, 300) title!: string;
  @ApiPropertyOptional({ example: 'On-site audit of 14 October 2026: 28 of 40 sampled workers exceeded 72 hours a week in September.' }) @IsOptional() @CleanText(1, 5000) description?: string;
}

export class UpdateFindingDto {
  @ApiProperty({ example: '2027-02-09', description: 'The date by which the supplier must submit a corrective action plan: today or later, in the contract time zone' })
  @CalendarDate()
  planDueDate!: string;
}

export class ListFindingsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assessmentId?: string;
  @ApiPropertyOptional({ enum: FINDING_SEVERITIES }) @IsOptional() @IsIn(FINDING_SEVERITIES) severity?: FindingSeverity;
  @ApiPropertyOptional({ enum: FINDING_STATUSES }) @IsOptional() @IsIn(FINDING_STATUSES) status?: FindingStatus;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

/** What triggered a finding: an answer (assessment findings) or cells of a minerals report (minerals findings). */
export class FindingAnswerDto {
  @ApiPropertyOptional({
    nullable: true,
    oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'array', items: { type: 'string' } }],
    example: 'yes',
    description: 'Assessment findings: the answer given',
  })
  value?: string | number | string[] | null;
  @ApiPropertyOptional({ enum: ['green', 'amber', 'red', 'grey'], example: 'red', description: 'Assessment findings: the answer’s colour' }) colour?: string;
  @ApiPropertyOptional({ example: true, description: 'Assessment findings: a red-flag answer' }) redFlag?: boolean;
  @ApiPropertyOptional({ format: 'uuid', description: 'Minerals findings: the minerals report' }) reportId?: string;
  @ApiPropertyOptional({ type: [String], example: ['Declaration!D26'], description: 'Minerals findings: the cells that triggered it' }) cells?: string[];
}

export class FindingDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'GENT-ICT-2027-001' }) contractReference!: string;
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assessmentId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'QS-FL-02' }) questionCode!: string | null;
  @ApiProperty({ nullable: true, type: Number, example: 1 }) revision!: number | null;
  @ApiProperty({ enum: ['assessment', 'manual', 'minerals'] }) source!: string;
  @ApiProperty({ enum: FINDING_SEVERITIES, example: 'high', description: 'high: a red answer; medium: amber' }) severity!: FindingSeverity;
  @ApiProperty({ example: 'forced_labour' }) theme!: string;
  @ApiProperty({ example: 'Do any of your tier-1 production sites retain workers’ identity documents?' }) title!: string;
  @ApiProperty({ nullable: true, type: String, example: 'Workers’ passports are kept by the dormitory manager.' }) description!: string | null;
  @ApiProperty(nullableRef(FindingAnswerDto, { example: { value: 'yes', colour: 'red', redFlag: true }, description: 'null for a manual finding' })) answer!: unknown;
  @ApiProperty({ enum: FINDING_STATUSES, example: 'open', description: 'resolved: a later revision answered it green; closed: its corrective action plan was verified' }) status!: FindingStatus;
  @ApiProperty({ nullable: true, type: String, example: '2027-02-09', description: 'A red finding needs a corrective action plan submitted by this date (contract time zone): by default today + the clause’s planDeadlineDays (30 without a clause); the buyer may change it' })
  planDueDate!: string | null;
  @ApiProperty({ nullable: true, type: String, example: null, description: 'When its corrective action plan was verified' }) closedAt!: string | null;
  @ApiProperty(nullableRef(RefDto, { description: 'The organisation whose action created the finding (a manual finding: the one that recorded it)' })) createdByOrganisation!: RefDto | null;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) updatedAt!: string;

  static of(f: FindingView): FindingDto {
    return { ...f };
  }
}

export class FindingPageDto {
  @ApiProperty({ type: [FindingDto] }) items!: FindingDto[];
  @ApiProperty({ nullable: true, type: String, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}
