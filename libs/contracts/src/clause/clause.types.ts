/**
 * The due-diligence clause of a contract: what the supplier must report and when, how long it has
 * to answer a notice of default, and the money rules (penalties, late fines, bonus/malus).
 *
 * A clause is versioned: a change is a new version effective from a calendar date, and the version
 * in force on a date is what applies to the events of that date. Rates are integer basis points
 * (1 bp = 0.01 %), amounts integer cents in the contract's currency: no floating point anywhere.
 */

export const REPORTING_FREQUENCIES = ['monthly', 'quarterly', 'semi_annual', 'annual'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];

export const KPI_UNITS = ['percent', 'count', 'days', 'hours', 'ratio'] as const;
/**
 * percent: 0..100 with up to 2 decimals; count: a whole number >= 0; days, hours: >= 0 with up
 * to 2 decimals; ratio: 0..1 with up to 4 decimals.
 */
export type KpiUnit = (typeof KPI_UNITS)[number];

export const KPI_DIRECTIONS = ['higher', 'lower'] as const;
/** Whether a higher or a lower value is better. */
export type KpiDirection = (typeof KPI_DIRECTIONS)[number];

export interface KpiDefinition {
  /** Stable code, e.g. `AUDITED_SITES`: upper case letters, digits and underscores. */
  code: string;
  name: string;
  unit: KpiUnit;
  direction: KpiDirection;
  /** Decimal string in the unit, e.g. "95" or "2.5". */
  target: string;
  /**
   * Optional colour thresholds (decimal strings): a result at least as good as the target is
   * green; worse than the target but at least as good as `amber` is amber; worse than `amber`
   * is red. Without thresholds, a result worse than the target is red.
   */
  amberThreshold?: string;
}

export interface ReportingTerms {
  frequency: ReportingFrequency;
  /** Calendar days after the end of a period by which its report is due. */
  dueDays: number;
  kpis: KpiDefinition[];
}

export interface ReassessmentTerms {
  /** A new assessment is issued this many months after the previous one was issued. */
  intervalMonths: number;
  /** Calendar days the supplier has to answer a reassessment. */
  responseDays: number;
}

/** A fixed amount, or a share of the contract value bounded by a minimum and a maximum. */
export type AmountRule =
  | { kind: 'fixed'; amountCents: number }
  | { kind: 'percent'; basisPoints: number; minCents?: number; maxCents?: number };

/** A cap as an absolute amount and/or a share of the contract value; the lower applies. */
export interface Cap {
  amountCents?: number;
  basisPoints?: number;
}

export interface PenaltyTerms {
  /** Due once per default. */
  perDefault?: AmountRule;
  /** Due for each calendar day from the day after the remedy deadline until remedied. */
  perDay?: { amountCents: number; cap?: Cap };
  /** All penalties of the contract together never exceed this. */
  cumulativeCap?: Cap;
}

export const DELIVERABLE_KINDS = ['report', 'assessment', 'action_plan', 'action'] as const;
export type DeliverableKind = (typeof DELIVERABLE_KINDS)[number];

/**
 * Late fines run by themselves for each day of delay, without notice (Belgian RD 14 Jan 2013
 * art. 46): `ratePerDayBasisPoints` of the late deliverable's value per day, capped at
 * `capBasisPoints` of that value.
 */
export interface LateFineTerms {
  ratePerDayBasisPoints: number;
  capBasisPoints: number;
  /** The value of each kind of deliverable the fine is computed on; a kind not listed is not fined. */
  deliverableValueCents: Partial<Record<DeliverableKind, number>>;
}

/**
 * For each reporting period: `bonusCentsPerUnit` for each unit (percentage point, item, day…) by
 * which the KPI result beats its target, `malusCentsPerUnit` for each unit it falls short,
 * each capped at `capCents` per period.
 */
export interface BonusMalusRule {
  kpiCode: string;
  bonusCentsPerUnit: number;
  malusCentsPerUnit: number;
  capCents: number;
}

export const DEFAULT_SUBJECTS = ['report', 'assessment', 'action_plan', 'action', 'execution_condition'] as const;
export type DefaultSubject = (typeof DEFAULT_SUBJECTS)[number];

export interface ClauseTerms {
  /** The article of the contract documents a notice of default cites, per kind of failing. */
  articles: Partial<Record<DefaultSubject, string>>;
  reporting?: ReportingTerms;
  reassessment?: ReassessmentTerms;
  /** Calendar days a supplier has to answer a notice of default (RD 14 Jan 2013 art. 44 §2: 15). */
  noticeResponseDays: number;
  /** Calendar days a notice gives the supplier to remedy the failing. */
  noticeRemedyDays: number;
  /** Calendar days a supplier has to propose a corrective action plan for a red finding. */
  planDeadlineDays: number;
  penalties?: PenaltyTerms;
  lateFines?: LateFineTerms;
  bonusMalus?: BonusMalusRule[];
}

export const DEFAULT_NOTICE_RESPONSE_DAYS = 15;
export const DEFAULT_NOTICE_REMEDY_DAYS = 30;
export const DEFAULT_PLAN_DEADLINE_DAYS = 30;

/** What applies when a contract has no clause yet. */
export const DEFAULT_CLAUSE_TERMS: ClauseTerms = {
  articles: {},
  noticeResponseDays: DEFAULT_NOTICE_RESPONSE_DAYS,
  noticeRemedyDays: DEFAULT_NOTICE_REMEDY_DAYS,
  planDeadlineDays: DEFAULT_PLAN_DEADLINE_DAYS,
};

export interface ClauseVersion {
  id: string;
  contractId: string;
  versionNumber: number;
  /** The calendar date (contract time zone) from which this version applies. */
  effectiveFrom: string;
  terms: ClauseTerms;
  createdAt: Date;
}
