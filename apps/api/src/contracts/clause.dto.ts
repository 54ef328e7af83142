import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import {
  AmountRule,
  BonusMalusRule,
  Cap,
  ClauseState,
  ClauseTerms,
  ClauseVersion,
  DeliverableKind,
  KPI_DIRECTIONS,
  KPI_UNITS,
  KpiDefinition,
  KpiDirection,
  KpiUnit,
  REPORTING_FREQUENCIES,
  ReportingFrequency,
} from '@ddp/contracts';
import { CleanText } from '../http/clean-text.decorator';
import { Omittable } from '../http/optional.decorator';
import { Nested } from '../http/nested.decorator';
import { nullableRef } from '../http/refs.dto';

const MAX_CENTS = 9_000_000_000_000_000;
const MAX_BP = 10_000; // 100 %
const DECIMAL = /^-?\d{1,13}(\.\d{1,4})?$/;

function Cents(): PropertyDecorator {
  return (target, key) => {
    IsInt({ message: `${String(key)} must be a whole number of cents` })(target, key);
    Min(0)(target, key);
    Max(MAX_CENTS)(target, key);
  };
}

function BasisPoints(max = MAX_BP): PropertyDecorator {
  return (target, key) => {
    IsInt({ message: `${String(key)} must be a whole number of basis points (1 bp = 0.01 %)` })(target, key);
    Min(0)(target, key);
    Max(max)(target, key);
  };
}

function Days(max = 366): PropertyDecorator {
  return (target, key) => {
    IsInt()(target, key);
    Min(1)(target, key);
    Max(max)(target, key);
  };
}

export class KpiDto {
  @ApiProperty({ example: 'AUDITED_SITES', description: 'Upper-case letters, digits and underscores' }) @IsString() @Matches(/^[A-Z][A-Z0-9_]{0,39}$/, { message: 'code must be upper-case letters, digits and underscores (at most 40)' }) code!: string;
  @ApiProperty({ example: 'Share of tier-1 production sites audited in the period' }) @CleanText(1, 200) name!: string;
  @ApiProperty({ enum: KPI_UNITS, example: 'percent' }) @IsIn(KPI_UNITS) unit!: KpiUnit;
  @ApiProperty({ enum: KPI_DIRECTIONS, example: 'higher', description: 'Whether a higher or a lower value is better' }) @IsIn(KPI_DIRECTIONS) direction!: KpiDirection;
  @ApiProperty({ example: '90', description: 'Decimal in the unit' }) @IsString() @Matches(DECIMAL, { message: 'target must be a decimal number written as a string' }) target!: string;
  @ApiPropertyOptional({ example: '75', description: 'Results worse than the target but at least this good are amber; worse is red' })
  @Omittable() @IsString() @Matches(DECIMAL, { message: 'amberThreshold must be a decimal number written as a string' })
  amberThreshold?: string;

  toKpi(): KpiDefinition {
    return { code: this.code, name: this.name, unit: this.unit, direction: this.direction, target: this.target, ...(this.amberThreshold !== undefined ? { amberThreshold: this.amberThreshold } : {}) };
  }
}

export class ReportingDto {
  @ApiProperty({ enum: REPORTING_FREQUENCIES, example: 'quarterly' }) @IsIn(REPORTING_FREQUENCIES) frequency!: ReportingFrequency;
  @ApiProperty({ example: 30, description: 'Calendar days after the end of a period by which its report is due' }) @Days(180) dueDays!: number;
  @ApiProperty({ type: [KpiDto] }) @IsArray() @ArrayMaxSize(50) @Nested(() => KpiDto, { each: true }) kpis!: KpiDto[];
}

export class ReassessmentDto {
  @ApiProperty({ example: 12, description: 'A new assessment is issued this many months after the previous one' }) @IsInt() @Min(1) @Max(60) intervalMonths!: number;
  @ApiProperty({ example: 30, description: 'Calendar days the supplier has to answer it' }) @Days(180) responseDays!: number;
}

export class AmountRuleDto {
  @ApiProperty({ enum: ['fixed', 'percent'], example: 'percent' }) @IsIn(['fixed', 'percent']) kind!: 'fixed' | 'percent';
  @ApiPropertyOptional({ example: 50000, description: 'kind fixed: the amount in cents' }) @ValidateIf((o: AmountRuleDto) => o.kind === 'fixed') @Cents() amountCents?: number;
  @ApiPropertyOptional({ example: 10, description: 'kind percent: basis points of the contract value (10 = 0.1 %)' }) @ValidateIf((o: AmountRuleDto) => o.kind === 'percent') @BasisPoints() basisPoints?: number;
  @ApiPropertyOptional({ example: 25000, description: 'kind percent: at least this many cents' }) @ValidateIf((o: AmountRuleDto) => o.kind === 'percent' && o.minCents !== undefined) @Cents() minCents?: number;
  @ApiPropertyOptional({ example: 500000, description: 'kind percent: at most this many cents' }) @ValidateIf((o: AmountRuleDto) => o.kind === 'percent' && o.maxCents !== undefined) @Cents() maxCents?: number;

