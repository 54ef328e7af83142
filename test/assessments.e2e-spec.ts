import request from 'supertest';
import { apiAs, comparableProblem, createActor, createContract, createTestApp, deliveredMails, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('assessments: the lifecycle through the API', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let contractId: string;
  let templateId: string;

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    contractId = (await createContract(t, buyer, supplier)).id;
    templateId = (await publishedTemplate(t, buyer, smallDefinition())).id;
  });
  afterAll(() => t.close());

  const api = apiAs(() => t);

  it('issues, answers, scores, submits, reviews and accepts', async () => {
    const issued = await api(buyer).post('/assessments', { contractId, templateId, dueDate: '2099-01-31' }).expect(201);
    expect(issued.body).toMatchObject({ status: 'issued', revision: 1, colour: 'grey', access: 'authority' });
    expect(issued.headers.etag).toBe(`"${issued.body.version}"`);
    const id = issued.body.id as string;

    const seen = await api(supplier).get(`/assessments/${id}`).expect(200);
    expect(seen.body.access).toBe('supplier');

    const saved = await api(supplier)
      .put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'HW-01', value: 65, comment: 'peak season' }] }, seen.body.version)
      .expect(200);
    expect(saved.body.status).toBe('in_progress');
    expect(saved.body.colour).toBe('amber');
    const colours = Object.fromEntries(saved.body.answers.map((a: { questionCode: string; colour: string }) => [a.questionCode, a.colour]));
    expect(colours).toEqual({ 'FL-01': 'green', 'HW-01': 'amber' });

    // The buyer sees exactly the same rating.
    const buyerView = await api(buyer).get(`/assessments/${id}`).expect(200);
    expect(buyerView.body.colour).toBe('amber');
    expect(buyerView.body.sections).toEqual(saved.body.sections);

    // Incomplete: FL-02 unanswered, MS-01 (file) without evidence.
    const incomplete = await api(supplier).post(`/assessments/${id}/submit`, undefined, saved.body.version).expect(422);
    expect(incomplete.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(incomplete.body.code).toBe('assessment_incomplete');
    expect(incomplete.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['answers.FL-02', 'answers.MS-01']);

    const upload = await request(t.http)
      .post(`/api/v1/assessments/${id}/evidence`)
      .set('authorization', supplier.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', '2026-03-01')
      .attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(upload.body).toMatchObject({ questionCode: 'MS-01', contentType: 'application/pdf', documentDate: '2026-03-01', sizeBytes: PDF.length });

    const more = await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-02', value: 'yes' }, { questionCode: 'FL-03', value: 'shared' }] }, saved.body.version).expect(200);
    // The answer to a save is exactly what a read gives afterwards (it is built from memory, not read back).
    expect(more.body).toEqual((await api(supplier).get(`/assessments/${id}`).expect(200)).body);
    const submitted = await api(supplier).post(`/assessments/${id}/submit`, undefined, more.body.version).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', colour: 'amber' });

    const findings = await api(buyer).get(`/findings?assessmentId=${id}`).expect(200);
    expect(findings.body.items.map((f: { questionCode: string; severity: string }) => [f.questionCode, f.severity]).sort()).toEqual([
      ['FL-03', 'medium'],
      ['HW-01', 'medium'],
    ]);

    // Submitted answers are immutable.
    await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'HW-01', value: 40 }] }, submitted.body.version).expect(409);

    const clarification = await api(buyer)
      .post(`/assessments/${id}/review`, { decision: 'request_clarification', comments: [{ questionCode: 'HW-01', text: 'Please attach the overtime records.' }] }, submitted.body.version)
      .expect(200);
    expect(clarification.body).toMatchObject({ status: 'clarification_requested', revision: 2 });
    expect(clarification.body.comments).toHaveLength(1);

    const fixed = await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'HW-01', value: 48 }] }, clarification.body.version).expect(200);
    expect(fixed.body.answers.find((a: { questionCode: string }) => a.questionCode === 'HW-01').colour).toBe('green');
    const resubmitted = await api(supplier).post(`/assessments/${id}/submit`, undefined, fixed.body.version).expect(200);

    // Revision 1 stays as submitted.
    const first = await api(buyer).get(`/assessments/${id}/revisions/1`).expect(200);
    expect(first.body.answers.find((a: { questionCode: string }) => a.questionCode === 'HW-01').value).toBe(65);
    expect(first.body).toMatchObject({ revision: 1, colour: 'amber' });

    const hw = (await api(buyer).get(`/findings?assessmentId=${id}`).expect(200)).body.items.find((f: { questionCode: string }) => f.questionCode === 'HW-01');
    expect(hw.status).toBe('resolved');

    const accepted = await api(buyer).post(`/assessments/${id}/review`, { decision: 'accept' }, resubmitted.body.version).expect(200);
    expect(accepted.body.status).toBe('accepted');

    const evidence = await request(t.http).get(`/api/v1/evidence/${upload.body.id}`).set('authorization', buyer.auth).expect(200);
    expect(evidence.headers['content-disposition']).toMatch(/^attachment; filename="policy.pdf"/);
    expect(Buffer.from(evidence.body as Buffer).equals(PDF)).toBe(true);

    // Each transition was mailed to the other side, with a link to the assessment.
    const link = new RegExp(`http://portal\\.test/assessments/(${id})`);
    const toSupplier = await deliveredMails(t, supplier.user.email, link);
    expect(toSupplier.map((m) => m.subject)).toEqual([
      expect.stringMatching(/^New questionnaire for contract REF-/),
      expect.stringMatching(/^Clarification requested/),
      expect.stringMatching(/^Questionnaire accepted/),
    ]);
    const toBuyer = await deliveredMails(t, buyer.user.email, link);
    expect(toBuyer.map((m) => m.subject)).toEqual([expect.stringMatching(/^Questionnaire submitted/), expect.stringMatching(/^Questionnaire submitted/)]);
  });

  it('answers a stale write with 412 and changes nothing', async () => {
    const issued = await api(buyer).post('/assessments', { contractId, templateId, dueDate: '2099-01-31' }).expect(201);
    const id = issued.body.id as string;
    const v = issued.body.version as number;
    const [a, b] = await Promise.all([
      api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'HW-01', value: 40 }] }, v),
      api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'HW-01', value: 80 }] }, v),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    const winner = a.status === 200 ? 40 : 80;
    const after = await api(supplier).get(`/assessments/${id}`).expect(200);
    expect(after.body.answers.map((x: { value: number }) => x.value)).toEqual([winner]);
    await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'HW-01', value: 50 }] }).expect(428);
  });

  it('pages through assessments issued in one transaction (same timestamp) without skipping any', async () => {
    const others = [contractId, (await createContract(t, buyer, supplier)).id, (await createContract(t, buyer, supplier)).id];
    const bulk = await api(buyer).post('/assessments/bulk', { contractIds: others, templateId, dueDate: '2099-02-28' }).expect(201);
    const ids = new Set(bulk.body.map((a: { id: string }) => a.id));
    const { rows } = await t.sql.query('SELECT count(DISTINCT issued_at)::int AS n FROM assessments WHERE id = ANY($1::uuid[])', [[...ids]]);
    expect(rows[0].n).toBe(1);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: request.Response = await api(buyer).get(`/assessments?limit=1${after ? `&after=${after}` : ''}`).expect(200);
      seen.push(...page.body.items.map((a: { id: string }) => a.id));
      after = page.body.nextCursor;
    } while (after);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
  });

  it('saves without a response body when asked to (Prefer: return=minimal), with the same effect', async () => {
    const issued = await api(buyer).post('/assessments', { contractId, templateId, dueDate: '2099-01-31' }).expect(201);
    const minimal = await api(supplier)
      .put(`/assessments/${issued.body.id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'yes' }, { questionCode: 'HW-01', value: 75 }] }, issued.body.version)
      .set('prefer', 'return=minimal')
      .expect(204);
    expect(minimal.text).toBe('');
    expect(minimal.headers['preference-applied']).toBe('return=minimal');
    const read = await api(supplier).get(`/assessments/${issued.body.id}`).expect(200);
    expect(minimal.headers.etag).toBe(read.headers.etag);
    expect(read.body).toMatchObject({ status: 'in_progress', colour: 'red', redFlags: 1 });
    expect(read.body.answers.map((a: { questionCode: string; colour: string }) => [a.questionCode, a.colour])).toEqual([
      ['FL-01', 'red'],
      ['HW-01', 'red'],
    ]);
    // The buyer may read but not answer (403); another supplier cannot even see it (404, as for a missing id).
    const outsider = await createActor(t, 'supplier', 'admin');
    const body = { answers: [{ questionCode: 'HW-01', value: 40 }] };
    await api(buyer).put(`/assessments/${issued.body.id}/answers`, body, read.body.version).set('prefer', 'return=minimal').expect(403);
    const hidden = await api(outsider).put(`/assessments/${issued.body.id}/answers`, body, read.body.version).set('prefer', 'return=minimal').expect(404);
    const missing = await api(outsider).put(`/assessments/00000000-0000-4000-8000-000000000000/answers`, body, read.body.version).set('prefer', 'return=minimal').expect(404);
    expect(comparableProblem(hidden)).toBe(comparableProblem(missing));
    // A stale minimal save is refused like any other.
    await api(supplier).put(`/assessments/${issued.body.id}/answers`, { answers: [{ questionCode: 'HW-01', value: 40 }] }, issued.body.version).set('prefer', 'return=minimal').expect(412);
  });
});
