import type { Schemas } from '../../api/client';

/** The default, ledger and bonus/malus records as the API sends them (generated from its OpenAPI document). */
export type DefaultRecord = Schemas['DefaultDto'];
export type DefaultView = DefaultRecord;
export type DefaultStatus = DefaultRecord['status'];
export type Outcome = Schemas['DecisionDto']['outcome'];
export type DefaultResponse = NonNullable<DefaultView['response']>;
export type DefaultDecision = NonNullable<DefaultView['decision']>;

/** The penalty a decision would carry today, with every input of the calculation. */
export type PenaltyProposal = Schemas['PenaltyProposalDto'];
export type PenaltyLimit = PenaltyProposal['limitedBy'][number];

export type LedgerRecord = Schemas['LedgerDto'];
export type Ledger = LedgerRecord;
export type LedgerEntry = Schemas['LedgerEntryDto'];
export type LedgerKind = LedgerEntry['kind'];

export type Settlement = Schemas['SettlementDto'];
export type SettlementLine = Settlement['lines'][number];
export type SettlementDecision = NonNullable<Settlement['decision']>;

/** Identity: kept for the callers written when the document typed these records loosely. */
export const asView = (d: DefaultRecord): DefaultView => d;
export const asLedger = (l: LedgerRecord): Ledger => l;
export const asSettlement = (s: Settlement): Settlement => s;
