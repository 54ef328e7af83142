import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { binaryParser, comparableProblem, createActor, createContract, ensureRegistration, filledRmi, fullTerms, routerRoutes, smallDefinition, TestActor, TestApp } from '@ddp/testing';
import { databaseChecksum, PDF, Tenant, twoTenants } from './tenants';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Ids = Record<string, string>;
/** A multipart upload: its form fields and the file (built from the caller's own tenant). */
interface Multipart {
  fields?: Record<string, string>;
  file: (t: TestApp, own: Tenant) => Promise<{ data: Buffer; name: string; type: string }> | { data: Buffer; name: string; type: string };
}
interface PathCase {
  /** The other tenant's ids for the route's params, one set per record kind it takes. */
  targets: (x: Tenant) => Ids[];
  /** Params that are not ids (kept as given). */
  fixed?: Ids;
  query?: Record<string, string>;
  body?: (own: Tenant) => object;
  upload?: Multipart;
}

const pdf: Multipart['file'] = () => ({ data: PDF, name: 'policy.pdf', type: 'application/pdf' });
const FIXED_UUID = '00000000-0000-4000-8000-000000000001';

/**
 * The routes that take an id in the path, each with a body that is valid for the caller's own
 * records (so a refusal is about the id, not the body). A new :id route fails the coverage test
 * until it is listed here.
 */
