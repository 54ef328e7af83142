import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Database, RequestContext } from '@ddp/core';
import { GenerateResult, ReportObligationsService } from '@ddp/monitoring';
import { apiAs, comparableProblem, createActor, createContract, createTestApp, deliveredMails, ensureRegistration, fullTerms, TestActor, TestApp } from '@ddp/testing';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** AUDITED_SITES: percent, higher is better, target 90, amber from 75; OPEN_GRIEVANCES: count, lower is better, target 0. */
const KPIS = (fullTerms().reporting as { kpis: unknown[] }).kpis;

interface Obligation {
  id: string;
  clauseId: string;
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  state: string;
  reportId: string | null;
  daysLate: number | null;
  late: boolean;
}

describe('periodic reports: obligations, reports and their review', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let auditor: TestActor;
  let stranger: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    auditor = await createActor(t, 'audit_body', 'admin');
    // The supplier of another contract of the same buyer.
    stranger = await createActor(t, 'supplier', 'admin');
    await createContract(t, buyer, stranger);
  });
  afterAll(() => t.close());

  const api = apiAs(() => t);
  const terms = (reporting: Record<string, unknown> = {}) => fullTerms({ reporting: { frequency: 'quarterly', dueDays: 30, kpis: KPIS, ...reporting } });

  async function contractWithClause(reporting: Record<string, unknown> = {}): Promise<string> {
    const { id } = await createContract(t, buyer, supplier);
    await api(buyer).put(`/contracts/${id}/clause`, { terms: terms(reporting) }).expect(200);
    return id;
  }

  async function obligationsOf(contractId: string, actor = supplier): Promise<Obligation[]> {
    return (await api(actor).get(`/contracts/${contractId}/report-obligations`).expect(200)).body as Obligation[];
  }

  async function draftFor(contractId: string, periodStart: string): Promise<{ id: string; version: number }> {
    const obligation = (await obligationsOf(contractId)).find((o) => o.periodStart === periodStart)!;
    const created = await api(supplier).post('/reports', { obligationId: obligation.id }).expect(201);
    return { id: created.body.id, version: created.body.version };
  }

  async function rowCount(sql: string, params: unknown[]): Promise<number> {
    return Number((await t.sql.query<{ n: string }>(sql, params)).rows[0].n);
  }

  it('generates the obligations of the whole term when the clause is written, with their state today', async () => {
    t.clock.freeze('2027-04-20T09:00:00Z');
    const contractId = await contractWithClause();
    const obligations = await obligationsOf(contractId);
    expect(obligations).toHaveLength(20);
    expect(obligations[0]).toMatchObject({ periodStart: '2026-01-01', periodEnd: '2026-03-31', dueDate: '2026-04-30', reportId: null, daysLate: null });
    expect(obligations.at(-1)).toMatchObject({ periodStart: '2030-10-01', periodEnd: '2030-12-31', dueDate: '2031-01-30' });
    const byStart = new Map(obligations.map((o) => [o.periodStart, o]));
    expect(byStart.get('2026-10-01')).toMatchObject({ state: 'overdue', late: true });
    expect(byStart.get('2027-01-01')).toMatchObject({ state: 'open', late: false });
    expect(byStart.get('2027-04-01')).toMatchObject({ state: 'upcoming', late: false });
    // The buyer sees the same calendar.
    expect(await obligationsOf(contractId, buyer)).toEqual(obligations);
  });

  it('regenerates on a clause change: past periods stay (even one running past the change), future ones are superseded, never deleted', async () => {
    t.clock.freeze('2027-05-10T09:00:00Z');
    const contractId = await contractWithClause();
    const before = await obligationsOf(contractId);
    const changed = await api(buyer)
      .put(`/contracts/${contractId}/clause`, { effectiveFrom: '2027-06-01', terms: terms({ frequency: 'monthly', dueDays: 10 }) }, 1)
      .expect(200);
    const v2 = changed.body.versions.at(-1).id as string;
    const after = await obligationsOf(contractId);
    // Q1 2026 … Q2 2027 kept as they were (Q2 2027 started before 1 June), then months from July 2027.
    expect(after.slice(0, 6)).toEqual(before.slice(0, 6));
    expect(after[5]).toMatchObject({ periodStart: '2027-04-01', periodEnd: '2027-06-30' });
    expect(after[6]).toMatchObject({ periodStart: '2027-07-01', periodEnd: '2027-07-31', dueDate: '2027-08-10', clauseId: v2 });
    expect(after).toHaveLength(6 + 42);
    expect(after.slice(6).every((o) => o.clauseId === v2)).toBe(true);
    expect(await rowCount('SELECT count(*) AS n FROM report_obligations WHERE contract_id = $1 AND superseded_at IS NOT NULL', [contractId])).toBe(14);
    expect(await rowCount('SELECT count(*) AS n FROM report_obligations WHERE contract_id = $1', [contractId])).toBe(20 + 42);
    const audit = await t.sql.query(`SELECT after FROM audit_events WHERE action = 'report_obligations.generated' AND entity_id = $1 AND organisation_id = $2 ORDER BY seq`, [contractId, buyer.organisation.id]);
    expect(audit.rows.map((r) => [r.after.created.length, r.after.superseded.length])).toEqual([
      [20, 0],
      [42, 14],
    ]);
  });

  it('generates each obligation once when two instances reconcile at once, and a second sweep changes nothing', async () => {
    const { id: contractId } = await createContract(t, buyer, supplier);
    // Written behind the service's back: only the reconciliations create obligations.
    const { rows } = await t.sql.query<{ id: string }>(`INSERT INTO contract_clauses (contract_id, version_number, effective_from, terms) VALUES ($1, 1, '2026-01-01', $2) RETURNING id`, [
      contractId,
      JSON.stringify(terms()),
    ]);
    const other = await t.startApi();
    const ctx = RequestContext.system();
    const [a, b] = await Promise.all([t.app.get(ReportObligationsService).generate(ctx, contractId), other.get(ReportObligationsService).generate(ctx, contractId)]);
    expect(a.created + b.created).toBe(20);
    expect(await rowCount('SELECT count(*) AS n FROM report_obligations WHERE contract_id = $1', [contractId])).toBe(20);

    // A second version, reconciled twice at once: each old future period superseded once, each new one created once.
    t.clock.freeze('2027-05-10T09:00:00Z');
    await t.sql.query(`INSERT INTO contract_clauses (contract_id, version_number, effective_from, terms) VALUES ($1, 2, '2028-01-01', $2)`, [contractId, JSON.stringify(terms({ frequency: 'semi_annual' }))]);
    // The first run holds its transaction open while the second reads the same state and then waits on its rows.
    let second: Promise<GenerateResult> | undefined;
    const c = await t.app.get(Database).transaction(ctx, async (tx) => {
      const result = await t.app.get(ReportObligationsService).generate(tx, contractId);
      second = other.get(ReportObligationsService).generate(ctx, contractId);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return result;
    });
    const d = await second!;
    expect([c, d]).toEqual([
      { superseded: 12, created: 6 },
      { superseded: 0, created: 0 },
    ]);
    expect(await rowCount('SELECT count(*) AS n FROM report_obligations WHERE contract_id = $1 AND superseded_at IS NULL', [contractId])).toBe(8 + 6);
    expect(await rowCount('SELECT count(*) AS n FROM report_obligations WHERE contract_id = $1 AND superseded_at IS NULL AND clause_id = $2', [contractId, rows[0].id])).toBe(8);

    // The hourly sweep finds nothing left to do here.
    const sweep = await t.app.get(ReportObligationsService).generateAll(ctx);
    expect(sweep.contracts).toBeGreaterThanOrEqual(1);
    expect(await rowCount('SELECT count(*) AS n FROM report_obligations WHERE contract_id = $1', [contractId])).toBe(20 + 6);
  });

  it('takes a report from draft to a late submission, a return with comments, a resubmission and acceptance', async () => {
    t.clock.freeze('2027-04-20T09:00:00Z');
    const contractId = await contractWithClause({ dueDays: 15 });
    const obligations = await obligationsOf(contractId);
    const q1 = obligations.find((o) => o.periodStart === '2027-01-01')!;
    expect(q1).toMatchObject({ dueDate: '2027-04-15', state: 'overdue', late: true });

    // Not before its period starts.
    const q3 = obligations.find((o) => o.periodStart === '2027-07-01')!;
    expect((await api(supplier).post('/reports', { obligationId: q3.id }).expect(409)).body.code).toBe('invalid_state');

    const created = await api(supplier).post('/reports', { obligationId: q1.id }).expect(201);
    expect(created.headers.etag).toBe(`"${created.body.version}"`);
    expect(created.body).toMatchObject({ status: 'draft', access: 'supplier', periodStart: '2027-01-01', dueDate: '2027-04-15', submissionCount: 0, daysLate: null, late: true, kpiValues: [], results: [] });
    expect(created.body.kpis.map((k: { code: string }) => k.code)).toEqual(['AUDITED_SITES', 'OPEN_GRIEVANCES']);
    const id = created.body.id as string;
    const again = await api(supplier).post('/reports', { obligationId: q1.id }).expect(409);
    expect(again.body.detail).toContain(id);

    const saved = await api(supplier).patch(`/reports/${id}`, { narrative: 'Both tier-1 sites audited in March.', kpiValues: [{ code: 'AUDITED_SITES', value: '92.50', unit: 'percent' }] }).expect(200);
    expect(saved.body.kpiValues).toEqual([{ code: 'AUDITED_SITES', value: '92.5', unit: 'percent' }]);

    const incomplete = await api(supplier).post(`/reports/${id}/submit`).expect(422);
    expect(incomplete.body.code).toBe('report_incomplete');
    expect(incomplete.body.errors.map((e: { field: string }) => e.field)).toEqual(['kpiValues.OPEN_GRIEVANCES']);

    const values = [{ code: 'AUDITED_SITES', value: 92.5 }, { code: 'OPEN_GRIEVANCES', value: 2 }];
    await api(supplier).patch(`/reports/${id}`, { kpiValues: values }, saved.body.version - 1).expect(412);
    const complete = await api(supplier).patch(`/reports/${id}`, { kpiValues: values }, saved.body.version).expect(200);

    // Five days late (due 15 April, submitted 20 April in Brussels).
    const submitted = await api(supplier).post(`/reports/${id}/submit`, undefined, complete.body.version).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submissionCount: 1, daysLate: 5, late: true, firstSubmittedOn: '2027-04-20', firstSubmittedAt: '2027-04-20T09:00:00.000Z' });
    expect(submitted.body.results.map((r: { code: string; colour: string }) => [r.code, r.colour])).toEqual([
      ['AUDITED_SITES', 'green'],
      ['OPEN_GRIEVANCES', 'red'],
    ]);
    expect(submitted.body.submissions).toEqual([expect.objectContaining({ number: 1, daysLate: 5, submittedOn: '2027-04-20', decision: null, narrative: 'Both tier-1 sites audited in March.' })]);
    await api(supplier).patch(`/reports/${id}`, { narrative: 'changed after submission' }).expect(409);
    expect((await obligationsOf(contractId)).find((o) => o.id === q1.id)).toMatchObject({ state: 'submitted', reportId: id, daysLate: 5, late: true });

    await api(buyer).post(`/reports/${id}/return`, {}).expect(400);
    const returned = await api(buyer).post(`/reports/${id}/return`, { comments: 'Grievances: say which sites and what is being done.' }, submitted.body.version).expect(200);
    expect(returned.body).toMatchObject({ status: 'returned' });
    expect(returned.body.submissions[0]).toMatchObject({ decision: 'returned', comments: 'Grievances: say which sites and what is being done.', decidedAt: '2027-04-20T09:00:00.000Z' });
    expect((await obligationsOf(contractId)).find((o) => o.id === q1.id)!.state).toBe('returned');
    await api(buyer).post(`/reports/${id}/accept`, {}).expect(409);

    t.clock.advance({ days: 3 });
    const fixed = await api(supplier).patch(`/reports/${id}`, { narrative: 'Both grievances were closed in April.', kpiValues: [{ code: 'AUDITED_SITES', value: 92.5 }, { code: 'OPEN_GRIEVANCES', value: '0' }] }).expect(200);
    const resubmitted = await api(supplier).post(`/reports/${id}/submit`, undefined, fixed.body.version).expect(200);
    // The report stays as late as its first submission; the second records its own lateness.
    expect(resubmitted.body).toMatchObject({ status: 'submitted', submissionCount: 2, daysLate: 5, firstSubmittedOn: '2027-04-20' });
    expect(resubmitted.body.submissions.map((s: { number: number; daysLate: number; submittedOn: string }) => [s.number, s.daysLate, s.submittedOn])).toEqual([
      [1, 5, '2027-04-20'],
      [2, 8, '2027-04-23'],
    ]);

    const accepted = await api(buyer).post(`/reports/${id}/accept`).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted' });
    expect(accepted.body.results.map((r: { colour: string }) => r.colour)).toEqual(['green', 'green']);
    expect(accepted.body.submissions[1]).toMatchObject({ decision: 'accepted', comments: null });
    expect((await obligationsOf(contractId)).find((o) => o.id === q1.id)).toMatchObject({ state: 'accepted', daysLate: 5, late: true });
    await api(supplier).post(`/reports/${id}/submit`).expect(409);

    // Decided submissions are immutable in the database too.
    await expect(t.sql.query(`UPDATE report_submissions SET comments = 'rewritten' WHERE report_id = $1 AND number = 1`, [id])).rejects.toThrow(/immutable/);

    const list = await api(buyer).get(`/reports?contractId=${contractId}&status=accepted`).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id, status: 'accepted', daysLate: 5 })]);

    const link = /http:\/\/portal\.test\/reports\/([0-9a-f-]{36})/;
    const toBuyer = (await deliveredMails(t, buyer.user.email, link)).filter((m) => m.token === id);
    expect(toBuyer.map((m) => m.subject)).toEqual([expect.stringMatching(/^Periodic report submitted for contract REF-/), expect.stringMatching(/^Periodic report submitted/)]);
    const toSupplier = (await deliveredMails(t, supplier.user.email, link)).filter((m) => m.token === id);
    expect(toSupplier.map((m) => m.subject)).toEqual([expect.stringMatching(/^Periodic report returned/), expect.stringMatching(/^Periodic report accepted/)]);
    expect(toSupplier[0].text).toContain('Grievances: say which sites and what is being done.');

    const actions = await t.sql.query(`SELECT action FROM audit_events WHERE entity_id = $1 AND organisation_id = $2 ORDER BY seq`, [id, supplier.organisation.id]);
    expect(actions.rows.map((r) => r.action)).toEqual([
      'report.created',
      'report.updated',
      'report.updated',
      'report.submitted',
      'report.returned',
      'report.updated',
      'report.submitted',
      'report.accepted',
    ]);
  });

  it('refuses KPI values of the wrong unit or type, unknown codes, excess decimals and negative counts with 422 naming the field, and changes nothing', async () => {
    t.clock.freeze('2027-04-20T09:00:00Z');
    const contractId = await contractWithClause();
    const draft = await draftFor(contractId, '2027-01-01');
    const before = (await api(supplier).patch(`/reports/${draft.id}`, { narrative: 'Draft', kpiValues: [{ code: 'AUDITED_SITES', value: 80 }] }).expect(200)).body;

    const cases: Array<[unknown[], string[]]> = [
      [[{ code: 'AUDITED_SITES', value: '92.5', unit: 'count' }], ['kpiValues.0.unit']],
      [[{ code: 'AUDITED_SITES', value: true }], ['kpiValues.0.value']],
      [[{ code: 'AUDITED_SITES', value: 'ninety' }], ['kpiValues.0.value']],
      [[{ code: 'AUDITED_SITES', value: '1e2' }], ['kpiValues.0.value']],
      [[{ code: 'AUDITED_SITES' }], ['kpiValues.0.value']],
      [[{ code: 'UNKNOWN_KPI', value: 1 }], ['kpiValues.0.code']],
      [[{ code: 'AUDITED_SITES', value: '92.555' }], ['kpiValues.0.value']],
      [[{ code: 'AUDITED_SITES', value: 100.01 }], ['kpiValues.0.value']],
      [[{ code: 'OPEN_GRIEVANCES', value: 1.5 }], ['kpiValues.0.value']],
      [[{ code: 'OPEN_GRIEVANCES', value: -1 }], ['kpiValues.0.value']],
      [[{ code: 'OPEN_GRIEVANCES', value: '-3' }], ['kpiValues.0.value']],
      [[{ code: 'AUDITED_SITES', value: 90 }, { code: 'AUDITED_SITES', value: 91 }], ['kpiValues.1.code']],
      [
        [{ code: 'AUDITED_SITES', value: 95 }, { code: 'NOPE', value: 1 }, { code: 'OPEN_GRIEVANCES', value: 0.5, unit: 'percent' }],
        ['kpiValues.1.code', 'kpiValues.2.unit', 'kpiValues.2.value'],
      ],
    ];
    for (const [kpiValues, fields] of cases) {
      const refused = await api(supplier).patch(`/reports/${draft.id}`, { narrative: 'Must not be saved', kpiValues }).expect(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect({ kpiValues, code: refused.body.code, fields: refused.body.errors.map((e: { field: string }) => e.field) }).toEqual({ kpiValues, code: 'unprocessable', fields });
    }
    expect(
      (await api(supplier).patch(`/reports/${draft.id}`, { kpiValues: [{ code: 'OPEN_GRIEVANCES', value: -1 }] }).expect(422)).body.errors[0].message,
    ).toBe('value must be a whole number between 0 and 1000000000000');

    // Malformed bodies are refused before anything is looked at.
    await api(supplier).patch(`/reports/${draft.id}`, { kpiValues: 'AUDITED_SITES=90' }).expect(400);
    await api(supplier).patch(`/reports/${draft.id}`, { kpiValues: [{ code: 'AUDITED_SITES', value: 90, colour: 'green' }] }).expect(400);
    await api(supplier).patch(`/reports/${draft.id}`, { narrative: 'x'.repeat(20_001) }).expect(400);

    const after = (await api(supplier).get(`/reports/${draft.id}`).expect(200)).body;
    expect(after).toEqual(before);
    expect(after).toMatchObject({ narrative: 'Draft', kpiValues: [{ code: 'AUDITED_SITES', value: '80', unit: 'percent' }] });
    expect(await rowCount(`SELECT count(*) AS n FROM report_submissions WHERE report_id = $1`, [draft.id])).toBe(0);
  });

  it('answers the supplier of another contract exactly as for a missing report or obligation', async () => {
    t.clock.freeze('2027-04-20T09:00:00Z');
    const contractId = await contractWithClause();
    const obligation = (await obligationsOf(contractId)).find((o) => o.periodStart === '2027-01-01')!;
    const draft = await draftFor(contractId, '2027-04-01');
    const missing = randomUUID();

    const pairs: Array<[request.Test, request.Test]> = [
      [api(stranger).get(`/reports/${draft.id}`), api(stranger).get(`/reports/${missing}`)],
      [api(stranger).patch(`/reports/${draft.id}`, { narrative: 'x' }), api(stranger).patch(`/reports/${missing}`, { narrative: 'x' })],
      [api(stranger).post(`/reports/${draft.id}/submit`), api(stranger).post(`/reports/${missing}/submit`)],
      [api(stranger).get(`/reports/${draft.id}/attachments`), api(stranger).get(`/reports/${missing}/attachments`)],
      [api(stranger).post('/reports', { obligationId: obligation.id }), api(stranger).post('/reports', { obligationId: missing })],
      [api(stranger).get(`/contracts/${contractId}/report-obligations`), api(stranger).get(`/contracts/${missing}/report-obligations`)],
    ];
    for (const [theirs, none] of pairs) {
      const [a, b] = [await theirs, await none];
      expect([a.status, b.status]).toEqual([404, 404]);
      expect(comparableProblem(a)).toBe(comparableProblem(b));
    }
    expect((await api(stranger).get(`/reports?contractId=${contractId}`).expect(200)).body.items).toEqual([]);
    expect((await api(stranger).get('/reports').expect(200)).body.items).toEqual([]);
  });

  it('lets an assigned auditor read reports but not write or review them (403)', async () => {
    t.clock.freeze('2027-04-20T09:00:00Z');
    const contractId = await contractWithClause();
    const draft = await draftFor(contractId, '2027-01-01');
    await api(auditor).get(`/reports/${draft.id}`).expect(404);
    await api(buyer).post(`/contracts/${contractId}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);

    expect((await api(auditor).get(`/reports/${draft.id}`).expect(200)).body).toMatchObject({ id: draft.id, access: 'auditor' });
    expect(await obligationsOf(contractId, auditor)).toHaveLength(20);
    expect((await api(auditor).get(`/reports?contractId=${contractId}`).expect(200)).body.items).toHaveLength(1);
    const q2 = (await obligationsOf(contractId)).find((o) => o.periodStart === '2027-04-01')!;
    await api(auditor).post('/reports', { obligationId: q2.id }).expect(403);
    await api(auditor).patch(`/reports/${draft.id}`, { narrative: 'auditor' }).expect(403);
    await api(auditor).post(`/reports/${draft.id}/submit`).expect(403);
    await api(auditor).post(`/reports/${draft.id}/accept`).expect(403);
    await request(t.http).post(`/api/v1/reports/${draft.id}/attachments`).set('authorization', auditor.auth).field('documentDate', '2026-03-01').attach('file', PDF, 'a.pdf').expect(403);
    // Nor does the buyer write the supplier's report, nor the supplier review it.
    await api(buyer).patch(`/reports/${draft.id}`, { narrative: 'buyer' }).expect(403);
    await api(supplier).post(`/reports/${draft.id}/accept`).expect(403);
    await api(buyer).post('/reports', { obligationId: q2.id }).expect(403);
    expect((await api(supplier).get(`/reports/${draft.id}`).expect(200)).body.version).toBe(draft.version);
  });

  it('lists the reports an organisation sees in several ways (authority, framework participant, auditor) in one order, page by page, each once', async () => {
    t.clock.freeze('2027-04-20T09:00:00Z');
    const other = await createActor(t, 'contracting_authority', 'admin');
    const framework = (await createContract(t, buyer, supplier, { isFramework: true })).id;
    await api(buyer).put(`/contracts/${framework}/clause`, { terms: terms() }).expect(200);
    await api(buyer).post(`/contracts/${framework}/participants`, { country: 'BE', registrationNumber: await ensureRegistration(t, other) }).expect(200);
    const own = (await createContract(t, other, supplier)).id;
    await api(other).put(`/contracts/${own}/clause`, { terms: terms() }).expect(200);
    const unrelated = await contractWithClause();
    const body = await createActor(t, 'audit_body', 'admin');
    for (const [contractId, by] of [[framework, buyer], [own, other], [unrelated, buyer]] as const) {
      await api(by).post(`/contracts/${contractId}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, body) }).expect(200);
    }
    // Interleaved, so that every page mixes the ways of seeing them.
    const reports: Record<string, string[]> = { [framework]: [], [own]: [], [unrelated]: [] };
    for (const period of ['2027-01-01', '2027-04-01']) for (const contractId of [framework, own, unrelated]) reports[contractId].push((await draftFor(contractId, period)).id);

    /** Every page of `limit` items, following the cursor: the ids, and those of the single page of everything. */
    const pages = async (actor: TestActor, limit: number) => {
      const ids: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await api(actor).get(`/reports?limit=${limit}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        ids.push(...(page.body.items as Array<{ id: string }>).map((item) => item.id));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      const whole = (await api(actor).get('/reports?limit=100').expect(200)).body.items as Array<{ id: string }>;
      expect(ids).toEqual(whole.map((item) => item.id));
      return ids;
    };
    const newestFirst = async (ids: string[]) =>
      (await t.sql.query<{ id: string }>('SELECT id FROM reports WHERE id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC', [ids])).rows.map((r) => r.id);

    // The participant reads the framework's reports and its own contract's; never the unrelated one.
    const asOther = await pages(other, 1);
    expect(asOther).toEqual(await newestFirst([...reports[framework], ...reports[own]]));
    // The audit body reads the three contracts' reports, then loses one with its assignment.
    expect(await pages(body, 2)).toEqual(await newestFirst(Object.values(reports).flat()));
    await api(buyer).delete(`/contracts/${unrelated}/auditors?organisationId=${body.organisation.id}`).expect(200);
    expect(await pages(body, 2)).toEqual(await newestFirst([...reports[framework], ...reports[own]]));
    // The supplier's pages hold these among its other contracts' reports, each once.
    const asSupplier = await pages(supplier, 3);
    expect(new Set(asSupplier).size).toBe(asSupplier.length);
    expect(asSupplier).toEqual(expect.arrayContaining(Object.values(reports).flat()));
  });

  it('attaches documents to a draft report, lists them and serves them to its readers only', async () => {
    t.clock.freeze('2027-04-20T09:00:00Z');
    const contractId = await contractWithClause();
    const draft = await draftFor(contractId, '2027-01-01');
    const upload = await request(t.http)
      .post(`/api/v1/reports/${draft.id}/attachments`)
      .set('authorization', supplier.auth)
      .field('documentDate', '2026-03-01')
      .attach('file', PDF, { filename: 'audit-summary.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(upload.body).toMatchObject({ fileName: 'audit-summary.pdf', contentType: 'application/pdf', documentDate: '2026-03-01', sizeBytes: PDF.length, questionCode: null });

    const listed = await api(buyer).get(`/reports/${draft.id}/attachments`).expect(200);
    expect(listed.body).toEqual([upload.body]);
    expect((await api(buyer).get(`/reports/${draft.id}`).expect(200)).body.attachments).toEqual([upload.body]);

    const download = await api(buyer).download(upload.body.id).expect(200);
    expect(Buffer.from(download.body as Buffer).equals(PDF)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="audit-summary.pdf"/);
    await api(stranger).download(upload.body.id).expect(404);

    // A document date in the future and a non-document file are refused.
    await request(t.http).post(`/api/v1/reports/${draft.id}/attachments`).set('authorization', supplier.auth).field('documentDate', '2999-01-01').attach('file', PDF, 'a.pdf').expect(400);
    await request(t.http).post(`/api/v1/reports/${draft.id}/attachments`).set('authorization', supplier.auth).field('documentDate', '2026-03-01').attach('file', Buffer.from('plain text'), 'a.pdf').expect(415);

    // Once submitted, the report takes no more attachments.
    const full = await api(supplier).patch(`/reports/${draft.id}`, { kpiValues: [{ code: 'AUDITED_SITES', value: 95 }, { code: 'OPEN_GRIEVANCES', value: 0 }] }).expect(200);
    await api(supplier).post(`/reports/${draft.id}/submit`, undefined, full.body.version).expect(200);
    await request(t.http).post(`/api/v1/reports/${draft.id}/attachments`).set('authorization', supplier.auth).field('documentDate', '2026-03-01').attach('file', PDF, 'late.pdf').expect(409);
    expect((await api(supplier).get(`/reports/${draft.id}/attachments`).expect(200)).body).toHaveLength(1);
  });
});
