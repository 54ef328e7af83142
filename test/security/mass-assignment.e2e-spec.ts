import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ValidationPipe } from '@nestjs/common';
import request, { Response } from 'supertest';
import { binaryParser, createActor, createTestApp, fullTerms, login, smallDefinition, TestActor, TestApp, TEST_PASSWORD } from '@ddp/testing';
import { buildScenario, FUTURE_DATE, listRoutes, makers, PDF, Scenario, ScenarioIds, XLSX_MIME } from './scenario';

/**
 * Mass assignment: no write takes a field it does not declare. Every route that reads a body
 * (JSON or multipart) is sent a body that works, plus one field a caller must never set
 * (`organisationId`, `status`, …): the answer is a 400 problem+json naming that field, and nothing
 * in the database or the file store changes. Then the body alone is sent, and works: the refusal
 * was about the extra field. The list of routes comes from the router and the OpenAPI document,
 * so a new body route without a sample here fails the suite.
 */

/** The fields a caller must never set on a record: ownership, state, computed values, identity. */
const FORBIDDEN = ['organisationId', 'status', 'score', 'version', 'createdBy', 'id', 'authorityId', 'supplierId'];

type Ids = ScenarioIds;
type Makers = ReturnType<typeof makers>;
interface Sample {
  /** Who sends it (a key of the scenario's actors, or a TestActor made by this file). */
  as: (s: Scenario) => TestActor | undefined;
  /** `own`: the record `prepare` made (so that the final, successful call does not consume the scenario's). */
  path: (ids: Ids, own: string) => string;
  body?: (ids: Ids, own: string) => Record<string, unknown>;
  /** Multipart: text fields sent with the file. */
  upload?: { file: (s: Scenario, own: string) => Promise<Buffer>; name: string; type: string; fields: Record<string, string> };
  prepare?: (make: Makers, s: Scenario) => Promise<string>;
  ifMatch?: (ids: Ids, own: string) => string;
  /** What the body alone is answered. A 2xx, or the documented refusal of a shape-valid body (e.g. an unknown token). */
  status: number;
  /** FORBIDDEN fields this body legitimately declares (by path: `status`, `actions.0.id`), with the reason. */
  declares?: Record<string, string>;
  /** A success that stores nothing (e.g. a password reset for an unknown address). */
  writesNothing?: true;
  /** Nested objects of the body (`terms`, `actions.0`) that must refuse the fields too. */
  nested?: string[];
}

const pdf = async () => PDF;
/** For multipart bodies: the extra field comes after the file part. */
const AFTER_THE_FILE = 'after the file';
const DOCUMENT_DATE = { documentDate: '2026-03-01' };

