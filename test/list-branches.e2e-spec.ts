import { assessmentVisibleSql } from '@ddp/assessments';
import { contractVisibleSql } from '@ddp/contracts';
import { planVisibleSql } from '@ddp/remediation';
import { apiAs, createActor, createContract, createTestApp, ensureRegistration, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

/**
 * The assessments, findings and action-plans lists read each visibility rule as a union of
 * branches (one per way of seeing a row: supplier, issuer, awarding authority, framework
 * participant, auditor, share). Every reader here sees rows through several branches at once, with
 * ties on the sort key; paging two by two must give exactly the rows the single OR predicate
 * selects, in its order, without a duplicate or a gap.
 */
describe('lists read through visibility branches', () => {
  let t: TestApp;
  let buyer: TestActor;
  let participant: TestActor;
  let otherBuyer: TestActor;
  let supplier: TestActor;
  let secondSupplier: TestActor;
  let auditor: TestActor;
  let framework: string;

  const api = apiAs(() => t);

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    participant = await createActor(t, 'contracting_authority', 'admin');
    otherBuyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    secondSupplier = await createActor(t, 'supplier', 'admin');
    auditor = await createActor(t, 'audit_body', 'admin');

    framework = (await createContract(t, buyer, supplier, { isFramework: true })).id;
    const second = (await createContract(t, buyer, secondSupplier)).id;
    const participantsOwn = (await createContract(t, participant, supplier)).id;
    const othersOwn = (await createContract(t, otherBuyer, supplier)).id;
    await api(buyer).post(`/contracts/${framework}/participants`, { country: 'BE', registrationNumber: await ensureRegistration(t, participant) }).expect(200);
    await api(buyer).post(`/contracts/${framework}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);

    const template = async (by: TestActor) => (await publishedTemplate(t, by, smallDefinition())).id;
    const [buyerTemplate, participantTemplate, otherTemplate] = [await template(buyer), await template(participant), await template(otherBuyer)];
    const issue = (by: TestActor, contractId: string, templateId: string) => api(by).post('/assessments', { contractId, templateId, dueDate: '2099-01-31' }).expect(201);
    // Issued in one transaction: the same issued_at, ordered by id.
    await api(buyer).post('/assessments/bulk', { contractIds: [framework, second], templateId: buyerTemplate, dueDate: '2099-01-31' }).expect(201);
    await issue(buyer, framework, buyerTemplate);
    // The participant issues under the framework: the awarding authority reads it through its contract only.
    await issue(participant, framework, participantTemplate);
    await issue(participant, participantsOwn, participantTemplate);
    await issue(buyer, second, buyerTemplate);
    const shared = (await issue(otherBuyer, othersOwn, otherTemplate)).body.id as string;
    const revoked = (await issue(otherBuyer, othersOwn, otherTemplate)).body.id as string;
    await t.sql.query(`INSERT INTO assessment_shares (assessment_id, authority_id) VALUES ($1, $2)`, [shared, buyer.organisation.id]);
    await t.sql.query(`INSERT INTO assessment_shares (assessment_id, authority_id, revoked_at) VALUES ($1, $2, now())`, [revoked, buyer.organisation.id]);

    const finding = async (by: TestActor, contractId: string) =>
      (await api(by).post('/findings', { contractId, severity: 'high', theme: 'forced_labour', title: 'Identity documents retained at the dormitory' }).expect(201)).body.id as string;
    const frameworkFinding = await finding(buyer, framework);
    await finding(participant, framework); // its authority is the participant's, not the contract's
    await finding(auditor, framework);
    const secondFinding = await finding(buyer, second);
    await finding(participant, participantsOwn);
    await finding(otherBuyer, othersOwn);
    const actions = [{ description: 'Return every retained passport to its holder', owner: 'HR manager', dueDate: '2099-02-15' }];
    await api(supplier).post('/action-plans', { contractId: framework, findingIds: [frameworkFinding], rootCause: 'No written policy', actions }).expect(201);
    await api(secondSupplier).post('/action-plans', { contractId: second, findingIds: [secondFinding], rootCause: 'No written policy', actions }).expect(201);
  });
  afterAll(() => t.close());

  /** Every id of a list, following nextCursor two rows at a time. */
  async function pageThrough(as: TestActor, path: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const separator = path.includes('?') ? '&' : '?';
      const body: { items: Array<{ id: string }>; nextCursor: string | null } = (await api(as).get(`${path}${separator}limit=2${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`).expect(200)).body;
      ids.push(...body.items.map((i) => i.id));
      cursor = body.nextCursor;
    } while (cursor);
    return ids;
  }

  async function expected(sql: string, organisationId: string): Promise<string[]> {
    return (await t.sql.query<{ id: string }>(sql, [organisationId])).rows.map((r) => r.id);
  }

  const readers = () => ({ buyer, participant, otherBuyer, supplier, secondSupplier, auditor });

  it('pages assessments as the single predicate selects them, for every kind of reader', async () => {
    const sql = `SELECT a.id FROM assessments a JOIN contracts c ON c.id = a.contract_id WHERE ${assessmentVisibleSql('a', 'c', '$1')} ORDER BY a.issued_at DESC, a.id DESC`;
    for (const [name, reader] of Object.entries(readers())) {
      const want = await expected(sql, reader.organisation.id);
      expect({ name, ids: await pageThrough(reader, '/assessments') }).toEqual({ name, ids: want });
    }
    // The buyer reads through its own issues, its contract (the participant's issue) and a share.
    expect((await expected(sql, buyer.organisation.id)).length).toBe(6);
  });

  it('pages one contract’s assessments without the ones read through a share alone', async () => {
    const want = (await t.sql.query<{ id: string }>(`SELECT a.id FROM assessments a WHERE a.contract_id = $1 ORDER BY a.issued_at DESC, a.id DESC`, [framework])).rows.map((r) => r.id);
    expect(want.length).toBe(3);
    for (const reader of [buyer, participant, supplier, auditor]) expect(await pageThrough(reader, `/assessments?contractId=${framework}`)).toEqual(want);
    expect(await pageThrough(otherBuyer, `/assessments?contractId=${framework}`)).toEqual([]);
  });

  it('pages findings as the single predicate selects them, for every kind of reader', async () => {
    const sql = `SELECT f.id FROM findings f JOIN contracts c ON c.id = f.contract_id WHERE ${contractVisibleSql('c', '$1')} ORDER BY f.created_at DESC, f.id DESC`;
    for (const [name, reader] of Object.entries(readers())) {
      const want = await expected(sql, reader.organisation.id);
      expect({ name, ids: await pageThrough(reader, '/findings') }).toEqual({ name, ids: want });
    }
    expect((await expected(sql, buyer.organisation.id)).length).toBe(4);
  });

  it('pages action plans as the single predicate selects them, for every kind of reader', async () => {
    const sql = `SELECT p.id FROM action_plans p WHERE ${planVisibleSql('p', '$1')} ORDER BY p.created_at DESC, p.id DESC`;
    for (const [name, reader] of Object.entries(readers())) {
      const want = await expected(sql, reader.organisation.id);
      expect({ name, ids: await pageThrough(reader, '/action-plans') }).toEqual({ name, ids: want });
    }
    expect((await expected(sql, participant.organisation.id)).length).toBe(1);
  });

  it('keeps the parties copied for the branches equal to their source, whoever writes the row', async () => {
    const mismatches = await t.sql.query(`
      SELECT 'assessment' AS kind, a.id FROM assessments a JOIN contracts c ON c.id = a.contract_id WHERE a.contract_authority_id IS DISTINCT FROM c.authority_id
      UNION ALL SELECT 'finding', f.id FROM findings f JOIN contracts c ON c.id = f.contract_id WHERE f.contract_authority_id IS DISTINCT FROM c.authority_id
      UNION ALL SELECT 'action', x.id FROM plan_actions x JOIN action_plans p ON p.id = x.plan_id
                 WHERE (x.authority_id, x.supplier_id) IS DISTINCT FROM (p.authority_id, p.supplier_id)`);
    expect(mismatches.rows).toEqual([]);
    // The plans' pending deadline and the obligations' contract state (migration 1764860500000) likewise.
    const stale = await t.sql.query(`
      SELECT 'plan' AS kind, p.id FROM action_plans p WHERE p.pending_deadline IS DISTINCT FROM plan_pending_deadline(p.id, p.status)
      UNION ALL SELECT 'obligation', o.id FROM report_obligations o JOIN contracts c ON c.id = o.contract_id WHERE o.contract_active <> (c.status = 'active')`);
    expect(stale.rows).toEqual([]);
    expect((await t.sql.query(`SELECT count(*)::int AS n FROM action_plans WHERE pending_deadline IS NOT NULL`)).rows).toEqual([{ n: 2 }]);
    // The participant's issue under the framework is the one whose issuer is not the contract's authority.
    const foreign = await t.sql.query(`SELECT authority_id FROM assessments WHERE contract_id = $1 AND authority_id <> contract_authority_id`, [framework]);
    expect(foreign.rows).toEqual([{ authority_id: participant.organisation.id }]);

    // A row written with a wrong copy gets the source's; the source's party cannot change under its copies.
    const [{ id }] = (
      await t.sql.query<{ id: string }>(
        `INSERT INTO findings (contract_id, authority_id, supplier_id, contract_authority_id, source, severity, theme, title)
         VALUES ($1, $2, $3, $3, 'manual', 'low', 'forced_labour', 'Written straight into the table') RETURNING id`,
        [framework, participant.organisation.id, supplier.organisation.id],
      )
    ).rows;
    expect((await t.sql.query(`SELECT contract_authority_id FROM findings WHERE id = $1`, [id])).rows).toEqual([{ contract_authority_id: buyer.organisation.id }]);
    await t.sql.query(`DELETE FROM findings WHERE id = $1`, [id]);
    await expect(t.sql.query(`UPDATE contracts SET authority_id = $2 WHERE id = $1`, [framework, otherBuyer.organisation.id])).rejects.toMatchObject({ code: '23503' });
    await expect(t.sql.query(`UPDATE action_plans SET supplier_id = $2 WHERE contract_id = $1`, [framework, secondSupplier.organisation.id])).rejects.toMatchObject({ code: '23503' });
  });
});
