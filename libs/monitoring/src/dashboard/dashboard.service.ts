import { Injectable } from '@nestjs/common';
import { Clock, Database, decodeCursor, encodeCursor, RequestContext } from '@ddp/core';
import { FIGURES, PAGE_SQL, SCOPE } from './dashboard-sql';

const COLOURS = ['green', 'amber', 'red', 'grey'] as const;
type Colour = (typeof COLOURS)[number];

export interface ExecutionSummary {
  assessments: { total: number; byStatus: Record<string, number>; byColour: Record<Colour, number>; matrix: Array<{ status: string; colour: Colour; count: number }> };
  openFindings: { high: number; medium: number; low: number };
  /** Deadlines passed with nothing delivered (contract time zone). */
  overdue: { assessments: number; reports: number; actionPlans: number; actions: number };
  /** Deadlines within the next 30 days. */
  dueWithin30Days: { assessments: number; reports: number; actionPlans: number; actions: number };
  reports: { submittedLate: number };
  defaults: { proposed: number; awaitingResponse: number; awaitingDecision: number };
  /** Entered in the ledger this calendar year, per currency, in integer cents (net of corrections). */
  moneyThisYear: Array<{ currency: string; penalties: number; lateFines: number; bonuses: number; maluses: number }>;
  labels: { expiringWithin90Days: number; expired: number };
}

export interface ContractSummary extends ExecutionSummary {
  contractId: string;
  reference: string;
  title: string;
  supplier: { id: string; name: string };
}

export interface Dashboard {
  /** The day the figures stand at (UTC date; each contract's deadlines are judged in its own time zone). */
  asOf: string;
  overall: ExecutionSummary;
  /** One page of the contracts, by reference. */
  contracts: ContractSummary[];
  nextCursor: string | null;
  /** Submitted assessment revisions per month of the last 12, by overall colour. */
  trend: Array<{ month: string } & Record<Colour, number>>;
}

export interface DashboardQuery {
  contractId?: string;
  /** Only the contracts with this supplier (the drill-down to a supplier). */
  supplierId?: string;
  after?: string;
  limit: number;
}

