import fc from 'fast-check';
import request from 'supertest';
import { createActor, createContract, createTestApp, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

/**
 * Property: whatever JSON reaches the due-diligence endpoints (contracts, templates, answers,
 * reviews, findings, shares), the answer is never a 5xx and every error is problem+json.
 */
describe('fuzzing the due-diligence endpoints', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let contractId: string;
  let templateId: string;
  let draftId: string;
  let assessmentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    contractId = (await createContract(t, buyer, supplier)).id;
    templateId = (await publishedTemplate(t, buyer)).id;
    draftId = (await request(t.http).post('/api/v1/questionnaire-templates').set('authorization', buyer.auth).send({ definition: smallDefinition() }).expect(201)).body.id;
    assessmentId = (await request(t.http).post('/api/v1/assessments').set('authorization', buyer.auth).send({ contractId, templateId, dueDate: '2099-01-01' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const expectSane = (res: request.Response, route: string): void => {
    if (res.status >= 500) throw new Error(`${route} answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules|QueryFailedError/);
    }
  };

  const scalar = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 20 }),
    fc.constantFrom('', 'yes', 'no', 'FL-01', 'HW-01', 'MS-01', 'green', 'red', '2026-02-30', '2099-01-01', 'EUR', 'BE', 'Europe/Brussels', '\u0000', 'x'.repeat(6000)),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }));
  const keys = ['reference', 'title', 'supplier', 'supplierId', 'startDate', 'endDate', 'valueCents', 'currency', 'timeZone', 'lots', 'status', 'definition', 'copyOf',
    'contractId', 'templateId', 'dueDate', 'contractIds', 'answers', 'decision', 'comments', 'authorityId', 'severity', 'theme', 'name', 'address', 'country', 'tier',
    'label', 'validUntil', 'organisationId', '__proto__'];
  const body = fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );

  // Answers close to valid ones: known codes, values of every type.
  const answers = fc.record({
    answers: fc.array(fc.record({ questionCode: fc.constantFrom('FL-01', 'FL-02', 'FL-03', 'HW-01', 'HW-02', 'MS-01', 'XX-99', ''), value, notApplicable: fc.option(fc.boolean(), { nil: undefined }), comment: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }), { maxLength: 5 }),
  });

  // Definitions close to valid ones: the small template with random parts replaced.
  const definition = fc.tuple(fc.constantFrom('languages', 'title', 'scoring', 'sections', 'extra'), value, fc.nat(5), fc.constantFrom('code', 'type', 'options', 'condition', 'ranges', 'min', 'text', 'evidence', 'weight', 'countries')).map(([part, v, qi, field]) => {
    const d: Record<string, unknown> = smallDefinition();
    if (qi < 3) (d.sections as Array<{ questions: Array<Record<string, unknown>> }>)[0].questions[qi][field] = v;
    else d[part] = v;
    return { definition: d };
  });

  const routes: Array<{ name: string; method: 'post' | 'put' | 'patch'; path: () => string; auth: () => TestActor; gen?: fc.Arbitrary<unknown>; ifMatch?: boolean }> = [
    { name: 'POST /contracts', method: 'post', path: () => '/api/v1/contracts', auth: () => buyer },
    { name: 'PATCH /contracts/:id', method: 'patch', path: () => `/api/v1/contracts/${contractId}`, auth: () => buyer },
    { name: 'POST /contracts/:id/sites', method: 'post', path: () => `/api/v1/contracts/${contractId}/sites`, auth: () => supplier },
    { name: 'POST /contracts/:id/labels', method: 'post', path: () => `/api/v1/contracts/${contractId}/labels`, auth: () => supplier },
    { name: 'POST /contracts/:id/participants', method: 'post', path: () => `/api/v1/contracts/${contractId}/participants`, auth: () => buyer },
    { name: 'POST /contracts/:id/auditors', method: 'post', path: () => `/api/v1/contracts/${contractId}/auditors`, auth: () => buyer },
    { name: 'POST /questionnaire-templates', method: 'post', path: () => '/api/v1/questionnaire-templates', auth: () => buyer },
    { name: 'POST /questionnaire-templates (definitions)', method: 'post', path: () => '/api/v1/questionnaire-templates', auth: () => buyer, gen: definition },
    { name: 'PUT /questionnaire-templates/:id (definitions)', method: 'put', path: () => `/api/v1/questionnaire-templates/${draftId}`, auth: () => buyer, gen: definition, ifMatch: true },
    { name: 'POST /assessments', method: 'post', path: () => '/api/v1/assessments', auth: () => buyer },
    { name: 'POST /assessments/bulk', method: 'post', path: () => '/api/v1/assessments/bulk', auth: () => buyer },
    { name: 'PUT /assessments/:id/answers', method: 'put', path: () => `/api/v1/assessments/${assessmentId}/answers`, auth: () => supplier, gen: answers, ifMatch: true },
    { name: 'POST /assessments/:id/review', method: 'post', path: () => `/api/v1/assessments/${assessmentId}/review`, auth: () => buyer, ifMatch: true },
    { name: 'POST /assessments/:id/shares', method: 'post', path: () => `/api/v1/assessments/${assessmentId}/shares`, auth: () => supplier },
    { name: 'POST /assessments/:id/adopt', method: 'post', path: () => `/api/v1/assessments/${assessmentId}/adopt`, auth: () => buyer },
    { name: 'POST /findings', method: 'post', path: () => '/api/v1/findings', auth: () => buyer },
  ];

  it.each(routes.map((r) => [r.name, r] as const))('%s never answers 5xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(route.gen ?? body, async (payload) => {
        const call = request(t.http)[route.method](route.path()).set('content-type', 'application/json').set('authorization', route.auth().auth);
        if (route.ifMatch) {
          const current = route.path().includes('questionnaire-templates') ? `/api/v1/questionnaire-templates/${draftId}` : `/api/v1/assessments/${assessmentId}`;
          const read = await request(t.http).get(current).set('authorization', route.auth().auth);
          call.set('if-match', read.headers.etag ?? '"1"');
        }
        expectSane(await call.send(JSON.stringify(payload)), route.name);
      }),
      { numRuns: 40 },
    );
  });

  it('never answers 5xx to any query string on the lists', async () => {
    const query = fc.dictionary(fc.constantFrom('status', 'q', 'after', 'limit', 'contractId', 'assessmentId', 'severity', 'reference', 'x'), fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String), fc.uuid()), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom('/api/v1/contracts', '/api/v1/questionnaire-templates', '/api/v1/assessments', '/api/v1/findings'), async (params, path) => {
        expectSane(await request(t.http).get(path).query(params).set('authorization', buyer.auth), path);
      }),
      { numRuns: 80 },
    );
  });

  it('never answers 5xx to any path segment or If-Match', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 20 }), async (segment, etag) => {
        const id = encodeURIComponent(segment);
        for (const path of [`/api/v1/contracts/${id}`, `/api/v1/assessments/${id}`, `/api/v1/evidence/${id}`, `/api/v1/questionnaire-templates/${id}`, `/api/v1/findings/${id}`, `/api/v1/assessments/${assessmentId}/revisions/${id}`]) {
          expectSane(await request(t.http).get(path).set('authorization', buyer.auth), path);
        }
        const write = await request(t.http).post(`/api/v1/assessments/${assessmentId}/submit`).set('authorization', supplier.auth).set('if-match', etag.replace(/[^\x20-\x7e]/g, ''));
        expectSane(write, 'submit');
      }),
      { numRuns: 40 },
    );
  });
});