/** Every body route and a body it takes. Routes run in this order (a share before the adoption it allows). */
const SAMPLES: Record<string, Sample> = {
  'POST /api/v1/auth/login': { as: () => undefined, path: () => '/api/v1/auth/login', body: (_i, own) => ({ email: own, password: TEST_PASSWORD }), prepare: async (_m, s) => s.actors.supplierMember.user.email, status: 200 },
  'POST /api/v1/auth/browser/login': {
    as: () => undefined,
    path: () => '/api/v1/auth/browser/login',
    body: (_i, own) => ({ email: own, password: TEST_PASSWORD }),
    prepare: async (_m, s) => s.actors.supplierMember.user.email,
    status: 200,
  },
  'POST /api/v1/auth/refresh': { as: () => undefined, path: () => '/api/v1/auth/refresh', body: (_i, own) => ({ refreshToken: own }), prepare: (_m, s) => freshRefreshToken(s), status: 200 },
  'POST /api/v1/auth/logout': { as: () => undefined, path: () => '/api/v1/auth/logout', body: (_i, own) => ({ refreshToken: own }), prepare: (_m, s) => freshRefreshToken(s), status: 204 },
  // An unknown address: the same 202 as for a known one, and nothing stored.
  'POST /api/v1/auth/password-reset': { as: () => undefined, path: () => '/api/v1/auth/password-reset', body: () => ({ email: 'nobody@example.test' }), status: 202, writesNothing: true },
  // Shape-valid with an unknown token: 401 (a real token exists only in a mail; test/passwords covers it).
  'POST /api/v1/auth/password-reset/confirm': { as: () => undefined, path: () => '/api/v1/auth/password-reset/confirm', body: () => ({ token: 'x'.repeat(43), password: 'Another-Strong-Pass-77' }), status: 401 },
  // Shape-valid with an unknown token: 410 (test/invitations covers a real one).
  'POST /api/v1/invitations/accept': { as: () => undefined, path: () => '/api/v1/invitations/accept', body: () => ({ token: 'x'.repeat(43), name: 'New Colleague', password: 'Another-Strong-Pass-77' }), status: 410 },
  'POST /api/v1/me/password': { as: () => passwordChanger, path: () => '/api/v1/me/password', body: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'Another-Strong-Pass-77' }), status: 200 },
  'POST /api/v1/organisations': { as: (s) => s.actors.platformAdmin, path: () => '/api/v1/organisations', body: () => ({ name: 'Screens Unlimited NV', kind: 'supplier', country: 'BE' }), status: 201 },
  'PATCH /api/v1/organisations/:id/users/:userId': {
    as: (s) => s.actors.authorityAdmin,
    path: (i) => `/api/v1/organisations/${i.authorityOrg}/users/${i.bystanderUser}`,
    body: () => ({ role: 'admin' }),
    status: 200,
    declares: { status: 'an admin enables and disables the users of its organisation' },
  },
  'POST /api/v1/organisations/:id/invitations': { as: (s) => s.actors.authorityAdmin, path: (i) => `/api/v1/organisations/${i.authorityOrg}/invitations`, body: () => ({ email: 'colleague@example.test', role: 'member' }), status: 201 },

  'POST /api/v1/contracts': {
    as: (s) => s.actors.authorityAdmin,
    path: () => '/api/v1/contracts',
    body: (i) => ({ reference: 'MA-001', title: 'Screens', supplierId: i.supplierOrg, lots: [{ name: 'Lot 1' }], startDate: '2027-01-01', endDate: '2028-12-31', valueCents: 100, currency: 'EUR' }),
    status: 201,
    declares: { supplierId: 'a buyer names the supplier of its new contract (one of its suppliers, checked by the service)' },
    nested: ['lots.0'],
  },
  'PATCH /api/v1/contracts/:id': {
    as: (s) => s.actors.authorityAdmin,
    path: (i) => `/api/v1/contracts/${i.spareContract}`,
    body: () => ({ title: 'Screens and docks' }),
    status: 200,
    declares: { status: 'the buyer suspends, resumes or ends its contract' },
  },
  'PUT /api/v1/contracts/:id/clause': { as: (s) => s.actors.authorityAdmin, path: (i) => `/api/v1/contracts/${i.spareContract}/clause`, body: () => ({ terms: fullTerms() }), status: 200, nested: ['terms', 'terms.reporting', 'terms.reporting.kpis.0', 'terms.penalties'] },
  'POST /api/v1/contracts/:id/participants': { as: (s) => s.actors.authorityAdmin, path: (i) => `/api/v1/contracts/${i.spareContract}/participants`, body: (i) => ({ country: 'BE', registrationNumber: i.otherBuyerRegistration }), status: 200 },
  'POST /api/v1/contracts/:id/auditors': { as: (s) => s.actors.authorityAdmin, path: (i) => `/api/v1/contracts/${i.spareContract}/auditors`, body: (i) => ({ country: 'BE', registrationNumber: i.otherAuditRegistration }), status: 200 },
  'POST /api/v1/contracts/:id/sites': { as: (s) => s.actors.supplierAdmin, path: (i) => `/api/v1/contracts/${i.contract}/sites`, body: () => ({ name: 'Plant', address: 'Road 1', country: 'CN', tier: 2, products: ['laptops'] }), status: 201 },
  'POST /api/v1/contracts/:id/labels': { as: (s) => s.actors.supplierAdmin, path: (i) => `/api/v1/contracts/${i.contract}/labels`, body: () => ({ label: 'energy_star', product: 'Screen 24', certificateNumber: 'ES-1', validUntil: '2028-06-30' }), status: 201 },
  // Not a workbook: 415 once the fields were read (test/minerals covers real ones; filling one takes ~15 s).
  'POST /api/v1/contracts/:id/minerals-reports': { as: (s) => s.actors.supplierAdmin, path: (i) => `/api/v1/contracts/${i.contract}/minerals-reports`, upload: { file: pdf, name: 'cmrt.xlsx', type: XLSX_MIME, fields: {} }, status: 415 },

  'POST /api/v1/questionnaire-templates': { as: (s) => s.actors.authorityAdmin, path: () => '/api/v1/questionnaire-templates', body: () => ({ definition: smallDefinition() }), status: 201 },
  'PUT /api/v1/questionnaire-templates/:id': {
    as: (s) => s.actors.authorityAdmin,
    path: (i) => `/api/v1/questionnaire-templates/${i.draftTemplate}`,
    body: () => ({ definition: smallDefinition() }),
    ifMatch: (i) => `/api/v1/questionnaire-templates/${i.draftTemplate}`,
    status: 200,
  },
  'POST /api/v1/questionnaire-templates/import': {
    as: (s) => s.actors.authorityAdmin,
    path: () => '/api/v1/questionnaire-templates/import',
    upload: { file: (s) => download(s, `/api/v1/questionnaire-templates/${s.ids.template}/workbook`), name: 'template.xlsx', type: XLSX_MIME, fields: {} },
    status: 201,
  },

  'POST /api/v1/assessments': { as: (s) => s.actors.authorityAdmin, path: () => '/api/v1/assessments', body: (i) => ({ contractId: i.contract, templateId: i.template, dueDate: '2099-02-28' }), status: 201 },
  'POST /api/v1/assessments/bulk': { as: (s) => s.actors.authorityAdmin, path: () => '/api/v1/assessments/bulk', body: (i) => ({ contractIds: [i.spareContract], templateId: i.template, dueDate: '2099-02-28' }), status: 201 },
  'PUT /api/v1/assessments/:id/answers': {
    as: (s) => s.actors.supplierAdmin,
    path: (i) => `/api/v1/assessments/${i.draftAssessment}/answers`,
    body: () => ({ answers: [{ questionCode: 'FL-02', value: 'no', comment: 'Checked.' }], language: 'en' }),
    ifMatch: (i) => `/api/v1/assessments/${i.draftAssessment}`,
    status: 200,
    nested: ['answers.0'],
  },
  'POST /api/v1/assessments/:id/evidence': {
    as: (s) => s.actors.supplierAdmin,
    path: (i) => `/api/v1/assessments/${i.draftAssessment}/evidence`,
    upload: { file: pdf, name: 'policy.pdf', type: 'application/pdf', fields: { questionCode: 'MS-01', ...DOCUMENT_DATE } },
    status: 201,
  },
  'POST /api/v1/assessments/:id/workbook': {
    as: (s) => s.actors.supplierAdmin,
    path: (i) => `/api/v1/assessments/${i.draftAssessment}/workbook`,
    upload: { file: (s) => download(s, `/api/v1/assessments/${s.ids.draftAssessment}/workbook`), name: 'answers.xlsx', type: XLSX_MIME, fields: {} },
    status: 200,
    // The workbook as downloaded: the same answers, nothing to save.
    writesNothing: true,
  },
  'POST /api/v1/assessments/:id/review': {
    as: (s) => s.actors.authorityAdmin,
    path: (_i, own) => `/api/v1/assessments/${own}/review`,
    body: () => ({ decision: 'request_clarification', comments: [{ questionCode: 'HW-01', text: 'Attach the overtime records.' }] }),
    prepare: (m) => m.submittedAssessment(),
    ifMatch: (_i, own) => `/api/v1/assessments/${own}`,
    status: 200,
    nested: ['comments.0'],
  },
  'POST /api/v1/assessments/:id/shares': {
    as: (s) => s.actors.supplierAdmin,
    path: (i) => `/api/v1/assessments/${i.assessment}/shares`,
    body: (i) => ({ authorityId: i.otherBuyerOrg }),
    status: 200,
    declares: { authorityId: 'the supplier names the authority it shares its assessment with' },
  },
  'POST /api/v1/assessments/:id/adopt': { as: (s) => s.otherBuyer, path: (i) => `/api/v1/assessments/${i.assessment}/adopt`, body: (i) => ({ contractId: i.otherBuyerContract }), status: 201 },

  'POST /api/v1/findings': { as: (s) => s.actors.auditorAssigned, path: () => '/api/v1/findings', body: (i) => ({ contractId: i.contract, severity: 'low', theme: 'environment', title: 'Packaging', description: 'Plastic foam.' }), status: 201 },
  'PATCH /api/v1/findings/:id': { as: (s) => s.actors.authorityAdmin, path: (i) => `/api/v1/findings/${i.freeFinding}`, body: () => ({ planDueDate: '2027-10-31' }), status: 200 },
  'POST /api/v1/findings/:id/evidence': { as: (s) => s.actors.auditorAssigned, path: (i) => `/api/v1/findings/${i.finding}/evidence`, upload: { file: pdf, name: 'audit.pdf', type: 'application/pdf', fields: DOCUMENT_DATE }, status: 201 },
  'POST /api/v1/action-plans': {
    as: (s) => s.actors.supplierAdmin,
    path: () => '/api/v1/action-plans',
    body: (i, own) => ({ contractId: i.contract, findingIds: [own], rootCause: 'Cause', actions: [{ description: 'Fix it', owner: 'HR', dueDate: FUTURE_DATE }] }),
    prepare: (m) => m.finding(),
    status: 201,
    nested: ['actions.0'],
  },
  'PATCH /api/v1/action-plans/:id': {
    as: (s) => s.actors.supplierAdmin,
    path: (_i, own) => `/api/v1/action-plans/${own}`,
    body: () => ({ rootCause: 'No written policy', actions: [{ description: 'Lockers', owner: 'HR', dueDate: FUTURE_DATE }] }),
    prepare: async (m) => (await m.draftPlan()).id,
    status: 200,
    nested: ['actions.0'],
    declares: { 'actions.0.id': 'an action sent with its id is kept (checked to be one of this plan: 422 otherwise)' },
  },
  'POST /api/v1/action-plans/:id/reject': { as: (s) => s.actors.authorityAdmin, path: (_i, own) => `/api/v1/action-plans/${own}/reject`, body: () => ({ comments: 'Add owners.' }), prepare: (m) => m.submittedPlan(), status: 200 },
  'PATCH /api/v1/action-plans/:id/actions/:actionId': {
    as: (s) => s.actors.supplierAdmin,
    path: (i) => `/api/v1/action-plans/${i.plan}/actions/${i.planAction}`,
    body: () => ({ owner: 'Site manager' }),
    status: 200,
    declares: { status: 'the supplier moves its action planned → in_progress → done (one step at a time, checked by the service)' },
  },
  'POST /api/v1/action-plans/:id/actions/:actionId/evidence': {
    as: (s) => s.actors.supplierAdmin,
    path: (i) => `/api/v1/action-plans/${i.plan}/actions/${i.planAction}/evidence`,
    upload: { file: pdf, name: 'lockers.pdf', type: 'application/pdf', fields: DOCUMENT_DATE },
    status: 201,
  },

  'POST /api/v1/reports': { as: (s) => s.actors.supplierAdmin, path: () => '/api/v1/reports', body: (_i, own) => ({ obligationId: own }), prepare: (m) => m.obligation(), status: 201 },
  'PATCH /api/v1/reports/:id': {
    as: (s) => s.actors.supplierAdmin,
    path: (i) => `/api/v1/reports/${i.report}`,
    body: () => ({ narrative: 'Both sites audited.', kpiValues: [{ code: 'AUDITED_SITES', value: '92', unit: 'percent' }, { code: 'OPEN_GRIEVANCES', value: 1 }] }),
    status: 200,
    nested: ['kpiValues.0'],
  },
  'POST /api/v1/reports/:id/accept': { as: (s) => s.actors.authorityAdmin, path: (_i, own) => `/api/v1/reports/${own}/accept`, body: () => ({ comments: 'Complete.' }), prepare: (m) => m.submittedReport(), status: 200 },
  'POST /api/v1/reports/:id/return': { as: (s) => s.actors.authorityAdmin, path: (_i, own) => `/api/v1/reports/${own}/return`, body: () => ({ comments: 'Add dates.' }), prepare: (m) => m.submittedReport(), status: 200 },
  'POST /api/v1/reports/:id/attachments': { as: (s) => s.actors.supplierAdmin, path: (i) => `/api/v1/reports/${i.report}/attachments`, upload: { file: pdf, name: 'audit.pdf', type: 'application/pdf', fields: DOCUMENT_DATE }, status: 201 },

  'POST /api/v1/defaults': { as: (s) => s.actors.authorityAdmin, path: () => '/api/v1/defaults', body: (i) => ({ contractId: i.contract, failing: 'Late report.', occurredOn: '2027-07-01' }), status: 201 },
  'POST /api/v1/defaults/:id/notice': {
    as: (s) => s.actors.authorityAdmin,
    path: (_i, own) => `/api/v1/defaults/${own}/notice`,
    body: () => ({ failing: 'Report late.', article: 'Art. 12.3', remedyDeadline: '2027-08-10' }),
    prepare: (m) => m.proposedDefault(),
    status: 200,
  },
  'POST /api/v1/defaults/:id/dismiss': { as: (s) => s.actors.authorityAdmin, path: (_i, own) => `/api/v1/defaults/${own}/dismiss`, body: () => ({ reasons: 'On paper.' }), prepare: (m) => m.proposedDefault(), status: 200 },
  'POST /api/v1/defaults/:id/response': { as: (s) => s.actors.supplierAdmin, path: (_i, own) => `/api/v1/defaults/${own}/response`, body: () => ({ text: 'Remedied.' }), prepare: (m) => m.notifiedDefault(), status: 200 },
  'POST /api/v1/defaults/:id/decision': {
    as: (s) => s.actors.authorityAdmin,
    path: (_i, own) => `/api/v1/defaults/${own}/decision`,
    body: () => ({ outcome: 'waived', reasons: 'Remedied at once.', remediedOn: '2027-07-10' }),
    prepare: (m) => m.answeredDefault(),
    status: 200,
  },
  'POST /api/v1/penalties/:id/correction': { as: (s) => s.actors.authorityAdmin, path: (_i, own) => `/api/v1/penalties/${own}/correction`, body: () => ({ amountCents: 0, reasons: 'On appeal.' }), prepare: (m) => m.penaltyEntry(), status: 200 },
  'POST /api/v1/bonus-malus/:id/decision': { as: (s) => s.actors.authorityAdmin, path: (_i, own) => `/api/v1/bonus-malus/${own}/decision`, body: () => ({ outcome: 'applied', reasons: 'Verified.' }), prepare: (m) => m.settlement(), status: 200 },
  'POST /api/v1/exports': { as: (s) => s.actors.auditorAssigned, path: () => '/api/v1/exports', body: (i) => ({ scope: { contractIds: [i.contract] }, from: '2026-01-01', to: '2027-12-31' }), status: 202, nested: ['scope'] },
};