  toRule(): AmountRule {
    if (this.kind === 'fixed') return { kind: 'fixed', amountCents: this.amountCents! };
    return { kind: 'percent', basisPoints: this.basisPoints!, ...(this.minCents !== undefined ? { minCents: this.minCents } : {}), ...(this.maxCents !== undefined ? { maxCents: this.maxCents } : {}) };
  }
}

export class CapDto {
  @ApiPropertyOptional({ example: 1000000 }) @Omittable() @Cents() amountCents?: number;
  @ApiPropertyOptional({ example: 500, description: 'Basis points of the contract value (500 = 5 %)' }) @Omittable() @BasisPoints() basisPoints?: number;

  toCap(): Cap {
    return { ...(this.amountCents !== undefined ? { amountCents: this.amountCents } : {}), ...(this.basisPoints !== undefined ? { basisPoints: this.basisPoints } : {}) };
  }
}

export class PerDayDto {
  @ApiProperty({ example: 5000, description: 'Cents per calendar day after the remedy deadline until remedied' }) @Cents() amountCents!: number;
  @ApiPropertyOptional({ type: CapDto }) @Omittable() @Nested(() => CapDto) cap?: CapDto;
}

export class PenaltiesDto {
  @ApiPropertyOptional({ type: AmountRuleDto, description: 'Due once per default' }) @Omittable() @Nested(() => AmountRuleDto) perDefault?: AmountRuleDto;
  @ApiPropertyOptional({ type: PerDayDto }) @Omittable() @Nested(() => PerDayDto) perDay?: PerDayDto;
  @ApiPropertyOptional({ type: CapDto, description: 'All penalties of the contract together' }) @Omittable() @Nested(() => CapDto) cumulativeCap?: CapDto;
}

export class DeliverableValuesDto {
  @ApiPropertyOptional({ example: 200000 }) @Omittable() @Cents() report?: number;
  @ApiPropertyOptional({ example: 500000 }) @Omittable() @Cents() assessment?: number;
  @ApiPropertyOptional({ example: 300000 }) @Omittable() @Cents() action_plan?: number;
  @ApiPropertyOptional({ example: 100000 }) @Omittable() @Cents() action?: number;
}

export class LateFinesDto {
  @ApiProperty({ example: 10, description: 'Basis points of the late deliverable’s value per day of delay (10 = 0.1 %)' }) @BasisPoints(1000) ratePerDayBasisPoints!: number;
  @ApiProperty({ example: 750, description: 'Cap in basis points of that value (750 = 7.5 %)' }) @BasisPoints() capBasisPoints!: number;
  @ApiProperty({ type: DeliverableValuesDto, description: 'The value each kind of deliverable is fined on; kinds left out are not fined' })
  @Nested(() => DeliverableValuesDto)
  deliverableValueCents!: DeliverableValuesDto;
}

export class BonusMalusDto {
  @ApiProperty({ example: 'AUDITED_SITES' }) @IsString() @MaxLength(40) kpiCode!: string;
  @ApiProperty({ example: 10000, description: 'Cents per unit (e.g. percentage point) beyond the target' }) @Cents() bonusCentsPerUnit!: number;
  @ApiProperty({ example: 20000, description: 'Cents per unit short of the target' }) @Cents() malusCentsPerUnit!: number;
  @ApiProperty({ example: 250000, description: 'Cap per period, for bonus and malus alike' }) @Cents() capCents!: number;

  toRule(): BonusMalusRule {
    return { kpiCode: this.kpiCode, bonusCentsPerUnit: this.bonusCentsPerUnit, malusCentsPerUnit: this.malusCentsPerUnit, capCents: this.capCents };
  }
}

export class ArticlesDto {
  @ApiPropertyOptional({ example: 'Art. 12.3 of the special specifications' }) @Omittable() @CleanText(1, 200) report?: string;
  @ApiPropertyOptional({ example: 'Art. 12.1' }) @Omittable() @CleanText(1, 200) assessment?: string;
  @ApiPropertyOptional({ example: 'Art. 12.4' }) @Omittable() @CleanText(1, 200) action_plan?: string;
  @ApiPropertyOptional({ example: 'Art. 12.4' }) @Omittable() @CleanText(1, 200) action?: string;
  @ApiPropertyOptional({ example: 'Art. 12.2' }) @Omittable() @CleanText(1, 200) execution_condition?: string;
}

