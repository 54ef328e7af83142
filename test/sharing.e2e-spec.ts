import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { apiAs, binaryParser, comparableProblem, createActor, createContract, createTestApp, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

interface Answer {
  questionCode: string;
  value: unknown;
  notApplicable: boolean;
  comment: string | null;
  colour: string;
  redFlag: boolean;
}

const ids = (items: Array<{ id: string }>): string[] => items.map((i) => i.id);
const answerFacts = (answers: Answer[]) => answers.map(({ questionCode, value, notApplicable, comment, colour, redFlag }) => ({ questionCode, value, notApplicable, comment, colour, redFlag }));

describe('sharing: a supplier answers once and shares with its other buyers', () => {
  let t: TestApp;
  let authorityA: TestActor;
  let authorityB: TestActor;
  let secondAdminB: TestActor;
  let memberB: TestActor;
  let unrelatedAuthority: TestActor;
  let supplier: TestActor;
  let supplierMember: TestActor;
  let otherSupplier: TestActor;
  let auditBody: TestActor;
  let contractA: string;
  let contractB: string;
  let templateId: string;
  let assessmentId: string;
  let evidenceId: string;
  let acceptedAnswers: Answer[];
  let adoptedId: string;
  let adoptedEvidenceId: string;

  const api = apiAs(() => t);

  /** The actor gets the same 404, byte for byte, as for an assessment that does not exist. */
  async function expectHidden(actor: TestActor, id: string): Promise<void> {
    const denied = await api(actor).get(`/assessments/${id}`).expect(404);
    const missing = await api(actor).get(`/assessments/${randomUUID()}`).expect(404);
    expect(denied.headers['content-type']).toBe(missing.headers['content-type']);
    expect(comparableProblem(denied)).toBe(comparableProblem(missing));
    const list = await api(actor).get('/assessments?limit=200').expect(200);
    expect(ids(list.body.items)).not.toContain(id);
  }

  async function expectEvidenceHidden(actor: TestActor, id: string): Promise<void> {
    const denied = await api(actor).download(id).expect(404);
    const missing = await api(actor).download(randomUUID()).expect(404);
    expect(denied.headers['content-type']).toBe(missing.headers['content-type']);
    expect(comparableProblem(denied)).toBe(comparableProblem(missing));
  }

  beforeAll(async () => {
    t = await createTestApp();
    authorityA = await createActor(t, 'contracting_authority', 'admin');
    authorityB = await createActor(t, 'contracting_authority', 'admin');
    secondAdminB = await createActor(t, 'contracting_authority', 'admin', authorityB.organisation);
    memberB = await createActor(t, 'contracting_authority', 'member', authorityB.organisation);
    unrelatedAuthority = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    supplierMember = await createActor(t, 'supplier', 'member', supplier.organisation);
    otherSupplier = await createActor(t, 'supplier', 'admin');
    auditBody = await createActor(t, 'audit_body', 'admin');
    contractA = (await createContract(t, authorityA, supplier)).id;
    contractB = (await createContract(t, authorityB, supplier)).id;
    await createContract(t, authorityA, otherSupplier); // the other supplier is a supplier of A too, just not of this assessment
    templateId = (await publishedTemplate(t, authorityA, smallDefinition())).id;

    // A issues; the supplier answers everything (the file question with evidence), submits; A accepts.
    const issued = await api(authorityA).post('/assessments', { contractId: contractA, templateId, dueDate: '2099-01-31' }).expect(201);
    assessmentId = issued.body.id;
    const upload = await request(t.http)
      .post(`/api/v1/assessments/${assessmentId}/evidence`)
      .set('authorization', supplier.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', '2026-03-01')
      .attach('file', PDF, { filename: 'human-rights-policy.pdf', contentType: 'application/pdf' })
      .expect(201);
    evidenceId = upload.body.id;
    const saved = await api(supplier)
      .put(
        `/assessments/${assessmentId}/answers`,
        {
          answers: [
            { questionCode: 'FL-01', value: 'no' },
            { questionCode: 'FL-02', value: 'yes' },
            { questionCode: 'FL-03', value: 'shared' }, // amber
            { questionCode: 'HW-01', value: 80, comment: 'peak season at the assembly site' }, // red
            { questionCode: 'HW-02', value: 'Living wage study under way' },
          ],
        },
        issued.body.version,
      )
      .expect(200);
    const submitted = await api(supplier).post(`/assessments/${assessmentId}/submit`, undefined, saved.body.version).expect(200);
    const accepted = await api(authorityA).post(`/assessments/${assessmentId}/review`, { decision: 'accept' }, submitted.body.version).expect(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', colour: 'red' });
    acceptedAnswers = accepted.body.answers;
  });
  afterAll(() => t.close());

  it('before any share, another buyer, another supplier and an unassigned auditor cannot even detect it', async () => {
    for (const outsider of [authorityB, memberB, otherSupplier, auditBody]) {
      await expectHidden(outsider, assessmentId);
      await expectEvidenceHidden(outsider, evidenceId);
    }
    // Nor its findings (they belong to A's contract).
    const findings = await api(authorityB).get(`/findings?assessmentId=${assessmentId}`).expect(200);
    expect(findings.body.items).toEqual([]);
  });

  it('refuses shares that are not the supplier admin’s to make', async () => {
    // assessments:share is a supplier admin's permission.
    const member = await api(supplierMember).post(`/assessments/${assessmentId}/shares`, { authorityId: authorityB.organisation.id }).expect(403);
    expect(member.body.code).toBe('forbidden');
    await api(authorityA).post(`/assessments/${assessmentId}/shares`, { authorityId: authorityB.organisation.id }).expect(403);
    await api(authorityB).post(`/assessments/${assessmentId}/shares`, { authorityId: authorityB.organisation.id }).expect(403);

    // Only with an authority the supplier has a contract with (not the issuer itself, not anyone).
    for (const authorityId of [unrelatedAuthority.organisation.id, authorityA.organisation.id, otherSupplier.organisation.id, randomUUID()]) {
      const refused = await api(supplier).post(`/assessments/${assessmentId}/shares`, { authorityId }).expect(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['authorityId']);
    }
    await api(supplier).post(`/assessments/${assessmentId}/shares`, { authorityId: 'not-a-uuid' }).expect(400);

    // Only an accepted assessment is shared.
    const open = await api(authorityA).post('/assessments', { contractId: contractA, templateId, dueDate: '2099-01-31' }).expect(201);
    const notYet = await api(supplier).post(`/assessments/${open.body.id}/shares`, { authorityId: authorityB.organisation.id }).expect(409);
    expect(notYet.body.code).toBe('invalid_state');

    // Nothing was shared by any of these.
    const view = await api(supplier).get(`/assessments/${assessmentId}`).expect(200);
    expect(view.body.sharedWith).toEqual([]);
    await expectHidden(authorityB, assessmentId);
  });

  it('shares with B: B reads it, downloads its evidence and lists it, but cannot change it', async () => {
    const shared = await api(supplier).post(`/assessments/${assessmentId}/shares`, { authorityId: authorityB.organisation.id }).expect(200);
    expect(shared.body.sharedWith).toEqual([{ id: authorityB.organisation.id, name: authorityB.organisation.name, sharedAt: expect.any(String) }]);
    expect(shared.body.status).toBe('accepted');
    // Sharing again changes nothing.
    const again = await api(supplier).post(`/assessments/${assessmentId}/shares`, { authorityId: authorityB.organisation.id.toUpperCase() }).expect(200);
    expect(again.body.sharedWith).toEqual(shared.body.sharedWith);

    // Only the supplier sees with whom it shared.
    const issuerView = await api(authorityA).get(`/assessments/${assessmentId}`).expect(200);
    expect(issuerView.body).not.toHaveProperty('sharedWith');

    for (const reader of [authorityB, memberB]) {
      const seen = await api(reader).get(`/assessments/${assessmentId}`).expect(200);
      expect(seen.body).toMatchObject({ id: assessmentId, access: 'shared', status: 'accepted', colour: 'red' });
      expect(seen.body).not.toHaveProperty('sharedWith');
      expect(answerFacts(seen.body.answers)).toEqual(answerFacts(acceptedAnswers));
      expect(seen.body.evidence.map((e: { id: string }) => e.id)).toEqual([evidenceId]);

      const list = await api(reader).get('/assessments?limit=200').expect(200);
      const item = list.body.items.find((i: { id: string }) => i.id === assessmentId);
      expect(item).toMatchObject({ access: 'shared', status: 'accepted' });

      const file = await api(reader).download(evidenceId).expect(200);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
    }

    // Read only: B neither answers, submits, uploads, reviews nor withdraws.
    const version = issuerView.body.version as number;
    await api(authorityB).put(`/assessments/${assessmentId}/answers`, { answers: [{ questionCode: 'HW-01', value: 40 }] }, version).expect(403);
    await api(authorityB).post(`/assessments/${assessmentId}/submit`, undefined, version).expect(403);
    await request(t.http)
      .post(`/api/v1/assessments/${assessmentId}/evidence`)
      .set('authorization', authorityB.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', '2026-03-01')
      .attach('file', PDF, { filename: 'other.pdf', contentType: 'application/pdf' })
      .expect(403);
    const review = await api(authorityB).post(`/assessments/${assessmentId}/review`, { decision: 'request_clarification', comments: [{ questionCode: 'HW-01', text: 'Why?' }] }, version).expect(403);
    expect(review.body.code).toBe('forbidden');
    await api(authorityB).post(`/assessments/${assessmentId}/withdraw`, undefined, version).expect(403);
    const unchanged = await api(authorityA).get(`/assessments/${assessmentId}`).expect(200);
    expect(unchanged.body.version).toBe(version);
    expect(answerFacts(unchanged.body.answers)).toEqual(answerFacts(acceptedAnswers));

    // The share is B's alone.
    for (const outsider of [otherSupplier, auditBody, unrelatedAuthority]) {
      await expectHidden(outsider, assessmentId);
      await expectEvidenceHidden(outsider, evidenceId);
    }
  });

  it('tells B nothing of the buyer it was issued for: neither A nor A\'s contract, in any read of it', async () => {
    const contract = (await api(authorityA).get(`/contracts/${contractA}`).expect(200)).body as { reference: string };
    const ofA = [authorityA.organisation.name, authorityA.organisation.id, contract.reference, contractA];
    const texts: string[] = [];
    const read = async (path: string) => {
      const res = await api(authorityB).get(path).expect(200);
      texts.push(res.text);
      return res.body;
    };
    const view = await read(`/assessments/${assessmentId}`);
    expect(view).toMatchObject({ access: 'shared', contract: null, authority: null, supplier: { id: supplier.organisation.id, name: supplier.organisation.name } });
    const past = await read(`/assessments/${assessmentId}/revisions/1`);
    expect(past).toMatchObject({ contract: null, authority: null });
    const listed = (await read('/assessments?limit=200')).items.find((i: { id: string }) => i.id === assessmentId);
    expect(listed).toMatchObject({ contract: null, authority: null });
    const template = await read(`/questionnaire-templates/${templateId}`);
    expect(template.owner).toBeNull();
    for (const text of texts) for (const value of ofA) expect(text.toLowerCase()).not.toContain(value.toLowerCase());

    // The supplier and A still see who issued it and under which contract, and who wrote the template.
    for (const party of [supplier, authorityA]) {
      expect((await api(party).get(`/assessments/${assessmentId}`).expect(200)).body).toMatchObject({ contract: { id: contractA, reference: contract.reference }, authority: { id: authorityA.organisation.id } });
      expect((await api(party).get(`/questionnaire-templates/${templateId}`).expect(200)).body.owner).toEqual({ id: authorityA.organisation.id, name: authorityA.organisation.name });
    }

    // Filtering by A's contract finds what a contract that does not exist finds: nothing.
    const byContract = await api(authorityB).get(`/assessments?contractId=${contractA}`).expect(200);
    const byMissing = await api(authorityB).get(`/assessments?contractId=${randomUUID()}`).expect(200);
    expect(byContract.body).toEqual(byMissing.body);
    expect(byContract.body.items).toEqual([]);
    expect(ids((await api(supplier).get(`/assessments?contractId=${contractA}`).expect(200)).body.items)).toContain(assessmentId);

    // Nor does the Excel workbook B downloads: no contract reference in its name, neither A nor its contract in its cells.
    const file = await request(t.http).get(`/api/v1/assessments/${assessmentId}/workbook`).set('authorization', authorityB.auth).buffer(true).parse(binaryParser as never).expect(200);
    expect(file.headers['content-disposition']).not.toContain(contract.reference);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.text)))));
    expect(cells.join('\n')).toContain(supplier.organisation.name);
    for (const value of ofA) expect(cells.join('\n')).not.toContain(value);
  });

  it('B adopts it for its own contract with the supplier: a new accepted assessment with the same answers and its own findings', async () => {
    // Not for A's contract, nor for one that does not exist.
    for (const contractId of [contractA, randomUUID()]) {
      const refused = await api(authorityB).post(`/assessments/${assessmentId}/adopt`, { contractId }).expect(400);
      expect(refused.body.code).toBe('validation_failed');
      expect(refused.body.errors.map((e: { field: string }) => e.field)).toEqual(['contractId']);
    }
    // Only the authority it was shared with adopts it.
    await api(unrelatedAuthority).post(`/assessments/${assessmentId}/adopt`, { contractId: contractB }).expect(404);
    await api(supplier).post(`/assessments/${assessmentId}/adopt`, { contractId: contractB }).expect(403);

    const adopted = await api(authorityB).post(`/assessments/${assessmentId}/adopt`, { contractId: contractB }).expect(201);
    adoptedId = adopted.body.id;
    expect(adoptedId).not.toBe(assessmentId);
    expect(adopted.headers.etag).toBe(`"${adopted.body.version}"`);
    expect(adopted.body).toMatchObject({
      status: 'accepted',
      access: 'authority',
      sourceAssessmentId: assessmentId,
      contract: { id: contractB },
      authority: { id: authorityB.organisation.id },
      supplier: { id: supplier.organisation.id },
      template: { id: templateId },
      colour: 'red',
    });
    expect(adopted.body.acceptedAt).toEqual(expect.any(String));
    expect(answerFacts(adopted.body.answers)).toEqual(answerFacts(acceptedAnswers));
    expect(adopted.body.evidence).toHaveLength(1);
    adoptedEvidenceId = adopted.body.evidence[0].id;
    expect(adopted.body.evidence[0]).toMatchObject({ questionCode: 'MS-01', fileName: 'human-rights-policy.pdf', sizeBytes: PDF.length });

    // Its red and amber answers are findings of B's contract.
    const findings = await api(authorityB).get(`/findings?contractId=${contractB}`).expect(200);
    expect(findings.body.items.map((f: { questionCode: string; severity: string; assessmentId: string; contractId: string }) => [f.questionCode, f.severity, f.assessmentId, f.contractId]).sort()).toEqual([
      ['FL-03', 'medium', adoptedId, contractB],
      ['HW-01', 'high', adoptedId, contractB],
    ]);
    // …and A's findings stay A's.
    expect((await api(authorityB).get(`/findings?contractId=${contractA}`).expect(200)).body.items).toEqual([]);

    // The copy is B's and the supplier's, not A's.
    expect((await api(supplier).get(`/assessments/${adoptedId}`).expect(200)).body.access).toBe('supplier');
    await expectHidden(authorityA, adoptedId);
    const file = await api(authorityB).download(adoptedEvidenceId).expect(200);
    expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
  });

  it('the supplier revokes the share: B loses the original and keeps its adopted copy', async () => {
    await api(supplierMember).delete(`/assessments/${assessmentId}/shares?authorityId=${authorityB.organisation.id}`).expect(403);
    await api(authorityB).delete(`/assessments/${assessmentId}/shares?authorityId=${authorityB.organisation.id}`).expect(403);
    await api(supplier).delete(`/assessments/${assessmentId}/shares`).expect(400);

    const revoked = await api(supplier).delete(`/assessments/${assessmentId}/shares?authorityId=${authorityB.organisation.id}`).expect(200);
    expect(revoked.body.sharedWith).toEqual([]);

    await expectHidden(authorityB, assessmentId);
    await expectEvidenceHidden(authorityB, evidenceId);
    await api(authorityB).post(`/assessments/${assessmentId}/adopt`, { contractId: contractB }).expect(404);

    const copy = await api(authorityB).get(`/assessments/${adoptedId}`).expect(200);
    expect(copy.body).toMatchObject({ status: 'accepted', sourceAssessmentId: assessmentId, access: 'authority' });
    const list = await api(authorityB).get('/assessments?limit=200').expect(200);
    expect(ids(list.body.items)).toContain(adoptedId);
    await api(authorityB).download(adoptedEvidenceId).expect(200);
    // The copy's template is still A's: B reads it through its copy, still without learning whose it is.
    expect((await api(authorityB).get(`/questionnaire-templates/${copy.body.template.id}`).expect(200)).body).toMatchObject({ id: templateId, owner: null });

    // Revoking again: there is no such share any more.
    const again = await api(supplier).delete(`/assessments/${assessmentId}/shares?authorityId=${authorityB.organisation.id}`).expect(404);
    expect(again.body.code).toBe('not_found');
  });

  it('mailed each active admin of B once about the share, and nobody else', async () => {
    const { rows } = await t.sql.query<{ to_address: string; organisation_id: string }>(
      `SELECT to_address, organisation_id FROM mail_outbox WHERE template = 'assessment_shared' ORDER BY to_address`,
    );
    expect(rows.map((r) => r.to_address)).toEqual([authorityB.user.email, secondAdminB.user.email].sort());
    expect(rows.every((r) => r.organisation_id === authorityB.organisation.id)).toBe(true);
  });
});
