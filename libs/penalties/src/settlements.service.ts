import { Injectable } from '@nestjs/common';
import { AuditService, Clock, Database, DomainException, ErrorCode, RequestContext } from '@ddp/core';
import { BonusMalusLine, ClauseTerms, computeBonusMalus, ContractsService, executionVisibleSql, KpiResult, todayIn } from '@ddp/contracts';
import { decidedAmount, DecisionOutcome } from './decision';

export interface Settlement {
  id: string;
  contractId: string;
  reportId: string;
  periodStart: string;
  periodEnd: string;
  /** Positive: a bonus owed to the supplier; negative: a malus owed by it. */
  proposedCents: number;
  currency: string;
  lines: BonusMalusLine[];
  status: 'proposed' | 'decided';
  decision: { outcome: DecisionOutcome; amountCents: number; reasons: string; decidedAt: string; penaltyId: string } | null;
  createdAt: string;
}

export interface SettlementDecision {
  outcome: DecisionOutcome;
  /** For `reduced`: above 0 and below the proposed amount (as a positive number of cents). */
  amountCents?: number;
  reasons: string;
}

interface SettlementRow {
  id: string;
  contract_id: string;
  authority_id: string;
  supplier_id: string;
  report_id: string;
  period_start: string;
  period_end: string;
  proposed_cents: string;
  currency: string;
  lines: BonusMalusLine[];
  status: Settlement['status'];
  created_at: Date;
  penalty_id: string | null;
  outcome: DecisionOutcome | null;
  amount_cents: string | null;
  reasons: string | null;
  decided_at: Date | null;
}

const COLUMNS = `k.id, k.contract_id, k.authority_id, k.supplier_id, k.report_id, o.period_start::text, o.period_end::text, k.proposed_cents::text, c.currency, k.lines, k.status, k.created_at,
  p.id AS penalty_id, p.outcome, p.amount_cents::text, p.reasons, p.decided_at`;
const FROM = `kpi_settlements k JOIN contracts c ON c.id = k.contract_id JOIN reports r ON r.id = k.report_id JOIN report_obligations o ON o.id = r.obligation_id
  LEFT JOIN penalties p ON p.settlement_id = k.id AND p.outcome IN ('applied', 'reduced', 'waived')`;

/**
 * Bonus and malus per reporting period: once a report is accepted, its KPI results against the
 * targets of the clause that set the obligation give a proposal (worker), which the buyer decides
 * like a penalty: applied, reduced or waived, with reasons, into the immutable ledger.
 */
