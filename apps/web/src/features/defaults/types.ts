import type { Schemas } from '../../api/client';

/** The loose objects of the API's default, ledger and bonus/malus records, typed from the API's code and examples. */
export type DefaultRecord = Schemas['DefaultDto'];
export type DefaultStatus = DefaultRecord['status'];
export type Outcome = 'applied' | 'reduced' | 'waived';

export interface DefaultResponse {
  text: string;
  respondedAt: string;
}

export interface DefaultDecision {
  outcome: Outcome;
  reasons: string;
  decidedAt: string;
  remediedOn: string | null;
}

export type PenaltyLimit = 'minimum' | 'maximum' | 'per_day_cap' | 'cumulative_cap';

/** The penalty a decision would carry today, with every input of the calculation. */
export interface PenaltyProposal {
  amountCents: number;
  perDefaultCents: number;
  perDayCents: number;
  daysCounted: number;
  daysUntilRemedied: number;
  perDayCapCents: number | null;
  cumulativeCapCents: number | null;
  remainingUnderCapCents: number | null;
  limitedBy: PenaltyLimit[];
  currency: string;
  contractValueCents: number;
  remedyDeadline: string | null;
  remediedOn: string | null;
  asOf: string;
  clauseId: string | null;
}

export interface SettlementLine {
  kpiCode: string;
  margin: string;
  /** + bonus, − malus. */
  amountCents: number;
  capped: boolean;
}

export interface SettlementDecision {
  outcome: Outcome;
  amountCents: number;
  reasons: string;
  decidedAt: string;
  penaltyId: string;
}

/** A default as the API sends it (`DefaultDto`, whose nested objects the OpenAPI document leaves loose). */
export interface DefaultView
  extends Omit<DefaultRecord, 'supplier' | 'subjectId' | 'missedDeadline' | 'response' | 'factsAcknowledgedAt' | 'dismissalReasons' | 'decision' | 'penaltyProposal'> {
  supplier: { id: string; name: string };
  subjectId: string | null;
  missedDeadline: string | null;
  response: DefaultResponse | null;
  factsAcknowledgedAt: string | null;
  dismissalReasons: string | null;
  decision: DefaultDecision | null;
  penaltyProposal?: PenaltyProposal;
}

export type LedgerRecord = Schemas['LedgerDto'];
export type LedgerKind = Schemas['LedgerEntryDto']['kind'];

export interface LedgerEntry
  extends Omit<Schemas['LedgerEntryDto'], 'defaultId' | 'settlementId' | 'subject' | 'subjectId' | 'missedDeadline' | 'calculation' | 'reasons' | 'reversesId' | 'reversedBy'> {
  defaultId: string | null;
  settlementId: string | null;
  subject: string | null;
  subjectId: string | null;
  missedDeadline: string | null;
  calculation: Record<string, unknown>;
  reasons: string | null;
  reversesId: string | null;
  reversedBy: string | null;
}

export interface Ledger extends Omit<LedgerRecord, 'items'> {
  items: LedgerEntry[];
}

export interface Settlement extends Omit<Schemas['SettlementDto'], 'lines' | 'decision'> {
  lines: SettlementLine[];
  decision: SettlementDecision | null;
}

export const asView = (d: DefaultRecord): DefaultView => d as unknown as DefaultView;
export const asLedger = (l: LedgerRecord): Ledger => l as unknown as Ledger;
export const asSettlement = (s: Schemas['SettlementDto']): Settlement => s as unknown as Settlement;
