import request from 'supertest';
import { daysFrom } from '@ddp/contracts';
import { apiAs, createActor, createContract, createTestApp, ensureRegistration, fullTerms, publishedTemplate, TestActor, TestApp } from '@ddp/testing';

/** 12:00 in Brussels (CEST): every Brussels contract's today is 2027-06-15. */
const NOW = '2027-06-15T10:00:00Z';
const TODAY = '2027-06-15';

type Colour = 'green' | 'amber' | 'red' | 'grey';
type Kinds = { assessments: number; reports: number; actionPlans: number; actions: number };
interface Money {
  currency: string;
  penalties: number;
  lateFines: number;
  bonuses: number;
  maluses: number;
}
interface Summary {
  assessments: { total: number; byStatus: Record<string, number>; byColour: Record<Colour, number>; matrix: Array<{ status: string; colour: Colour; count: number }> };
  openFindings: { high: number; medium: number; low: number };
  overdue: Kinds;
  dueWithin30Days: Kinds;
  reports: { submittedLate: number };
  defaults: { proposed: number; awaitingResponse: number; awaitingDecision: number };
  moneyThisYear: Money[];
  labels: { expiringWithin90Days: number; expired: number };
}
interface ContractSummary extends Summary {
  contractId: string;
  reference: string;
  title: string;
  supplier: { id: string; name: string };
}
interface Dashboard {
  asOf: string;
  overall: Summary;
  contracts: ContractSummary[];
  nextCursor: string | null;
  trend: Array<{ month: string } & Record<Colour, number>>;
}
interface Deadline {
  subject: string;
  subjectId: string;
  contractId: string;
  contractReference: string;
  supplier: { id: string; name: string };
  label: string;
  deadline: string;
  daysLeft: number;
}

const NO_KINDS: Kinds = { assessments: 0, reports: 0, actionPlans: 0, actions: 0 };

/** A summary from the assessment matrix (status, colour, count) and the other figures; byStatus and byColour follow from the matrix. */
function summary(matrix: Array<[string, Colour, number]>, rest: Partial<Omit<Summary, 'assessments'>> = {}): Summary {
  const byStatus: Record<string, number> = {};
  const byColour: Record<Colour, number> = { green: 0, amber: 0, red: 0, grey: 0 };
  for (const [status, colour, count] of matrix) {
    byStatus[status] = (byStatus[status] ?? 0) + count;
    byColour[colour] += count;
  }
  return {
    assessments: { total: matrix.reduce((n, [, , c]) => n + c, 0), byStatus, byColour, matrix: matrix.map(([status, colour, count]) => ({ status, colour, count })) },
    openFindings: { high: 0, medium: 0, low: 0 },
    overdue: NO_KINDS,
    dueWithin30Days: NO_KINDS,
    reports: { submittedLate: 0 },
    defaults: { proposed: 0, awaitingResponse: 0, awaitingDecision: 0 },
    moneyThisYear: [],
    labels: { expiringWithin90Days: 0, expired: 0 },
    ...rest,
  };
}

const money = (currency: string, m: Partial<Omit<Money, 'currency'>>): Money => ({ currency, penalties: 0, lateFines: 0, bonuses: 0, maluses: 0, ...m });

/** The order of the matrix cells and of the currencies is not part of the contract: sort them. */
function normalised<T extends Summary>(s: T): T {
  const key = (m: { status: string; colour: string }) => `${m.status}/${m.colour}`;
  return {
    ...s,
    assessments: { ...s.assessments, matrix: [...s.assessments.matrix].sort((a, b) => key(a).localeCompare(key(b))) },
    moneyThisYear: [...s.moneyThisYear].sort((a, b) => a.currency.localeCompare(b.currency)),
  };
}

/** Every figure of a summary as one flat map (zeros left out), so that summaries can be added up. */
function flat(s: Summary): Map<string, number> {
  const out = new Map<string, number>();
  const add = (k: string, n: number) => n !== 0 && out.set(k, (out.get(k) ?? 0) + n);
  add('assessments.total', s.assessments.total);
  for (const [k, n] of Object.entries(s.assessments.byStatus)) add(`byStatus.${k}`, n);
  for (const [k, n] of Object.entries(s.assessments.byColour)) add(`byColour.${k}`, n);
  for (const m of s.assessments.matrix) add(`matrix.${m.status}.${m.colour}`, m.count);
  for (const group of ['openFindings', 'overdue', 'dueWithin30Days', 'reports', 'defaults', 'labels'] as const) {
    for (const [k, n] of Object.entries(s[group])) add(`${group}.${k}`, n as number);
  }
  for (const m of s.moneyThisYear) for (const k of ['penalties', 'lateFines', 'bonuses', 'maluses'] as const) add(`money.${m.currency}.${k}`, m[k]);
  return out;
}

