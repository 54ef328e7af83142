import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AuditService, Clock, Database, isDatabaseUnavailable, RequestContext } from '@ddp/core';
import { ClauseService, ContractsService, daysFrom, todayIn } from '@ddp/contracts';
import { planObligations } from './obligation-plan';
import { ObligationState, ObligationView, ReportStatus } from './report.types';

interface ObligationRow {
  id: string;
  contract_id: string;
  clause_id: string;
  period_start: string;
  period_end: string;
  due_date: string;
  report_id: string | null;
  report_status: ReportStatus | null;
  days_late: number | null;
}

export interface GenerateResult {
  created: number;
  superseded: number;
}

/** Contracts reconciled per batch by the hourly sweep (each in its own transaction). */
const SWEEP_BATCH = 200;

/**
 * The reporting calendar of each contract as rows: one obligation per period its clause versions
 * call for, reconciled at every clause change and by the worker's hourly sweep. Obligations are
 * never deleted: those a later version replaces are marked superseded, and any with a report stays.
 */
@Injectable()
export class ReportObligationsService implements OnModuleInit {
  private readonly logger = new Logger(ReportObligationsService.name);

  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly clauses: ClauseService,
    private readonly contracts: ContractsService,
  ) {}

  onModuleInit(): void {
    // In the transaction that writes the clause version: the calendar changes with it or not at all.
    this.clauses.onChange((tx, contract) => this.generate(tx, contract.id).then(() => undefined));
  }

  /**
   * Reconciles the contract's obligations with its clause versions (see `planObligations`).
   * Idempotent; two runs at once have the effect of one: a superseding update skips rows another
   * run marked, and inserts that meet another run's rows on the (contract, period start) unique
   * index do nothing. Joins the transaction open on `ctx`, if any.
   */
  async generate(ctx: RequestContext, contractId: string): Promise<GenerateResult> {
    return this.db.transaction(ctx, async (tx) => {
      const [contract] = await this.db.query<{ authority_id: string; supplier_id: string; start_date: string; end_date: string }>(
        tx,
        `SELECT authority_id, supplier_id, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM contracts WHERE id = $1`,
        [contractId],
      );
      if (!contract) return { created: 0, superseded: 0 };
      const versions = await this.clauses.versions(tx, contractId);
      const existing = await this.db.query<{ id: string; clause_id: string; period_start: string; period_end: string; has_report: boolean }>(
        tx,
        `SELECT o.id, o.clause_id, to_char(o.period_start, 'YYYY-MM-DD') AS period_start, to_char(o.period_end, 'YYYY-MM-DD') AS period_end,
           EXISTS (SELECT 1 FROM reports r WHERE r.obligation_id = o.id) AS has_report
         FROM report_obligations o WHERE o.contract_id = $1 AND o.superseded_at IS NULL ORDER BY o.period_start`,
        [contractId],
      );
      const plan = planObligations(
        { startDate: contract.start_date, endDate: contract.end_date },
        versions,
        existing.map((o) => ({ id: o.id, clauseId: o.clause_id, periodStart: o.period_start, periodEnd: o.period_end, hasReport: o.has_report })),
      );

      let superseded: Array<{ id: string; period_start: string }> = [];
      if (plan.supersede.length > 0) {
        // Lock first, then decide in a new statement: it sees a report committed while we waited.
        await this.db.query(tx, `SELECT id FROM report_obligations WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [plan.supersede]);
        superseded = await this.db.query(
          tx,
          // (A CTE: TypeORM answers a bare UPDATE … RETURNING as [rows, count].)
          `WITH u AS (
             UPDATE report_obligations o SET superseded_at = $2 WHERE o.id = ANY($1::uuid[]) AND o.superseded_at IS NULL AND NOT EXISTS (SELECT 1 FROM reports r WHERE r.obligation_id = o.id)
             RETURNING o.id, o.period_start)
           SELECT id, to_char(period_start, 'YYYY-MM-DD') AS period_start FROM u ORDER BY period_start`,
          [plan.supersede, this.clock.now()],
        );
      }
      let created: Array<{ id: string; period_start: string; period_end: string; due_date: string }> = [];
      if (plan.create.length > 0) {
        created = await this.db.query(
          tx,
          `INSERT INTO report_obligations (contract_id, authority_id, supplier_id, clause_id, period_start, period_end, due_date)
           SELECT $1, $2, $3, t.clause_id, t.period_start, t.period_end, t.due_date
             FROM unnest($4::uuid[], $5::date[], $6::date[], $7::date[]) AS t(clause_id, period_start, period_end, due_date)
           ON CONFLICT (contract_id, period_start) WHERE superseded_at IS NULL DO NOTHING
           RETURNING id, to_char(period_start, 'YYYY-MM-DD') AS period_start, to_char(period_end, 'YYYY-MM-DD') AS period_end, to_char(due_date, 'YYYY-MM-DD') AS due_date`,
          [
            contractId,
            contract.authority_id,
            contract.supplier_id,
            plan.create.map((p) => p.clauseId),
            plan.create.map((p) => p.periodStart),
            plan.create.map((p) => p.periodEnd),
            plan.create.map((p) => p.dueDate),
          ],
        );
      }
      if (created.length + superseded.length > 0) {
        const entry = {
          action: 'report_obligations.generated',
          entityType: 'contract',
          entityId: contractId,
          after: {
            created: created.map((o) => ({ id: o.id, periodStart: o.period_start, periodEnd: o.period_end, dueDate: o.due_date })),
            superseded: superseded.map((o) => ({ id: o.id, periodStart: o.period_start })),
          },
        };
        await this.audit.record(tx, { ...entry, organisationId: contract.authority_id });
        await this.audit.record(tx, { ...entry, organisationId: contract.supplier_id });
      }
      return { created: created.length, superseded: superseded.length };
    });
  }

  /**
   * The worker's hourly sweep: every active contract with a reporting clause, by batches of
   * contracts, each in its own transaction. A contract that fails is logged and skipped (the next
   * sweep retries it); a database outage stops the sweep.
   */
  async generateAll(ctx: RequestContext): Promise<GenerateResult & { contracts: number }> {
    const total = { contracts: 0, created: 0, superseded: 0 };
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const batch = await this.db.query<{ id: string }>(
        ctx,
        `SELECT c.id FROM contracts c WHERE c.status = 'active' AND c.id > $1
           AND EXISTS (SELECT 1 FROM contract_clauses k WHERE k.contract_id = c.id AND k.terms ? 'reporting')
         ORDER BY c.id LIMIT $2`,
        [after, SWEEP_BATCH],
      );
      for (const { id } of batch) {
        try {
          const result = await this.generate(ctx, id);
          total.created += result.created;
          total.superseded += result.superseded;
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw error;
          this.logger.error(`report obligations of contract ${id} not generated`, error instanceof Error ? error.stack : undefined);
        }
        total.contracts += 1;
      }
      if (batch.length < SWEEP_BATCH) return total;
      after = batch[batch.length - 1].id;
    }
  }

  /** The contract's obligations (not superseded) in period order, with their state today. */
  async list(ctx: RequestContext, contractId: string): Promise<ObligationView[]> {
    const contract = await this.contracts.getWithRole(ctx, contractId);
    const today = todayIn(contract.timeZone, this.clock.now());
    const rows = await this.db.query<ObligationRow>(
      ctx,
      `SELECT o.id, o.contract_id, o.clause_id, to_char(o.period_start, 'YYYY-MM-DD') AS period_start, to_char(o.period_end, 'YYYY-MM-DD') AS period_end,
         to_char(o.due_date, 'YYYY-MM-DD') AS due_date, r.id AS report_id, r.status AS report_status, r.days_late
       FROM report_obligations o LEFT JOIN reports r ON r.obligation_id = o.id
       WHERE o.contract_id = $1 AND o.superseded_at IS NULL ORDER BY o.period_start`,
      [contractId],
    );
    return rows.map((r) => toObligation(r, today));
  }
}

/** The state of an obligation on `today` (contract time zone). */
export function obligationState(o: { period_end: string; due_date: string; report_status: ReportStatus | null }, today: string): ObligationState {
  if (o.report_status && o.report_status !== 'draft') return o.report_status;
  if (today <= o.period_end) return 'upcoming';
  return today <= o.due_date ? 'open' : 'overdue';
}

function toObligation(r: ObligationRow, today: string): ObligationView {
  const state = obligationState(r, today);
  const submitted = r.days_late !== null;
  return {
    id: r.id,
    contractId: r.contract_id,
    clauseId: r.clause_id,
    periodStart: r.period_start,
    periodEnd: r.period_end,
    dueDate: r.due_date,
    state,
    reportId: r.report_id,
    daysLate: r.days_late,
    late: submitted ? r.days_late! > 0 : daysFrom(r.due_date, today) > 0,
  };
}