function pathCases(reg: { participant: string; auditor: string }): Record<string, PathCase> {
  const plan = (x: Tenant) => [{ id: x.planId }];
  const action = (x: Tenant) => [{ id: x.planId, actionId: x.actionId }];
  const assessment = (x: Tenant) => [{ id: x.assessmentId }, { id: x.draftAssessmentId }];
  const contract = (x: Tenant) => [{ id: x.contractId }];
  const template = (x: Tenant) => [{ id: x.templateId }, { id: x.draftTemplateId }];
  const organisation = (x: Tenant) => [{ id: x.buyer.organisation.id }, { id: x.supplier.organisation.id }];
  const finding = (x: Tenant) => [{ id: x.findingId }, { id: x.freeFindingId }];
  const report = (x: Tenant) => [{ id: x.reportId }];
  const dflt = (x: Tenant) => [{ id: x.defaultId }];
  const exp = (x: Tenant) => [{ id: x.exportId }];
  return {
    'GET /api/v1/action-plans/:id': { targets: plan },
    'PATCH /api/v1/action-plans/:id': { targets: plan, body: () => ({ rootCause: 'Peaks met by overtime.' }) },
    'POST /api/v1/action-plans/:id/submit': { targets: plan },
    'POST /api/v1/action-plans/:id/approve': { targets: plan },
    'POST /api/v1/action-plans/:id/reject': { targets: plan, body: () => ({ comments: 'Add owners.' }) },
    'PATCH /api/v1/action-plans/:id/actions/:actionId': { targets: action, body: () => ({ owner: 'HR manager' }) },
    'POST /api/v1/action-plans/:id/actions/:actionId/verify': { targets: action },
    'GET /api/v1/action-plans/:id/actions/:actionId/evidence': { targets: action },
    'POST /api/v1/action-plans/:id/actions/:actionId/evidence': { targets: action, upload: { fields: { documentDate: '2027-07-01' }, file: pdf } },
    'GET /api/v1/assessments/:id': { targets: assessment },
    'GET /api/v1/assessments/:id/revisions/:number': { targets: assessment, fixed: { number: '1' } },
    'GET /api/v1/assessments/:id/workbook': { targets: assessment },
    'POST /api/v1/assessments/:id/workbook': { targets: assessment, upload: { file: ownWorkbook } },
    'PUT /api/v1/assessments/:id/answers': { targets: assessment, body: () => ({ answers: [{ questionCode: 'FL-02', value: 'no' }] }) },
    'POST /api/v1/assessments/:id/evidence': { targets: assessment, upload: { fields: { questionCode: 'MS-01', documentDate: '2027-07-01' }, file: pdf } },
    'POST /api/v1/assessments/:id/submit': { targets: assessment },
    'POST /api/v1/assessments/:id/review': { targets: assessment, body: () => ({ decision: 'accept' }) },
    'POST /api/v1/assessments/:id/withdraw': { targets: assessment },
    'POST /api/v1/assessments/:id/shares': { targets: assessment, body: (own) => ({ authorityId: own.buyer.organisation.id }) },
    'DELETE /api/v1/assessments/:id/shares': { targets: assessment, query: { authorityId: FIXED_UUID } },
    'POST /api/v1/assessments/:id/adopt': { targets: assessment, body: (own) => ({ contractId: own.contractId }) },
    'GET /api/v1/evidence/:id': { targets: (x) => [{ id: x.evidenceId }] },
    'POST /api/v1/bonus-malus/:id/decision': { targets: (x) => [{ id: x.settlementId }], body: () => ({ outcome: 'applied', reasons: 'KPI verified.' }) },
    'POST /api/v1/penalties/:id/correction': { targets: (x) => [{ id: x.penaltyId }], body: () => ({ amountCents: 0, reasons: 'Waived.' }) },
    'GET /api/v1/contracts/:id': { targets: contract },
    'PATCH /api/v1/contracts/:id': { targets: contract, body: () => ({ title: 'Laptops 2027' }) },
    'GET /api/v1/contracts/:id/clause': { targets: contract },
    'PUT /api/v1/contracts/:id/clause': { targets: contract, body: () => ({ terms: fullTerms() }) },
    'POST /api/v1/contracts/:id/participants': { targets: contract, body: () => ({ country: 'BE', registrationNumber: reg.participant }) },
    'POST /api/v1/contracts/:id/auditors': { targets: contract, body: () => ({ country: 'BE', registrationNumber: reg.auditor }) },
    'DELETE /api/v1/contracts/:id/auditors': { targets: contract, query: { organisationId: FIXED_UUID } },
    'GET /api/v1/contracts/:id/sites': { targets: contract },
    'POST /api/v1/contracts/:id/sites': { targets: contract, body: () => ({ name: 'Plant', address: '1 Road, Shenzhen', country: 'CN', tier: 1 }) },
    'GET /api/v1/contracts/:id/labels': { targets: contract },
    'POST /api/v1/contracts/:id/labels': { targets: contract, body: () => ({ label: 'tco_certified', product: 'ProBook', certificateNumber: 'NB-1', validUntil: '2028-06-30' }) },
    'GET /api/v1/contracts/:id/minerals-reports': { targets: contract },
    'POST /api/v1/contracts/:id/minerals-reports': { targets: contract, upload: { file: async () => ({ data: await filledRmi('CMRT'), name: 'cmrt.xlsx', type: XLSX }) } },
    'GET /api/v1/contracts/:id/report-obligations': { targets: contract },
    'GET /api/v1/defaults/:id': { targets: dflt },
    'POST /api/v1/defaults/:id/notice': { targets: dflt, body: () => ({}) },
    'POST /api/v1/defaults/:id/dismiss': { targets: dflt, body: () => ({ reasons: 'Handed in on paper.' }) },
    'POST /api/v1/defaults/:id/response': { targets: dflt, body: () => ({ text: 'We disagree.' }) },
    'POST /api/v1/defaults/:id/decision': { targets: dflt, body: () => ({ outcome: 'waived', reasons: 'First failing.' }) },
    'GET /api/v1/exports/:id': { targets: exp },
    'GET /api/v1/exports/:id/file': { targets: exp },
    'GET /api/v1/findings/:id': { targets: finding },
    'PATCH /api/v1/findings/:id': { targets: finding, body: () => ({ planDueDate: '2027-12-01' }) },
    'GET /api/v1/findings/:id/evidence': { targets: finding },
    'POST /api/v1/findings/:id/evidence': { targets: finding, upload: { fields: { documentDate: '2027-07-01' }, file: pdf } },
    'GET /api/v1/organisations/:id': { targets: organisation },
    'GET /api/v1/organisations/:id/users': { targets: organisation },
    'PATCH /api/v1/organisations/:id/users/:userId': { targets: (x) => [{ id: x.buyer.organisation.id, userId: x.buyer.user.id }, { id: x.supplier.organisation.id, userId: x.supplier.user.id }], body: () => ({ role: 'member' }) },
    'GET /api/v1/organisations/:id/invitations': { targets: organisation },
    'POST /api/v1/organisations/:id/invitations': { targets: organisation, body: () => ({ email: 'intruder@example.test', role: 'admin' }) },
    'DELETE /api/v1/organisations/:id/invitations/:invitationId': { targets: (x) => [{ id: x.buyer.organisation.id, invitationId: x.invitationId }] },
    'GET /api/v1/questionnaire-templates/:id': { targets: template },
    'PUT /api/v1/questionnaire-templates/:id': { targets: template, body: () => ({ definition: smallDefinition() }) },
    'POST /api/v1/questionnaire-templates/:id/publish': { targets: template },
    'GET /api/v1/questionnaire-templates/:id/workbook': { targets: template },
    'GET /api/v1/reports/:id': { targets: report },
    'PATCH /api/v1/reports/:id': { targets: report, body: () => ({ narrative: 'Quarterly report.' }) },
    'POST /api/v1/reports/:id/submit': { targets: report },
    'POST /api/v1/reports/:id/accept': { targets: report, body: () => ({}) },
    'POST /api/v1/reports/:id/return': { targets: report, body: () => ({ comments: 'Add the audit dates.' }) },
    'GET /api/v1/reports/:id/attachments': { targets: report },
    'POST /api/v1/reports/:id/attachments': { targets: report, upload: { fields: { documentDate: '2027-07-01' }, file: pdf } },
  };
}