function sumOf(summaries: Summary[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const s of summaries) for (const [k, n] of flat(s)) total.set(k, (total.get(k) ?? 0) + n);
  for (const [k, n] of total) if (n === 0) total.delete(k);
  return total;
}

/** The last 12 months to June 2027, oldest first, zero-filled, with the given counts. */
function trend(counts: Record<string, Partial<Record<Colour, number>>>): Dashboard['trend'] {
  const months = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02', '2027-03', '2027-04', '2027-05', '2027-06'];
  return months.map((month) => ({ month, green: 0, amber: 0, red: 0, grey: 0, ...counts[month] }));
}

const EMPTY = summary([]);

/**
 * The portfolio dashboard and the deadline list, against figures arranged through the API on a
 * frozen clock (a year of assessments, findings, a plan, reports, defaults, labels), plus ledger
 * rows written in SQL.
 */
describe('the dashboard and the deadline list', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let supplier2: TestActor;
  let buyer2: TestActor;
  let stranger: TestActor;
  let strangerSupplier: TestActor;
  let auditor: TestActor;
  let idleAuditor: TestActor;
  const api = apiAs(() => t);

  /** DASH-1: clause with quarterly reports due 10 days after each quarter; DASH-2: no clause; DASH-3: USD, another supplier. */
  const c = { one: '', two: '', three: '', ny: '', bx: '' };
  const a: Record<string, string> = {};
  const f: Record<string, string> = {};
  const d: Record<string, string> = {};
  const x: Record<string, string> = {};
  let templateId: string;
  /** The obligations of DASH-1 (period start → id, due date). */
  let obligations: Array<{ id: string; periodStart: string; dueDate: string }>;

  const at = (instant: string) => t.clock.freeze(instant);

  /** Issues an assessment with the one-question template; `answer` then `then` move it on. */
  async function assessment(contractId: string, dueDate: string, answer?: 'green' | 'amber' | 'red', then?: 'submit' | 'accept' | 'clarify'): Promise<string> {
    const issued = await api(buyer).post('/assessments', { contractId, templateId, dueDate }).expect(201);
    const id = issued.body.id as string;
    let version = issued.body.version as number;
    if (answer) version = (await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'Q-01', value: answer }] }, version).expect(200)).body.version;
    if (then) {
      const submitted = await api(supplier).post(`/assessments/${id}/submit`, undefined, version).expect(200);
      expect(submitted.body.colour).toBe(answer);
      if (then === 'accept') await api(buyer).post(`/assessments/${id}/review`, { decision: 'accept' }, submitted.body.version).expect(200);
      if (then === 'clarify') {
        await api(buyer).post(`/assessments/${id}/review`, { decision: 'request_clarification', comments: [{ questionCode: 'Q-01', text: 'Please explain.' }] }, submitted.body.version).expect(200);
      }
    }
    return id;
  }

  async function finding(contractId: string, severity: 'high' | 'medium' | 'low', as = buyer): Promise<{ id: string; planDueDate: string | null }> {
    return (await api(as).post('/findings', { contractId, severity, theme: 'forced_labour', title: `A ${severity} finding` }).expect(201)).body;
  }

  async function recordDefault(contractId: string): Promise<string> {
    return (await api(buyer).post('/defaults', { contractId, failing: 'The on-site audit found excessive overtime.' }).expect(201)).body.id;
  }

  async function dashboard(actor: TestActor, query: Record<string, string | number> = {}): Promise<Dashboard> {
    const res = await api(actor).get('/dashboard').query(query).expect(200);
    return res.body as Dashboard;
  }

  async function deadlines(actor: TestActor, query: Record<string, string | number> = {}): Promise<Deadline[]> {
    return (await api(actor).get('/deadlines').query(query).expect(200)).body as Deadline[];
  }

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    supplier2 = await createActor(t, 'supplier', 'admin');
    buyer2 = await createActor(t, 'contracting_authority', 'admin');
    stranger = await createActor(t, 'contracting_authority', 'admin');
    strangerSupplier = await createActor(t, 'supplier', 'admin');
    auditor = await createActor(t, 'audit_body', 'admin');
    idleAuditor = await createActor(t, 'audit_body', 'admin');

    // 20 May 2026: the contracts, the clause, the template, the auditor of DASH-2.
    at('2026-05-20T10:00:00Z');
    c.one = (await createContract(t, buyer, supplier, { reference: 'DASH-1', title: 'Laptops', startDate: '2026-01-01', endDate: '2028-12-31' })).id;
    c.two = (await createContract(t, buyer, supplier, { reference: 'DASH-2', title: 'Screens', startDate: '2026-01-01', endDate: '2028-12-31' })).id;
    c.three = (await createContract(t, buyer, supplier2, { reference: 'DASH-3', title: 'Servers', startDate: '2026-01-01', endDate: '2028-12-31', currency: 'USD' })).id;
    const reporting = { ...(fullTerms().reporting as Record<string, unknown>), dueDays: 10 };
    await api(buyer).put(`/contracts/${c.one}/clause`, { terms: fullTerms({ reporting }) }).expect(200);
    const options = (['green', 'amber', 'red'] as const).map((colour) => ({ value: colour, label: { en: colour }, colour }));
    templateId = (
      await publishedTemplate(t, buyer, {
        languages: ['en'],
        title: { en: 'Dashboard quick scan' },
        scoring: { method: 'worst' },
        sections: [{ code: 'S', title: { en: 'Everything' }, questions: [{ code: 'Q-01', theme: 'forced_labour', type: 'single_choice', required: true, text: { en: 'How are things?' }, options }] }],
      })
    ).id;
    await api(buyer).post(`/contracts/${c.two}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);
    await ensureRegistration(t, idleAuditor);
    // Submitted in May 2026: before the trend's 12 months.
    a.zero = await assessment(c.two, '2026-06-30', 'green', 'accept');

    at('2026-08-10T10:00:00Z');
    a.one = await assessment(c.one, '2026-09-30', 'green', 'accept');

    at('2026-11-20T10:00:00Z');
    // Amber: a medium finding; then back to the supplier, due 1 June 2027 (overdue by NOW).
    a.two = await assessment(c.one, '2027-06-01', 'amber', 'clarify');

    at('2027-03-05T10:00:00Z');
    // Red: a high finding whose plan is due 30 days later (no clause): 2027-04-04, overdue by NOW.
    a.three = await assessment(c.two, '2027-04-30', 'red', 'submit');

    at('2027-05-01T10:00:00Z');
    // A high finding whose plan is submitted and approved: two actions, due 10 June (overdue) and 1 July (within 30 days).
    f.planned = (await finding(c.two, 'high')).id;
    const plan = await api(supplier)
      .post('/action-plans', {
        contractId: c.two,
        findingIds: [f.planned],
        rootCause: 'No overtime policy at the assembly site',
        actions: [
          { description: 'Cap weekly hours at 60', owner: 'Site HR', dueDate: '2027-06-10' },
          { description: 'Train line supervisors', owner: 'Site HR', dueDate: '2027-07-01' },
        ],
      })
      .expect(201);
    const submittedPlan = await api(supplier).post(`/action-plans/${plan.body.id}/submit`, undefined, plan.body.version).expect(200);
    const approved = await api(buyer).post(`/action-plans/${plan.body.id}/approve`, undefined, submittedPlan.body.version).expect(200);
    expect(approved.body.actions.map((y: { status: string }) => y.status)).toEqual(['planned', 'planned']);
    [x.first, x.second] = approved.body.actions.map((y: { id: string }) => y.id);
    // Withdrawn: grey, no deadline.
    const withdrawn = await api(buyer).post('/assessments', { contractId: c.two, templateId, dueDate: '2027-07-31' }).expect(201);
    a.five = withdrawn.body.id;
    await api(buyer).post(`/assessments/${a.five}/withdraw`, undefined, withdrawn.body.version).expect(200);

    at('2027-06-01T10:00:00Z');
    // In progress (amber), due yesterday by NOW.
    a.seven = await assessment(c.two, '2027-06-14', 'amber');
    // buyer2: two contracts with the same supplier, one in New York time, each with an assessment due on 15 June.
    c.ny = (await createContract(t, buyer2, supplier, { reference: 'NY-1', timeZone: 'America/New_York' })).id;
    c.bx = (await createContract(t, buyer2, supplier, { reference: 'BX-1' })).id;
    const template2 = (await publishedTemplate(t, buyer2)).id;
    a.ny = (await api(buyer2).post('/assessments', { contractId: c.ny, templateId: template2, dueDate: '2027-06-15' }).expect(201)).body.id;
    a.bx = (await api(buyer2).post('/assessments', { contractId: c.bx, templateId: template2, dueDate: '2027-06-15' }).expect(201)).body.id;
    await finding(c.bx, 'low', buyer2);

    at('2027-06-15T08:00:00Z');
    a.four = await assessment(c.one, '2027-06-30', 'green', 'submit');

    at(NOW);
    // Issued: due in exactly 30 days (counts as within 30 days) and in 31 days (does not).
    a.six = await assessment(c.one, '2027-07-15');
    a.eight = await assessment(c.one, '2027-07-16');
    // Manual findings: a high one on DASH-1 gets its plan due from the clause (30 days: 2027-07-15).
    const high = await finding(c.one, 'high');
    expect(high.planDueDate).toBe('2027-07-15');
    f.high = high.id;
    await finding(c.one, 'low');
    await finding(c.two, 'medium');
    const auto = (await api(buyer).get('/findings').query({ contractId: c.two, assessmentId: a.three }).expect(200)).body.items;
    expect(auto.map((y: { severity: string; planDueDate: string }) => [y.severity, y.planDueDate])).toEqual([['high', '2027-04-04']]);
    f.red = auto[0].id;

    // The Q1 2026 report, submitted 431 days late; the other past quarters stay overdue.
    obligations = (await api(supplier).get(`/contracts/${c.one}/report-obligations`).expect(200)).body;
    expect(obligations.slice(0, 6).map((o) => [o.periodStart, o.dueDate])).toEqual([
      ['2026-01-01', '2026-04-10'],
      ['2026-04-01', '2026-07-10'],
      ['2026-07-01', '2026-10-10'],
      ['2026-10-01', '2027-01-10'],
      ['2027-01-01', '2027-04-10'],
      ['2027-04-01', '2027-07-10'],
    ]);
    expect(obligations).toHaveLength(12);
    const report = await api(supplier).post('/reports', { obligationId: obligations[0].id }).expect(201);
    const saved = await api(supplier).patch(`/reports/${report.body.id}`, { kpiValues: [{ code: 'AUDITED_SITES', value: '95' }, { code: 'OPEN_GRIEVANCES', value: 0 }] }, report.body.version).expect(200);
    expect((await api(supplier).post(`/reports/${report.body.id}/submit`, undefined, saved.body.version).expect(200)).body.daysLate).toBe(431);

    // Defaults of DASH-1: two proposed, one notified, one answered, one dismissed, one decided and corrected.
    d.proposed1 = await recordDefault(c.one);
    d.proposed2 = await recordDefault(c.one);
    d.notified = await recordDefault(c.one);
    await api(buyer).post(`/defaults/${d.notified}/notice`, {}).expect(200);
    d.answered = await recordDefault(c.one);
    await api(buyer).post(`/defaults/${d.answered}/notice`, {}).expect(200);
    await api(supplier).post(`/defaults/${d.answered}/response`, { text: 'A one-off rush order.' }).expect(200);
    d.dismissed = await recordDefault(c.one);
    await api(buyer).post(`/defaults/${d.dismissed}/dismiss`, { reasons: 'Not a failing after all.' }).expect(200);
    d.decided = await recordDefault(c.one);
    await api(buyer).post(`/defaults/${d.decided}/notice`, {}).expect(200);
    await api(supplier).post(`/defaults/${d.decided}/response`, { text: 'We agree.' }).expect(200);
    await api(buyer).post(`/defaults/${d.decided}/decision`, { outcome: 'applied', reasons: 'Facts admitted.' }).expect(200);
    const ledger = (await api(buyer).get('/penalties').query({ contractId: c.one }).expect(200)).body;
    expect(ledger.items.map((e: { outcome: string; amountCents: number }) => [e.outcome, e.amountCents])).toEqual([['applied', 50_000]]);
    // Corrected to 200.00 EUR: a reversal of -500.00 and a new entry of 200.00, net 200.00.
    await api(buyer).post(`/penalties/${ledger.items[0].id}/correction`, { amountCents: 20_000, reasons: 'Appeal upheld in part.' }).expect(200);

    // Labels of DASH-1 on the boundaries (today and today + 90 count as expiring; yesterday is expired), one expired on DASH-3.
    for (const [contractId, validUntil] of [
      [c.one, TODAY],
      [c.one, '2027-09-13'],
      [c.one, '2027-09-14'],
      [c.one, '2027-06-14'],
      [c.three, '2026-01-01'],
    ]) {
      await api(buyer).post(`/contracts/${contractId}/labels`, { label: 'tco_certified', product: 'ProBook 450', certificateNumber: `NB-${validUntil}`, validUntil }).expect(201);
    }

    // Ledger rows in SQL: the bonus/malus and late-fine flows need a worker and a year of reports, which the
    // contract-year spec runs already; the dashboard only sums the ledger. One row of last year must not count.
    const ledgerRow = async (contractId: string, authority: TestActor, supplierActor: TestActor, kind: string, outcome: string, cents: number, currency: string, decidedOn: string) =>
      t.sql.query(
        `INSERT INTO penalties (contract_id, authority_id, supplier_id, kind, outcome, amount_cents, computed_cents, currency, calculation, decided_on, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, '{}', $8, $8::date + time '12:00')`,
        [contractId, authority.organisation.id, supplierActor.organisation.id, kind, outcome, cents, currency, decidedOn],
      );
    await ledgerRow(c.one, buyer, supplier, 'bonus', 'applied', 7_000, 'EUR', '2027-02-01');
    await ledgerRow(c.one, buyer, supplier, 'penalty', 'applied', 99_999, 'EUR', '2026-12-31');
    await ledgerRow(c.two, buyer, supplier, 'late_fine', 'automatic', 2_500, 'EUR', '2027-01-01');
    await ledgerRow(c.two, buyer, supplier, 'malus', 'reduced', 3_000, 'EUR', '2027-05-31');
    await ledgerRow(c.three, buyer, supplier2, 'penalty', 'applied', 1_234, 'USD', '2027-03-01');
  });
  afterAll(() => t.close());
  beforeEach(() => at(NOW));
  afterEach(() => t.clock.release());

  const expected = (): Record<'one' | 'two' | 'three', Summary> => ({
    one: summary(
      [
        ['accepted', 'green', 1],
        ['clarification_requested', 'amber', 1],
        ['submitted', 'green', 1],
        ['issued', 'grey', 2],
      ],
      {
        openFindings: { high: 1, medium: 1, low: 1 },
        overdue: { assessments: 1, reports: 4, actionPlans: 0, actions: 0 },
        dueWithin30Days: { assessments: 1, reports: 1, actionPlans: 1, actions: 0 },
        reports: { submittedLate: 1 },
        defaults: { proposed: 2, awaitingResponse: 1, awaitingDecision: 1 },
        moneyThisYear: [money('EUR', { penalties: 20_000, bonuses: 7_000 })],
        labels: { expiringWithin90Days: 2, expired: 1 },
      },
    ),
    two: summary(
      [
        ['accepted', 'green', 1],
        ['submitted', 'red', 1],
        ['withdrawn', 'grey', 1],
        ['in_progress', 'amber', 1],
      ],
      {
        openFindings: { high: 2, medium: 1, low: 0 },
        overdue: { assessments: 1, reports: 0, actionPlans: 1, actions: 1 },
        dueWithin30Days: { assessments: 0, reports: 0, actionPlans: 0, actions: 1 },
        moneyThisYear: [money('EUR', { lateFines: 2_500, maluses: 3_000 })],
      },
    ),
    three: summary([], { moneyThisYear: [money('USD', { penalties: 1_234 })], labels: { expiringWithin90Days: 0, expired: 1 } }),
  });

  const overall = (): Summary =>
    summary(
      [
        ['accepted', 'green', 2],
        ['clarification_requested', 'amber', 1],
        ['submitted', 'green', 1],
        ['submitted', 'red', 1],
        ['issued', 'grey', 2],
        ['withdrawn', 'grey', 1],
        ['in_progress', 'amber', 1],
      ],
      {
        openFindings: { high: 3, medium: 2, low: 1 },
        overdue: { assessments: 2, reports: 4, actionPlans: 1, actions: 1 },
        dueWithin30Days: { assessments: 1, reports: 1, actionPlans: 1, actions: 1 },
        reports: { submittedLate: 1 },
        defaults: { proposed: 2, awaitingResponse: 1, awaitingDecision: 1 },
        moneyThisYear: [money('EUR', { penalties: 20_000, lateFines: 2_500, bonuses: 7_000, maluses: 3_000 }), money('USD', { penalties: 1_234 })],
        labels: { expiringWithin90Days: 2, expired: 2 },
      },
    );

  const contractOf = (key: 'one' | 'two' | 'three'): ContractSummary => {
    const meta = {
      one: { reference: 'DASH-1', title: 'Laptops', supplier },
      two: { reference: 'DASH-2', title: 'Screens', supplier },
      three: { reference: 'DASH-3', title: 'Servers', supplier: supplier2 },
    }[key];
    return normalised({ contractId: c[key], reference: meta.reference, title: meta.title, supplier: { id: meta.supplier.organisation.id, name: meta.supplier.organisation.name }, ...expected()[key] });
  };

  describe('GET /dashboard', () => {
    it('gives the buyer the exact figures, overall and per contract, and the 12-month trend', async () => {
      const board = await dashboard(buyer);
      expect(board.asOf).toBe(TODAY);
      expect(normalised(board.overall)).toEqual(normalised(overall()));
      expect(board.contracts.map(normalised)).toEqual([contractOf('one'), contractOf('two'), contractOf('three')]);
      expect(board.nextCursor).toBeNull();
      // a.zero (May 2026) is older than the 12 months; the second revision of a.two is not submitted.
      expect(board.trend).toEqual(trend({ '2026-08': { green: 1 }, '2026-11': { amber: 1 }, '2027-03': { red: 1 }, '2027-06': { green: 1 } }));
      // The per-contract figures add up to the overall ones.
      expect(sumOf(board.contracts)).toEqual(flat(board.overall));
    });

    it('pages the contracts by reference: all pages together are all contracts, the overall figures on every page', async () => {
      for (const limit of [1, 2]) {
        const pages: Dashboard[] = [];
        let after: string | null = null;
        do {
          const page: Dashboard = await dashboard(buyer, after ? { limit, after } : { limit });
          expect(page.contracts.length).toBeLessThanOrEqual(limit);
          pages.push(page);
          after = page.nextCursor;
        } while (after);
        expect(pages).toHaveLength(limit === 1 ? 3 : 2);
        for (const page of pages) {
          expect(normalised(page.overall)).toEqual(normalised(overall()));
          expect(page.trend).toEqual(pages[0].trend);
        }
        const all = pages.flatMap((p) => p.contracts);
        expect(all.map(normalised)).toEqual([contractOf('one'), contractOf('two'), contractOf('three')]);
        expect(sumOf(all)).toEqual(flat(pages[0].overall));
      }
    });

    it('narrows to one contract with contractId (any case)', async () => {
      const board = await dashboard(buyer, { contractId: c.two.toUpperCase() });
      expect(normalised(board.overall)).toEqual(normalised(expected().two));
      expect(board.contracts.map(normalised)).toEqual([contractOf('two')]);
      expect(board.trend).toEqual(trend({ '2027-03': { red: 1 } }));
    });

    it('narrows to one supplier with supplierId (any case): its contracts and their figures only, within what the caller sees', async () => {
      const first = await dashboard(buyer, { supplierId: supplier.organisation.id.toUpperCase() });
      expect(first.contracts.map(normalised)).toEqual([contractOf('one'), contractOf('two')]);
      expect(sumOf(first.contracts)).toEqual(flat(first.overall));
      const second = await dashboard(buyer, { supplierId: supplier2.organisation.id });
      expect(second.contracts.map(normalised)).toEqual([contractOf('three')]);
      expect(normalised(second.overall)).toEqual(normalised(expected().three));
      // The auditor, within its assigned contract; another authority, within its own (none with supplier2).
      expect((await dashboard(auditor, { supplierId: supplier.organisation.id })).contracts.map(normalised)).toEqual([contractOf('two')]);
      expect(await dashboard(auditor, { supplierId: supplier2.organisation.id })).toEqual({ asOf: TODAY, overall: EMPTY, contracts: [], nextCursor: null, trend: trend({}) });
      expect((await dashboard(buyer2, { supplierId: supplier.organisation.id })).contracts.map((y) => y.reference)).toEqual(['BX-1', 'NY-1']);
      expect(await dashboard(buyer2, { supplierId: supplier2.organisation.id })).toEqual({ asOf: TODAY, overall: EMPTY, contracts: [], nextCursor: null, trend: trend({}) });
      // With contractId too: both must hold.
      expect((await dashboard(buyer, { supplierId: supplier2.organisation.id, contractId: c.one })).contracts).toEqual([]);
    });

    it('shows an assigned auditor exactly its contracts, an unassigned one and another authority nothing', async () => {
      const audited = await dashboard(auditor);
      expect(normalised(audited.overall)).toEqual(normalised(expected().two));
      expect(audited.contracts.map(normalised)).toEqual([contractOf('two')]);
      expect(audited.trend).toEqual(trend({ '2027-03': { red: 1 } }));
      // Not its contract: nothing, as if it did not exist.
      const other = await dashboard(auditor, { contractId: c.one });
      expect(other).toEqual({ asOf: TODAY, overall: EMPTY, contracts: [], nextCursor: null, trend: trend({}) });

      for (const actor of [idleAuditor, stranger]) {
        expect(await dashboard(actor)).toEqual({ asOf: TODAY, overall: EMPTY, contracts: [], nextCursor: null, trend: trend({}) });
        expect(await dashboard(actor, { contractId: c.one })).toEqual({ asOf: TODAY, overall: EMPTY, contracts: [], nextCursor: null, trend: trend({}) });
      }
      // Assigned, it sees that contract; revoked, nothing again.
      await api(buyer).post(`/contracts/${c.three}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, idleAuditor) }).expect(200);
      expect((await dashboard(idleAuditor)).contracts.map(normalised)).toEqual([contractOf('three')]);
      await api(buyer).delete(`/contracts/${c.three}/auditors?organisationId=${idleAuditor.organisation.id}`).expect(200);
      expect(await dashboard(idleAuditor)).toEqual({ asOf: TODAY, overall: EMPTY, contracts: [], nextCursor: null, trend: trend({}) });
      // An authority with contracts of its own sees only those, and nothing of another tenant's contract.
      const own = await dashboard(buyer2);
      expect(own.contracts.map((y) => y.reference)).toEqual(['BX-1', 'NY-1']);
      expect(own.overall.openFindings).toEqual({ high: 0, medium: 0, low: 1 });
      expect(own.overall.assessments.total).toBe(2);
      for (const contractId of [c.one, c.two, c.three]) {
        expect(await dashboard(buyer2, { contractId })).toEqual({ asOf: TODAY, overall: EMPTY, contracts: [], nextCursor: null, trend: trend({}) });
      }
    });

    it('refuses suppliers (no permission)', async () => {
      for (const actor of [supplier, supplier2]) {
        const res = await api(actor).get('/dashboard').expect(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('forbidden');
      }
      await request(t.http).get('/api/v1/dashboard').expect(401);
    });

    it('answers bad input with a 400 problem naming the field', async () => {
      for (const [query, field] of [
        [{ limit: 0 }, 'limit'],
        [{ limit: 500 }, 'limit'],
        [{ limit: 'ten' }, 'limit'],
        [{ limit: 1.5 }, 'limit'],
        [{ after: 'garbage' }, 'after'],
        [{ after: Buffer.from('["DASH-1","not-a-uuid"]').toString('base64url') }, 'after'],
        [{ contractId: 'not-a-uuid' }, 'contractId'],
        [{ supplierId: 'not-a-uuid' }, 'supplierId'],
        [{ colour: 'red' }, 'colour'],
      ] as const) {
        const res = await api(buyer).get('/dashboard').query(query).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });

    it('judges each contract’s deadlines in its own time zone (22:30 UTC is already tomorrow in Brussels)', async () => {
      // 12:00 in Brussels, 06:00 in New York: both assessments are due today.
      expect((await dashboard(buyer2)).overall).toMatchObject({ overdue: NO_KINDS, dueWithin30Days: { ...NO_KINDS, assessments: 2 } });
      // 00:30 on 16 June in Brussels, 18:30 on 15 June in New York.
      at('2027-06-15T22:30:00Z');
      const late = await dashboard(buyer2);
      expect(late.asOf).toBe(TODAY);
      expect(late.overall).toMatchObject({ overdue: { ...NO_KINDS, assessments: 1 }, dueWithin30Days: { ...NO_KINDS, assessments: 1 } });
      expect(Object.fromEntries(late.contracts.map((y) => [y.reference, [y.overdue.assessments, y.dueWithin30Days.assessments]]))).toEqual({ 'BX-1': [1, 0], 'NY-1': [0, 1] });
    });
  });

  describe('GET /deadlines', () => {
    /** Every open deadline of the supplier's contracts, as the list must give them at NOW: soonest first, then by subject and id. */
    function supplierDeadlines(): Array<[string, string, string, string]> {
      const rows: Array<[string, string, string, string]> = [
        ['assessment', a.two, c.one, '2027-06-01'],
        ['assessment', a.six, c.one, '2027-07-15'],
        ['assessment', a.eight, c.one, '2027-07-16'],
        ['action_plan', f.high, c.one, '2027-07-15'],
        // The notice was sent today: 15 days to answer.
        ['notice_response', d.notified, c.one, '2027-06-30'],
        ...obligations.slice(1).map((o): [string, string, string, string] => ['report', o.id, c.one, o.dueDate]),
        ['assessment', a.seven, c.two, '2027-06-14'],
        ['action_plan', f.red, c.two, '2027-04-04'],
        ['action', x.first, c.two, '2027-06-10'],
        ['action', x.second, c.two, '2027-07-01'],
        ['assessment', a.ny, c.ny, '2027-06-15'],
        ['assessment', a.bx, c.bx, '2027-06-15'],
      ];
      const key = (r: [string, string, string, string]) => `${r[3]} ${r[0]} ${r[1]}`;
      return rows.sort((p, q) => (key(p) < key(q) ? -1 : key(p) > key(q) ? 1 : 0));
    }
    const shape = (list: Deadline[]) => list.map((y) => [y.subject, y.subjectId, y.contractId, y.deadline]);

    it('lists a supplier’s own open deadlines soonest first, with the days left in the contract’s time zone', async () => {
      const list = await deadlines(supplier);
      expect(shape(list)).toEqual(supplierDeadlines());
      for (const item of list) {
        expect(item.daysLeft).toBe(daysFrom(TODAY, item.deadline));
        expect(item.supplier).toEqual({ id: supplier.organisation.id, name: supplier.organisation.name });
      }
      const byId = new Map(list.map((y) => [y.subjectId, y]));
      expect(byId.get(a.two)).toMatchObject({ daysLeft: -14, contractReference: 'DASH-1', label: 'Dashboard quick scan' });
      expect(byId.get(obligations[5].id)).toMatchObject({ daysLeft: 25, label: '2027-04-01 – 2027-06-30' });
      expect(byId.get(x.first)).toMatchObject({ daysLeft: -5, label: 'Cap weekly hours at 60', contractReference: 'DASH-2' });
      expect(byId.get(d.notified)!.label).toMatch(/^ND-2027-\d{4}$/);
      // The limit keeps the soonest.
      expect(shape(await deadlines(supplier, { limit: 3 }))).toEqual(supplierDeadlines().slice(0, 3));
      // One contract.
      expect(shape(await deadlines(supplier, { contractId: c.two }))).toEqual(supplierDeadlines().filter((r) => r[2] === c.two));
    });

    it('moves the days left at midnight in each contract’s own time zone', async () => {
      // 00:30 on 16 June in Brussels, still 18:30 on 15 June in New York.
      at('2027-06-15T22:30:00Z');
      const list = await deadlines(supplier);
      expect(shape(list)).toEqual(supplierDeadlines());
      for (const item of list) expect(item.daysLeft).toBe(daysFrom(item.contractId === c.ny ? TODAY : '2027-06-16', item.deadline));
      const byId = new Map(list.map((y) => [y.subjectId, y.daysLeft]));
      expect([byId.get(a.ny), byId.get(a.bx), byId.get(a.six)]).toEqual([0, -1, 29]);
      // 21:59:59 UTC is still the 15th in Brussels.
      at('2027-06-15T21:59:59Z');
      expect((await deadlines(supplier, { contractId: c.bx }))[0].daysLeft).toBe(0);
    });

    it('shows a buyer those of its contracts, an auditor those it is assigned to, other tenants none', async () => {
      expect(shape(await deadlines(buyer))).toEqual(supplierDeadlines().filter((r) => r[2] === c.one || r[2] === c.two));
      expect(shape(await deadlines(buyer2))).toEqual(supplierDeadlines().filter((r) => r[2] === c.ny || r[2] === c.bx));
      expect(shape(await deadlines(auditor))).toEqual(supplierDeadlines().filter((r) => r[2] === c.two));
      for (const actor of [stranger, strangerSupplier, supplier2, idleAuditor]) expect(await deadlines(actor)).toEqual([]);
      // Another tenant's contract named explicitly: still nothing.
      expect(await deadlines(stranger, { contractId: c.one })).toEqual([]);
      expect(await deadlines(buyer2, { contractId: c.one })).toEqual([]);
    });

    it('reads the same deadlines as the open_deadlines view, the one definition of "open", for every party', async () => {
      const fromView = async (actor: TestActor) =>
        (
          await t.sql.query(
            `SELECT d.subject, d.subject_id, d.contract_id, d.deadline::text FROM open_deadlines d JOIN contracts c ON c.id = d.contract_id
              WHERE c.status = 'active' AND (d.supplier_id = $1 OR d.authority_id = $1
                 OR EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = c.id AND ca.audit_body_id = $1 AND ca.revoked_at IS NULL))
              ORDER BY d.deadline, d.subject, d.subject_id`,
            [actor.organisation.id],
          )
        ).rows.map((r: { subject: string; subject_id: string; contract_id: string; deadline: string }) => [r.subject, r.subject_id, r.contract_id, r.deadline]);
      for (const actor of [supplier, buyer, buyer2, auditor, idleAuditor]) {
        const expected = await fromView(actor);
        expect(shape(await deadlines(actor, { limit: 500 }))).toEqual(expected);
        expect(shape(await deadlines(actor, { limit: 2 }))).toEqual(expected.slice(0, 2));
      }
    });

    it('leaves out the deadlines of a suspended contract, its report obligations included, until it is active again', async () => {
      const setStatus = async (status: string) => {
        const { version } = (await api(buyer).get(`/contracts/${c.one}`).expect(200)).body as { version: number };
        await api(buyer).patch(`/contracts/${c.one}`, { status }, version).expect(200);
      };
      await setStatus('suspended');
      try {
        expect(shape(await deadlines(buyer, { limit: 500 }))).toEqual(supplierDeadlines().filter((r) => r[2] === c.two));
        expect(shape(await deadlines(supplier, { limit: 500 }))).toEqual(supplierDeadlines().filter((r) => r[2] !== c.one));
        expect((await t.sql.query(`SELECT DISTINCT contract_active FROM report_obligations WHERE contract_id = $1`, [c.one])).rows).toEqual([{ contract_active: false }]);
      } finally {
        await setStatus('active');
      }
      expect(shape(await deadlines(buyer))).toEqual(supplierDeadlines().filter((r) => r[2] === c.one || r[2] === c.two));
    });

    it('answers bad input with a 400 problem naming the field', async () => {
      for (const [query, field] of [
        [{ limit: 0 }, 'limit'],
        [{ limit: 501 }, 'limit'],
        [{ contractId: 'not-a-uuid' }, 'contractId'],
      ] as const) {
        const res = await api(supplier).get('/deadlines').query(query).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
    });
  });
});
