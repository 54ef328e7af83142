import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { RequestContext } from '@ddp/core';
import { SettlementsService } from '@ddp/penalties';
import { apiAs, createActor, createContract, createOrganisation, createUser, ensureRegistration, fullTerms, publishedTemplate, RouteInfo, routerRoutes, smallDefinition, TestActor, TestApp } from '@ddp/testing';

/**
 * One realistic tenant world shared by the security suites (test/security/*): every kind of
 * caller, and at least one record of every kind a route can name, so that any `:id` of the
 * router can be filled. Build it once per file with `buildScenario(t)`; the API below is stable.
 */

/** The callers of the route × role matrix, in the order of its columns. */
export const ROLES = ['platformAdmin', 'authorityAdmin', 'authorityMember', 'supplierAdmin', 'supplierMember', 'auditorAssigned', 'auditorOther', 'anonymous'] as const;
export type Role = (typeof ROLES)[number];
export type ActorRole = Exclude<Role, 'anonymous'>;

/** The scenario's "today" (12:00 in Brussels): quarters Q1 2026 .. Q3 2027 of the contract have started. */
export const SCENARIO_NOW = '2027-07-10T10:00:00Z';
/** A date after SCENARIO_NOW, for due dates that must be today or later. */
export const FUTURE_DATE = '2027-09-30';

/** A minimal valid PDF for uploads. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface ScenarioIds {
  platformOrg: string;
  /** Buyer A: the authority of `contract`. */
  authorityOrg: string;
  supplierOrg: string;
  /** The audit body assigned to `contract` and `spareContract`. */
  auditOrg: string;
  /** An audit body assigned to nothing. */
  otherAuditOrg: string;
  /** Buyer B: another authority the same supplier serves (under `otherBuyerContract`). */
  otherBuyerOrg: string;
  /** Registration numbers (country BE) of buyer B and of the audit body assigned to nothing: bodies that name an organisation. */
  otherBuyerRegistration: string;
  otherAuditRegistration: string;
  /** A member of the authority nobody logs in as (a target for user management). */
  bystanderUser: string;
  /** A pending invitation into the authority. */
  invitation: string;
  /** A → supplier, framework agreement, full clause, auditor assigned, a CMRT, sites and labels disclosed. */
  contract: string;
  /** A → supplier, framework agreement, no clause, auditor assigned: for writes that would change what the matrix expects of `contract` (revoking the auditor, suspending). */
  spareContract: string;
  /** B → supplier. */
  otherBuyerContract: string;
  /** A published template of the authority, and a draft one. */
  template: string;
  draftTemplate: string;
  /** Submitted on `contract` with a red-flag answer (FL-01 yes) and the policy as evidence, then accepted by the buyer. */
  assessment: string;
  /** Submitted on `contract` like `assessment`, not reviewed. */
  reviewableAssessment: string;
  /** Issued on `contract`, partly answered, not submitted. */
  draftAssessment: string;
  /** The evidence file of `assessment` (question MS-01). */
  evidence: string;
  /** Files attached to `finding` (by the buyer), to `planAction` and to `report` (by the supplier). */
  findingEvidence: string;
  actionEvidence: string;
  reportAttachment: string;
  /** The red-flag finding of `assessment`, covered by `plan`. */
  finding: string;
  /** A finding recorded by the buyer, covered by `submittedPlan`. */
  manualFinding: string;
  /** An open finding in no plan. */
  freeFinding: string;
  /** A draft plan of the supplier with one action, and a submitted plan with one action. */
  plan: string;
  planAction: string;
  submittedPlan: string;
  submittedPlanAction: string;
  /** Another submitted plan (so that an approval and a rejection each have one). */
  submittedPlan2: string;
  /** Report obligations of `contract` that have started and have no report. */
  freeObligations: string[];
  /** A draft report (complete), two submitted reports, an accepted report. */
  report: string;
  submittedReport: string;
  submittedReport2: string;
  acceptedReport: string;
  /** Defaults of `contract`: proposed, notified (awaiting the answer), answered (awaiting the decision), decided. */
  defaultProposed: string;
  /** Another proposed default (so that a notice and a dismissal each have one). */
  defaultProposed2: string;
  defaultNotified: string;
  defaultAnswered: string;
  defaultDecided: string;
  /** The penalty ledger entry of `defaultDecided`. */
  penaltyEntry: string;
  /** The proposed bonus of `acceptedReport`. */
  settlement: string;
  /** An export the authority admin asked for (queued). */
  export: string;
  /** The CMRT of `contract` (inserted in SQL: filling and parsing the official workbook takes ~15 s; test/minerals covers the upload). */
  mineralsReport: string;
}

