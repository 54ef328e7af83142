import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { DEFAULT_STATUSES, DefaultStatus, DefaultView, DecisionOutcome, Ledger, LEDGER_KINDS, LedgerEntry, LedgerKind } from '@ddp/penalties';
import { CalendarDate } from '../http/calendar-date.decorator';
import { CleanText } from '../http/clean-text.decorator';
import { Omittable } from '../http/optional.decorator';
import { nullableRef, RefDto } from '../http/refs.dto';

const OUTCOMES = ['applied', 'reduced', 'waived'] as const;
const MAX_CENTS = 9_000_000_000_000_000;
const PENALTY_LIMITS = ['minimum', 'maximum', 'per_day_cap', 'cumulative_cap'];

export class ListDefaultsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() contractId?: string;
  @ApiPropertyOptional({ enum: DEFAULT_STATUSES }) @IsOptional() @IsIn(DEFAULT_STATUSES) status?: DefaultStatus;
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' }) @IsOptional() @IsString() @MaxLength(600) after?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;
}

export class RecordDefaultDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() contractId!: string;
  @ApiProperty({ example: 'The on-site audit of 12 March found excessive overtime at the Shenzhen assembly plant (execution condition 4.2).' }) @CleanText(1, 5000) failing!: string;
  @ApiPropertyOptional({ example: '2027-03-12', description: 'When it was found (contract time zone); default today' }) @Omittable() @CalendarDate() occurredOn?: string;
}

export class NoticeDto {
  @ApiPropertyOptional({ example: 'The periodic report for Q1 2027 was not submitted by 30 April 2027.', description: 'The failing as the notice states it; default: as proposed' }) @Omittable() @CleanText(1, 5000) failing?: string;
  @ApiPropertyOptional({ example: 'Art. 12.3 of the special specifications', description: 'Default: the clause’s article for this kind of failing' }) @Omittable() @CleanText(1, 200) article?: string;
  @ApiPropertyOptional({ example: '2027-05-15', description: 'Default: today + the clause’s noticeRemedyDays' }) @Omittable() @CalendarDate() remedyDeadline?: string;
}

export class DismissDto {
  @ApiProperty({ example: 'The report was handed in on paper on time.' }) @CleanText(1, 5000) reasons!: string;
}

export class ResponseDto {
  @ApiProperty({ example: 'The report was delayed by the audit firm; it is attached to our report of 3 May.' }) @CleanText(1, 20000) text!: string;
}

export class DecisionDto {
  @ApiProperty({ enum: OUTCOMES, example: 'reduced' }) @IsIn(OUTCOMES) outcome!: DecisionOutcome;
  @ApiPropertyOptional({ example: 40000, description: 'reduced: above 0 and below the computed penalty; applied: optional, must equal it; waived: 0 or left out' })
  @Omittable() @IsInt({ message: 'amountCents must be a whole number of cents' }) @Min(0) @Max(MAX_CENTS)
  amountCents?: number;
  @ApiProperty({ example: 'First failing in two years; remedied within a week.' }) @CleanText(1, 5000) reasons!: string;
  @ApiPropertyOptional({ example: '2027-05-20', description: 'When the failing was remedied; default: read from the late record' }) @Omittable() @CalendarDate() remediedOn?: string;
}

export class NoticeViewDto {
  @ApiProperty({ example: 'ND-2027-0003' }) reference!: string;
  @ApiProperty({ example: 'Art. 12.3' }) article!: string;
  @ApiProperty({ example: '2027-05-31' }) remedyDeadline!: string;
  @ApiProperty({ example: '2027-05-16' }) responseDeadline!: string;
  @ApiProperty({ example: '2027-05-16T22:00:00.000Z', description: 'The instant the response period ends (after 23:59:59 local time of its last day)' }) responsePeriodEndsAt!: string;
  @ApiProperty({ example: '2027-05-01T08:00:00.000Z' }) sentAt!: string;
  @ApiProperty({ example: '2027-05-01' }) sentOn!: string;
}