@Injectable()
export class SettlementsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly contracts: ContractsService,
    private readonly clock: Clock,
  ) {}

  /** The worker: one proposal per accepted report whose clause has bonus/malus rules; once, however many workers run. */
  async proposeDue(ctx: RequestContext = RequestContext.system()): Promise<number> {
    const due = await this.db.query<{ report_id: string; contract_id: string; authority_id: string; supplier_id: string; clause_id: string; terms: ClauseTerms; kpi_results: KpiResult[] }>(
      ctx,
      `SELECT r.id AS report_id, r.contract_id, r.authority_id, r.supplier_id, o.clause_id, cc.terms, s.kpi_results
         FROM reports r
         JOIN report_obligations o ON o.id = r.obligation_id
         JOIN contract_clauses cc ON cc.id = o.clause_id
         JOIN report_submissions s ON s.report_id = r.id AND s.decision = 'accepted'
        WHERE r.status = 'accepted' AND jsonb_array_length(COALESCE(cc.terms -> 'bonusMalus', '[]')) > 0
          AND NOT EXISTS (SELECT 1 FROM kpi_settlements k WHERE k.report_id = r.id)
        ORDER BY r.contract_id, o.period_start`,
    );
    let proposed = 0;
    for (const report of due) {
      const { lines, totalCents } = computeBonusMalus(report.terms.bonusMalus ?? [], report.kpi_results);
      if (lines.length === 0) continue;
      proposed += await this.db.transaction(ctx, async (tx) => {
        const [row] = await this.db.query<{ id: string }>(
          tx,
          `INSERT INTO kpi_settlements (report_id, contract_id, authority_id, supplier_id, clause_id, proposed_cents, lines, status, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, 'proposed', $8) ON CONFLICT (report_id) DO NOTHING RETURNING id`,
          [report.report_id, report.contract_id, report.authority_id, report.supplier_id, report.clause_id, totalCents, JSON.stringify(lines), this.clock.now()],
        );
        if (!row) return 0;
        await this.audit.record(tx, { action: 'bonus_malus.proposed', entityType: 'kpi_settlement', entityId: row.id, organisationId: report.authority_id, after: { reportId: report.report_id, proposedCents: totalCents, lines } });
        return 1;
      });
    }
    return proposed;
  }

  async list(ctx: RequestContext, contractId: string): Promise<Settlement[]> {
    const contract = await this.contracts.getWithRole(ctx, contractId);
    if (contract.role === 'participant') throw DomainException.notFound();
    const rows = await this.db.query<SettlementRow>(
      ctx,
      // The supplier sees decided settlements only: a proposal is the buyer's working paper.
      `SELECT ${COLUMNS} FROM ${FROM} WHERE k.contract_id = $1 AND ${executionVisibleSql('c', '$2')} AND (c.supplier_id <> $2 OR k.status = 'decided')
        ORDER BY o.period_start DESC, k.id`,
      [contractId, ctx.requiredActor.organisationId],
    );
    return rows.map(toSettlement);
  }

  async decide(ctx: RequestContext, id: string, input: SettlementDecision): Promise<Settlement> {
    return this.db.transaction(ctx, async (tx) => {
      const [found] = await this.db.query<SettlementRow>(tx, `SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1 AND ${executionVisibleSql('c', '$2')} AND (c.supplier_id <> $2 OR k.status = 'decided')`, [id, tx.requiredActor.organisationId]);
      if (!found) throw DomainException.notFound();
      const contract = await this.contracts.requireRole(tx, found.contract_id, ['authority'], true);
      const [row] = await this.db.query<SettlementRow>(tx, `SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1 FOR UPDATE OF k`, [id]);
      if (row.status === 'decided') throw new DomainException(ErrorCode.InvalidState, 'The bonus/malus has been decided already; correct its ledger entry instead');
      const proposed = Number(row.proposed_cents);
      const magnitude = Math.abs(proposed);
      const amount = decidedAmount(input.outcome, input.amountCents, magnitude);
      const now = this.clock.now();
      const [entry] = await this.db.query<{ id: string }>(
        tx,
        `INSERT INTO penalties (contract_id, authority_id, supplier_id, kind, outcome, amount_cents, computed_cents, currency, settlement_id, calculation, reasons, decided_on, decided_at, decided_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
        [contract.id, contract.authority.id, contract.supplier.id, proposed >= 0 ? 'bonus' : 'malus', input.outcome, amount, magnitude, contract.currency, id, JSON.stringify({ lines: row.lines, proposedCents: proposed }), input.reasons, todayIn(contract.timeZone, now), now, tx.requiredActor.userId],
      );
      await this.db.query(tx, `UPDATE kpi_settlements SET status = 'decided' WHERE id = $1`, [id]);
      await this.audit.record(tx, { action: 'bonus_malus.decided', entityType: 'kpi_settlement', entityId: id, organisationId: contract.authority.id, after: { outcome: input.outcome, amountCents: amount, proposedCents: proposed, reasons: input.reasons, penaltyId: entry.id } });
      const [after] = await this.db.query<SettlementRow>(tx, `SELECT ${COLUMNS} FROM ${FROM} WHERE k.id = $1`, [id]);
      return toSettlement(after);
    });
  }
}

function toSettlement(r: SettlementRow): Settlement {
  return {
    id: r.id,
    contractId: r.contract_id,
    reportId: r.report_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    proposedCents: Number(r.proposed_cents),
    currency: r.currency,
    lines: r.lines,
    status: r.status,
    decision:
      r.penalty_id && r.outcome && r.decided_at
        ? { outcome: r.outcome, amountCents: Number(r.amount_cents), reasons: r.reasons ?? '', decidedAt: r.decided_at.toISOString(), penaltyId: r.penalty_id }
        : null,
    createdAt: r.created_at.toISOString(),
  };
}