export interface Scenario {
  t: TestApp;
  actors: Record<ActorRole, TestActor>;
  /** The admin of buyer B (not a matrix column: the other buyer whose name buyer A must never see). */
  otherBuyer: TestActor;
  ids: ScenarioIds;
}

/** The `authorization` header of a role (none for `anonymous`). */
export function authOf(scenario: Scenario, role: Role): string | undefined {
  return role === 'anonymous' ? undefined : scenario.actors[role].auth;
}

const unique = (): string => randomBytes(4).toString('hex');
const KPI_VALUES = [
  { code: 'AUDITED_SITES', value: '95' },
  { code: 'OPEN_GRIEVANCES', value: 0 },
];

/**
 * Builds the world on `t` (a fresh createTestApp). Freezes t.clock at SCENARIO_NOW (release it in
 * afterAll if the file needs to). Takes a few seconds.
 */
export async function buildScenario(t: TestApp): Promise<Scenario> {
  t.clock.freeze(SCENARIO_NOW);
  const api = apiAs(t);
  const authorityAdmin = await createActor(t, 'contracting_authority', 'admin');
  const supplierAdmin = await createActor(t, 'supplier', 'admin');
  const auditorAssigned = await createActor(t, 'audit_body', 'admin');
  const actors: Record<ActorRole, TestActor> = {
    platformAdmin: await createActor(t, 'platform', 'admin'),
    authorityAdmin,
    authorityMember: await createActor(t, 'contracting_authority', 'member', authorityAdmin.organisation),
    supplierAdmin,
    supplierMember: await createActor(t, 'supplier', 'member', supplierAdmin.organisation),
    auditorAssigned,
    auditorOther: await createActor(t, 'audit_body', 'admin'),
  };
  const otherBuyer = await createActor(t, 'contracting_authority', 'admin', await createOrganisation(t, 'contracting_authority', `Other Buyer ${unique()}`));
  const buyer = authorityAdmin;
  const supplier = supplierAdmin;

  const bystander = await createUser(t, buyer.organisation, 'member');
  const invitation = await api(buyer).post(`/organisations/${buyer.organisation.id}/invitations`, { email: `invitee.${unique()}@example.test`, role: 'member' }).expect(201);

  const contract = (await createContract(t, buyer, supplier, { isFramework: true, startDate: '2026-01-01', endDate: '2028-12-31' })).id;
  const spareContract = (await createContract(t, buyer, supplier, { isFramework: true })).id;
  const otherBuyerContract = (await createContract(t, otherBuyer, supplier)).id;
  await api(buyer).put(`/contracts/${contract}/clause`, { terms: fullTerms() }).expect(200);
  const auditorRegistration = { country: 'BE', registrationNumber: await ensureRegistration(t, auditorAssigned) };
  for (const id of [contract, spareContract]) await api(buyer).post(`/contracts/${id}/auditors`, auditorRegistration).expect(200);
  const otherAuditRegistration = await ensureRegistration(t, actors.auditorOther);
  const otherBuyerRegistration = await ensureRegistration(t, otherBuyer);
  await api(supplier).post(`/contracts/${contract}/sites`, { name: 'Assembly plant', address: '18 Xiyong Road, Chongqing', country: 'CN', tier: 1 }).expect(201);
  await api(supplier).post(`/contracts/${contract}/labels`, { label: 'tco_certified', product: 'ProBook 450', certificateNumber: 'NB-1', validUntil: '2028-06-30' }).expect(201);
  const mineralsReport = await insertMineralsReport(t, contract, buyer, supplier);

  const template = (await publishedTemplate(t, buyer, smallDefinition())).id;
  const draftTemplate = (await api(buyer).post('/questionnaire-templates', { definition: smallDefinition() }).expect(201)).body.id as string;

  const assessment = await submittedAssessment(t, buyer, supplier, contract, template);
  const accepted = await api(buyer).get(`/assessments/${assessment.id}`).expect(200);
  await api(buyer).post(`/assessments/${assessment.id}/review`, { decision: 'accept' }, accepted.body.version).expect(200);
  const reviewableAssessment = await submittedAssessment(t, buyer, supplier, contract, template);
  const draftAssessment = (await api(buyer).post('/assessments', { contractId: contract, templateId: template, dueDate: '2099-01-31' }).expect(201)).body;
  await api(supplier).put(`/assessments/${draftAssessment.id}/answers`, { answers: [{ questionCode: 'FL-01', value: 'no' }] }, draftAssessment.version).expect(200);

  const findings = (await api(buyer).get(`/findings?assessmentId=${assessment.id}`).expect(200)).body.items as Array<{ id: string; questionCode: string }>;
  const finding = findings.find((f) => f.questionCode === 'FL-01');
  if (!finding) throw new Error(`The red-flag answer made no finding: ${JSON.stringify(findings)}`);
  const newFinding = async (title: string) =>
    (await api(buyer).post('/findings', { contractId: contract, severity: 'high', theme: 'working_hours_wages', title }).expect(201)).body.id as string;
  const manualFinding = await newFinding('Excessive overtime at final assembly');
  const secondFinding = await newFinding('Unpaid overtime');
  const freeFinding = await newFinding('No grievance mechanism');

  const action = { description: 'Return every retained passport', owner: 'HR manager', dueDate: FUTURE_DATE };
  const plan = (await api(supplier).post('/action-plans', { contractId: contract, findingIds: [finding.id], rootCause: 'No written policy', actions: [action] }).expect(201)).body;
  const submitted = (await api(supplier).post('/action-plans', { contractId: contract, findingIds: [manualFinding], rootCause: 'Peak season', actions: [action] }).expect(201)).body;
  const submitted2 = (await api(supplier).post('/action-plans', { contractId: contract, findingIds: [secondFinding], rootCause: 'Peak season', actions: [action] }).expect(201)).body;
  for (const p of [submitted, submitted2]) await api(supplier).post(`/action-plans/${p.id}/submit`, undefined, p.version).expect(200);

  const execution = await executionRecords(t, buyer, supplier, contract);
  const attach = async (actor: TestActor, path: string) =>
    (await request(t.http).post(`/api/v1${path}`).set('authorization', actor.auth).field('documentDate', '2026-03-01').attach('file', PDF, { filename: 'evidence.pdf', contentType: 'application/pdf' }).expect(201)).body.id as string;
  const findingEvidence = await attach(buyer, `/findings/${finding.id}/evidence`);
  const actionEvidence = await attach(supplier, `/action-plans/${plan.id}/actions/${plan.actions[0].id}/evidence`);
  const reportAttachment = await attach(supplier, `/reports/${execution.report}/attachments`);
  const exported = await api(buyer).post('/exports', { scope: { portfolio: true } }).expect(202);

  return {
    t,
    actors,
    otherBuyer,
    ids: {
      platformOrg: actors.platformAdmin.organisation.id,
      authorityOrg: buyer.organisation.id,
      supplierOrg: supplier.organisation.id,
      auditOrg: auditorAssigned.organisation.id,
      otherAuditOrg: actors.auditorOther.organisation.id,
      otherBuyerOrg: otherBuyer.organisation.id,
      otherBuyerRegistration,
      otherAuditRegistration,
      bystanderUser: bystander.id,
      invitation: invitation.body.id,
      contract,
      spareContract,
      otherBuyerContract,
      template,
      draftTemplate,
      assessment: assessment.id,
      reviewableAssessment: reviewableAssessment.id,
      draftAssessment: draftAssessment.id,
      evidence: assessment.evidence,
      findingEvidence,
      actionEvidence,
      reportAttachment,
      finding: finding.id,
      manualFinding,
      freeFinding,
      plan: plan.id,
      planAction: plan.actions[0].id,
      submittedPlan: submitted.id,
      submittedPlanAction: submitted.actions[0].id,
      submittedPlan2: submitted2.id,
      ...execution,
      export: exported.body.id,
      mineralsReport,
    },
  };
}