export class PenaltyProposalDto {
  @ApiProperty({ example: 80000, description: 'What an `applied` decision enters, in cents' }) amountCents!: number;
  @ApiProperty({ example: 50000 }) perDefaultCents!: number;
  @ApiProperty({ example: 30000 }) perDayCents!: number;
  @ApiProperty({ example: 6 }) daysCounted!: number;
  @ApiProperty({ example: 6 }) daysUntilRemedied!: number;
  @ApiProperty({ type: 'integer', nullable: true, example: 1250000, description: 'null: no cap on the daily amount' }) perDayCapCents!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 12500000, description: 'null: no cumulative cap' }) cumulativeCapCents!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, example: 12420000, description: 'What the cumulative cap still allows, before this penalty; null without a cap' }) remainingUnderCapCents!: number | null;
  @ApiProperty({ enum: PENALTY_LIMITS, isArray: true, example: [], description: 'The rules that cut the amount' }) limitedBy!: string[];
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ example: 125000000 }) contractValueCents!: number;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-05-31' }) remedyDeadline!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-06-06', description: 'null: not remedied yet (counted until asOf)' }) remediedOn!: string | null;
  @ApiProperty({ example: '2027-06-06' }) asOf!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The clause version applied; null: the platform defaults' }) clauseId!: string | null;
}

class DefaultResponseViewDto {
  @ApiProperty({ example: 'The report was delayed by the audit firm; it is attached to our report of 3 May.' }) text!: string;
  @ApiProperty({ example: '2027-05-10T08:00:00.000Z' }) respondedAt!: string;
}

class DefaultDecisionViewDto {
  @ApiProperty({ enum: OUTCOMES, example: 'reduced' }) outcome!: DecisionOutcome;
  @ApiProperty({ example: 'First failing in two years; remedied within a week.' }) reasons!: string;
  @ApiProperty({ example: '2027-06-06T09:00:00.000Z' }) decidedAt!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-06-05' }) remediedOn!: string | null;
}

export class DefaultDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'GENT-ICT-2027-001' }) contractReference!: string;
  @ApiProperty({ type: RefDto }) supplier!: RefDto;
  @ApiProperty({ enum: ['missed_deadline', 'recorded'] }) origin!: string;
  @ApiProperty({ enum: ['report', 'assessment', 'action_plan', 'action', 'execution_condition'] }) subject!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The late record: a report obligation, an assessment, a finding (its plan) or an action; null for a recorded failing' }) subjectId!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-04-30' }) missedDeadline!: string | null;
  @ApiProperty({ example: '2027-05-01' }) occurredOn!: string;
  @ApiProperty({ example: 'Periodic report for 2027-01-01 to 2027-03-31 not submitted by its due date 2027-04-30' }) failing!: string;
  @ApiProperty({ enum: DEFAULT_STATUSES }) status!: DefaultStatus;
  @ApiProperty(nullableRef(NoticeViewDto, { description: 'The notice of default, once sent' })) notice!: NoticeViewDto | null;
  @ApiProperty(nullableRef(DefaultResponseViewDto, { description: 'The supplier’s answer to the notice' })) response!: DefaultResponseViewDto | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null, description: 'Set when the response period ended in silence: the facts count as acknowledged' }) factsAcknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why the authority dismissed the proposed default' }) dismissalReasons!: string | null;
  @ApiProperty(nullableRef(DefaultDecisionViewDto, { description: 'The penalty decision, once taken' })) decision!: DefaultDecisionViewDto | null;
  @ApiPropertyOptional({ type: PenaltyProposalDto, description: 'Authority and auditors, while a decision is pending: the penalty as of today' }) penaltyProposal?: PenaltyProposalDto;
  @ApiProperty({ example: 2, description: 'Also the ETag' }) version!: number;
  @ApiProperty({ example: '2027-05-01T06:00:00.000Z' }) createdAt!: string;

  static of(view: DefaultView): DefaultDto {
    return view;
  }
}

export class DefaultPageDto {
  @ApiProperty({ type: [DefaultDto] }) items!: DefaultDto[];
  @ApiProperty({ type: String, nullable: true, example: null, description: 'Pass as `after` for the next page; null on the last' }) nextCursor!: string | null;
}

export class LedgerQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() contractId!: string;
  @ApiPropertyOptional({ enum: LEDGER_KINDS }) @IsOptional() @IsIn(LEDGER_KINDS) kind?: LedgerKind;
}

export class CorrectionDto {
  @ApiProperty({ example: 0, description: 'The corrected amount in cents (0 waives the entry); at most the computed amount' }) @IsInt({ message: 'amountCents must be a whole number of cents' }) @Min(0) @Max(MAX_CENTS) amountCents!: number;
  @ApiProperty({ example: 'The delay came from the buyer’s late order confirmation.' }) @CleanText(1, 5000) reasons!: string;
}