/** An id in a query string: `ROUTE ?name` → the caller's own path ids (if any) and the other tenant's value. */
interface QueryCase {
  path: (own: Tenant) => string;
  value: (x: Tenant) => string;
  /** Other query parameters the filter needs. */
  with?: Record<string, string>;
}

/** Every query parameter that names a record (uuid in the OpenAPI document, plus audit-events' entityId). */
const QUERY_CASES: Record<string, QueryCase> = {
  'GET /api/v1/assessments ?contractId': { path: () => '/api/v1/assessments', value: (x) => x.contractId },
  'GET /api/v1/findings ?contractId': { path: () => '/api/v1/findings', value: (x) => x.contractId },
  'GET /api/v1/findings ?assessmentId': { path: () => '/api/v1/findings', value: (x) => x.assessmentId },
  'GET /api/v1/smelters ?contractId': { path: () => '/api/v1/smelters', value: (x) => x.contractId },
  'GET /api/v1/dashboard ?contractId': { path: () => '/api/v1/dashboard', value: (x) => x.contractId },
  'GET /api/v1/dashboard ?supplierId': { path: () => '/api/v1/dashboard', value: (x) => x.supplier.organisation.id },
  'GET /api/v1/deadlines ?contractId': { path: () => '/api/v1/deadlines', value: (x) => x.contractId },
  'GET /api/v1/reports ?contractId': { path: () => '/api/v1/reports', value: (x) => x.contractId },
  'GET /api/v1/action-plans ?contractId': { path: () => '/api/v1/action-plans', value: (x) => x.contractId },
  'GET /api/v1/defaults ?contractId': { path: () => '/api/v1/defaults', value: (x) => x.contractId },
  'GET /api/v1/penalties ?contractId': { path: () => '/api/v1/penalties', value: (x) => x.contractId },
  'GET /api/v1/bonus-malus ?contractId': { path: () => '/api/v1/bonus-malus', value: (x) => x.contractId },
  'GET /api/v1/audit-events ?entityId': { path: () => '/api/v1/audit-events', value: (x) => x.contractId, with: { entityType: 'contract' } },
  'DELETE /api/v1/contracts/:id/auditors ?organisationId': { path: (o) => `/api/v1/contracts/${o.contractId}/auditors`, value: (x) => x.auditor.organisation.id },
  'DELETE /api/v1/assessments/:id/shares ?authorityId': { path: (o) => `/api/v1/assessments/${o.assessmentId}/shares`, value: (x) => x.buyer.organisation.id },
};