/** A current CMRT of the contract with one smelter, as the import stores it. */
export async function insertMineralsReport(t: TestApp, contractId: string, buyer: TestActor, supplier: TestActor): Promise<string> {
  const { rows } = await t.sql.query<{ id: string }>(
    `INSERT INTO minerals_reports (contract_id, authority_id, supplier_id, kind, version, company_name, scope, effective_date, declaration, file_sha256, file_size_bytes, smelter_count, uploaded_by)
     VALUES ($1, $2, $3, 'CMRT', '6.5', $4, 'Company', '2026-12-31', '{}', repeat('a', 64), 1, 1, $5) RETURNING id`,
    [contractId, buyer.organisation.id, supplier.organisation.id, supplier.organisation.name, supplier.user.id],
  );
  await t.sql.query(
    `INSERT INTO minerals_smelters (report_id, row_number, metal, name, country, smelter_id, source, group_key) VALUES ($1, 5, 'Tin', 'PT Timah Tbk', 'INDONESIA', 'CID001070', 'RMI', 'id:CID001070')`,
    [rows[0].id],
  );
  return rows[0].id;
}

/** Issued, answered with a red flag (identity documents retained), evidence attached, submitted. */
async function submittedAssessment(t: TestApp, buyer: TestActor, supplier: TestActor, contractId: string, templateId: string): Promise<{ id: string; evidence: string }> {
  const api = apiAs(t);
  const issued = (await api(buyer).post('/assessments', { contractId, templateId, dueDate: '2099-01-31' }).expect(201)).body;
  const answers = [
    { questionCode: 'FL-01', value: 'yes' },
    { questionCode: 'FL-02', value: 'no' },
    { questionCode: 'HW-01', value: 48 },
  ];
  const saved = (await api(supplier).put(`/assessments/${issued.id}/answers`, { answers }, issued.version).expect(200)).body;
  const evidence = await request(t.http)
    .post(`/api/v1/assessments/${issued.id}/evidence`)
    .set('authorization', supplier.auth)
    .field('questionCode', 'MS-01')
    .field('documentDate', '2026-03-01')
    .attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
    .expect(201);
  const current = (await api(supplier).get(`/assessments/${issued.id}`).expect(200)).body;
  await api(supplier).post(`/assessments/${issued.id}/submit`, undefined, current.version ?? saved.version).expect(200);
  return { id: issued.id, evidence: evidence.body.id };
}