export class ClauseTermsDto {
  @ApiProperty({ type: ArticlesDto, description: 'The article a notice of default cites, per kind of failing' }) @Nested(() => ArticlesDto) articles!: ArticlesDto;
  @ApiPropertyOptional({ type: ReportingDto }) @Omittable() @Nested(() => ReportingDto) reporting?: ReportingDto;
  @ApiPropertyOptional({ type: ReassessmentDto }) @Omittable() @Nested(() => ReassessmentDto) reassessment?: ReassessmentDto;
  @ApiPropertyOptional({ example: 15, default: 15, description: 'Calendar days to answer a notice of default (RD 14 Jan 2013 art. 44 §2)' }) @Omittable() @Days(90) noticeResponseDays?: number;
  @ApiPropertyOptional({ example: 30, default: 30, description: 'Calendar days a notice gives to remedy the failing' }) @Omittable() @Days(365) noticeRemedyDays?: number;
  @ApiPropertyOptional({ example: 30, default: 30, description: 'Calendar days to propose a corrective action plan for a red finding' }) @Omittable() @Days(365) planDeadlineDays?: number;
  @ApiPropertyOptional({ type: PenaltiesDto }) @Omittable() @Nested(() => PenaltiesDto) penalties?: PenaltiesDto;
  @ApiPropertyOptional({ type: LateFinesDto }) @Omittable() @Nested(() => LateFinesDto) lateFines?: LateFinesDto;
  @ApiPropertyOptional({ type: [BonusMalusDto] }) @Omittable() @IsArray() @ArrayMaxSize(50) @Nested(() => BonusMalusDto, { each: true }) bonusMalus?: BonusMalusDto[];

  /** The terms as stored: only what was given, in a stable shape. */
  toTerms(): ClauseTerms {
    const articles = Object.fromEntries(Object.entries(this.articles).filter(([, v]) => v !== undefined)) as ClauseTerms['articles'];
    const penalties = this.penalties && {
      ...(this.penalties.perDefault ? { perDefault: this.penalties.perDefault.toRule() } : {}),
      ...(this.penalties.perDay ? { perDay: { amountCents: this.penalties.perDay.amountCents, ...(this.penalties.perDay.cap ? { cap: this.penalties.perDay.cap.toCap() } : {}) } } : {}),
      ...(this.penalties.cumulativeCap ? { cumulativeCap: this.penalties.cumulativeCap.toCap() } : {}),
    };
    const values = this.lateFines && (Object.fromEntries(Object.entries(this.lateFines.deliverableValueCents).filter(([, v]) => v !== undefined)) as Partial<Record<DeliverableKind, number>>);
    return {
      articles,
      ...(this.reporting ? { reporting: { frequency: this.reporting.frequency, dueDays: this.reporting.dueDays, kpis: this.reporting.kpis.map((k) => k.toKpi()) } } : {}),
      ...(this.reassessment ? { reassessment: { intervalMonths: this.reassessment.intervalMonths, responseDays: this.reassessment.responseDays } } : {}),
      noticeResponseDays: this.noticeResponseDays ?? 15,
      noticeRemedyDays: this.noticeRemedyDays ?? 30,
      planDeadlineDays: this.planDeadlineDays ?? 30,
      ...(penalties ? { penalties } : {}),
      ...(this.lateFines && values ? { lateFines: { ratePerDayBasisPoints: this.lateFines.ratePerDayBasisPoints, capBasisPoints: this.lateFines.capBasisPoints, deliverableValueCents: values } } : {}),
      ...(this.bonusMalus ? { bonusMalus: this.bonusMalus.map((b) => b.toRule()) } : {}),
    };
  }
}

export class PutClauseDto {
  @ApiPropertyOptional({ example: '2027-07-01', description: 'From when this version applies: the contract start for the first version; today or later for the next ones (default: today)' })
  @Omittable() @IsString() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveFrom must be a date YYYY-MM-DD' })
  effectiveFrom?: string;
  @ApiProperty({ type: ClauseTermsDto }) @Nested(() => ClauseTermsDto) terms!: ClauseTermsDto;
}

export class ClauseVersionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 2 }) versionNumber!: number;
  @ApiProperty({ example: '2027-07-01' }) effectiveFrom!: string;
  @ApiProperty({ type: ClauseTermsDto }) terms!: ClauseTerms;
  @ApiProperty({ example: '2027-06-20T09:00:00.000Z' }) createdAt!: string;

  static of(v: ClauseVersion): ClauseVersionDto {
    return { id: v.id, versionNumber: v.versionNumber, effectiveFrom: v.effectiveFrom, terms: v.terms, createdAt: v.createdAt.toISOString() };
  }
}

export class ClauseDto {
  @ApiProperty({ format: 'uuid' }) contractId!: string;
  @ApiProperty(nullableRef(ClauseVersionDto, { description: 'The version in force today in the contract’s time zone; null before the first version applies' })) inForce!: ClauseVersionDto | null;
  @ApiProperty({ type: [ClauseVersionDto], description: 'Every version, oldest first' }) versions!: ClauseVersionDto[];

  static of(state: ClauseState): ClauseDto {
    return { contractId: state.contractId, inForce: state.inForce && ClauseVersionDto.of(state.inForce), versions: state.versions.map(ClauseVersionDto.of) };
  }
}
