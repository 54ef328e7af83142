import { apiAs, comparableProblem, createActor, createContract, createTestApp, ensureRegistration, fullTerms, TestActor, TestApp } from '@ddp/testing';

describe('due-diligence clause', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let auditor: TestActor;
  let stranger: TestActor;
  const as = apiAs(() => t);

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    auditor = await createActor(t, 'audit_body', 'member');
    stranger = await createActor(t, 'contracting_authority', 'admin');
  });
  afterAll(() => t.close());
  afterEach(() => t.clock.release());

  const clauseRows = async (contractId: string) => (await t.sql.query('SELECT version_number, effective_from::text, terms FROM contract_clauses WHERE contract_id = $1 ORDER BY 1', [contractId])).rows;

  it('versions the clause: the first from the contract start, later ones from today on, the past unchanged', async () => {
    t.clock.freeze('2026-05-10T10:00:00Z');
    const contract = await createContract(t, buyer, supplier);
    const empty = await as(buyer).get(`/contracts/${contract.id}/clause`).expect(200);
    expect(empty.body).toEqual({ contractId: contract.id, inForce: null, versions: [] });
    expect(empty.headers.etag).toBe('"0"');

    const first = await as(buyer).put(`/contracts/${contract.id}/clause`, { terms: fullTerms() }, 0).expect(200);
    expect(first.headers.etag).toBe('"1"');
    expect(first.body.inForce).toMatchObject({ versionNumber: 1, effectiveFrom: '2026-01-01' });
    expect(first.body.inForce.terms.penalties).toEqual({ perDefault: { kind: 'fixed', amountCents: 50_000 }, perDay: { amountCents: 5_000, cap: { basisPoints: 100 } }, cumulativeCap: { basisPoints: 1_000 } });

    // A change cannot reach back before today: what applied then stays.
    const backdated = await as(buyer).put(`/contracts/${contract.id}/clause`, { effectiveFrom: '2026-05-09', terms: fullTerms({ noticeResponseDays: 20 }) }).expect(400);
    expect(backdated.body.errors).toEqual([expect.objectContaining({ field: 'effectiveFrom' })]);

    const second = await as(buyer).put(`/contracts/${contract.id}/clause`, { effectiveFrom: '2026-07-01', terms: fullTerms({ noticeResponseDays: 20 }) }, 1).expect(200);
    expect(second.body.versions.map((v: { versionNumber: number; effectiveFrom: string }) => [v.versionNumber, v.effectiveFrom])).toEqual([[1, '2026-01-01'], [2, '2026-07-01']]);
    expect(second.body.inForce.versionNumber).toBe(1); // still May

    t.clock.freeze('2026-07-01T08:00:00Z');
    const july = await as(supplier).get(`/contracts/${contract.id}/clause`).expect(200);
    expect(july.body.inForce).toMatchObject({ versionNumber: 2, terms: expect.objectContaining({ noticeResponseDays: 20 }) });

    // Stale writers are refused, and versions are immutable in the database too.
    await as(buyer).put(`/contracts/${contract.id}/clause`, { effectiveFrom: '2026-08-01', terms: fullTerms() }, 1).expect(412);
    await expect(t.sql.query('UPDATE contract_clauses SET terms = $2 WHERE contract_id = $1', [contract.id, '{}'])).rejects.toThrow(/immutable/);
    expect(await clauseRows(contract.id)).toHaveLength(2);
  });

  it('refuses bad terms naming the field, and changes nothing', async () => {
    const contract = await createContract(t, buyer, supplier);
    const cases: Array<[Record<string, unknown>, string]> = [
      [fullTerms({ penalties: { perDefault: { kind: 'fixed', amountCents: -1 } } }), 'terms.penalties.perDefault.amountCents'],
      [fullTerms({ penalties: { perDefault: { kind: 'fixed', amountCents: 10.5 } } }), 'terms.penalties.perDefault.amountCents'],
      [fullTerms({ penalties: { perDefault: { kind: 'percent', basisPoints: 10, minCents: 500, maxCents: 100 } } }), 'terms.penalties.perDefault.maxCents'],
      [fullTerms({ lateFines: { ratePerDayBasisPoints: 10, capBasisPoints: 20_000, deliverableValueCents: {} } }), 'terms.lateFines.capBasisPoints'],
      [fullTerms({ bonusMalus: [{ kpiCode: 'NOPE', bonusCentsPerUnit: 1, malusCentsPerUnit: 1, capCents: 1 }] }), 'terms.bonusMalus.0.kpiCode'],
      [fullTerms({ reporting: { frequency: 'weekly', dueDays: 30, kpis: [] } }), 'terms.reporting.frequency'],
      [fullTerms({ reporting: { frequency: 'monthly', dueDays: 30, kpis: [{ code: 'X', name: 'x', unit: 'count', direction: 'higher', target: '2.5' }] } }), 'terms.reporting.kpis.0.target'],
      [fullTerms({ noticeResponseDays: 0 }), 'terms.noticeResponseDays'],
      [fullTerms({ organisationId: stranger.organisation.id }), 'terms.organisationId'],
    ];
    for (const [terms, field] of cases) {
      const response = await as(buyer).put(`/contracts/${contract.id}/clause`, { terms: { ...terms, bonusMalus: terms.bonusMalus ?? [] } }).expect(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const notStart = await as(buyer).put(`/contracts/${contract.id}/clause`, { effectiveFrom: '2026-03-01', terms: fullTerms() }).expect(400);
    expect(notStart.body.errors[0]).toMatchObject({ field: 'effectiveFrom', message: expect.stringMatching(/contract's start/) });
    expect(await clauseRows(contract.id)).toEqual([]);
  });

  it('lets only the awarding authority write it, and hides it from other tenants', async () => {
    const contract = await createContract(t, buyer, supplier);
    await as(buyer).post(`/contracts/${contract.id}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);
    await as(supplier).put(`/contracts/${contract.id}/clause`, { terms: fullTerms() }).expect(403);
    await as(auditor).put(`/contracts/${contract.id}/clause`, { terms: fullTerms() }).expect(403);
    await as(auditor).get(`/contracts/${contract.id}/clause`).expect(200);
    const hidden = await as(stranger).get(`/contracts/${contract.id}/clause`).expect(404);
    const missing = await as(stranger).get(`/contracts/00000000-0000-4000-8000-000000000000/clause`).expect(404);
    expect(comparableProblem(hidden)).toBe(comparableProblem(missing));
    await as(stranger).put(`/contracts/${contract.id}/clause`, { terms: fullTerms() }).expect(404);
    expect(await clauseRows(contract.id)).toEqual([]);
  });
});