/** Reports, defaults in each state, a penalty and a bonus proposal on `contractId` (which has the full clause). */
async function executionRecords(t: TestApp, buyer: TestActor, supplier: TestActor, contractId: string) {
  const api = apiAs(t);
  const record = async () => (await api(buyer).post('/defaults', { contractId, failing: 'The audit found excessive overtime.' }).expect(201)).body.id as string;
  const [defaultProposed, defaultProposed2, defaultNotified, defaultAnswered, defaultDecided] = [await record(), await record(), await record(), await record(), await record()];
  for (const id of [defaultNotified, defaultAnswered, defaultDecided]) await api(buyer).post(`/defaults/${id}/notice`, {}).expect(200);
  for (const id of [defaultAnswered, defaultDecided]) await api(supplier).post(`/defaults/${id}/response`, { text: 'We disagree.' }).expect(200);
  await api(buyer).post(`/defaults/${defaultDecided}/decision`, { outcome: 'applied', reasons: 'Facts established.' }).expect(200);
  const ledger = (await api(buyer).get('/penalties').query({ contractId }).expect(200)).body;

  const obligations = (await api(supplier).get(`/contracts/${contractId}/report-obligations`).expect(200)).body as Array<{ id: string; periodStart: string }>;
  const started = obligations.filter((o) => o.periodStart <= SCENARIO_NOW.slice(0, 10));
  const report = async (obligationId: string, submit: boolean) => {
    const created = (await api(supplier).post('/reports', { obligationId }).expect(201)).body;
    const saved = (await api(supplier).patch(`/reports/${created.id}`, { narrative: 'Quarterly report.', kpiValues: KPI_VALUES }, created.version).expect(200)).body;
    if (submit) await api(supplier).post(`/reports/${created.id}/submit`, undefined, saved.version).expect(200);
    return created.id as string;
  };
  // 95 % audited against a 90 % target: a bonus proposal once accepted.
  const acceptedReport = await report(started[0].id, true);
  await api(buyer).post(`/reports/${acceptedReport}/accept`).expect(200);
  await t.app.get(SettlementsService).proposeDue(RequestContext.system());
  const settlements = (await api(buyer).get('/bonus-malus').query({ contractId }).expect(200)).body as Array<{ id: string }>;
  return {
    defaultProposed,
    defaultProposed2,
    defaultNotified,
    defaultAnswered,
    defaultDecided,
    penaltyEntry: ledger.items[0].id as string,
    settlement: settlements[0].id,
    acceptedReport,
    report: await report(started[1].id, false),
    submittedReport: await report(started[2].id, true),
    submittedReport2: await report(started[3].id, true),
    freeObligations: started.slice(4).map((o) => o.id),
  };
}

