import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { apiAs, comparableProblem, createActor, createContract, createTestApp, ensureRegistration, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const t3 = (en: string) => ({ en, fr: `${en} (fr)`, nl: `${en} (nl)` });

/** smallDefinition plus a date question and one that may be answered "not applicable". */
function definitionWithDates(): Record<string, unknown> {
  const definition = smallDefinition();
  const sections = definition.sections as Array<Record<string, unknown>>;
  sections.push({
    code: 'MG',
    title: t3('Management'),
    questions: [
      { code: 'MG-01', theme: 'management_system', type: 'date', required: false, text: t3('Date of your last social audit') },
      {
        code: 'MG-02',
        theme: 'labels',
        type: 'yes_no',
        required: false,
        notApplicableAllowed: true,
        text: t3('Is your TCO Certified certificate valid?'),
        options: [
          { value: 'yes', label: t3('Yes'), colour: 'green' },
          { value: 'no', label: t3('No'), colour: 'amber' },
        ],
      },
    ],
  });
  return definition;
}

const fields = (response: Response): string[] => (response.body.errors ?? []).map((e: { field: string }) => e.field);
const coloursOf = (answers: Array<{ questionCode: string; colour: string }>) => Object.fromEntries(answers.map((a) => [a.questionCode, a.colour]));

describe('assessment rules: bad input is refused and nothing changes', () => {
  let t: TestApp;
  let buyer: TestActor;
  let otherBuyer: TestActor;
  let participant: TestActor;
  let supplier: TestActor;
  let secondSupplier: TestActor;
  let contractId: string;
  let secondContractId: string;
  let otherAuthorityContractId: string;
  let templateId: string;
  let datesTemplateId: string;
  let weightedTemplateId: string;

  const api = apiAs(() => t);

  async function issue(options: { contract?: string; template?: string } = {}): Promise<{ id: string; version: number }> {
    const issued = await api(buyer).post('/assessments', { contractId: options.contract ?? contractId, templateId: options.template ?? templateId, dueDate: '2099-01-31' }).expect(201);
    return { id: issued.body.id, version: issued.body.version };
  }

  async function attachPolicy(id: string, as: TestActor = supplier): Promise<void> {
    await request(t.http)
      .post(`/api/v1/assessments/${id}/evidence`)
      .set('authorization', as.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', '2026-03-01')
      .attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
      .expect(201);
  }

  /** Answers every required question (and uploads the file question's evidence); returns the version to submit with. */
  async function answerAll(id: string, version: number, as: TestActor = supplier): Promise<number> {
    await attachPolicy(id, as);
    const saved = await api(as)
      .put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'FL-02', value: 'no' }, { questionCode: 'HW-01', value: 65 }] }, version)
      .expect(200);
    return saved.body.version;
  }

  async function submitted(options: { contract?: string; as?: TestActor } = {}): Promise<{ id: string; version: number }> {
    const { id, version } = await issue({ contract: options.contract });
    const ready = await answerAll(id, version, options.as);
    const done = await api(options.as ?? supplier).post(`/assessments/${id}/submit`, undefined, ready).expect(200);
    return { id, version: done.body.version };
  }

  async function assessmentCount(): Promise<number> {
    const { rows } = await t.sql.query<{ count: string }>('SELECT count(*) FROM assessments');
    return Number(rows[0].count);
  }

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    otherBuyer = await createActor(t, 'contracting_authority', 'admin');
    participant = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    secondSupplier = await createActor(t, 'supplier', 'admin');
    contractId = (await createContract(t, buyer, supplier)).id;
    secondContractId = (await createContract(t, buyer, secondSupplier)).id;
    otherAuthorityContractId = (await createContract(t, otherBuyer, supplier)).id;
    templateId = (await publishedTemplate(t, buyer, smallDefinition())).id;
    datesTemplateId = (await publishedTemplate(t, buyer, definitionWithDates())).id;
    weightedTemplateId = (await publishedTemplate(t, buyer, smallDefinition({ method: 'weighted', amberBelow: 75, redBelow: 50 }))).id;
  });
  afterAll(() => t.close());

  describe('saving answers', () => {
    const cases: Array<[string, object[], string]> = [
      ['an unknown question code', [{ questionCode: 'ZZ-99', value: 'yes' }], 'answers[0].questionCode'],
      ['text for a number', [{ questionCode: 'HW-01', value: 'sixty' }], 'answers[0].value'],
      ['a numeric string for a number', [{ questionCode: 'HW-01', value: '60' }], 'answers[0].value'],
      ['maybe for yes/no', [{ questionCode: 'FL-01', value: 'maybe' }], 'answers[0].value'],
      ['a number for yes/no', [{ questionCode: 'FL-01', value: 1 }], 'answers[0].value'],
      ['an option not in the list', [{ questionCode: 'FL-03', value: 'nobody' }], 'answers[0].value'],
      ['a number above max', [{ questionCode: 'HW-01', value: 169 }], 'answers[0].value'],
      ['a number below min', [{ questionCode: 'HW-01', value: -1 }], 'answers[0].value'],
      ['a month 13', [{ questionCode: 'MG-01', value: '2026-13-01' }], 'answers[0].value'],
      ['a 30 February', [{ questionCode: 'MG-01', value: '2026-02-30' }], 'answers[0].value'],
      ['an object for a text', [{ questionCode: 'HW-02', value: { a: 1 } }], 'answers[0].value'],
      ['an object for yes/no', [{ questionCode: 'FL-01', value: { a: 1 } }], 'answers[0].value'],
      ['a list for a number', [{ questionCode: 'HW-01', value: [40] }], 'answers[0].value'],
      ['a value for a file question', [{ questionCode: 'MS-01', value: 'policy.pdf' }], 'answers[0].value'],
      ['the same code twice', [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'FL-01', value: 'yes' }], 'answers[1].questionCode'],
      ['notApplicable where the template does not allow it', [{ questionCode: 'FL-01', value: null, notApplicable: true }], 'answers[0].notApplicable'],
      ['notApplicable with a value', [{ questionCode: 'MG-02', value: 'yes', notApplicable: true }], 'answers[0].value'],
      ['one bad answer after a good one', [{ questionCode: 'FL-02', value: 'yes' }, { questionCode: 'HW-01', value: 'x' }], 'answers[1].value'],
    ];

    let id: string;
    let before: Record<string, unknown>;

    beforeAll(async () => {
      const issued = await issue({ template: datesTemplateId });
      id = issued.id;
      await api(supplier)
        .put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'HW-01', value: 48 }, { questionCode: 'MG-01', value: '2026-01-15' }] }, issued.version)
        .expect(200);
      before = (await api(supplier).get(`/assessments/${id}`).expect(200)).body;
    });

    it.each(cases)('%s: 400 naming the field; answers and version unchanged', async (_name, answers, field) => {
      const refused = await api(supplier).put(`/assessments/${id}/answers`, { answers }, before.version as number).expect(400);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body.code).toBe('validation_failed');
      expect(fields(refused)).toEqual([field]);
      const after = await api(supplier).get(`/assessments/${id}`).expect(200);
      expect(after.body.version).toBe(before.version);
      expect(after.body.answers).toEqual(before.answers);
      expect(after.body.colour).toBe(before.colour);
    });

    it('the same answers are accepted when valid (the cases above fail for their value, not their shape)', async () => {
      const saved = await api(supplier)
        .put(
          `/assessments/${id}/answers`,
          { answers: [{ questionCode: 'HW-01', value: 168 }, { questionCode: 'MG-01', value: '2026-02-28' }, { questionCode: 'MG-02', value: null, notApplicable: true }, { questionCode: 'HW-02', value: '  Living wage study  ' }] },
          before.version as number,
        )
        .expect(200);
      expect(saved.body.version).toBe((before.version as number) + 1);
      const byCode = Object.fromEntries(saved.body.answers.map((a: { questionCode: string }) => [a.questionCode, a]));
      expect(byCode['HW-01']).toMatchObject({ value: 168, colour: 'red' });
      expect(byCode['MG-01']).toMatchObject({ value: '2026-02-28', colour: 'grey' });
      expect(byCode['MG-02']).toMatchObject({ value: null, notApplicable: true, colour: 'grey' });
      expect(byCode['HW-02']).toMatchObject({ value: 'Living wage study' });
    });
  });

  describe('submitting with an Idempotency-Key', () => {
    it('a replay returns the first response; the key on another request is a 422; without a key a second submit is a 409', async () => {
      const first = await issue();
      const ready = await answerAll(first.id, first.version);
      const key = `submit-${randomUUID()}`;

      const submitted1 = await api(supplier).post(`/assessments/${first.id}/submit`, undefined, ready).set('idempotency-key', key).expect(200);
      expect(submitted1.body.status).toBe('submitted');
      const replay = await api(supplier).post(`/assessments/${first.id}/submit`, undefined, ready).set('idempotency-key', key).expect(200);
      expect(replay.body).toEqual(submitted1.body);
      expect(replay.body.version).toBe(submitted1.body.version);
      expect(replay.headers.etag).toBe(submitted1.headers.etag);

      // It was submitted once: the version did not move again, one audit entry per side.
      const current = await api(supplier).get(`/assessments/${first.id}`).expect(200);
      expect(current.body.version).toBe(submitted1.body.version);
      const audit = await t.sql.query(`SELECT organisation_id FROM audit_events WHERE entity_id = $1 AND action = 'assessment.submitted'`, [first.id]);
      expect(audit.rows.map((r: { organisation_id: string }) => r.organisation_id).sort()).toEqual([buyer.organisation.id, supplier.organisation.id].sort());

      // The same key for another assessment: refused, and that one is untouched.
      const second = await issue();
      const secondReady = await answerAll(second.id, second.version);
      const reused = await api(supplier).post(`/assessments/${second.id}/submit`, undefined, secondReady).set('idempotency-key', key).expect(422);
      expect(reused.body.code).toBe('idempotency_key_reused');
      expect((await api(supplier).get(`/assessments/${second.id}`).expect(200)).body).toMatchObject({ status: 'in_progress', version: secondReady });

      // Without a key, submitting the submitted one again is a conflict.
      const again = await api(supplier).post(`/assessments/${first.id}/submit`, undefined, submitted1.body.version).expect(409);
      expect(again.body.code).toBe('invalid_state');
    });

    it('two requests with one key at once: one submission, both answered with the same body', async () => {
      const { id, version } = await issue();
      const ready = await answerAll(id, version);
      const key = `submit-${randomUUID()}`;
      const [a, b] = await Promise.all([
        api(supplier).post(`/assessments/${id}/submit`, undefined, ready).set('idempotency-key', key),
        api(supplier).post(`/assessments/${id}/submit`, undefined, ready).set('idempotency-key', key),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toEqual(b.body);
      const audit = await t.sql.query(`SELECT 1 FROM audit_events WHERE entity_id = $1 AND action = 'assessment.submitted'`, [id]);
      expect(audit.rowCount).toBe(2); // one per side, not two submissions
    });

    it('a replay is the first response byte for byte, not a re-serialisation with its keys reordered', async () => {
      const { id, version } = await issue();
      const ready = await answerAll(id, version);
      const key = `submit-${randomUUID()}`;
      const first = await api(supplier).post(`/assessments/${id}/submit`, undefined, ready).set('idempotency-key', key).expect(200);
      const replay = await api(supplier).post(`/assessments/${id}/submit`, undefined, ready).set('idempotency-key', key).expect(200);
      expect(replay.text).toBe(first.text);
    });
  });

  describe('issuing', () => {
    it('bulk: one assessment per contract, 201', async () => {
      const before = await assessmentCount();
      const issued = await api(buyer).post('/assessments/bulk', { contractIds: [contractId, secondContractId], templateId, dueDate: '2099-06-30' }).expect(201);
      expect(issued.body).toHaveLength(2);
      expect(issued.body.map((a: { contract: { id: string } }) => a.contract.id).sort()).toEqual([contractId, secondContractId].sort());
      expect(issued.body.map((a: { supplier: { id: string } }) => a.supplier.id).sort()).toEqual([supplier.organisation.id, secondSupplier.organisation.id].sort());
      for (const a of issued.body) expect(a).toMatchObject({ status: 'issued', dueDate: '2099-06-30', template: { id: templateId }, access: 'authority' });
      expect(await assessmentCount()).toBe(before + 2);
    });

    it('bulk with another authority’s contract: 404 like a missing one, and none is created', async () => {
      const before = await assessmentCount();
      const foreign = await api(buyer).post('/assessments/bulk', { contractIds: [contractId, otherAuthorityContractId], templateId, dueDate: '2099-06-30' }).expect(404);
      const missing = await api(buyer).post('/assessments/bulk', { contractIds: [contractId, randomUUID()], templateId, dueDate: '2099-06-30' }).expect(404);
      expect(comparableProblem(foreign)).toBe(comparableProblem(missing));
      expect(await assessmentCount()).toBe(before);
    });

    it.each([
      ['in the past', '2020-01-01'],
      ['that does not exist', '2026-02-30'],
      ['that is no date', 'next Friday'],
    ])('a dueDate %s: 400 naming dueDate', async (_name, dueDate) => {
      const before = await assessmentCount();
      const refused = await api(buyer).post('/assessments', { contractId, templateId, dueDate }).expect(400);
      expect(fields(refused)).toEqual(['dueDate']);
      const bulk = await api(buyer).post('/assessments/bulk', { contractIds: [contractId, secondContractId], templateId, dueDate }).expect(400);
      expect(fields(bulk)).toEqual(['dueDate']);
      expect(await assessmentCount()).toBe(before);
    });

    it('under a suspended contract: 400 naming contractId', async () => {
      const suspended = (await createContract(t, buyer, supplier)).id;
      await api(buyer).patch(`/contracts/${suspended}`, { status: 'suspended' }).expect(200);
      const before = await assessmentCount();
      const refused = await api(buyer).post('/assessments', { contractId: suspended, templateId, dueDate: '2099-01-31' }).expect(400);
      expect(fields(refused)).toEqual(['contractId']);
      const bulk = await api(buyer).post('/assessments/bulk', { contractIds: [contractId, suspended], templateId, dueDate: '2099-01-31' }).expect(400);
      expect(fields(bulk)).toEqual(['contractIds[1]']);
      expect(await assessmentCount()).toBe(before);
    });
  });

  describe('withdrawing', () => {
    it('the issuer withdraws an open assessment; the supplier can then no longer change it', async () => {
      const { id, version } = await issue();
      const saved = await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }] }, version).expect(200);

      const bySupplier = await api(supplier).post(`/assessments/${id}/withdraw`, undefined, saved.body.version).expect(403);
      expect(bySupplier.body.code).toBe('forbidden');
      await api(buyer).post(`/assessments/${id}/withdraw`).expect(428);
      await api(buyer).post(`/assessments/${id}/withdraw`, undefined, version).expect(412);

      const withdrawn = await api(buyer).post(`/assessments/${id}/withdraw`, undefined, saved.body.version).expect(200);
      expect(withdrawn.body).toMatchObject({ status: 'withdrawn', version: saved.body.version + 1 });
      expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));
      expect(withdrawn.headers.etag).toBe(`"${withdrawn.body.version}"`);

      const late = await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-02', value: 'no' }] }, withdrawn.body.version).expect(409);
      expect(late.body.code).toBe('invalid_state');
      await api(supplier).post(`/assessments/${id}/submit`, undefined, withdrawn.body.version).expect(409);
      await request(t.http)
        .post(`/api/v1/assessments/${id}/evidence`)
        .set('authorization', supplier.auth)
        .field('questionCode', 'MS-01')
        .field('documentDate', '2026-03-01')
        .attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
        .expect(409);
      await api(buyer).post(`/assessments/${id}/withdraw`, undefined, withdrawn.body.version).expect(409);
    });

    it('an accepted assessment cannot be withdrawn', async () => {
      const done = await submitted();
      const accepted = await api(buyer).post(`/assessments/${done.id}/review`, { decision: 'accept' }, done.version).expect(200);
      const refused = await api(buyer).post(`/assessments/${done.id}/withdraw`, undefined, accepted.body.version).expect(409);
      expect(refused.body.code).toBe('invalid_state');
      expect((await api(buyer).get(`/assessments/${done.id}`).expect(200)).body).toMatchObject({ status: 'accepted', version: accepted.body.version });
    });
  });

  describe('reviewing', () => {
    it('only the issuing buyer reviews, with comments on real questions', async () => {
      // A framework agreement another authority buys under: it reads the assessment but did not issue it.
      const framework = (await createContract(t, buyer, supplier, { isFramework: true })).id;
      const registrationNumber = await ensureRegistration(t, participant);
      await api(buyer).post(`/contracts/${framework}/participants`, { country: 'BE', registrationNumber }).expect(200);
      const done = await submitted({ contract: framework });

      expect((await api(participant).get(`/assessments/${done.id}`).expect(200)).body.access).toBe('participant');
      const byParticipant = await api(participant).post(`/assessments/${done.id}/review`, { decision: 'accept' }, done.version).expect(403);
      expect(byParticipant.body.code).toBe('forbidden');
      await api(supplier).post(`/assessments/${done.id}/review`, { decision: 'accept' }, done.version).expect(403);

      const noComments = await api(buyer).post(`/assessments/${done.id}/review`, { decision: 'request_clarification' }, done.version).expect(400);
      expect(fields(noComments)).toEqual(['comments']);
      const emptyComments = await api(buyer).post(`/assessments/${done.id}/review`, { decision: 'request_clarification', comments: [] }, done.version).expect(400);
      expect(fields(emptyComments)).toEqual(['comments']);
      const unknownCode = await api(buyer)
        .post(`/assessments/${done.id}/review`, { decision: 'request_clarification', comments: [{ questionCode: 'ZZ-99', text: 'What is this?' }] }, done.version)
        .expect(400);
      expect(fields(unknownCode)).toEqual(['comments[0].questionCode']);
      await api(buyer).post(`/assessments/${done.id}/review`, { decision: 'reject' }, done.version).expect(400);

      const after = await api(buyer).get(`/assessments/${done.id}`).expect(200);
      expect(after.body).toMatchObject({ status: 'submitted', version: done.version, revision: 1, comments: [] });
    });
  });

  describe('weighted scoring through the API', () => {
    it('scores green 100, amber 50, red 0 averaged over the coloured answers; a red flag makes it red whatever the score', async () => {
      const { id, version } = await issue({ template: weightedTemplateId });
      const saved = await api(supplier)
        .put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'HW-01', value: 65 }] }, version)
        .expect(200);
      // FL-01 'no' is green (100), HW-01 65 is amber (50); unanswered and hidden questions are grey and not counted.
      // (100 + 50) / 2 = 75, not below amberBelow 75: green.
      expect(coloursOf(saved.body.answers)).toEqual({ 'FL-01': 'green', 'HW-01': 'amber' });
      expect(saved.body).toMatchObject({ score: 75, colour: 'green', redFlags: 0 });
      expect(saved.body.sections).toEqual([
        { sectionCode: 'FL', colour: 'green', score: 100, answered: 1, total: 2 }, // FL-03 is hidden until FL-02 is 'yes'
        { sectionCode: 'HW', colour: 'amber', score: 50, answered: 1, total: 3 }, // 50: below 75, not below 50
      ]);
      // The buyer reads the same numbers.
      expect((await api(buyer).get(`/assessments/${id}`).expect(200)).body).toMatchObject({ score: 75, colour: 'green' });

      // FL-01 'yes' is a red flag: (0 + 50) / 2 = 25, and red because of the flag.
      const flagged = await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'yes' }] }, saved.body.version).expect(200);
      expect(flagged.body).toMatchObject({ score: 25, colour: 'red', redFlags: 1 });
      expect(flagged.body.answers.find((a: { questionCode: string }) => a.questionCode === 'FL-01')).toMatchObject({ colour: 'red', redFlag: true });
      expect(flagged.body.sections[0]).toEqual({ sectionCode: 'FL', colour: 'red', score: 0, answered: 1, total: 2 });

      // A green HW-01 lifts the score to (0 + 100) / 2 = 50, which alone would be amber: the flag keeps it red.
      const stillRed = await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'HW-01', value: 40 }] }, flagged.body.version).expect(200);
      expect(stillRed.body).toMatchObject({ score: 50, colour: 'red', redFlags: 1 });
    });

    it('the list shows the same rating, red flags included, as the assessment itself', async () => {
      const { id, version } = await issue({ template: weightedTemplateId });
      const flagged = await api(supplier)
        .put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'yes' }, { questionCode: 'HW-01', value: 65 }] }, version)
        .expect(200);
      expect(flagged.body).toMatchObject({ score: 25, colour: 'red', redFlags: 1 });
      for (const reader of [buyer, supplier]) {
        const listed = (await api(reader).get(`/assessments?contractId=${contractId}&limit=200`).expect(200)).body.items.find((a: { id: string }) => a.id === id);
        expect(listed).toMatchObject({ score: 25, colour: 'red', redFlags: 1 });
      }
    });
  });

  describe('conditional questions', () => {
    it('FL-03 is required only when FL-02 is yes', async () => {
      const { id, version } = await issue();
      const saved = await api(supplier)
        .put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'FL-02', value: 'yes' }, { questionCode: 'HW-01', value: 40 }] }, version)
        .expect(200);
      const incomplete = await api(supplier).post(`/assessments/${id}/submit`, undefined, saved.body.version).expect(422);
      expect(fields(incomplete).sort()).toEqual(['answers.FL-03', 'answers.MS-01']);

      const no = await api(supplier).put(`/assessments/${id}/answers`, { answers: [{ questionCode: 'FL-02', value: 'no' }] }, saved.body.version).expect(200);
      const hidden = await api(supplier).post(`/assessments/${id}/submit`, undefined, no.body.version).expect(422);
      expect(fields(hidden)).toEqual(['answers.MS-01']);
    });

    it('an answer stored for a hidden question is grey, does not count and makes no finding', async () => {
      const { id, version } = await issue();
      // 'worker' would be a red flag if FL-03 were asked.
      const saved = await api(supplier)
        .put(
          `/assessments/${id}/answers`,
          { answers: [{ questionCode: 'FL-01', value: 'no' }, { questionCode: 'FL-02', value: 'no' }, { questionCode: 'FL-03', value: 'worker' }, { questionCode: 'HW-01', value: 40 }] },
          version,
        )
        .expect(200);
      expect(saved.body.answers.find((a: { questionCode: string }) => a.questionCode === 'FL-03')).toMatchObject({ value: 'worker', colour: 'grey', redFlag: false });
      expect(saved.body).toMatchObject({ colour: 'green', redFlags: 0 });
      expect(saved.body.sections[0]).toMatchObject({ sectionCode: 'FL', colour: 'green', answered: 2, total: 2 });

      await attachPolicy(id);
      const done = await api(supplier).post(`/assessments/${id}/submit`, undefined, saved.body.version).expect(200);
      expect(done.body).toMatchObject({ status: 'submitted', colour: 'green', redFlags: 0 });
      const findings = await api(buyer).get(`/findings?assessmentId=${id}`).expect(200);
      expect(findings.body.items).toEqual([]);
    });
  });
});
