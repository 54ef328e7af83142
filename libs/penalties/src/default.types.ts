import { PenaltyBreakdown } from '@ddp/contracts';

export const DEFAULT_STATUSES = ['proposed', 'dismissed', 'notified', 'answered', 'acknowledged', 'decided'] as const;
export type DefaultStatus = (typeof DEFAULT_STATUSES)[number];

/** What a supplier never sees: the buyer's internal proposals, before any notice. */
export const NOT_SHOWN_TO_SUPPLIERS = `'proposed', 'dismissed'`;

/** The penalty a decision would carry, with every input of the calculation (kept in the ledger entry). */
export interface PenaltyProposal extends PenaltyBreakdown {
  clauseId: string | null;
  currency: string;
  contractValueCents: number;
  remedyDeadline: string | null;
  remediedOn: string | null;
  /** The day the calculation stands at (contract time zone). */
  asOf: string;
  /** Calendar days from the remedy deadline until remedied (or until `asOf`). */
  daysUntilRemedied: number;
}

export interface DefaultView {
  id: string;
  contractId: string;
  contractReference: string;
  supplier: { id: string; name: string };
  origin: 'missed_deadline' | 'recorded';
  subject: string;
  subjectId: string | null;
  missedDeadline: string | null;
  occurredOn: string;
  failing: string;
  status: DefaultStatus;
  notice: {
    reference: string;
    article: string;
    remedyDeadline: string;
    responseDeadline: string;
    /** The instant the response period ends: 23:59:59 of its last day, contract time zone, plus one second. */
    responsePeriodEndsAt: string;
    sentAt: string;
    sentOn: string;
  } | null;
  response: { text: string; respondedAt: string } | null;
  /** Silence until the end of the response period: the facts count as acknowledged. */
  factsAcknowledgedAt: string | null;
  dismissalReasons: string | null;
  decision: { outcome: 'applied' | 'reduced' | 'waived'; reasons: string; decidedAt: string; remediedOn: string | null } | null;
  /** For the authority and auditors while the notice awaits a decision. */
  penaltyProposal?: PenaltyProposal;
  version: number;
  createdAt: string;
}

export interface DefaultRow {
  id: string;
  contract_id: string;
  contract_reference: string;
  time_zone: string;
  authority_id: string;
  supplier_id: string;
  supplier_name: string;
  origin: DefaultView['origin'];
  subject: string;
  subject_id: string | null;
  missed_deadline: string | null;
  occurred_on: string;
  failing: string;
  status: DefaultStatus;
  reference: string | null;
  article: string | null;
  remedy_deadline: string | null;
  response_deadline: string | null;
  response_ends_at: Date | null;
  sent_at: Date | null;
  sent_on: string | null;
  response_text: string | null;
  responded_at: Date | null;
  acknowledged_at: Date | null;
  remedied_on: string | null;
  dismissal_reasons: string | null;
  decision: 'applied' | 'reduced' | 'waived' | null;
  decision_reasons: string | null;
  decided_at: Date | null;
  version: number;
  created_at: Date;
}

export const DEFAULT_COLUMNS = `d.id, d.contract_id, c.reference AS contract_reference, c.time_zone, d.authority_id, d.supplier_id, so.name AS supplier_name,
  d.origin, d.subject, d.subject_id, d.missed_deadline::text, d.occurred_on::text, d.failing, d.status, d.reference, d.article,
  d.remedy_deadline::text, d.response_deadline::text, ((d.response_deadline + 1)::timestamp AT TIME ZONE c.time_zone) AS response_ends_at,
  d.sent_at, d.sent_on::text, d.response_text, d.responded_at, d.acknowledged_at, d.remedied_on::text, d.dismissal_reasons,
  d.decision, d.decision_reasons, d.decided_at, d.version, d.created_at`;

export const DEFAULT_FROM = `defaults d JOIN contracts c ON c.id = d.contract_id JOIN organisations so ON so.id = d.supplier_id`;

export function toDefault(r: DefaultRow): DefaultView {
  return {
    id: r.id,
    contractId: r.contract_id,
    contractReference: r.contract_reference,
    supplier: { id: r.supplier_id, name: r.supplier_name },
    origin: r.origin,
    subject: r.subject,
    subjectId: r.subject_id,
    missedDeadline: r.missed_deadline,
    occurredOn: r.occurred_on,
    failing: r.failing,
    status: r.status,
    notice:
      r.reference && r.sent_at
        ? {
            reference: r.reference,
            article: r.article ?? '',
            remedyDeadline: r.remedy_deadline!,
            responseDeadline: r.response_deadline!,
            responsePeriodEndsAt: r.response_ends_at!.toISOString(),
            sentAt: r.sent_at.toISOString(),
            sentOn: r.sent_on!,
          }
        : null,
    response: r.response_text !== null && r.responded_at ? { text: r.response_text, respondedAt: r.responded_at.toISOString() } : null,
    factsAcknowledgedAt: r.acknowledged_at?.toISOString() ?? null,
    dismissalReasons: r.dismissal_reasons,
    decision: r.decision && r.decided_at ? { outcome: r.decision, reasons: r.decision_reasons ?? '', decidedAt: r.decided_at.toISOString(), remediedOn: r.remedied_on } : null,
    version: r.version,
    createdAt: r.created_at.toISOString(),
  };
}