/** Every route the api serves (see routerRoutes). */
export const listRoutes = (t: TestApp): RouteInfo[] => routerRoutes(t.app);

/**
 * New records in a given state on the scenario's contract, made through the API by its buyer and
 * supplier (admins): for writes that end a state, so that each caller acts on a record of its own.
 */
export function makers(s: Scenario) {
  const { t } = s;
  const api = apiAs(t);
  const buyer = s.actors.authorityAdmin;
  const supplier = s.actors.supplierAdmin;
  const contractId = s.ids.contract;
  /** Started obligations without a report, taken from extra contracts with the full clause as needed. */
  const obligations: string[] = [...s.ids.freeObligations];
  let usedScenarioObligations = 0;

  const m = {
    invitation: async () => (await api(buyer).post(`/organisations/${s.ids.authorityOrg}/invitations`, { email: `invitee.${unique()}@example.test`, role: 'member' }).expect(201)).body.id as string,
    issuedAssessment: async () => (await api(buyer).post('/assessments', { contractId, templateId: s.ids.template, dueDate: '2099-01-31' }).expect(201)).body.id as string,
    submittedAssessment: async () => (await submittedAssessment(t, buyer, supplier, contractId, s.ids.template)).id,
    finding: async () => (await api(buyer).post('/findings', { contractId, severity: 'medium', theme: 'working_hours_wages', title: `Finding ${unique()}` }).expect(201)).body.id as string,
    draftPlan: async () => {
      const body = { contractId, findingIds: [await m.finding()], rootCause: 'Peak season', actions: [{ description: 'Hire temporary staff', owner: 'HR manager', dueDate: FUTURE_DATE }] };
      return (await api(supplier).post('/action-plans', body).expect(201)).body as { id: string; version: number; actions: Array<{ id: string }> };
    },
    submittedPlan: async () => {
      const plan = await m.draftPlan();
      await api(supplier).post(`/action-plans/${plan.id}/submit`, undefined, plan.version).expect(200);
      return plan.id;
    },
    /** `planId/actions/actionId` of a done action in an approved plan, ready to be verified. */
    doneAction: async () => {
      const plan = await m.draftPlan();
      await api(supplier).post(`/action-plans/${plan.id}/submit`, undefined, plan.version).expect(200);
      await api(buyer).post(`/action-plans/${plan.id}/approve`).expect(200);
      const action = `/action-plans/${plan.id}/actions/${plan.actions[0].id}`;
      for (const status of ['in_progress', 'done']) await api(supplier).patch(action, { status }).expect(200);
      return `${plan.id}/actions/${plan.actions[0].id}`;
    },
    obligation: async () => {
      if (usedScenarioObligations < obligations.length) return obligations[usedScenarioObligations++];
      const extra = (await createContract(t, buyer, supplier, { startDate: '2026-01-01', endDate: '2028-12-31' })).id;
      await api(buyer).put(`/contracts/${extra}/clause`, { terms: fullTerms() }).expect(200);
      const list = (await api(supplier).get(`/contracts/${extra}/report-obligations`).expect(200)).body as Array<{ id: string; periodStart: string }>;
      obligations.push(...list.filter((o) => o.periodStart <= SCENARIO_NOW.slice(0, 10)).map((o) => o.id));
      return obligations[usedScenarioObligations++];
    },
    /** A complete draft report (KPIs filled), ready to submit. */
    draftReport: async () => {
      const created = (await api(supplier).post('/reports', { obligationId: await m.obligation() }).expect(201)).body;
      const saved = (await api(supplier).patch(`/reports/${created.id}`, { narrative: 'Quarterly report.', kpiValues: KPI_VALUES }, created.version).expect(200)).body;
      return { id: created.id as string, version: saved.version as number };
    },
    submittedReport: async () => {
      const report = await m.draftReport();
      await api(supplier).post(`/reports/${report.id}/submit`, undefined, report.version).expect(200);
      return report.id;
    },
    /** A proposed bonus: a report of a fresh contract accepted, then the settlement run. */
    settlement: async () => {
      const report = await m.submittedReport();
      await api(buyer).post(`/reports/${report}/accept`).expect(200);
      await t.app.get(SettlementsService).proposeDue(RequestContext.system());
      const { rows } = await t.sql.query<{ id: string }>(`SELECT id FROM kpi_settlements WHERE report_id = $1`, [report]);
      if (rows.length !== 1) throw new Error(`No settlement proposed for report ${report}`);
      return rows[0].id;
    },
    proposedDefault: async () => (await api(buyer).post('/defaults', { contractId, failing: 'Late report.' }).expect(201)).body.id as string,
    notifiedDefault: async () => {
      const id = await m.proposedDefault();
      await api(buyer).post(`/defaults/${id}/notice`, {}).expect(200);
      return id;
    },
    answeredDefault: async () => {
      const id = await m.notifiedDefault();
      await api(supplier).post(`/defaults/${id}/response`, { text: 'We disagree.' }).expect(200);
      return id;
    },
    /** The ledger entry of a default decided with a penalty. */
    penaltyEntry: async () => {
      const id = await m.answeredDefault();
      await api(buyer).post(`/defaults/${id}/decision`, { outcome: 'applied', reasons: 'Facts established.' }).expect(200);
      const { rows } = await t.sql.query<{ id: string }>(`SELECT id FROM penalties WHERE default_id = $1`, [id]);
      return rows[0].id;
    },
  };
  return m;
}