/** An id in a request body: `ROUTE field` (as the OpenAPI document names it) → a body valid but for that id. */
interface BodyCase {
  path: (own: Tenant) => string;
  body: (own: Tenant, id: string) => object;
  values: (x: Tenant) => string[];
}

const BODY_CASES: Record<string, BodyCase> = {
  'POST /api/v1/contracts supplierId': {
    path: () => '/api/v1/contracts',
    body: (_o, id) => ({ reference: `REF-${id.slice(0, 8)}`, title: 'Laptops', supplierId: id, startDate: '2027-01-01', endDate: '2028-12-31', valueCents: 100_000, currency: 'EUR' }),
    values: (x) => [x.supplier.organisation.id],
  },
  'POST /api/v1/questionnaire-templates copyOf': { path: () => '/api/v1/questionnaire-templates', body: (_o, id) => ({ copyOf: id }), values: (x) => [x.templateId, x.draftTemplateId] },
  'POST /api/v1/assessments contractId': { path: () => '/api/v1/assessments', body: (o, id) => ({ contractId: id, templateId: o.templateId, dueDate: '2027-12-31' }), values: (x) => [x.contractId] },
  'POST /api/v1/assessments templateId': { path: () => '/api/v1/assessments', body: (o, id) => ({ contractId: o.contractId, templateId: id, dueDate: '2027-12-31' }), values: (x) => [x.templateId, x.draftTemplateId] },
  'POST /api/v1/assessments/bulk contractIds[]': {
    path: () => '/api/v1/assessments/bulk',
    body: (o, id) => ({ contractIds: [o.contractId, id], templateId: o.templateId, dueDate: '2027-12-31' }),
    values: (x) => [x.contractId],
  },
  'POST /api/v1/assessments/bulk templateId': { path: () => '/api/v1/assessments/bulk', body: (o, id) => ({ contractIds: [o.contractId], templateId: id, dueDate: '2027-12-31' }), values: (x) => [x.templateId] },
  'POST /api/v1/assessments/:id/shares authorityId': { path: (o) => `/api/v1/assessments/${o.assessmentId}/shares`, body: (_o, id) => ({ authorityId: id }), values: (x) => [x.buyer.organisation.id] },
  'POST /api/v1/assessments/:id/adopt contractId': { path: (o) => `/api/v1/assessments/${o.assessmentId}/adopt`, body: (_o, id) => ({ contractId: id }), values: (x) => [x.contractId] },
  'POST /api/v1/findings contractId': { path: () => '/api/v1/findings', body: (_o, id) => ({ contractId: id, severity: 'high', theme: 'other', title: 'Overtime' }), values: (x) => [x.contractId] },
  'POST /api/v1/exports scope.contractIds[]': { path: () => '/api/v1/exports', body: (o, id) => ({ scope: { contractIds: [o.contractId, id] } }), values: (x) => [x.contractId] },
  'POST /api/v1/reports obligationId': { path: () => '/api/v1/reports', body: (_o, id) => ({ obligationId: id }), values: (x) => [x.freeObligationId, x.obligationId] },
  'POST /api/v1/action-plans contractId': {
    path: () => '/api/v1/action-plans',
    body: (o, id) => ({ contractId: id, findingIds: [o.freeFindingId], rootCause: 'No policy', actions: [] }),
    values: (x) => [x.contractId],
  },
  'POST /api/v1/action-plans findingIds[]': {
    path: () => '/api/v1/action-plans',
    body: (o, id) => ({ contractId: o.contractId, findingIds: [o.freeFindingId, id], rootCause: 'No policy', actions: [] }),
    values: (x) => [x.freeFindingId, x.findingId],
  },
  'PATCH /api/v1/action-plans/:id findingIds[]': { path: (o) => `/api/v1/action-plans/${o.planId}`, body: (o, id) => ({ findingIds: [o.findingId, id] }), values: (x) => [x.freeFindingId] },
  'PATCH /api/v1/action-plans/:id actions[].id': {
    path: (o) => `/api/v1/action-plans/${o.planId}`,
    body: (_o, id) => ({ actions: [{ id, description: 'Return every passport', owner: 'HR', dueDate: '2027-12-15' }] }),
    values: (x) => [x.actionId],
  },
  'POST /api/v1/defaults contractId': { path: () => '/api/v1/defaults', body: (_o, id) => ({ contractId: id, failing: 'Overtime.' }), values: (x) => [x.contractId] },
};

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  format?: string;
  type?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
}