export class LedgerEntryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ enum: LEDGER_KINDS }) kind!: LedgerKind;
  @ApiProperty({ enum: ['applied', 'reduced', 'waived', 'automatic', 'reversal', 'correction'] }) outcome!: string;
  @ApiProperty({ example: 80000, description: 'Integer cents; a reversal is negative' }) amountCents!: number;
  @ApiProperty({ example: 80000 }) computedCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The default a penalty was decided for' }) defaultId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The bonus/malus settlement of a bonus or malus' }) settlementId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['report', 'assessment', 'action_plan', 'action', 'execution_condition'], example: 'report', description: 'A penalty or late fine: what was late' }) subject!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) subjectId!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, example: '2027-04-30' }) missedDeadline!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Every input and step of the computation (free-form JSON, kept as computed)', example: { perDefaultCents: 50000, perDayCents: 30000, daysCounted: 1, amountCents: 80000, limitedBy: [] } }) calculation!: unknown;
  @ApiProperty({ type: String, nullable: true, example: 'First failing in two years; remedied within a week.' }) reasons!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'A reversal: the entry it reverses' }) reversesId!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'uuid', description: 'The reversal of this entry, if any' }) reversedBy!: string | null;
  @ApiProperty({ example: '2027-06-06' }) decidedOn!: string;
  @ApiProperty({ example: '2027-06-06T09:00:00.000Z' }) decidedAt!: string;
}

export class LedgerTotalsDto {
  @ApiProperty({ example: 80000 }) penalty!: number;
  @ApiProperty({ example: 2000 }) late_fine!: number;
  @ApiProperty({ example: 50000 }) bonus!: number;
  @ApiProperty({ example: 0 }) malus!: number;
  @ApiProperty({ example: -32000, description: 'bonus − penalties − late fines − malus' }) net!: number;
}

export class LedgerDto {
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: [LedgerEntryDto] }) items!: LedgerEntryDto[];
  @ApiProperty({ type: LedgerTotalsDto }) totals!: LedgerTotalsDto;

  static of(ledger: Ledger): LedgerDto {
    return { ...ledger, items: ledger.items.map((e: LedgerEntry) => e) };
  }
}

export class SettlementsQuery {
  @ApiProperty({ format: 'uuid' }) @IsUUID() contractId!: string;
}

export class SettlementDecisionDto {
  @ApiProperty({ enum: OUTCOMES, example: 'applied' }) @IsIn(OUTCOMES) outcome!: DecisionOutcome;
  @ApiPropertyOptional({ example: 30000, description: 'reduced: above 0 and below the proposed amount (positive cents, bonus or malus alike)' })
  @Omittable() @IsInt({ message: 'amountCents must be a whole number of cents' }) @Min(0) @Max(MAX_CENTS)
  amountCents?: number;
  @ApiProperty({ example: 'KPI measured by an independent auditor.' }) @CleanText(1, 5000) reasons!: string;
}

class SettlementLineDto {
  @ApiProperty({ example: 'AUDITED_SITES' }) kpiCode!: string;
  @ApiProperty({ example: '5', description: 'Units by which the result beat (+) or missed (-) the target' }) margin!: string;
  @ApiProperty({ type: 'integer', example: 50000, description: 'Positive: a bonus; negative: a malus' }) amountCents!: number;
  @ApiProperty({ example: false, description: 'Whether the per-period cap cut the amount' }) capped!: boolean;
}

class SettlementDecisionViewDto {
  @ApiProperty({ enum: OUTCOMES, example: 'applied' }) outcome!: DecisionOutcome;
  @ApiProperty({ type: 'integer', example: 50000, description: 'The amount entered in the ledger (positive cents)' }) amountCents!: number;
  @ApiProperty({ example: 'KPI measured by an independent auditor.' }) reasons!: string;
  @ApiProperty({ example: '2027-04-25T09:00:00.000Z' }) decidedAt!: string;
  @ApiProperty({ format: 'uuid', description: 'The ledger entry' }) penaltyId!: string;
}

export class SettlementDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty({ format: 'uuid' }) reportId!: string;
  @ApiProperty({ example: '2027-01-01' }) periodStart!: string;
  @ApiProperty({ example: '2027-03-31' }) periodEnd!: string;
  @ApiProperty({ example: 50000, description: 'Positive: a bonus to the supplier; negative: a malus' }) proposedCents!: number;
  @ApiProperty({ example: 'EUR' }) currency!: string;
  @ApiProperty({ type: [SettlementLineDto] }) lines!: SettlementLineDto[];
  @ApiProperty({ enum: ['proposed', 'decided'] }) status!: string;
  @ApiProperty(nullableRef(SettlementDecisionViewDto, { description: 'The authority’s decision, once taken' })) decision!: SettlementDecisionViewDto | null;
  @ApiProperty({ example: '2027-04-21T09:00:00.000Z' }) createdAt!: string;
}