/** Where each read of the router is aimed in the scenario: a record every reader of the contract may see. */
export const READS: Record<string, (ids: ScenarioIds) => string> = {
  'GET /api/v1/me': () => '/api/v1/me',
  'GET /api/v1/organisations': () => '/api/v1/organisations',
  'GET /api/v1/organisations/:id': (i) => `/api/v1/organisations/${i.authorityOrg}`,
  'GET /api/v1/organisations/:id/users': (i) => `/api/v1/organisations/${i.authorityOrg}/users`,
  'GET /api/v1/organisations/:id/invitations': (i) => `/api/v1/organisations/${i.authorityOrg}/invitations`,
  'GET /api/v1/audit-events': () => '/api/v1/audit-events',
  'GET /health/live': () => '/health/live',
  'GET /health/ready': () => '/health/ready',
  'GET /api/v1/contracts': () => '/api/v1/contracts',
  'GET /api/v1/contracts/:id': (i) => `/api/v1/contracts/${i.contract}`,
  'GET /api/v1/contracts/:id/clause': (i) => `/api/v1/contracts/${i.contract}/clause`,
  'GET /api/v1/contracts/:id/sites': (i) => `/api/v1/contracts/${i.contract}/sites`,
  'GET /api/v1/contracts/:id/labels': (i) => `/api/v1/contracts/${i.contract}/labels`,
  'GET /api/v1/contracts/:id/minerals-reports': (i) => `/api/v1/contracts/${i.contract}/minerals-reports`,
  'GET /api/v1/contracts/:id/report-obligations': (i) => `/api/v1/contracts/${i.contract}/report-obligations`,
  'GET /api/v1/smelters': () => '/api/v1/smelters',
  'GET /api/v1/dashboard': () => '/api/v1/dashboard',
  'GET /api/v1/deadlines': () => '/api/v1/deadlines',
  'GET /api/v1/questionnaire-templates': () => '/api/v1/questionnaire-templates',
  'GET /api/v1/questionnaire-templates/:id': (i) => `/api/v1/questionnaire-templates/${i.template}`,
  'GET /api/v1/questionnaire-templates/:id/workbook': (i) => `/api/v1/questionnaire-templates/${i.template}/workbook`,
  'GET /api/v1/assessments': () => '/api/v1/assessments',
  'GET /api/v1/assessments/:id': (i) => `/api/v1/assessments/${i.assessment}`,
  'GET /api/v1/assessments/:id/revisions/:number': (i) => `/api/v1/assessments/${i.assessment}/revisions/1`,
  'GET /api/v1/assessments/:id/workbook': (i) => `/api/v1/assessments/${i.draftAssessment}/workbook`,
  'GET /api/v1/evidence/:id': (i) => `/api/v1/evidence/${i.evidence}`,
  'GET /api/v1/findings': () => '/api/v1/findings',
  'GET /api/v1/findings/:id': (i) => `/api/v1/findings/${i.finding}`,
  'GET /api/v1/findings/:id/evidence': (i) => `/api/v1/findings/${i.finding}/evidence`,
  'GET /api/v1/action-plans': () => '/api/v1/action-plans',
  'GET /api/v1/action-plans/:id': (i) => `/api/v1/action-plans/${i.plan}`,
  'GET /api/v1/action-plans/:id/actions/:actionId/evidence': (i) => `/api/v1/action-plans/${i.plan}/actions/${i.planAction}/evidence`,
  'GET /api/v1/reports': () => '/api/v1/reports',
  'GET /api/v1/reports/:id': (i) => `/api/v1/reports/${i.report}`,
  'GET /api/v1/reports/:id/attachments': (i) => `/api/v1/reports/${i.report}/attachments`,
  'GET /api/v1/defaults': () => '/api/v1/defaults',
  'GET /api/v1/defaults/:id': (i) => `/api/v1/defaults/${i.defaultNotified}`,
  'GET /api/v1/penalties': (i) => `/api/v1/penalties?contractId=${i.contract}`,
  'GET /api/v1/bonus-malus': (i) => `/api/v1/bonus-malus?contractId=${i.contract}`,
  'GET /api/v1/exports/:id': (i) => `/api/v1/exports/${i.export}`,
  'GET /api/v1/exports/:id/file': (i) => `/api/v1/exports/${i.export}/file`,
};