/**
 * The buyer's portfolio dashboard, computed by aggregates in SQL over indexed columns: one query
 * per figure, grouped so that the overall figure and the page's per-contract figures come from
 * the same scan. Nothing is loaded row by row into JavaScript.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async get(ctx: RequestContext, query: DashboardQuery): Promise<Dashboard> {
    const org = ctx.requiredActor.organisationId;
    const now = this.clock.now();
    const contractId = query.contractId ?? null;
    const supplierId = query.supplierId ?? null;
    const after = query.after ? decodeCursor(query.after, ['text', 'uuid'], 'after') : null;
    const page = await this.db.query<{ id: string; reference: string; title: string; supplier_id: string; supplier_name: string }>(
      ctx,
      `WITH ${SCOPE} ${PAGE_SQL}`,
      [org, contractId, after?.[0] ?? null, now, supplierId, query.limit + 1, after?.[1] ?? null],
    );
    const hasMore = page.length > query.limit;
    const contracts = page.slice(0, query.limit);
    const params = [org, contractId, contracts.map((c) => c.id), now, supplierId];
    // Independent aggregates: on separate pool connections at once.
    const run = <T>(name: keyof typeof FIGURES) => this.db.query<T & { cid: string | null }>(ctx, `WITH ${SCOPE} ${FIGURES[name]}`, params);
    const [assessments, findings, deadlines, late, defaults, money, labels, trend] = await Promise.all([
      run<{ status: string; colour: Colour; n: number }>('assessments'),
      run<{ severity: 'high' | 'medium' | 'low'; n: number }>('findings'),
      run<{ subject: string; overdue: number; soon: number }>('deadlines'),
      run<{ n: number }>('lateReports'),
      run<{ status: string; n: number }>('defaults'),
      run<{ currency: string; kind: string; cents: string }>('money'),
      run<{ expiring: number; expired: number }>('labels'),
      run<{ month: string; colour: Colour; n: number }>('trend'),
    ]);

    const summaries = new Map<string, ExecutionSummary>();
    const of = (cid: string) => {
      let s = summaries.get(cid);
      if (!s) summaries.set(cid, (s = emptySummary()));
      return s;
    };
    const OVERALL = '';
    const both = (cid: string | null, apply: (s: ExecutionSummary) => void) => {
      apply(of(OVERALL));
      if (cid) apply(of(cid));
    };
    for (const r of assessments) both(r.cid, (s) => addAssessment(s, r.status, r.colour, r.n));
    for (const r of findings) both(r.cid, (s) => (s.openFindings[r.severity] += r.n));
    for (const r of deadlines) {
      const key = SUBJECT_KEY[r.subject];
      if (key) both(r.cid, (s) => ((s.overdue[key] += r.overdue), (s.dueWithin30Days[key] += r.soon)));
    }
    for (const r of late) both(r.cid, (s) => (s.reports.submittedLate += r.n));
    for (const r of defaults) {
      both(r.cid, (s) => {
        if (r.status === 'proposed') s.defaults.proposed += r.n;
        else if (r.status === 'notified') s.defaults.awaitingResponse += r.n;
        else s.defaults.awaitingDecision += r.n;
      });
    }
    for (const r of money) both(r.cid, (s) => addMoney(s, r.currency, r.kind, Number(r.cents)));
    for (const r of labels) both(r.cid, (s) => ((s.labels.expiringWithin90Days += r.expiring), (s.labels.expired += r.expired)));

    return {
      asOf: now.toISOString().slice(0, 10),
      overall: of(OVERALL),
      contracts: contracts.map((c) => ({ contractId: c.id, reference: c.reference, title: c.title, supplier: { id: c.supplier_id, name: c.supplier_name }, ...of(c.id) })),
      nextCursor: hasMore ? encodeCursor([contracts.at(-1)!.reference, contracts.at(-1)!.id]) : null,
      trend: monthlyTrend(now, trend),
    };
  }
}

const SUBJECT_KEY: Record<string, keyof ExecutionSummary['overdue'] | undefined> = { assessment: 'assessments', report: 'reports', action_plan: 'actionPlans', action: 'actions' };

function emptySummary(): ExecutionSummary {
  return {
    assessments: { total: 0, byStatus: {}, byColour: { green: 0, amber: 0, red: 0, grey: 0 }, matrix: [] },
    openFindings: { high: 0, medium: 0, low: 0 },
    overdue: { assessments: 0, reports: 0, actionPlans: 0, actions: 0 },
    dueWithin30Days: { assessments: 0, reports: 0, actionPlans: 0, actions: 0 },
    reports: { submittedLate: 0 },
    defaults: { proposed: 0, awaitingResponse: 0, awaitingDecision: 0 },
    moneyThisYear: [],
    labels: { expiringWithin90Days: 0, expired: 0 },
  };
}

function addAssessment(s: ExecutionSummary, status: string, colour: Colour, n: number): void {
  s.assessments.total += n;
  s.assessments.byStatus[status] = (s.assessments.byStatus[status] ?? 0) + n;
  s.assessments.byColour[colour] += n;
  const cell = s.assessments.matrix.find((m) => m.status === status && m.colour === colour);
  if (cell) cell.count += n;
  else s.assessments.matrix.push({ status, colour, count: n });
}

const MONEY_FIELD: Record<string, 'penalties' | 'lateFines' | 'bonuses' | 'maluses'> = { penalty: 'penalties', late_fine: 'lateFines', bonus: 'bonuses', malus: 'maluses' };

function addMoney(s: ExecutionSummary, currency: string, kind: string, cents: number): void {
  let line = s.moneyThisYear.find((m) => m.currency === currency);
  if (!line) s.moneyThisYear.push((line = { currency, penalties: 0, lateFines: 0, bonuses: 0, maluses: 0 }));
  line[MONEY_FIELD[kind]] += cents;
}

/** The last 12 months, oldest first, each with every colour (0 when none). */
function monthlyTrend(now: Date, rows: Array<{ month: string; colour: Colour; n: number }>): Dashboard['trend'] {
  const months: Dashboard['trend'] = [];
  for (let i = 11; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    months.push({ month: d.toISOString().slice(0, 7), green: 0, amber: 0, red: 0, grey: 0 });
  }
  for (const r of rows) {
    const month = months.find((m) => m.month === r.month);
    if (month) month[r.colour] += r.n;
  }
  return months;
}
