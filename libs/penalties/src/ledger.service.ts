import { Injectable } from '@nestjs/common';
import { AuditService, Clock, Database, DomainException, ErrorCode, RequestContext } from '@ddp/core';
import { ClauseService, ClauseVersion, computeLateFine, ContractsService, daysFrom, DEFAULT_CLAUSE_TERMS, DeliverableKind, executionVisibleSql, inForceOn, todayIn } from '@ddp/contracts';

export const LEDGER_KINDS = ['penalty', 'late_fine', 'bonus', 'malus'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export interface LedgerEntry {
  id: string;
  contractId: string;
  kind: LedgerKind;
  outcome: 'applied' | 'reduced' | 'waived' | 'automatic' | 'reversal' | 'correction';
  /** Integer cents; a reversal is negative. A bonus is owed to the supplier, the rest by it. */
  amountCents: number;
  computedCents: number;
  currency: string;
  defaultId: string | null;
  settlementId: string | null;
  subject: string | null;
  subjectId: string | null;
  missedDeadline: string | null;
  calculation: unknown;
  reasons: string | null;
  reversesId: string | null;
  reversedBy: string | null;
  decidedOn: string;
  decidedAt: string;
}

export interface Ledger {
  contractId: string;
  currency: string;
  items: LedgerEntry[];
  /** Net per kind (reversals included), and `net` = bonus − (penalties + late fines + malus). */
  totals: Record<LedgerKind | 'net', number>;
}

interface EntryRow {
  id: string;
  contract_id: string;
  authority_id: string;
  kind: LedgerKind;
  outcome: LedgerEntry['outcome'];
  amount_cents: string;
  computed_cents: string;
  currency: string;
  default_id: string | null;
  settlement_id: string | null;
  subject: string | null;
  subject_id: string | null;
  missed_deadline: string | null;
  calculation: unknown;
  reasons: string | null;
  reverses_id: string | null;
  reversed_by: string | null;
  decided_on: string;
  decided_at: Date;
}

const ENTRY_COLUMNS = `p.id, p.contract_id, p.authority_id, p.kind, p.outcome, p.amount_cents::text, p.computed_cents::text, p.currency, p.default_id, p.settlement_id,
  p.subject, p.subject_id, p.missed_deadline::text, p.calculation, p.reasons, p.reverses_id, r.id AS reversed_by, p.decided_on::text, p.decided_at`;
const ENTRY_FROM = `penalties p LEFT JOIN penalties r ON r.reverses_id = p.id`;

/** A deliverable handed in after its deadline, as the late-fine sweep finds it. */
interface LateDelivery {
  subject: DeliverableKind;
  subject_id: string;
  contract_id: string;
  authority_id: string;
  supplier_id: string;
  currency: string;
  deadline: string;
  delivered_on: string;
}

/**
 * The money ledger of each contract: penalties decided on notices, late fines, bonus and malus.
 * Entries never change (a trigger refuses it): a correction reverses an entry and, unless it
 * waives it, adds the corrected amount as a new entry, both with reasons.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly clauses: ClauseService,
    private readonly clock: Clock,
  ) {}

  async list(ctx: RequestContext, contractId: string, kind?: LedgerKind): Promise<Ledger> {
    const contract = await this.contracts.getWithRole(ctx, contractId);
    if (contract.role === 'participant') throw DomainException.notFound();
    const rows = await this.db.query<EntryRow>(
      ctx,
      `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} JOIN contracts c ON c.id = p.contract_id
        WHERE p.contract_id = $1 AND ${executionVisibleSql('c', '$2')} AND ($3::text IS NULL OR p.kind = $3)
        ORDER BY p.decided_at DESC, p.id DESC`,
      [contractId, ctx.requiredActor.organisationId, kind ?? null],
    );
    const items = rows.map(toEntry);
    const totals = { penalty: 0, late_fine: 0, bonus: 0, malus: 0, net: 0 };
    for (const item of items) totals[item.kind] += item.amountCents;
    totals.net = totals.bonus - totals.penalty - totals.late_fine - totals.malus;
    return { contractId, currency: contract.currency, items, totals };
  }

  /**
   * The authority corrects an entry: it is reversed, and `amountCents` (if above 0) entered anew.
   * Waiving a late fine is a correction to 0. An entry is corrected once; correct the new one after.
   */
  async correct(ctx: RequestContext, id: string, amountCents: number, reasons: string): Promise<Ledger> {
    return this.db.transaction(ctx, async (tx) => {
      const [entry] = await this.db.query<EntryRow>(
        tx,
        `SELECT ${ENTRY_COLUMNS} FROM ${ENTRY_FROM} JOIN contracts c ON c.id = p.contract_id WHERE p.id = $1 AND ${executionVisibleSql('c', '$2')}`,
        [id, tx.requiredActor.organisationId],
      );
      if (!entry) throw DomainException.notFound();
      // Lock the contract: corrections and decisions of one contract happen one at a time.
      const contract = await this.contracts.requireRole(tx, entry.contract_id, ['authority'], true);
      if (entry.outcome === 'reversal') throw new DomainException(ErrorCode.InvalidState, 'A reversal cannot be corrected');
      if (entry.reversed_by) throw new DomainException(ErrorCode.InvalidState, 'This entry has been corrected already; correct the entry that replaced it');
      const original = Number(entry.amount_cents);
      const ceiling = Math.max(original, Number(entry.computed_cents));
      if (amountCents > ceiling) throw DomainException.validation([{ field: 'amountCents', message: `amountCents must not exceed the computed amount (${ceiling})` }]);
      if (amountCents === original) throw DomainException.validation([{ field: 'amountCents', message: 'amountCents is the amount already entered: nothing to correct' }]);
      const now = this.clock.now();
      const today = todayIn(contract.timeZone, now);
      const actor = tx.requiredActor.userId;
      const insert = `INSERT INTO penalties (contract_id, authority_id, supplier_id, kind, outcome, amount_cents, computed_cents, currency, default_id, settlement_id, subject, subject_id, missed_deadline, calculation, reasons, reverses_id, decided_on, decided_at, decided_by)
        SELECT contract_id, authority_id, supplier_id, kind, $2, $3, computed_cents, currency, default_id, settlement_id, subject, subject_id, missed_deadline, calculation, $4, $5, $6, $7, $8
          FROM penalties WHERE id = $1 RETURNING id`;
      const [reversal] = await this.db.query<{ id: string }>(tx, insert, [id, 'reversal', -original, reasons, id, today, now, actor]);
      const [replacement] = amountCents > 0 ? await this.db.query<{ id: string }>(tx, insert, [id, 'correction', amountCents, reasons, null, today, now, actor]) : [];
      await this.audit.record(tx, {
        action: 'penalty.corrected',
        entityType: 'penalty',
        entityId: id,
        organisationId: contract.authority.id,
        before: { amountCents: original },
        after: { amountCents, reasons, reversalId: reversal.id, replacementId: replacement?.id ?? null },
      });
      return this.list(tx, entry.contract_id);
    });
  }

  /**
   * The worker: late fines run by themselves for each day of delay of a dated deliverable, without
   * notice (RD 14 Jan 2013 art. 46), once it is delivered: the clause in force on the deadline
   * gives the rate, the value and the cap. Each late delivery is fined once, however many workers run.
   */
  async fineLateDeliveries(ctx: RequestContext = RequestContext.system()): Promise<number> {
    const late = await this.db.query<LateDelivery>(
      ctx,
      `WITH late AS (
         SELECT 'report' AS subject, o.id AS subject_id, o.contract_id, o.due_date AS deadline, r.first_submitted_on AS delivered_on
           FROM reports r JOIN report_obligations o ON o.id = r.obligation_id WHERE r.first_submitted_on > o.due_date
         UNION ALL
         SELECT 'action', x.id, p.contract_id, x.due_date, x.done_on
           FROM plan_actions x JOIN action_plans p ON p.id = x.plan_id WHERE x.done_on > x.due_date
         UNION ALL
         SELECT 'action_plan', f.id, f.contract_id, f.plan_due_date, min(p.submitted_on)
           FROM findings f JOIN action_plan_findings pf ON pf.finding_id = f.id JOIN action_plans p ON p.id = pf.plan_id
          WHERE f.plan_due_date IS NOT NULL AND p.submitted_on IS NOT NULL GROUP BY f.id HAVING min(p.submitted_on) > f.plan_due_date
         UNION ALL
         SELECT 'assessment', a.id, a.contract_id, a.due_date, (min(v.submitted_at) AT TIME ZONE c.time_zone)::date
           FROM assessments a JOIN contracts c ON c.id = a.contract_id JOIN assessment_revisions v ON v.assessment_id = a.id
          WHERE v.submitted_at IS NOT NULL GROUP BY a.id, c.time_zone HAVING (min(v.submitted_at) AT TIME ZONE c.time_zone)::date > a.due_date)
       SELECT l.subject, l.subject_id, l.contract_id, c.authority_id, c.supplier_id, c.currency, l.deadline::text, l.delivered_on::text
         FROM late l JOIN contracts c ON c.id = l.contract_id
        WHERE NOT EXISTS (SELECT 1 FROM penalties p WHERE p.kind = 'late_fine' AND p.outcome = 'automatic' AND p.subject = l.subject AND p.subject_id = l.subject_id AND p.missed_deadline = l.deadline)
        ORDER BY l.contract_id, l.deadline`,
    );
    let fined = 0;
    // Each contract's clause versions are read once per run, not once per late delivery.
    const versionsOf = new Map<string, ClauseVersion[]>();
    for (const delivery of late) {
      if (!versionsOf.has(delivery.contract_id)) versionsOf.set(delivery.contract_id, await this.clauses.versions(ctx, delivery.contract_id));
      const clause = inForceOn(versionsOf.get(delivery.contract_id)!, delivery.deadline);
      const clauseId = clause?.id ?? null;
      const terms = clause?.terms ?? DEFAULT_CLAUSE_TERMS;
      if (!terms.lateFines) continue;
      const daysLate = daysFrom(delivery.deadline, delivery.delivered_on);
      const fine = computeLateFine(terms.lateFines, delivery.subject, daysLate);
      if (!fine) continue;
      fined += await this.db.transaction(ctx, async (tx) => {
        const now = this.clock.now();
        const [row] = await this.db.query<{ id: string }>(
          tx,
          `INSERT INTO penalties (contract_id, authority_id, supplier_id, kind, outcome, amount_cents, computed_cents, currency, subject, subject_id, missed_deadline, calculation, decided_on, decided_at)
           VALUES ($1, $2, $3, 'late_fine', 'automatic', $4, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (subject, subject_id, missed_deadline) WHERE kind = 'late_fine' AND outcome = 'automatic' DO NOTHING RETURNING id`,
          [delivery.contract_id, delivery.authority_id, delivery.supplier_id, fine.amountCents, delivery.currency, delivery.subject, delivery.subject_id, delivery.deadline, JSON.stringify({ ...fine, clauseId, deadline: delivery.deadline, deliveredOn: delivery.delivered_on }), delivery.delivered_on, now],
        );
        if (!row) return 0;
        await this.audit.record(tx, { action: 'penalty.late_fine', entityType: 'penalty', entityId: row.id, organisationId: delivery.authority_id, after: { ...fine, subject: delivery.subject, subjectId: delivery.subject_id, deadline: delivery.deadline } });
        return 1;
      });
    }
    return fined;
  }
}

function toEntry(r: EntryRow): LedgerEntry {
  return {
    id: r.id,
    contractId: r.contract_id,
    kind: r.kind,
    outcome: r.outcome,
    amountCents: Number(r.amount_cents),
    computedCents: Number(r.computed_cents),
    currency: r.currency,
    defaultId: r.default_id,
    settlementId: r.settlement_id,
    subject: r.subject,
    subjectId: r.subject_id,
    missedDeadline: r.missed_deadline,
    calculation: r.calculation,
    reasons: r.reasons,
    reversesId: r.reverses_id,
    reversedBy: r.reversed_by,
    decidedOn: r.decided_on,
    decidedAt: r.decided_at.toISOString(),
  };
}