/** The user whose password the sample of POST /me/password changes (not one the other samples log in as). */
let passwordChanger: TestActor;
let t: TestApp;

async function freshRefreshToken(s: Scenario): Promise<string> {
  return (await login(s.t, s.actors.supplierMember.user.email, TEST_PASSWORD)).refreshToken;
}

async function download(s: Scenario, path: string): Promise<Buffer> {
  const res = await request(s.t.http).get(path).set('authorization', s.actors.supplierAdmin.auth).buffer(true).parse(binaryParser as never).expect(200);
  return res.body as Buffer;
}

/**
 * A digest of every table of the application, and the list of stored files. `rate_limits` is left
 * out: it counts every attempt at the auth routes, refused or not, by design.
 */
async function checksum(): Promise<string> {
  const { rows: tables } = await t.sql.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('rate_limits', 'migrations') ORDER BY 1`,
  );
  const digests = tables.map(({ name }) => `'${name}=' || (SELECT md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) FROM "${name}" x)`);
  const { rows } = await t.sql.query<{ h: string }>(`SELECT concat_ws(',', ${digests.join(', ')}) AS h`);
  return `${rows[0].h}\nfiles=${listFiles(t.config.filesDir).join(',')}`;
}

function listFiles(dir: string, root = dir): string[] {
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? listFiles(join(dir, e.name), root) : [relative(root, join(dir, e.name))])).sort();
}

/** A deep copy of `body` with `field` set at `path` (`''` for the top level, `actions.0` inside the first action). */
function withField(body: Record<string, unknown>, path: string, field: string): Record<string, unknown> {
  const copy = structuredClone(body);
  let node: Record<string, unknown> = copy;
  for (const part of path ? path.split('.') : []) node = node[part] as Record<string, unknown>;
  node[field] = field.endsWith('Id') || field === 'id' || field === 'createdBy' ? '2b1a4a5e-8c6f-4b1d-9a7e-3f0c2d1e4b5a' : field === 'status' ? 'approved' : 7;
  return copy;
}

/** The routes that read a body: those the OpenAPI document gives a request body, and those with a @Body() parameter. */
async function bodyRoutes(): Promise<string[]> {
  const document = (await request(t.http).get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { requestBody?: unknown }>> };
  const documented = Object.entries(document.paths).flatMap(([path, ops]) =>
    Object.entries(ops)
      .filter(([, op]) => op.requestBody)
      .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
  );
  const withBodyParameter = listRoutes(t)
    .filter((r) => r.takesBody)
    .map((r) => r.route);
  return [...new Set([...documented, ...withBodyParameter])].sort();
}

describe('mass assignment: every body refuses the fields it does not declare', () => {
  let s: Scenario;
  let make: Makers;

  beforeAll(async () => {
    t = await createTestApp();
    s = await buildScenario(t);
    make = makers(s);
    passwordChanger = await createActor(t, 'supplier', 'member', s.actors.supplierAdmin.organisation);
  }, 60_000);
  afterAll(async () => {
    t.clock.release();
    await t.close();
  });

  it('has the global ValidationPipe with whitelist and forbidNonWhitelisted', () => {
    const pipes = (t.app as unknown as { config: { getGlobalPipes(): unknown[] } }).config.getGlobalPipes();
    const validation = pipes.find((p): p is ValidationPipe => p instanceof ValidationPipe) as unknown as { validatorOptions: Record<string, unknown> } | undefined;
    expect(validation?.validatorOptions).toMatchObject({ whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  });

  it('has a sample body for every route that reads one, and none for a route that does not', async () => {
    const routes = await bodyRoutes();
    expect({ withoutSample: routes.filter((r) => !(r in SAMPLES)), notBodyRoutes: Object.keys(SAMPLES).filter((r) => !routes.includes(r)) }).toEqual({ withoutSample: [], notBodyRoutes: [] });
  });

  /**
   * Sends the sample with `extra` merged in at `path`; in a multipart body, `extra` is a text field,
   * before the file (`path` '') or after it (`path` 'after the file': the file is then received first).
   */
  async function send(sample: Sample, own: string, extra?: { path: string; field: string }): Promise<Response> {
    const method = route(sample).split(' ')[0].toLowerCase() as 'post' | 'put' | 'patch';
    let req = request(t.http)[method](sample.path(s.ids, own));
    const actor = sample.as(s);
    if (actor) req = req.set('authorization', actor.auth);
    if (sample.ifMatch) {
      const current = await request(t.http).get(sample.ifMatch(s.ids, own)).set('authorization', (actor ?? s.actors.authorityAdmin).auth).expect(200);
      req = req.set('if-match', current.headers.etag);
    }
    if (sample.upload) {
      const before = extra?.path === '' ? { [extra.field]: 'x', ...sample.upload.fields } : sample.upload.fields;
      for (const [name, value] of Object.entries(before)) req = req.field(name, value);
      req = req.attach('file', await sample.upload.file(s, own), { filename: sample.upload.name, contentType: sample.upload.type });
      return extra?.path === AFTER_THE_FILE ? req.field(extra.field, 'x') : req;
    }
    const body = sample.body!(s.ids, own);
    return req.send(extra ? withField(body, extra.path, extra.field) : body);
  }
  const route = (sample: Sample) => Object.keys(SAMPLES).find((r) => SAMPLES[r] === sample)!;

  it.each(Object.keys(SAMPLES))('%s: refuses each undeclared field (400 naming it, nothing changed), then takes the body alone', async (name) => {
    const sample = SAMPLES[name];
    const own = sample.prepare ? await sample.prepare(make, s) : '';
    const paths = sample.upload ? ['', AFTER_THE_FILE] : ['', ...(sample.nested ?? [])];
    const at = (path: string, field: string) => (path && path !== AFTER_THE_FILE ? `${path}.${field}` : field);
    const attempts = paths.flatMap((path) => FORBIDDEN.filter((field) => !sample.declares?.[at(path, field)]).map((field) => ({ path, field })));

    const before = await checksum();
    const refused: string[] = [];
    for (const extra of attempts) {
      const res = await send(sample, own, extra);
      const named = at(extra.path, extra.field);
      // PUT /assessments/:id/answers names its fields `answers[0].x` (answer-shape.ts), the ValidationPipe `answers.0.x`.
      const fields = Array.isArray(res.body?.errors) ? (res.body.errors as Array<{ field: string }>).map((e) => e.field.replace(/\[(\d+)\]/g, '.$1')) : [];
      const ok = res.status === 400 && /^application\/problem\+json/.test(res.headers['content-type'] ?? '') && res.body.code === 'validation_failed' && fields.includes(named);
      if (!ok) refused.push(`${named}: ${res.status} ${res.text.slice(0, 200)}`);
    }
    expect(refused).toEqual([]);
    expect(await checksum()).toBe(before);

    const res = await send(sample, own);
    expect({ status: res.status, body: res.status === sample.status ? 'as expected' : res.text.slice(0, 300) }).toEqual({ status: sample.status, body: 'as expected' });
    // The digest sees what a write changes (so its staying the same above means something).
    const changed = (await checksum()) !== before;
    expect({ changed }).toEqual({ changed: sample.status < 300 && !sample.writesNothing });
  });
});