/** The uuid fields of a request body schema, named like `scope.contractIds[]`. */
function uuidFields(schema: Schema | undefined, schemas: Record<string, Schema>, prefix = '', seen = new Set<string>()): string[] {
  if (!schema) return [];
  if (schema.$ref) {
    const name = schema.$ref.split('/').pop()!;
    return seen.has(name) ? [] : uuidFields(schemas[name], schemas, prefix, new Set([...seen, name]));
  }
  const out = schema.format === 'uuid' ? [prefix] : [];
  for (const part of schema.allOf ?? []) out.push(...uuidFields(part, schemas, prefix, seen));
  if (schema.type === 'array') out.push(...uuidFields(schema.items, schemas, `${prefix}[]`, seen));
  for (const [key, value] of Object.entries(schema.properties ?? {})) out.push(...uuidFields(value, schemas, prefix ? `${prefix}.${key}` : key, seen));
  return out;
}

/** From the OpenAPI document the api serves: every `ROUTE ?param` and `ROUTE field` that takes an id. */
function idInputs(doc: { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: Schema }>; requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } }): { query: string[]; body: string[] } {
  const query: string[] = [];
  const body: string[] = [];
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const route = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
      for (const p of operation.parameters ?? []) if (p.in === 'query' && (p.schema?.format === 'uuid' || /Id$/.test(p.name))) query.push(`${route} ?${p.name}`);
      for (const content of Object.values(operation.requestBody?.content ?? {})) for (const field of uuidFields(content.schema, doc.components.schemas)) body.push(`${route} ${field}`);
    }
  }
  return { query: [...new Set(query)].sort(), body: [...new Set(body)].sort() };
}

/** The offline questionnaire of the caller's own draft assessment, as downloaded (once). */
const workbooks = new Map<string, Buffer>();
async function ownWorkbook(t: TestApp, own: Tenant): Promise<{ data: Buffer; name: string; type: string }> {
  let data = workbooks.get(own.draftAssessmentId);
  if (!data) {
    const res = await request(t.http).get(`/api/v1/assessments/${own.draftAssessmentId}/workbook`).set('authorization', own.supplier.auth)
      .buffer(true).parse(binaryParser as never).expect(200);
    data = res.body as Buffer;
    workbooks.set(own.draftAssessmentId, data);
  }
  return { data, name: 'questionnaire.xlsx', type: XLSX };
}

/** What a caller can compare between two answers: status, content type and the body but its request id and instance. */
function observable(res: Response): { status: number; contentType: string | undefined; body: string } {
  const text = Buffer.isBuffer(res.body) ? res.body.toString('utf8') : res.text;
  let body = text;
  try {
    body = comparableProblem(res);
  } catch {
    // not JSON: compared as sent
  }
  return { status: res.status, contentType: res.headers['content-type'], body };
}

/**
 * Whether an answer to a body with a random id is about that id (the route looked it up): not a
 * missing permission, and a 400 only if it names the id's field alone (not another field of the body).
 */
function refusesTheId(answer: ReturnType<typeof observable>, caseName: string): boolean {
  if (answer.status === 403 || answer.status < 400) return false;
  if (answer.status !== 400) return true;
  const field = caseName.split(' ')[2].replace('[]', '').split('.').pop()!;
  const errors = (JSON.parse(answer.body) as { errors?: Array<{ field: string }> }).errors ?? [];
  return errors.length > 0 && errors.every((e) => e.field.includes(field));
}

/** One line for a failure message (a download would fill the screen). */
const brief = (o: ReturnType<typeof observable>): string => JSON.stringify({ ...o, body: o.body.slice(0, 300) });

