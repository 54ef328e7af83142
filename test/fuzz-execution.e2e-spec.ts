import fc from 'fast-check';
import request from 'supertest';
import { RequestContext } from '@ddp/core';
import { SettlementsService } from '@ddp/penalties';
import { apiAs, createActor, createContract, createTestApp, ensureRegistration, fullTerms, TestActor, TestApp } from '@ddp/testing';

/** 12:00 in Brussels: the quarters from Q1 2026 to Q3 2027 have started, so their reports may be written. */
const NOW = '2027-07-10T10:00:00Z';
const KPI_VALUES = [
  { code: 'AUDITED_SITES', value: '95' },
  { code: 'OPEN_GRIEVANCES', value: 0 },
];

/** One contract's worth of execution records in every state a write route acts on. */
interface Fixture {
  contractId: string;
  /** Proposed defaults (for the notice and the dismissal), a notified one (response), an answered one (decision). */
  proposed: string;
  proposed2: string;
  notified: string;
  answered: string;
  /** A decided penalty's ledger entry, not corrected. */
  entry: string;
  /** A proposed bonus (an accepted report's settlement). */
  settlement: string;
  /** Obligations that have started and have no report yet. */
  freeObligations: string[];
  /** A draft report; a complete draft; two submitted reports. */
  draft: string;
  complete: string;
  submitted: string;
  submitted2: string;
}

/**
 * Properties: whatever reaches the contract-execution endpoints (clauses, defaults, notices,
 * penalties, bonus/malus, reports, and the lists, dashboard and deadlines), the answer is never a
 * 5xx, every error is problem+json without a stack trace, and a 400 validation problem names its
 * fields. And no write takes a field it does not declare (mass assignment): a valid body with
 * one more such field is a 400 that changes nothing.
 */
