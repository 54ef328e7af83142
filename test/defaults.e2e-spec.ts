import request from 'supertest';
import { apiAs, comparableProblem, createActor, createContract, createTestApp, deliveredMails, ensureRegistration, fullTerms, TestActor, TestApp } from '@ddp/testing';
import { MailDispatchJob } from '../apps/worker/src/jobs/mail-dispatch.job';
import { DefaultsJob } from '../apps/worker/src/jobs/execution.jobs';

describe('notices of default and penalties', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let otherSupplier: TestActor;
  let stranger: TestActor;
  const as = apiAs(() => t);

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    otherSupplier = await createActor(t, 'supplier', 'admin');
    stranger = await createActor(t, 'contracting_authority', 'admin');
    await t.sql.query(`UPDATE organisations SET preferred_language = 'fr' WHERE id = $1`, [supplier.organisation.id]);
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.release());

  /** A contract of 1,250,000.00 EUR with the full clause; the clock at 10:00 Brussels time on `today`. */
  async function contractOn(today: string, terms = fullTerms()): Promise<string> {
    t.clock.freeze(`${today}T09:00:00Z`);
    const contract = await createContract(t, buyer, supplier, { startDate: '2026-01-01', endDate: '2028-12-31', valueCents: 125_000_000 });
    await as(buyer).put(`/contracts/${contract.id}/clause`, { terms }).expect(200);
    return contract.id;
  }

  const row = async (id: string) => (await t.sql.query('SELECT status, version, decision FROM defaults WHERE id = $1', [id])).rows[0];
  const ledger = async (contractId: string) => (await t.sql.query('SELECT kind, outcome, amount_cents::int FROM penalties WHERE contract_id = $1 ORDER BY decided_at, id', [contractId])).rows;

  it('runs a recorded default from notice to answer to a reduced penalty, in exact cents', async () => {
    const contractId = await contractOn('2026-03-02');
    const recorded = await as(buyer).post('/defaults', { contractId, failing: 'The audit of 1 March found excessive overtime at the assembly plant.', occurredOn: '2026-03-01' }).expect(201);
    expect(recorded.body).toMatchObject({ status: 'proposed', origin: 'recorded', subject: 'execution_condition', notice: null });
    // A proposal is the buyer's: the supplier cannot see it.
    await as(supplier).get(`/defaults/${recorded.body.id}`).expect(404);

    const notice = await as(buyer).post(`/defaults/${recorded.body.id}/notice`, { remedyDeadline: '2026-03-12' }, recorded.body.version).expect(200);
    expect(notice.body.notice).toMatchObject({ reference: 'ND-2026-0001', article: 'Art. 12.2', remedyDeadline: '2026-03-12', responseDeadline: '2026-03-17', sentOn: '2026-03-02' });
    // The period ends at 23:59:59 on 17 March in Brussels (UTC+1 then): 23:00 UTC.
    expect(notice.body.notice.responsePeriodEndsAt).toBe('2026-03-17T23:00:00.000Z');
    const mails = await deliveredMails(t, supplier.user.email, /\/defaults\/([0-9a-f-]{36})/);
    expect(mails.at(-1)?.subject).toBe(`Procès-verbal de défaut ND-2026-0001 – marché ${notice.body.contractReference}`);

    // Before the period ends and without an answer, no decision.
    t.clock.freeze('2026-03-17T22:59:59Z');
    const early = await as(buyer).post(`/defaults/${recorded.body.id}/decision`, { outcome: 'applied', reasons: 'x' }).expect(409);
    expect(early.body.code).toBe('response_period_open');
    await as(otherSupplier).post(`/defaults/${recorded.body.id}/response`, { text: 'Not ours' }).expect(404);
    const answered = await as(supplier).post(`/defaults/${recorded.body.id}/response`, { text: 'Overtime was caused by a one-off rush order; see our plan.' }).expect(200);
    expect(answered.body).toMatchObject({ status: 'answered', response: { text: expect.stringContaining('rush order') } });
    expect(answered.body.penaltyProposal).toBeUndefined();
    await as(supplier).post(`/defaults/${recorded.body.id}/response`, { text: 'again' }).expect(409);

    // Remedied on 20 March: 8 days after the remedy deadline of 12 March.
    t.clock.freeze('2026-03-25T10:00:00Z');
    const pending = await as(buyer).get(`/defaults/${recorded.body.id}`).expect(200);
    expect(pending.body.penaltyProposal).toMatchObject({ perDefaultCents: 50_000, daysUntilRemedied: 13, perDayCents: 65_000, amountCents: 115_000 });
    const before = await row(recorded.body.id);
    for (const [body, field] of [
      [{ outcome: 'reduced', amountCents: 90_000.5, reasons: 'r' }, 'amountCents'],
      [{ outcome: 'reduced', amountCents: -1, reasons: 'r' }, 'amountCents'],
      [{ outcome: 'reduced', amountCents: 90_000, reasons: 'r', remediedOn: '2026-03-40' }, 'remediedOn'],
      [{ outcome: 'reduced', amountCents: 90_000, reasons: '' }, 'reasons'],
      [{ outcome: 'maybe', reasons: 'r' }, 'outcome'],
    ] as const) {
      const bad = await as(buyer).post(`/defaults/${recorded.body.id}/decision`, body).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const tooMuch = await as(buyer).post(`/defaults/${recorded.body.id}/decision`, { outcome: 'reduced', amountCents: 90_000, reasons: 'r', remediedOn: '2026-03-20' }).expect(400);
    expect(tooMuch.body.errors[0]).toMatchObject({ field: 'amountCents', message: expect.stringContaining('(90000)') });
    expect(await row(recorded.body.id)).toEqual(before);

    // 50,000 + 8 days × 5,000 = 90,000 when remedied on 20 March; the buyer reduces it to 60,000.
    const decided = await as(buyer).post(`/defaults/${recorded.body.id}/decision`, { outcome: 'reduced', amountCents: 60_000, reasons: 'First failing; remedied quickly.', remediedOn: '2026-03-20' }).expect(200);
    expect(decided.body).toMatchObject({ status: 'decided', decision: { outcome: 'reduced', remediedOn: '2026-03-20' } });
    expect(await ledger(contractId)).toEqual([{ kind: 'penalty', outcome: 'reduced', amount_cents: 60_000 }]);
    await as(buyer).post(`/defaults/${recorded.body.id}/decision`, { outcome: 'waived', reasons: 'again' }).expect(409);
    await expect(t.sql.query(`UPDATE defaults SET decision_reasons = 'x' WHERE id = $1`, [recorded.body.id])).rejects.toThrow(/immutable/);
    await expect(t.sql.query(`UPDATE penalties SET amount_cents = 1 WHERE contract_id = $1`, [contractId])).rejects.toThrow(/immutable/);

    // The supplier sees the decided entry; a correction reverses it and enters the new amount.
    const seen = await as(supplier).get(`/penalties?contractId=${contractId}`).expect(200);
    expect(seen.body.totals).toMatchObject({ penalty: 60_000, net: -60_000 });
    const corrected = await as(buyer).post(`/penalties/${seen.body.items[0].id}/correction`, { amountCents: 40_000, reasons: 'Appeal upheld in part.' }).expect(200);
    expect(corrected.body.items.map((e: { outcome: string; amountCents: number }) => [e.outcome, e.amountCents]).sort()).toEqual([['correction', 40_000], ['reduced', 60_000], ['reversal', -60_000]].sort());
    expect(corrected.body.totals.penalty).toBe(40_000);
    await as(buyer).post(`/penalties/${seen.body.items[0].id}/correction`, { amountCents: 0, reasons: 'again' }).expect(409);
    await as(supplier).post(`/penalties/${seen.body.items[0].id}/correction`, { amountCents: 0, reasons: 'mine' }).expect(403);
  });

  it('records silence as the facts acknowledged and then lets the buyer apply the computed penalty', async () => {
    const contractId = await contractOn('2026-04-01');
    const recorded = await as(buyer).post('/defaults', { contractId, failing: 'TCO Certified certificate expired on 31 March.' }).expect(201);
    await as(buyer).post(`/defaults/${recorded.body.id}/notice`, {}).expect(200);
    // Brussels is UTC+2 in April: the period (15 days from 1 April) ends at 2026-04-16T22:00:00Z.
    t.clock.freeze('2026-04-16T21:59:59Z');
    const worker = await t.startWorker();
    await worker.get(DefaultsJob).run();
    expect((await row(recorded.body.id)).status).toBe('notified');
    t.clock.freeze('2026-04-16T22:00:00Z');
    const late = await as(supplier).post(`/defaults/${recorded.body.id}/response`, { text: 'too late' }).expect(409);
    expect(late.body.code).toBe('response_period_ended');
    expect(await worker.get(DefaultsJob).run()).toMatchObject({ acknowledgedBySilence: 1 });
    expect(await worker.get(DefaultsJob).run()).toMatchObject({ acknowledgedBySilence: 0 });
    const acknowledged = await as(buyer).get(`/defaults/${recorded.body.id}`).expect(200);
    expect(acknowledged.body).toMatchObject({ status: 'acknowledged', factsAcknowledgedAt: '2026-04-16T22:00:00.000Z' });
    // Remedy deadline 1 May (30 days), not remedied: decided on 4 May → 3 days × 5,000 + 50,000.
    t.clock.freeze('2026-05-04T08:00:00Z');
    const decided = await as(buyer).post(`/defaults/${recorded.body.id}/decision`, { outcome: 'applied', reasons: 'Facts acknowledged.' }).expect(200);
    expect(decided.body.decision.outcome).toBe('applied');
    expect(await ledger(contractId)).toEqual([{ kind: 'penalty', outcome: 'applied', amount_cents: 65_000 }]);
    await worker.get(MailDispatchJob).tick();
    expect((await deliveredMails(t, supplier.user.email, /\/defaults\/([0-9a-f-]{36})/)).map((m) => m.subject)).toContain(`Décision sur le procès-verbal ${decided.body.notice.reference}`);
  });

  it('lists the defaults an organisation follows in several ways in one order, page by page, each once; the supplier only from the notice on', async () => {
    t.clock.freeze('2026-03-02T09:00:00Z');
    const [otherBuyer, contractor, body] = [await createActor(t, 'contracting_authority', 'admin'), await createActor(t, 'supplier', 'admin'), await createActor(t, 'audit_body', 'admin')];
    const contracts: string[] = [];
    for (const by of [otherBuyer, buyer]) {
      const { id } = await createContract(t, by, contractor, { startDate: '2026-01-01', endDate: '2028-12-31', valueCents: 125_000_000 });
      await as(by).put(`/contracts/${id}/clause`, { terms: fullTerms() }).expect(200);
      await as(by).post(`/contracts/${id}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, body) }).expect(200);
      contracts.push(id);
    }
    // Interleaved: otherBuyer's, buyer's, otherBuyer's, buyer's; the first and the last sent as notices.
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const by = i % 2 === 0 ? otherBuyer : buyer;
      ids.push((await as(by).post('/defaults', { contractId: contracts[i % 2], failing: `Failing ${i}`, occurredOn: '2026-03-01' }).expect(201)).body.id);
    }
    for (const [i, by] of [[0, otherBuyer], [3, buyer]] as const) await as(by).post(`/defaults/${ids[i]}/notice`, {}).expect(200);

    /** Every page of `limit` items, following the cursor; they equal the single page of everything. */
    const pages = async (actor: TestActor, limit: number) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: request.Response = await as(actor).get(`/defaults?limit=${limit}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`).expect(200);
        seen.push(...(page.body.items as Array<{ id: string }>).map((item) => item.id));
        cursor = page.body.nextCursor as string | null;
      } while (cursor);
      expect(seen).toEqual(((await as(actor).get('/defaults?limit=100').expect(200)).body.items as Array<{ id: string }>).map((item) => item.id));
      return seen;
    };
    const newestFirst = async (some: string[]) => (await t.sql.query<{ id: string }>('SELECT id FROM defaults WHERE id = ANY($1::uuid[]) ORDER BY created_at DESC, id DESC', [some])).rows.map((r) => r.id);

    expect(await pages(otherBuyer, 1)).toEqual(await newestFirst([ids[0], ids[2]]));
    expect(await pages(body, 1)).toEqual(await newestFirst(ids));
    expect(await pages(contractor, 1)).toEqual(await newestFirst([ids[0], ids[3]]));
  });

  it('hides defaults from other tenants exactly like missing ones, and checks roles', async () => {
    const contractId = await contractOn('2026-05-01');
    const recorded = await as(buyer).post('/defaults', { contractId, failing: 'Failed audit.' }).expect(201);
    const hidden = await as(stranger).get(`/defaults/${recorded.body.id}`).expect(404);
    const missing = await as(stranger).get('/defaults/00000000-0000-4000-8000-000000000000').expect(404);
    expect(comparableProblem(hidden)).toBe(comparableProblem(missing));
    await as(stranger).post(`/defaults/${recorded.body.id}/notice`, {}).expect(404);
    await as(stranger).post('/defaults', { contractId, failing: 'x' }).expect(404);
    await as(supplier).post('/defaults', { contractId, failing: 'x' }).expect(403);
    await as(supplier).post(`/defaults/${recorded.body.id}/notice`, {}).expect(403);
    expect((await as(stranger).get('/defaults').expect(200)).body.items).toEqual([]);
    expect((await as(supplier).get(`/defaults?contractId=${contractId}`).expect(200)).body.items).toEqual([]);
    await as(stranger).get(`/penalties?contractId=${contractId}`).expect(404);
    expect((await row(recorded.body.id)).status).toBe('proposed');
    const future = await as(buyer).post('/defaults', { contractId, failing: 'x', occurredOn: '2026-05-02' }).expect(400);
    expect(future.body.errors[0].field).toBe('occurredOn');
  });
});