describe('security: one tenant never reaches another tenant’s records', () => {
  let t: TestApp;
  let one: Tenant;
  let two: Tenant;
  let cases: Record<string, PathCase>;
  let actors: Array<[string, TestActor]>;
  let partner: TestActor;

  beforeAll(async () => {
    ({ t, one, two } = await twoTenants());
    // Organisations tenant one may legitimately name by registration number (its own auditor, a newcomer).
    const newcomer = await createActor(t, 'contracting_authority', 'admin');
    cases = pathCases({ participant: await ensureRegistration(t, newcomer), auditor: await ensureRegistration(t, one.auditor) });
    actors = [['buyer', one.buyer], ['supplier', one.supplier], ['auditor', one.auditor]];
    // Another buyer of tenant one's supplier, with its accepted assessment shared: the one who may adopt it.
    partner = await createActor(t, 'contracting_authority', 'admin');
    await createContract(t, partner, one.supplier);
    const submitted = await request(t.http).get(`/api/v1/assessments/${one.assessmentId}`).set('authorization', one.buyer.auth).expect(200);
    await request(t.http).post(`/api/v1/assessments/${one.assessmentId}/review`).set('authorization', one.buyer.auth).set('if-match', `"${submitted.body.version}"`).send({ decision: 'accept' }).expect(200);
    await request(t.http).post(`/api/v1/assessments/${one.assessmentId}/shares`).set('authorization', one.supplier.auth).send({ authorityId: partner.organisation.id }).expect(200);
  }, 180_000);
  afterAll(async () => {
    t.clock.release();
    await t.close();
  });

  const fill = (route: string, ids: Ids): string => route.split(' ')[1].replace(/:(\w+)/g, (_m, name: string) => ids[name]);

  async function send(actor: TestActor, route: string, ids: Ids, c: PathCase): Promise<Response> {
    const [method] = route.split(' ');
    const req = (request(t.http) as unknown as Record<string, (url: string) => request.Test>)[method.toLowerCase()](fill(route, ids)).set('authorization', actor.auth);
    if (c.query) req.query(c.query);
    if (c.upload) {
      const file = await c.upload.file(t, one);
      for (const [name, value] of Object.entries(c.upload.fields ?? {})) req.field(name, value);
      return req.attach('file', file.data, { filename: file.name, contentType: file.type }).buffer(true).parse(binaryParser as never);
    }
    if (c.body) req.send(c.body(one));
    return req.buffer(true).parse(binaryParser as never);
  }

  /**
   * The variants of a route's ids: all of the other tenant's vs all random; then the first params
   * the caller's own and the rest the other tenant's vs the rest random (own plan, foreign action).
   */
  function variants(route: string, c: PathCase): Array<{ label: string; foreign: Ids; missing: Ids }> {
    const out: Array<{ label: string; foreign: Ids; missing: Ids }> = [];
    const ownTargets = c.targets(one);
    c.targets(two).forEach((target, n) => {
      const names = Object.keys(target);
      for (let split = 0; split < names.length; split++) {
        const foreign: Ids = { ...c.fixed };
        const missing: Ids = { ...c.fixed };
        names.forEach((name, i) => {
          foreign[name] = i < split ? ownTargets[Math.min(n, ownTargets.length - 1)][name] : target[name];
          missing[name] = i < split ? foreign[name] : randomUUID();
        });
        out.push({ label: `${route} #${n} (${names.map((name, i) => `${name}=${i < split ? 'own' : 'theirs'}`).join(', ')})`, foreign, missing });
      }
    });
    return out;
  }

  it('covers every route that takes an id in its path', () => {
    const withIds = routerRoutes(t.app).map((r) => r.route).filter((r) => r.includes('/:') && !r.includes(' /health/'));
    expect(withIds.length).toBeGreaterThan(50);
    expect(withIds.filter((r) => !(r in cases))).toEqual([]);
    expect(Object.keys(cases).filter((r) => !withIds.includes(r))).toEqual([]);
  });

  it('answers the other tenant’s ids in the path exactly like ids that do not exist, and writes nothing', async () => {
    const before = await databaseChecksum(t);
    expect(Object.keys(before).length).toBeGreaterThan(30); // every application table, not an empty schema
    const mismatches: string[] = [];
    const neverFound: string[] = [];
    for (const [route, c] of Object.entries(cases)) {
      for (const v of variants(route, c)) {
        let reached = false;
        for (const [who, actor] of actors) {
          const missing = observable(await send(actor, route, v.missing, c));
          const foreign = observable(await send(actor, route, v.foreign, c));
          if (missing.status === 404) reached = true;
          if (JSON.stringify(foreign) !== JSON.stringify(missing) || foreign.status < 400) mismatches.push(`${who} ${v.label}: theirs ${brief(foreign)} vs missing ${brief(missing)}`);
        }
        if (!reached) neverFound.push(v.label);
      }
    }
    expect(mismatches).toEqual([]);
    // Each route answered 404 to someone: the bodies were valid enough to reach the record lookup.
    expect(neverFound).toEqual([]);
    expect(await databaseChecksum(t)).toEqual(before);
  }, 240_000);

  it('covers every query parameter and body field that takes an id', async () => {
    const doc = (await request(t.http).get('/api/docs-json').expect(200)).body;
    const inputs = idInputs(doc);
    expect(inputs.query).toEqual(Object.keys(QUERY_CASES).sort());
    expect(inputs.body).toEqual(Object.keys(BODY_CASES).sort());
  });

  it('filters by the other tenant’s ids in the query exactly like by ids that do not exist, and writes nothing', async () => {
    const before = await databaseChecksum(t);
    const mismatches: string[] = [];
    const neverReached: string[] = [];
    for (const [name, c] of Object.entries(QUERY_CASES)) {
      const [method, , param] = name.replace('?', '').split(' ');
      let reached = false;
      for (const [who, actor] of actors) {
        const call = (value: string) =>
          (request(t.http) as unknown as Record<string, (url: string) => request.Test>)[method.toLowerCase()](c.path(one)).query({ ...c.with, [param]: value }).set('authorization', actor.auth);
        const missing = observable(await call(randomUUID()));
        const foreign = observable(await call(c.value(two)));
        if (missing.status !== 403) reached = true;
        if (JSON.stringify(foreign) !== JSON.stringify(missing)) mismatches.push(`${who} ${name}: theirs ${brief(foreign)} vs missing ${brief(missing)}`);
        if (foreign.status === 200 && JSON.stringify(JSON.parse(foreign.body)).includes(two.contractId)) mismatches.push(`${who} ${name}: shows the other tenant's contract`);
      }
      if (!reached) neverReached.push(name);
    }
    expect(mismatches).toEqual([]);
    expect(neverReached).toEqual([]);
    expect(await databaseChecksum(t)).toEqual(before);
  }, 120_000);

  it('refuses the other tenant’s ids in a body exactly like ids that do not exist, and writes nothing', async () => {
    const before = await databaseChecksum(t);
    const mismatches: string[] = [];
    const neverReached: string[] = [];
    for (const [name, c] of Object.entries(BODY_CASES)) {
      const method = name.split(' ')[0].toLowerCase();
      let reached = false;
      let lastAnswer = '';
      for (const value of c.values(two)) {
        for (const [who, actor] of [...actors, ['partner', partner] as [string, TestActor]]) {
          const call = (id: string) => (request(t.http) as unknown as Record<string, (url: string) => request.Test>)[method](c.path(one)).set('authorization', actor.auth).send(c.body(one, id));
          const missing = observable(await call(randomUUID()));
          const foreign = observable(await call(value));
          if (refusesTheId(missing, name)) reached = true;
          else lastAnswer += ` ${who}: ${brief(missing)}`;
          if (foreign.status < 400 || JSON.stringify(foreign) !== JSON.stringify(missing)) mismatches.push(`${who} ${name}: theirs ${brief(foreign)} vs missing ${brief(missing)}`);
        }
      }
      if (!reached) neverReached.push(`${name}: ${lastAnswer}`);
    }
    expect(mismatches).toEqual([]);
    expect(neverReached).toEqual([]);
    expect(await databaseChecksum(t)).toEqual(before);
  }, 120_000);
});