describe('fuzzing the contract-execution endpoints', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let auditor: TestActor;
  let stranger: TestActor;
  /** The contract whose clause the fuzzer rewrites (kept apart: a new version regenerates obligations). */
  let clauseContractId: string;
  let fx: Fixture;
  let mx: Fixture;
  const api = apiAs(() => t);

  async function fixture(): Promise<Fixture> {
    const contractId = (await createContract(t, buyer, supplier, { startDate: '2026-01-01', endDate: '2028-12-31' })).id;
    await api(buyer).put(`/contracts/${contractId}/clause`, { terms: fullTerms() }).expect(200);
    await api(buyer).post(`/contracts/${contractId}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);
    const record = async () => (await api(buyer).post('/defaults', { contractId, failing: 'The audit found excessive overtime.' }).expect(201)).body.id as string;
    const [proposed, proposed2, notified, answered, decided] = [await record(), await record(), await record(), await record(), await record()];
    for (const id of [notified, answered, decided]) await api(buyer).post(`/defaults/${id}/notice`, {}).expect(200);
    for (const id of [answered, decided]) await api(supplier).post(`/defaults/${id}/response`, { text: 'We disagree.' }).expect(200);
    await api(buyer).post(`/defaults/${decided}/decision`, { outcome: 'applied', reasons: 'Facts established.' }).expect(200);
    const ledger = (await api(buyer).get('/penalties').query({ contractId }).expect(200)).body;

    const obligations = (await api(supplier).get(`/contracts/${contractId}/report-obligations`).expect(200)).body as Array<{ id: string; periodStart: string }>;
    const started = obligations.filter((o) => o.periodStart <= '2027-07-10');
    expect(started).toHaveLength(7);
    const report = async (obligationId: string, values?: typeof KPI_VALUES, submit = false) => {
      const created = await api(supplier).post('/reports', { obligationId }).expect(201);
      if (!values) return created.body.id as string;
      const saved = await api(supplier).patch(`/reports/${created.body.id}`, { narrative: 'Quarterly report.', kpiValues: values }, created.body.version).expect(200);
      if (submit) await api(supplier).post(`/reports/${created.body.id}/submit`, undefined, saved.body.version).expect(200);
      return created.body.id as string;
    };
    // 95 % audited against a 90 % target: a bonus of 5 × 100.00 EUR once accepted.
    const accepted = await report(started[0].id, KPI_VALUES, true);
    await api(buyer).post(`/reports/${accepted}/accept`).expect(200);
    await t.app.get(SettlementsService).proposeDue(RequestContext.system());
    const settlements = (await api(buyer).get('/bonus-malus').query({ contractId }).expect(200)).body as Array<{ id: string; proposedCents: number; status: string }>;
    expect(settlements.map((s) => [s.proposedCents, s.status])).toEqual([[50_000, 'proposed']]);
    return {
      contractId,
      proposed,
      proposed2,
      notified,
      answered,
      entry: ledger.items[0].id,
      settlement: settlements[0].id,
      draft: await report(started[1].id),
      complete: await report(started[2].id, KPI_VALUES),
      submitted: await report(started[3].id, KPI_VALUES, true),
      submitted2: await report(started[4].id, KPI_VALUES, true),
      freeObligations: started.slice(5).map((o) => o.id),
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.freeze(NOW);
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    auditor = await createActor(t, 'audit_body', 'admin');
    stranger = await createActor(t, 'contracting_authority', 'admin');
    clauseContractId = (await createContract(t, buyer, supplier)).id;
    fx = await fixture();
    mx = await fixture();
  });
  afterAll(async () => {
    t.clock.release();
    await t.close();
  });

  const expectSane = (res: request.Response, route: string): void => {
    if (res.status >= 500) throw new Error(`${route} answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules|QueryFailedError/);
      // A value that got past the DTOs and was refused by the database would be a 400 naming nothing.
      if (res.body.code === 'validation_failed') {
        if (!(Array.isArray(res.body.errors) && res.body.errors.length > 0)) throw new Error(`${route} answered a 400 naming no field: ${JSON.stringify(res.body)}`);
      }
    }
  };

  const scalar = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('', ' ', 'applied', 'reduced', 'waived', 'fixed', 'percent', 'quarterly', 'monthly', 'AUDITED_SITES', 'OPEN_GRIEVANCES', 'count', 'higher', 'lower', '2027-07-10', '2027-07-11', '2026-02-30', '9999-12-31', '0000-01-01', 'EUR', '\u0000', '1e309', '-0', 'x'.repeat(6000)),
    fc.integer(),
    fc.integer({ min: -1, max: 10 }),
    fc.constantFrom(0, -1, 1.5, 2 ** 53, -(2 ** 53), 9_000_000_000_000_001, 1e308),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }));
  const date = fc.oneof(
    fc.constantFrom('2027-07-10', '2027-07-11', '2027-08-31', '2027-02-29', '2028-02-29', '2026-13-01', '2027-7-1', '27-07-10', '2027-07-10T00:00:00Z', '+275760-09-13', ''),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    value,
  );
  const uuid = () => fc.oneof(fc.constantFrom(fx.contractId, fx.contractId.toUpperCase(), mx.contractId, clauseContractId, fx.proposed, '00000000-0000-0000-0000-000000000000'), fc.uuid(), scalar);
  const keys = ['contractId', 'failing', 'occurredOn', 'article', 'remedyDeadline', 'reasons', 'text', 'outcome', 'amountCents', 'remediedOn', 'obligationId', 'narrative', 'kpiValues', 'comments', 'terms', 'effectiveFrom', 'status', 'organisationId', '__proto__'];
  const randomBody = fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );
  /** A near-valid body: each field mostly a good value, sometimes a wrong one, sometimes left out; or a random body. */
  const near = (fields: () => Record<string, [good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>]>) =>
    fc.oneof(
      { weight: 1, arbitrary: randomBody },
      {
        weight: 4,
        // An undefined field is left out by JSON.stringify.
        arbitrary: fc.record(
          Object.fromEntries(Object.entries(fields()).map(([key, [good, bad]]) => [key, fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad }, { weight: 1, arbitrary: fc.constant(undefined) })])),
        ),
      },
    );
  const goodText = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.constantFrom('Remedied on site.', '  padded  ', 'é'.repeat(5000), 'x'.repeat(5001)));
  const goodDate = fc.constantFrom('2027-07-10', '2027-07-09', '2027-06-01', '2027-07-11', '2027-08-31', '2026-01-01', '2025-12-31', '2029-01-01');
  const goodCents = fc.oneof(fc.integer({ min: 0, max: 60_000 }), fc.constantFrom(0, 1, 49_999, 50_000, 50_001, 100_000));
  const goodOutcome = fc.constantFrom('applied', 'reduced', 'waived');

  // Clauses close to valid ones: the full terms with a random part replaced (or removed).
  const CLAUSE_PATHS = [
    'articles', 'articles.report', 'articles.extra', 'reporting', 'reporting.frequency', 'reporting.dueDays', 'reporting.kpis', 'reporting.kpis.0', 'reporting.kpis.0.code', 'reporting.kpis.0.target',
    'reporting.kpis.0.amberThreshold', 'reporting.kpis.1.unit', 'reporting.kpis.1.direction', 'reassessment', 'reassessment.intervalMonths', 'reassessment.responseDays', 'noticeResponseDays',
    'noticeRemedyDays', 'planDeadlineDays', 'penalties', 'penalties.perDefault', 'penalties.perDefault.kind', 'penalties.perDefault.amountCents', 'penalties.perDefault.basisPoints',
    'penalties.perDay.amountCents', 'penalties.perDay.cap', 'penalties.perDay.cap.basisPoints', 'penalties.cumulativeCap.amountCents', 'lateFines', 'lateFines.ratePerDayBasisPoints',
    'lateFines.capBasisPoints', 'lateFines.deliverableValueCents', 'lateFines.deliverableValueCents.report', 'bonusMalus', 'bonusMalus.0', 'bonusMalus.0.kpiCode', 'bonusMalus.0.capCents', 'extra',
  ];
  const clause = fc
    .tuple(
      fc.array(fc.tuple(fc.constantFrom(...CLAUSE_PATHS), fc.option(value, { nil: undefined, freq: 2 })), { maxLength: 3 }),
      fc.option(fc.oneof(fc.constantFrom('2026-01-01', '2027-07-10', '2027-07-11', '2027-10-01'), date), { nil: undefined, freq: 2 }),
    )
    .map(([changes, effectiveFrom]) => {
      const terms = fullTerms();
      for (const [path, v] of changes) {
        const parts = path.split('.');
        let node: unknown = terms;
        for (const part of parts.slice(0, -1)) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
        if (node === null || typeof node !== 'object') continue;
        if (v === undefined) delete (node as Record<string, unknown>)[parts.at(-1)!];
        else (node as Record<string, unknown>)[parts.at(-1)!] = v;
      }
      return effectiveFrom === undefined ? { terms } : { terms, effectiveFrom };
    });
  const kpiValue = fc.record({ code: fc.oneof(fc.constantFrom('AUDITED_SITES', 'OPEN_GRIEVANCES', 'UNKNOWN', ''), scalar), value: scalar, unit: fc.oneof(fc.constantFrom('percent', 'count', 'eur'), scalar) }, { requiredKeys: ['code'] });
  // Lists of values, of anything (nested lists too), or anything.
  const kpiValues = fc.oneof(fc.array(kpiValue, { maxLength: 4 }), fc.array(fc.oneof(kpiValue, value, fc.array(kpiValue, { maxLength: 2 })), { maxLength: 3 }), value);
  const outcome = fc.oneof(fc.constantFrom('applied', 'reduced', 'waived', 'APPLIED', ''), scalar);
  const cents = fc.oneof(fc.integer({ min: -1, max: 60_000 }), fc.constantFrom(0, 1, 49_999, 50_000, 50_001, 2 ** 31, 2 ** 53, 9_000_000_000_000_000, 9_000_000_000_000_001), scalar);

  type Route = { name: string; method: 'post' | 'put' | 'patch'; path: () => string; auth: () => TestActor; gen: () => fc.Arbitrary<unknown>; ifMatch?: () => string };
  const routes: Route[] = [
    { name: 'PUT /contracts/:id/clause', method: 'put', path: () => `/contracts/${clauseContractId}/clause`, auth: () => buyer, gen: () => fc.oneof({ weight: 3, arbitrary: clause }, { weight: 1, arbitrary: randomBody }) },
    { name: 'POST /defaults', method: 'post', path: () => '/defaults', auth: () => buyer, gen: () => near(() => ({ contractId: [fc.constantFrom(fx.contractId, fx.contractId.toUpperCase()), uuid()], failing: [goodText, value], occurredOn: [goodDate, date] })) },
    { name: 'POST /defaults/:id/notice', method: 'post', path: () => `/defaults/${fx.proposed}/notice`, auth: () => buyer, gen: () => near(() => ({ failing: [goodText, value], article: [goodText, value], remedyDeadline: [goodDate, date] })), ifMatch: () => `/defaults/${fx.proposed}` },
    { name: 'POST /defaults/:id/dismiss', method: 'post', path: () => `/defaults/${fx.proposed2}/dismiss`, auth: () => buyer, gen: () => near(() => ({ reasons: [goodText, value] })), ifMatch: () => `/defaults/${fx.proposed2}` },
    { name: 'POST /defaults/:id/response', method: 'post', path: () => `/defaults/${fx.notified}/response`, auth: () => supplier, gen: () => near(() => ({ text: [goodText, value] })), ifMatch: () => `/defaults/${fx.notified}` },
    {
      name: 'POST /defaults/:id/decision',
      method: 'post',
      path: () => `/defaults/${fx.answered}/decision`,
      auth: () => buyer,
      // The penalty today is 500.00 EUR (remedy deadline not passed): applied 50000, reduced below it, waived 0.
      gen: () => near(() => ({ outcome: [goodOutcome, outcome], amountCents: [fc.constantFrom(0, 20_000, 50_000), cents], reasons: [goodText, value], remediedOn: [fc.constantFrom('2027-07-10'), date] })),
      ifMatch: () => `/defaults/${fx.answered}`,
    },
    { name: 'POST /penalties/:id/correction', method: 'post', path: () => `/penalties/${fx.entry}/correction`, auth: () => buyer, gen: () => near(() => ({ amountCents: [goodCents, cents], reasons: [goodText, value] })) },
    { name: 'POST /bonus-malus/:id/decision', method: 'post', path: () => `/bonus-malus/${fx.settlement}/decision`, auth: () => buyer, gen: () => near(() => ({ outcome: [goodOutcome, outcome], amountCents: [goodCents, cents], reasons: [goodText, value] })) },
    { name: 'POST /reports', method: 'post', path: () => '/reports', auth: () => supplier, gen: () => near(() => ({ obligationId: [fc.constantFrom(...fx.freeObligations, fx.freeObligations[0].toUpperCase()), uuid()] })) },
    { name: 'PATCH /reports/:id', method: 'patch', path: () => `/reports/${fx.draft}`, auth: () => supplier, gen: () => near(() => ({ narrative: [goodText, value], kpiValues: [fc.array(kpiValue, { maxLength: 3 }), kpiValues] })), ifMatch: () => `/reports/${fx.draft}` },
    { name: 'POST /reports/:id/submit', method: 'post', path: () => `/reports/${fx.complete}/submit`, auth: () => supplier, gen: () => randomBody, ifMatch: () => `/reports/${fx.complete}` },
    { name: 'POST /reports/:id/accept', method: 'post', path: () => `/reports/${fx.submitted}/accept`, auth: () => buyer, gen: () => near(() => ({ comments: [goodText, value] })), ifMatch: () => `/reports/${fx.submitted}` },
    { name: 'POST /reports/:id/return', method: 'post', path: () => `/reports/${fx.submitted2}/return`, auth: () => buyer, gen: () => near(() => ({ comments: [goodText, value] })), ifMatch: () => `/reports/${fx.submitted2}` },
  ];

  it.each(routes.map((r) => [r.name, r] as const))('%s never answers 5xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(route.gen(), fc.constantFrom<'read' | 'none' | 'stale' | 'junk'>('read', 'read', 'none', 'stale', 'junk'), async (payload, etag) => {
        const call = request(t.http)[route.method](`/api/v1${route.path()}`).set('content-type', 'application/json').set('authorization', route.auth().auth);
        if (route.ifMatch && etag !== 'none') {
          const read = await request(t.http).get(`/api/v1${route.ifMatch()}`).set('authorization', route.auth().auth);
          call.set('if-match', etag === 'read' ? (read.headers.etag ?? '"1"') : etag === 'stale' ? '"0"' : 'W/"x"');
        }
        expectSane(await call.send(JSON.stringify(payload)), route.name);
      }),
      { numRuns: 30 },
    );
  });

  // Found by the property above: nested clause parts left out or sent as arrays passed validation and crashed (500).
  it.each([
    ['no terms', {}, 'terms'],
    ['terms as an array', { terms: [] }, 'terms'],
    ['no articles', { terms: {} }, 'terms.articles'],
    ['articles as an array', { terms: fullTerms({ articles: [] }) }, 'terms.articles'],
    ['reporting as an array', { terms: fullTerms({ reporting: [] }) }, 'terms.reporting'],
    ['a KPI as an array', { terms: fullTerms({ reporting: { frequency: 'quarterly', dueDays: 30, kpis: [[]] } }) }, 'terms.reporting.kpis'],
    ['a bonus/malus rule as an array', { terms: fullTerms({ bonusMalus: [[]] }) }, 'terms.bonusMalus'],
    ['perDay as an array', { terms: fullTerms({ penalties: { perDay: [] } }) }, 'terms.penalties.perDay'],
    ['no deliverable values', { terms: fullTerms({ lateFines: { ratePerDayBasisPoints: 10, capBasisPoints: 750 } }) }, 'terms.lateFines.deliverableValueCents'],
  ])('PUT /contracts/:id/clause refuses a clause with %s (400 naming the field)', async (_name, body, field) => {
    const res = await api(buyer).put(`/contracts/${clauseContractId}/clause`, body);
    expectSane(res, 'PUT /contracts/:id/clause');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('never answers 5xx to any query string on the lists, the dashboard and the deadlines', async () => {
    const cursor = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
      fc.tuple(fc.oneof(fc.string({ maxLength: 10 }), fc.integer()), fc.oneof(fc.uuid(), fc.string({ maxLength: 10 }))).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
      fc.tuple(fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '000Z')), fc.uuid()).map((v) => Buffer.from(JSON.stringify(v)).toString('base64url')),
    );
    const param = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
      fc.constantFrom('0', '1', '200', '201', '500', '501', '-1', '1.5', '1e3', ' 5', 'true', 'proposed', 'notified', 'decided', 'draft', 'submitted', 'penalty', 'late_fine', 'bonus', 'malus', 'approved'),
      fc.uuid(),
      fc.constantFrom(fx.contractId, fx.contractId.toUpperCase(), mx.contractId),
      cursor,
      fc.array(fc.string({ maxLength: 8 }), { minLength: 2, maxLength: 3 }),
    );
    // Often with a real contract: /penalties and /bonus-malus require one.
    const query = fc
      .tuple(fc.dictionary(fc.constantFrom('contractId', 'status', 'after', 'limit', 'kind', 'overdue', 'q', 'x'), param, { maxKeys: 4 }), fc.option(fc.constantFrom(fx.contractId, mx.contractId), { nil: undefined, freq: 2 }))
      .map(([params, contractId]) => (contractId ? { ...params, contractId } : params));
    const path = fc.constantFrom('/defaults', '/penalties', '/bonus-malus', '/reports', '/action-plans', '/dashboard', '/deadlines', `/contracts/${fx.contractId}/report-obligations`);
    const actor = fc.constantFrom(() => buyer, () => supplier, () => auditor, () => stranger);
    await fc.assert(
      fc.asyncProperty(query, path, actor, async (params, p, who) => {
        expectSane(await api(who()).get(p).query(params), `GET ${p}`);
      }),
      { numRuns: 150 },
    );
  });

  it('never answers 5xx to any path segment', async () => {
    const segment = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.uuid(), fc.constantFrom(fx.entry, fx.settlement, fx.draft, fx.proposed, fx.contractId, fx.entry.toUpperCase(), mx.entry, mx.settlement));
    const actor = fc.constantFrom(() => buyer, () => supplier, () => auditor, () => stranger);
    await fc.assert(
      fc.asyncProperty(segment, actor, async (raw, who) => {
        const id = encodeURIComponent(raw);
        const as = api(who());
        for (const p of [`/defaults/${id}`, `/reports/${id}`, `/reports/${id}/attachments`, `/action-plans/${id}`, `/contracts/${id}/clause`, `/contracts/${id}/report-obligations`]) {
          expectSane(await as.get(p), `GET ${p}`);
        }
        // Bodies that would be valid: only the id can be wrong. Written by another authority, so the fixtures stay as they are.
        const writes: Array<[string, object]> = [
          [`/penalties/${id}/correction`, { amountCents: 1, reasons: 'Fuzz.' }],
          [`/bonus-malus/${id}/decision`, { outcome: 'waived', reasons: 'Fuzz.' }],
          [`/defaults/${id}/dismiss`, { reasons: 'Fuzz.' }],
          [`/reports/${id}/return`, { comments: 'Fuzz.' }],
        ];
        for (const [p, body] of writes) expectSane(await api(stranger).post(p, body), `POST ${p}`);
        expectSane(await api(who()).post(`/reports/${id}/submit`), 'POST /reports/:id/submit');
        expectSane(await api(stranger).put(`/contracts/${id}/clause`, { terms: fullTerms() }), 'PUT /contracts/:id/clause');
      }),
      { numRuns: 30 },
    );
  });

  describe('mass assignment', () => {
    const EXTRA = ['organisationId', 'status', 'version', 'createdBy', 'amountCents', 'score'];

    /** A digest of every table these writes touch, and of the audit trail and the outbox. */
    async function checksum(): Promise<string> {
      const tables = ['contract_clauses', 'report_obligations', 'reports', 'report_submissions', 'defaults', 'notice_counters', 'penalties', 'kpi_settlements', 'evidence_files', 'audit_events', 'mail_outbox'];
      const digests = tables.map((table) => `(SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM ${table} x)`);
      return (await t.sql.query(`SELECT concat_ws(',', ${digests.join(', ')}) AS h`)).rows[0].h as string;
    }

    /** Each write and a body it takes: on its own, the body succeeds (checked last). */
    type Write = { name: string; method: 'post' | 'put' | 'patch'; path: () => string; as: () => TestActor; body: () => Record<string, unknown>; fields: string[]; status: number; nested?: string };
    const writes: Write[] = [
      { name: 'PUT /contracts/:id/clause', method: 'put', path: () => `/contracts/${mx.contractId}/clause`, as: () => buyer, body: () => ({ terms: fullTerms({ noticeResponseDays: 20 }) }), fields: EXTRA, status: 200, nested: 'terms' },
      { name: 'POST /defaults', method: 'post', path: () => '/defaults', as: () => buyer, body: () => ({ contractId: mx.contractId, failing: 'Expired label.' }), fields: EXTRA, status: 201 },
      { name: 'POST /defaults/:id/notice', method: 'post', path: () => `/defaults/${mx.proposed}/notice`, as: () => buyer, body: () => ({ remedyDeadline: '2027-08-10' }), fields: EXTRA, status: 200 },
      { name: 'POST /defaults/:id/dismiss', method: 'post', path: () => `/defaults/${mx.proposed2}/dismiss`, as: () => buyer, body: () => ({ reasons: 'Handed in on paper.' }), fields: EXTRA, status: 200 },
      { name: 'POST /defaults/:id/response', method: 'post', path: () => `/defaults/${mx.notified}/response`, as: () => supplier, body: () => ({ text: 'Remedied.' }), fields: EXTRA, status: 200 },
      {
        name: 'POST /defaults/:id/decision',
        method: 'post',
        path: () => `/defaults/${mx.answered}/decision`,
        as: () => buyer,
        body: () => ({ outcome: 'waived', reasons: 'Remedied at once.' }),
        fields: EXTRA.filter((f) => f !== 'amountCents'),
        status: 200,
      },
      { name: 'POST /penalties/:id/correction', method: 'post', path: () => `/penalties/${mx.entry}/correction`, as: () => buyer, body: () => ({ amountCents: 0, reasons: 'Waived on appeal.' }), fields: EXTRA.filter((f) => f !== 'amountCents'), status: 200 },
      {
        name: 'POST /bonus-malus/:id/decision',
        method: 'post',
        path: () => `/bonus-malus/${mx.settlement}/decision`,
        as: () => buyer,
        body: () => ({ outcome: 'applied', reasons: 'Audits verified.' }),
        fields: EXTRA.filter((f) => f !== 'amountCents'),
        status: 200,
      },
      { name: 'POST /reports', method: 'post', path: () => '/reports', as: () => supplier, body: () => ({ obligationId: mx.freeObligations[0] }), fields: EXTRA, status: 201 },
      { name: 'PATCH /reports/:id', method: 'patch', path: () => `/reports/${mx.draft}`, as: () => supplier, body: () => ({ narrative: 'Both sites audited.', kpiValues: KPI_VALUES }), fields: EXTRA, status: 200 },
      { name: 'POST /reports/:id/accept', method: 'post', path: () => `/reports/${mx.submitted}/accept`, as: () => buyer, body: () => ({ comments: 'Complete.' }), fields: EXTRA, status: 200 },
      { name: 'POST /reports/:id/return', method: 'post', path: () => `/reports/${mx.submitted2}/return`, as: () => buyer, body: () => ({ comments: 'Add the audit dates.' }), fields: EXTRA, status: 200 },
    ];
    const extraValue = fc.oneof(fc.uuid(), fc.constantFrom('accepted', 'decided', 'applied', 'draft', 99, 0, -1, 1e9, null, true, '', { $gt: 0 }), fc.integer(), fc.string({ maxLength: 10 }));

    it.each(writes.map((w) => [w.name, w] as const))('%s refuses any undeclared field and changes nothing', async (_name, write) => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...write.fields), extraValue, fc.boolean(), async (field, extra, nested) => {
          const body = write.body();
          const inside = nested && write.nested !== undefined;
          if (inside) (body[write.nested!] as Record<string, unknown>)[field] = extra;
          else body[field] = extra;
          const before = await checksum();
          const res = await api(write.as())[write.method](write.path(), body);
          expect(res.status).toBe(400);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body.code).toBe('validation_failed');
          expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(inside ? `${write.nested}.${field}` : field);
          expect(await checksum()).toBe(before);
        }),
        { numRuns: 10, examples: write.fields.map((field) => [field, 'x', false] as [string, unknown, boolean]) },
      );
    });

    it('takes each of those bodies without the extra field (the records were writable all along)', async () => {
      for (const write of writes) {
        const before = await checksum();
        const res = await api(write.as())[write.method](write.path(), write.body());
        expect({ route: write.name, status: res.status }).toEqual({ route: write.name, status: write.status });
        expect(await checksum()).not.toBe(before);
      }
    });
  });
});
