import { randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { createTestApp, smallDefinition, TestApp } from '@ddp/testing';
import { authOf, buildScenario, listRoutes, makers, PDF, READS, Role, ROLES, Scenario, ScenarioIds, XLSX_MIME } from './scenario';

/**
 * The route × role matrix: for every route of the router and every kind of caller, the class of
 * answer it gets when it calls the route on a record of the scenario with a minimal body.
 *
 * One letter per role, in the order of ROLES:
 *   platformAdmin, authorityAdmin, authorityMember, supplierAdmin, supplierMember, auditorAssigned, auditorOther, anonymous
 *
 *   2  success (2xx)
 *   v  allowed, but this body or the record's state is refused (400, 409, 410, 412, 415, 422): past the permission and record checks
 *   F  403: the role lacks the route's permission
 *   N  404: the record is not visible to the role (the same answer as for a missing record)
 *   U  401: no (valid) credentials
 *
 * Reads run first, then writes. A write that moves a record on (submit, approve, decide, …) gets a
 * new record in the right state for each caller that may succeed (`fresh`), so one role's success
 * never changes another's answer; the callers expected to be refused go first and act on the
 * scenario's own record, as it was built. Writes that would change what other rows expect
 * (revoking the auditor, a new clause) aim at `spareContract`; the few that cannot have a fresh
 * record per caller run in a second phase, after everything else.
 */

type Ids = ScenarioIds;
type Makers = ReturnType<typeof makers>;
interface Call {
  /** `own`: the record `fresh` made for this caller (undefined for a caller expected to be refused: it gets the scenario's). */
  path: (ids: Ids, role: Role, own?: string) => string;
  /** A JSON body; or a multipart upload of `file` with text `fields`. */
  body?: (ids: Ids, role: Role, own?: string) => object;
  /** For a write that ends a record's state: a new record in that state for each caller that may succeed. */
  fresh?: (make: Makers) => Promise<string>;
  /** The record whose ETag goes into If-Match (read by the authority admin just before the call): for writes that require it (428). */
  ifMatch?: (ids: Ids, own?: string) => string;
  upload?: { file: Buffer; name: string; type: string; fields?: Record<string, string> };
  /** 2: after every other write (it changes what other rows would see). */
  phase?: 2;
}
interface Cell {
  expect: string;
  /** Reads leave it out: they call READS[route]. */
  call?: Call;
}

const PDF_UPLOAD = { file: PDF, name: 'evidence.pdf', type: 'application/pdf', fields: { documentDate: '2026-03-01' } };
/** Not a workbook: refused by the parsers, after the permission and record checks. */
const NOT_A_WORKBOOK = { file: PDF, name: 'book.xlsx', type: XLSX_MIME };
const FAKE_TOKEN = 'x'.repeat(43);

const MATRIX: Record<string, Cell> = {
  // ----- identity
  'POST /api/v1/auth/login': { expect: 'UUUUUUUU', call: { path: () => '/api/v1/auth/login', body: () => ({ email: 'nobody@example.test', password: 'Wrong-Password-123' }) } },
  'POST /api/v1/auth/refresh': { expect: 'UUUUUUUU', call: { path: () => '/api/v1/auth/refresh', body: () => ({ refreshToken: FAKE_TOKEN }) } },
  'POST /api/v1/auth/logout': { expect: '22222222', call: { path: () => '/api/v1/auth/logout', body: () => ({ refreshToken: FAKE_TOKEN }) } },
  'POST /api/v1/auth/password-reset': { expect: '22222222', call: { path: () => '/api/v1/auth/password-reset', body: () => ({ email: 'nobody@example.test' }) } },
  // An unknown reset token is "unauthorised", whoever sends it.
  'POST /api/v1/auth/password-reset/confirm': { expect: 'UUUUUUUU', call: { path: () => '/api/v1/auth/password-reset/confirm', body: () => ({ token: FAKE_TOKEN, password: 'Another-Strong-Pass-77' }) } },
  'POST /api/v1/auth/browser/login': { expect: 'UUUUUUUU', call: { path: () => '/api/v1/auth/browser/login', body: () => ({ email: 'nobody@example.test', password: 'Wrong-Password-123' }) } },
  'POST /api/v1/auth/browser/refresh': { expect: 'UUUUUUUU', call: { path: () => '/api/v1/auth/browser/refresh' } },
  'POST /api/v1/auth/browser/logout': { expect: '22222222', call: { path: () => '/api/v1/auth/browser/logout' } },
  'POST /api/v1/invitations/accept': { expect: 'vvvvvvvv', call: { path: () => '/api/v1/invitations/accept', body: () => ({ token: FAKE_TOKEN, name: 'Nobody', password: 'Another-Strong-Pass-77' }) } },
  'GET /api/v1/me': { expect: '2222222U' },
  // A wrong current password is a 401 (as for no token): no role changes a password without it.
  'POST /api/v1/me/password': { expect: 'UUUUUUUU', call: { path: () => '/api/v1/me/password', body: () => ({ currentPassword: 'Not-The-Password-1', newPassword: 'Another-Strong-Pass-77' }) } },
  'GET /api/v1/organisations': { expect: '2222222U' },
  'POST /api/v1/organisations': { expect: '2FFFFFFU', call: { path: () => '/api/v1/organisations', body: () => ({ name: `New supplier ${randomUUID()}`, kind: 'supplier', country: 'BE' }) } },
  // A supplier does not read its buyer's organisation record (its contracts name the buyer).
  'GET /api/v1/organisations/:id': { expect: '222NNNNU' },
  'GET /api/v1/organisations/:id/users': { expect: '222NNNNU' },
  'PATCH /api/v1/organisations/:id/users/:userId': { expect: '22FNFNNU', call: { path: (i) => `/api/v1/organisations/${i.authorityOrg}/users/${i.bystanderUser}`, body: () => ({ role: 'member' }) } },
  'GET /api/v1/organisations/:id/invitations': { expect: '22FNFNNU' },
  'POST /api/v1/organisations/:id/invitations': { expect: '22FNFNNU', call: { path: (i) => `/api/v1/organisations/${i.authorityOrg}/invitations`, body: () => ({ email: `invitee.${randomUUID()}@example.test`, role: 'member' }) } },
  'DELETE /api/v1/organisations/:id/invitations/:invitationId': {
    expect: '22FNFNNU',
    call: { path: (i, _r, own = i.invitation) => `/api/v1/organisations/${i.authorityOrg}/invitations/${own}`, fresh: (m) => m.invitation() },
  },
  'GET /api/v1/audit-events': { expect: '22F2F22U' },
  'GET /health/live': { expect: '22222222' },
  'GET /health/ready': { expect: '22222222' },

  // ----- contracts
  'GET /api/v1/contracts': { expect: 'F222222U' },
  'POST /api/v1/contracts': {
    expect: 'F22FFFFU',
    call: { path: () => '/api/v1/contracts', body: (i) => ({ reference: `REF-${randomUUID()}`, title: 'Screens', supplierId: i.supplierOrg, startDate: '2027-01-01', endDate: '2028-12-31', valueCents: 100, currency: 'EUR' }) },
  },
  'GET /api/v1/contracts/:id': { expect: 'F22222NU' },
  'PATCH /api/v1/contracts/:id': { expect: 'F22FFFFU', call: { path: (i) => `/api/v1/contracts/${i.spareContract}`, body: () => ({ title: 'Laptops and screens' }) } },
  'GET /api/v1/contracts/:id/clause': { expect: 'F22222NU' },
  'PUT /api/v1/contracts/:id/clause': { expect: 'F22FFFFU', call: { path: (i) => `/api/v1/contracts/${i.spareContract}/clause`, body: () => ({ terms: { articles: {} } }) } },
  // Adding a participant or an auditor again is answered like the first time.
  'POST /api/v1/contracts/:id/participants': { expect: 'F22FFFFU', call: { path: (i) => `/api/v1/contracts/${i.spareContract}/participants`, body: (i) => ({ country: 'BE', registrationNumber: i.otherBuyerRegistration }) } },
  'POST /api/v1/contracts/:id/auditors': { expect: 'F22FFFFU', call: { path: (i) => `/api/v1/contracts/${i.spareContract}/auditors`, body: (i) => ({ country: 'BE', registrationNumber: i.otherAuditRegistration }) } },
  // Each buyer revokes an assignment of its own: the assigned audit body, then the one assigned by the row above.
  'DELETE /api/v1/contracts/:id/auditors': {
    expect: 'F22FFFFU',
    call: { path: (i, role) => `/api/v1/contracts/${i.spareContract}/auditors?organisationId=${role === 'authorityMember' ? i.otherAuditOrg : i.auditOrg}`, phase: 2 },
  },
  'GET /api/v1/contracts/:id/sites': { expect: 'F22222NU' },
  'POST /api/v1/contracts/:id/sites': { expect: 'FFF22FFU', call: { path: (i) => `/api/v1/contracts/${i.contract}/sites`, body: () => ({ name: 'Plant', address: 'Road 1', country: 'CN', tier: 2 }) } },
  'GET /api/v1/contracts/:id/labels': { expect: 'F22222NU' },
  'POST /api/v1/contracts/:id/labels': {
    expect: 'F2222FFU',
    call: { path: (i) => `/api/v1/contracts/${i.contract}/labels`, body: () => ({ label: 'energy_star', product: 'Screen 24', certificateNumber: 'ES-1', validUntil: '2028-06-30' }) },
  },
  'GET /api/v1/contracts/:id/minerals-reports': { expect: 'F22222NU' },
  'POST /api/v1/contracts/:id/minerals-reports': { expect: 'FFFvvFFU', call: { path: (i) => `/api/v1/contracts/${i.contract}/minerals-reports`, upload: NOT_A_WORKBOOK } },
  'GET /api/v1/contracts/:id/report-obligations': { expect: 'F22222NU' },
  'GET /api/v1/smelters': { expect: 'F222222U' },
  'GET /api/v1/dashboard': { expect: 'F22FF22U' },
  'GET /api/v1/deadlines': { expect: 'F222222U' },

  // ----- questionnaires
  'GET /api/v1/questionnaire-templates': { expect: '2222222U' },
  'POST /api/v1/questionnaire-templates': { expect: '22FFFFFU', call: { path: () => '/api/v1/questionnaire-templates', body: () => ({ definition: smallDefinition() }) } },
  'GET /api/v1/questionnaire-templates/:id': { expect: 'N22222NU' },
  'PUT /api/v1/questionnaire-templates/:id': {
    expect: 'N2FFFFFU',
    call: { path: (i) => `/api/v1/questionnaire-templates/${i.draftTemplate}`, body: () => ({ definition: smallDefinition() }), ifMatch: (i) => `/api/v1/questionnaire-templates/${i.draftTemplate}` },
  },
  'POST /api/v1/questionnaire-templates/:id/publish': { expect: 'N2FFFFFU', call: { path: (i) => `/api/v1/questionnaire-templates/${i.draftTemplate}/publish`, phase: 2 } },
  'GET /api/v1/questionnaire-templates/:id/workbook': { expect: 'N22222NU' },
  'POST /api/v1/questionnaire-templates/import': { expect: 'vvFFFFFU', call: { path: () => '/api/v1/questionnaire-templates/import', upload: NOT_A_WORKBOOK } },

  // ----- assessments
  'GET /api/v1/assessments': { expect: 'F222222U' },
  'POST /api/v1/assessments': { expect: 'F22FFFFU', call: { path: () => '/api/v1/assessments', body: (i) => ({ contractId: i.contract, templateId: i.template, dueDate: '2099-02-28' }) } },
  'POST /api/v1/assessments/bulk': { expect: 'F22FFFFU', call: { path: () => '/api/v1/assessments/bulk', body: (i) => ({ contractIds: [i.spareContract], templateId: i.template, dueDate: '2099-02-28' }) } },
  'GET /api/v1/assessments/:id': { expect: 'F22222NU' },
  'GET /api/v1/assessments/:id/revisions/:number': { expect: 'F22222NU' },
  'GET /api/v1/assessments/:id/workbook': { expect: 'F22222NU' },
  'POST /api/v1/assessments/:id/workbook': { expect: 'FFFvvFFU', call: { path: (i) => `/api/v1/assessments/${i.draftAssessment}/workbook`, upload: NOT_A_WORKBOOK } },
  'PUT /api/v1/assessments/:id/answers': {
    expect: 'FFF22FFU',
    call: { path: (i) => `/api/v1/assessments/${i.draftAssessment}/answers`, body: () => ({ answers: [{ questionCode: 'FL-02', value: 'no' }] }), ifMatch: (i) => `/api/v1/assessments/${i.draftAssessment}` },
  },
  'POST /api/v1/assessments/:id/evidence': { expect: 'FFF22FFU', call: { path: (i) => `/api/v1/assessments/${i.draftAssessment}/evidence`, upload: { ...PDF_UPLOAD, fields: { questionCode: 'MS-01', documentDate: '2026-03-01' } } } },
  // The draft lacks required answers: 422 for its supplier.
  'POST /api/v1/assessments/:id/submit': { expect: 'FFFvvFFU', call: { path: (i) => `/api/v1/assessments/${i.draftAssessment}/submit`, ifMatch: (i) => `/api/v1/assessments/${i.draftAssessment}` } },
  'POST /api/v1/assessments/:id/review': {
    expect: 'F22FFFFU',
    call: {
      path: (i, _r, own = i.reviewableAssessment) => `/api/v1/assessments/${own}/review`,
      body: () => ({ decision: 'accept' }),
      fresh: (m) => m.submittedAssessment(),
      ifMatch: (i, own = i.reviewableAssessment) => `/api/v1/assessments/${own}`,
    },
  },
  'POST /api/v1/assessments/:id/withdraw': {
    expect: 'F22FFFFU',
    call: { path: (i, _r, own = i.draftAssessment) => `/api/v1/assessments/${own}/withdraw`, fresh: (m) => m.issuedAssessment(), ifMatch: (i, own = i.draftAssessment) => `/api/v1/assessments/${own}` },
  },
  'POST /api/v1/assessments/:id/shares': { expect: 'FFF2FFFU', call: { path: (i) => `/api/v1/assessments/${i.assessment}/shares`, body: (i) => ({ authorityId: i.otherBuyerOrg }) } },
  'DELETE /api/v1/assessments/:id/shares': { expect: 'FFF2FFFU', call: { path: (i) => `/api/v1/assessments/${i.assessment}/shares?authorityId=${i.otherBuyerOrg}`, phase: 2 } },
  // Only an authority the assessment was shared with adopts it (buyer B, not a column): buyer A gets a 403 from the record rule.
  'POST /api/v1/assessments/:id/adopt': { expect: 'FFFFFFFU', call: { path: (i) => `/api/v1/assessments/${i.assessment}/adopt`, body: (i) => ({ contractId: i.spareContract }) } },
  'GET /api/v1/evidence/:id': { expect: 'F22222NU' },

  // ----- findings and plans
  'GET /api/v1/findings': { expect: 'F222222U' },
  // The unassigned auditor: 400 naming contractId ("no contract of yours"), as for a contract that does not exist.
  'POST /api/v1/findings': { expect: 'F22FF2vU', call: { path: () => '/api/v1/findings', body: (i) => ({ contractId: i.contract, severity: 'low', theme: 'environment', title: 'Packaging' }) } },
  'GET /api/v1/findings/:id': { expect: 'F22222NU' },
  'PATCH /api/v1/findings/:id': { expect: 'F22FFFFU', call: { path: (i) => `/api/v1/findings/${i.freeFinding}`, body: () => ({ planDueDate: '2027-10-31' }) } },
  'GET /api/v1/findings/:id/evidence': { expect: 'F22222NU' },
  'POST /api/v1/findings/:id/evidence': { expect: 'F22FF2NU', call: { path: (i) => `/api/v1/findings/${i.finding}/evidence`, upload: PDF_UPLOAD } },
  'GET /api/v1/action-plans': { expect: 'F222222U' },
  'POST /api/v1/action-plans': {
    expect: 'F2222FFU',
    call: { path: () => '/api/v1/action-plans', body: (i, _r, own = i.freeFinding) => ({ contractId: i.contract, findingIds: [own], rootCause: 'Cause', actions: [] }), fresh: (m) => m.finding() },
  },
  'GET /api/v1/action-plans/:id': { expect: 'F22222NU' },
  // Buyers hold plans:write to propose actions; the root cause is the supplier's (403 from the record rule).
  'PATCH /api/v1/action-plans/:id': { expect: 'FFF22FFU', call: { path: (i) => `/api/v1/action-plans/${i.plan}`, body: () => ({ rootCause: 'No written policy forbade it' }) } },
  'POST /api/v1/action-plans/:id/submit': { expect: 'FFF22FFU', call: { path: (i, _r, own = i.plan) => `/api/v1/action-plans/${own}/submit`, fresh: async (m) => (await m.draftPlan()).id } },
  'POST /api/v1/action-plans/:id/approve': { expect: 'F22FFFFU', call: { path: (i, _r, own = i.submittedPlan) => `/api/v1/action-plans/${own}/approve`, fresh: (m) => m.submittedPlan() } },
  'POST /api/v1/action-plans/:id/reject': {
    expect: 'F22FFFFU',
    call: { path: (i, _r, own = i.submittedPlan2) => `/api/v1/action-plans/${own}/reject`, body: () => ({ comments: 'Add owners.' }), fresh: (m) => m.submittedPlan() },
  },
  'PATCH /api/v1/action-plans/:id/actions/:actionId': { expect: 'FFF22FFU', call: { path: (i) => `/api/v1/action-plans/${i.plan}/actions/${i.planAction}`, body: () => ({ owner: 'Site manager' }) } },
  'POST /api/v1/action-plans/:id/actions/:actionId/verify': {
    expect: 'F22FFFFU',
    call: { path: (i, _r, own = `${i.submittedPlan}/actions/${i.submittedPlanAction}`) => `/api/v1/action-plans/${own}/verify`, fresh: (m) => m.doneAction() },
  },
  'GET /api/v1/action-plans/:id/actions/:actionId/evidence': { expect: 'F22222NU' },
  'POST /api/v1/action-plans/:id/actions/:actionId/evidence': { expect: 'FFF22FFU', call: { path: (i) => `/api/v1/action-plans/${i.plan}/actions/${i.planAction}/evidence`, upload: PDF_UPLOAD } },

  // ----- reports
  'GET /api/v1/reports': { expect: 'F222222U' },
  'POST /api/v1/reports': { expect: 'FFF22FFU', call: { path: () => '/api/v1/reports', body: (i, _r, own = i.freeObligations[0]) => ({ obligationId: own }), fresh: (m) => m.obligation() } },
  'GET /api/v1/reports/:id': { expect: 'F22222NU' },
  'PATCH /api/v1/reports/:id': { expect: 'FFF22FFU', call: { path: (i) => `/api/v1/reports/${i.report}`, body: () => ({ narrative: 'Both sites audited.' }) } },
  'POST /api/v1/reports/:id/submit': { expect: 'FFF22FFU', call: { path: (i, _r, own = i.report) => `/api/v1/reports/${own}/submit`, fresh: async (m) => (await m.draftReport()).id } },
  'POST /api/v1/reports/:id/accept': { expect: 'F22FFFFU', call: { path: (i, _r, own = i.submittedReport) => `/api/v1/reports/${own}/accept`, body: () => ({}), fresh: (m) => m.submittedReport() } },
  'POST /api/v1/reports/:id/return': {
    expect: 'F22FFFFU',
    call: { path: (i, _r, own = i.submittedReport2) => `/api/v1/reports/${own}/return`, body: () => ({ comments: 'Add dates.' }), fresh: (m) => m.submittedReport() },
  },
  'GET /api/v1/reports/:id/attachments': { expect: 'F22222NU' },
  'POST /api/v1/reports/:id/attachments': { expect: 'FFF22FFU', call: { path: (i) => `/api/v1/reports/${i.report}/attachments`, upload: PDF_UPLOAD } },

  // ----- defaults and penalties
  'GET /api/v1/defaults': { expect: 'F222222U' },
  'POST /api/v1/defaults': { expect: 'F22FFFFU', call: { path: () => '/api/v1/defaults', body: (i) => ({ contractId: i.contract, failing: 'Late report.' }) } },
  'GET /api/v1/defaults/:id': { expect: 'F22222NU' },
  'POST /api/v1/defaults/:id/notice': { expect: 'F22FFFFU', call: { path: (i, _r, own = i.defaultProposed) => `/api/v1/defaults/${own}/notice`, body: () => ({}), fresh: (m) => m.proposedDefault() } },
  'POST /api/v1/defaults/:id/dismiss': {
    expect: 'F22FFFFU',
    call: { path: (i, _r, own = i.defaultProposed2) => `/api/v1/defaults/${own}/dismiss`, body: () => ({ reasons: 'Handed in on paper.' }), fresh: (m) => m.proposedDefault() },
  },
  'POST /api/v1/defaults/:id/response': {
    expect: 'FFF22FFU',
    call: { path: (i, _r, own = i.defaultNotified) => `/api/v1/defaults/${own}/response`, body: () => ({ text: 'Remedied.' }), fresh: (m) => m.notifiedDefault() },
  },
  'POST /api/v1/defaults/:id/decision': {
    expect: 'F22FFFFU',
    call: { path: (i, _r, own = i.defaultAnswered) => `/api/v1/defaults/${own}/decision`, body: () => ({ outcome: 'waived', reasons: 'Remedied at once.' }), fresh: (m) => m.answeredDefault() },
  },
  'GET /api/v1/penalties': { expect: 'F22222NU' },
  'POST /api/v1/penalties/:id/correction': {
    expect: 'F22FFFFU',
    call: { path: (i, _r, own = i.penaltyEntry) => `/api/v1/penalties/${own}/correction`, body: () => ({ amountCents: 0, reasons: 'Waived on appeal.' }), fresh: (m) => m.penaltyEntry() },
  },
  'GET /api/v1/bonus-malus': { expect: 'F22222NU' },
  'POST /api/v1/bonus-malus/:id/decision': {
    expect: 'F22FFFFU',
    call: { path: (i, _r, own = i.settlement) => `/api/v1/bonus-malus/${own}/decision`, body: () => ({ outcome: 'applied', reasons: 'Audits verified.' }), fresh: (m) => m.settlement() },
  },

  // ----- exports
  // The unassigned auditor: 400 naming the contract (not one of its), as for a contract that does not exist.
  'POST /api/v1/exports': { expect: 'F22FF2vU', call: { path: () => '/api/v1/exports', body: (i) => ({ scope: { contractIds: [i.contract] } }) } },
  'GET /api/v1/exports/:id': { expect: 'F2NFFNNU' },
  'GET /api/v1/exports/:id/file': { expect: 'FvNFFNNU' },
};

/** Refusals of a body or a state: invalid, conflict, stale, wrong media type, gone (a used or unknown invitation), unprocessable. */
const REFUSED = [400, 409, 410, 412, 415, 422];
const CLASSES: Record<string, (status: number) => boolean> = {
  '2': (s) => s >= 200 && s < 300,
  v: (s) => REFUSED.includes(s),
  F: (s) => s === 403,
  N: (s) => s === 404,
  U: (s) => s === 401,
};
const SUCCESS = '2';

function callOf(route: string): Call {
  const call = MATRIX[route].call ?? (READS[route] ? { path: READS[route] } : undefined);
  if (!call) throw new Error(`${route}: no call in the matrix and no path in READS`);
  return call;
}

/** The class letter of a status, for reading a failure. */
function classOf(status: number): string {
  if (status >= 200 && status < 300) return '2';
  if (status === 403) return 'F';
  if (status === 404) return 'N';
  if (status === 401) return 'U';
  if (REFUSED.includes(status)) return 'v';
  return String(status);
}

interface Outcome {
  route: string;
  role: Role;
  expected: string;
  status: number;
  contentType: string;
  body: string;
}

describe('route × role matrix', () => {
  let t: TestApp;
  let s: Scenario;
  let make: Makers;
  const outcomes: Outcome[] = [];

  async function send(route: string, role: Role, expected: string): Promise<Response> {
    const call = callOf(route);
    const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    const own = call.fresh && expected === SUCCESS ? await call.fresh(make) : undefined;
    let req = request(t.http)[method](call.path(s.ids, role, own));
    const auth = authOf(s, role);
    if (auth) req = req.set('authorization', auth);
    if (call.ifMatch) {
      const current = await request(t.http).get(call.ifMatch(s.ids, own)).set('authorization', s.actors.authorityAdmin.auth).expect(200);
      req = req.set('if-match', current.headers.etag);
    }
    if (call.upload) {
      for (const [name, value] of Object.entries(call.upload.fields ?? {})) req = req.field(name, value);
      return req.attach('file', call.upload.file, { filename: call.upload.name, contentType: call.upload.type });
    }
    return call.body ? req.send(call.body(s.ids, role, own)) : req;
  }

  async function run(route: string, role: Role, expected: string): Promise<void> {
    const res = await send(route, role, expected);
    outcomes.push({ route, role, expected, status: res.status, contentType: String(res.headers['content-type'] ?? ''), body: (res.text ?? '').slice(0, 300) });
  }

  /** Every cell of `routes`, `width` at a time, refusals first within each route. */
  async function runAll(routes: string[], width: number): Promise<void> {
    const queue = routes.flatMap((route) => {
      const cells = ROLES.map((role, i) => ({ role, expected: MATRIX[route].expect[i] }));
      // Refusals first, so that they are measured on the record as the scenario built it.
      return [cells.filter((c) => c.expected !== SUCCESS), cells.filter((c) => c.expected === SUCCESS)].flat().map((c) => ({ route, ...c }));
    });
    for (let i = 0; i < queue.length; i += width) await Promise.all(queue.slice(i, i + width).map((c) => run(c.route, c.role, c.expected)));
  }

  /** Writes: `width` routes side by side (they act on distinct records), each route's cells in order. */
  async function runWrites(routes: string[], width: number): Promise<void> {
    const pending = [...routes];
    const lane = async () => {
      for (let route = pending.shift(); route; route = pending.shift()) await runAll([route], 1);
    };
    await Promise.all(Array.from({ length: width }, lane));
  }

  beforeAll(async () => {
    t = await createTestApp();
    s = await buildScenario(t);
    make = makers(s);
    const reads = Object.keys(MATRIX).filter((r) => r.startsWith('GET '));
    const writes = Object.keys(MATRIX).filter((r) => !r.startsWith('GET '));
    await runAll(reads, 8);
    await runWrites(writes.filter((r) => callOf(r).phase !== 2), 3);
    await runWrites(writes.filter((r) => callOf(r).phase === 2), 3);
  }, 120_000);
  afterAll(async () => {
    t.clock.release();
    await t.close();
  });

  it('has one row per route of the router, and no row for a route the router lacks', () => {
    const served = listRoutes(t).map((r) => r.route);
    expect({ missingFromMatrix: served.filter((r) => !(r in MATRIX)), notServed: Object.keys(MATRIX).filter((r) => !served.includes(r)) }).toEqual({ missingFromMatrix: [], notServed: [] });
  });

  it('has one expectation per role in every row', () => {
    const malformed = Object.entries(MATRIX).filter(([, cell]) => cell.expect.length !== ROLES.length || [...cell.expect].some((c) => !(c in CLASSES)));
    expect(malformed.map(([route, cell]) => `${route}: ${cell.expect}`)).toEqual([]);
  });

  it('never answers 5xx', () => {
    expect(outcomes.filter((o) => o.status >= 500).map((o) => `${o.route} as ${o.role}: ${o.status} ${o.body}`)).toEqual([]);
  });

  it('answers every refusal as problem+json', () => {
    const plain = outcomes.filter((o) => o.status >= 400 && !o.contentType.startsWith('application/problem+json'));
    expect(plain.map((o) => `${o.route} as ${o.role}: ${o.status} ${o.contentType}`)).toEqual([]);
  });

  it('never lets a role succeed where the matrix says it must not', () => {
    const leaks = outcomes.filter((o) => o.expected !== SUCCESS && o.status >= 200 && o.status < 300);
    expect(leaks.map((o) => `${o.route} as ${o.role}: ${o.status}, expected ${o.expected}`)).toEqual([]);
  });

  it('answers every cell with the class the matrix gives', () => {
    if (process.env.MATRIX_PRINT === '1') {
      const rows = Object.keys(MATRIX).map((route) => `${route}  ${ROLES.map((role) => classOf(outcomes.find((o) => o.route === route && o.role === role)?.status ?? 0)).join('')}  (matrix ${MATRIX[route].expect})`);
      process.stdout.write(`${rows.join('\n')}\n`);
    }
    const wrong = outcomes.filter((o) => !CLASSES[o.expected]?.(o.status));
    expect(wrong.map((o) => `${o.route} as ${o.role}: ${o.status} (${classOf(o.status)}), expected ${o.expected}: ${o.body}`)).toEqual([]);
  });
});
