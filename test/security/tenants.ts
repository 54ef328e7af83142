import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { RequestContext } from '@ddp/core';
import { SettlementsService } from '@ddp/penalties';
import { apiAs, createActor, createContract, createTestApp, ensureRegistration, filledRmi, fullTerms, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

/** 12:00 in Brussels: quarters up to Q2 2027 have ended, so reports can be written and accepted. */
export const SCENARIO_NOW = '2027-07-10T10:00:00Z';

/** A minimal valid PDF (recognised by its content as application/pdf). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

const unique = (): string => randomBytes(4).toString('hex');

/** One buyer–supplier relationship with a record of every kind, all reachable by their ids. */
export interface Tenant {
  buyer: TestActor;
  supplier: TestActor;
  auditor: TestActor;
  contractId: string;
  templateId: string;
  draftTemplateId: string;
  assessmentId: string;
  /** A draft assessment (answers, evidence and submission still possible). */
  draftAssessmentId: string;
  evidenceId: string;
  findingId: string;
  /** A finding in no plan yet (a plan may still be made for it). */
  freeFindingId: string;
  planId: string;
  actionId: string;
  defaultId: string;
  penaltyId: string;
  settlementId: string;
  obligationId: string;
  /** An obligation without a report yet. */
  freeObligationId: string;
  reportId: string;
  exportId: string;
  mineralsReportId: string;
  siteId: string;
  labelId: string;
  invitationId: string;
}

/**
 * Builds a tenant through the API as its users would: a contract with a clause, an auditor, a
 * site and a label, a submitted assessment (findings from its red/amber answers) and a draft one,
 * evidence, a plan with an action and its evidence, a decided default (a penalty), an accepted
 * report (a bonus proposal) and a draft one with an attachment, an export, a CMRT, an invitation.
 * Expects the clock frozen at SCENARIO_NOW.
 */
export async function buildTenant(t: TestApp): Promise<Tenant> {
  const api = apiAs(t);
  const buyer = await createActor(t, 'contracting_authority', 'admin');
  const supplier = await createActor(t, 'supplier', 'admin');
  const auditor = await createActor(t, 'audit_body', 'admin');
  const contractId = (await createContract(t, buyer, supplier, { startDate: '2026-01-01', endDate: '2028-12-31' })).id;
  await api(buyer).put(`/contracts/${contractId}/clause`, { terms: fullTerms() }).expect(200);
  await api(buyer).post(`/contracts/${contractId}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);
  const siteId = (await api(supplier).post(`/contracts/${contractId}/sites`, { name: 'Assembly plant', address: '18 Xiyong Road, Chongqing', country: 'CN', tier: 1 }).expect(201)).body.id;
  const labelId = (await api(supplier).post(`/contracts/${contractId}/labels`, { label: 'tco_certified', product: 'ProBook 450', certificateNumber: `NB-${unique()}`, validUntil: '2028-06-30' }).expect(201)).body.id;

  const templateId = (await publishedTemplate(t, buyer, smallDefinition())).id;
  const draftTemplateId = (await api(buyer).post('/questionnaire-templates', { definition: smallDefinition() }).expect(201)).body.id;
  const issue = async () => (await api(buyer).post('/assessments', { contractId, templateId, dueDate: '2027-12-31' }).expect(201)).body as { id: string; version: number };
  const issued = await issue();
  const answers = [{ questionCode: 'FL-01', value: 'yes' }, { questionCode: 'FL-02', value: 'no' }, { questionCode: 'HW-01', value: 65 }];
  const saved = await api(supplier).put(`/assessments/${issued.id}/answers`, { answers }, issued.version).expect(200);
  const evidence = await upload(t, supplier, `/api/v1/assessments/${issued.id}/evidence`, { questionCode: 'MS-01', documentDate: '2027-03-01' }).expect(201);
  await api(supplier).post(`/assessments/${issued.id}/submit`, undefined, saved.body.version).expect(200);
  const draftAssessmentId = (await issue()).id;

  const findings = (await api(buyer).get(`/findings?contractId=${contractId}`).expect(200)).body.items as Array<{ id: string; severity: string }>;
  const red = findings.find((f) => f.severity === 'high');
  const amber = findings.find((f) => f.severity !== 'high');
  if (!red || !amber) throw new Error(`expected a red and an amber finding, got ${JSON.stringify(findings)}`);
  const plan = await api(supplier)
    .post('/action-plans', { contractId, findingIds: [red.id], rootCause: 'No written policy', actions: [{ description: 'Return every passport', owner: 'HR manager', dueDate: '2027-12-15' }] })
    .expect(201);
  const actionId = plan.body.actions[0].id as string;
  await upload(t, supplier, `/api/v1/action-plans/${plan.body.id}/actions/${actionId}/evidence`, { documentDate: '2027-07-01' }).expect(201);
  await upload(t, buyer, `/api/v1/findings/${amber.id}/evidence`, { documentDate: '2027-07-01' }).expect(201);

  const defaultId = (await api(buyer).post('/defaults', { contractId, failing: 'The audit found excessive overtime.' }).expect(201)).body.id as string;
  await api(buyer).post(`/defaults/${defaultId}/notice`, {}).expect(200);
  await api(supplier).post(`/defaults/${defaultId}/response`, { text: 'We disagree.' }).expect(200);
  await api(buyer).post(`/defaults/${defaultId}/decision`, { outcome: 'applied', reasons: 'Facts established.' }).expect(200);
  const penaltyId = (await api(buyer).get(`/penalties?contractId=${contractId}`).expect(200)).body.items[0].id as string;

  const obligations = (await api(supplier).get(`/contracts/${contractId}/report-obligations`).expect(200)).body as Array<{ id: string; periodEnd: string }>;
  const ended = obligations.filter((o) => o.periodEnd < '2027-07-10');
  const accepted = (await api(supplier).post('/reports', { obligationId: ended[0].id }).expect(201)).body;
  const kpiValues = [{ code: 'AUDITED_SITES', value: '95' }, { code: 'OPEN_GRIEVANCES', value: 0 }];
  const complete = await api(supplier).patch(`/reports/${accepted.id}`, { narrative: 'Quarterly report.', kpiValues }, accepted.version).expect(200);
  await api(supplier).post(`/reports/${accepted.id}/submit`, undefined, complete.body.version).expect(200);
  await api(buyer).post(`/reports/${accepted.id}/accept`).expect(200);
  await t.app.get(SettlementsService).proposeDue(RequestContext.system());
  const settlementId = (await api(buyer).get(`/bonus-malus?contractId=${contractId}`).expect(200)).body[0].id as string;
  const reportId = (await api(supplier).post('/reports', { obligationId: ended[1].id }).expect(201)).body.id as string;
  await upload(t, supplier, `/api/v1/reports/${reportId}/attachments`, { documentDate: '2027-07-01' }).expect(201);

  const exportId = (await api(buyer).post('/exports', { scope: { contractIds: [contractId] } }).expect(202)).body.id as string;
  const cmrt = await request(t.http).post(`/api/v1/contracts/${contractId}/minerals-reports`).set('authorization', supplier.auth)
    .attach('file', await filledRmi('CMRT'), { filename: 'cmrt.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }).expect(201);
  const invitationId = (await api(buyer).post(`/organisations/${buyer.organisation.id}/invitations`, { email: `colleague.${unique()}@example.test`, role: 'member' }).expect(201)).body.id as string;

  return {
    buyer, supplier, auditor, contractId, templateId, draftTemplateId, assessmentId: issued.id, draftAssessmentId, evidenceId: evidence.body.id,
    findingId: red.id, freeFindingId: amber.id, planId: plan.body.id, actionId, defaultId, penaltyId, settlementId,
    obligationId: ended[0].id, freeObligationId: ended[2].id, reportId, exportId, mineralsReportId: cmrt.body.id, siteId, labelId, invitationId,
  };
}

/** A PDF upload with the given form fields. */
export function upload(t: TestApp, actor: TestActor, path: string, fields: Record<string, string>, file = PDF, filename = 'policy.pdf', contentType = 'application/pdf'): request.Test {
  const req = request(t.http).post(path).set('authorization', actor.auth);
  for (const [name, value] of Object.entries(fields)) req.field(name, value);
  return req.attach('file', file, { filename, contentType });
}

/** A test app with the clock frozen at SCENARIO_NOW and two tenants that share nothing. */
export async function twoTenants(overrides: Record<string, string> = {}): Promise<{ t: TestApp; one: Tenant; two: Tenant }> {
  const t = await createTestApp(overrides);
  t.clock.freeze(SCENARIO_NOW);
  return { t, one: await buildTenant(t), two: await buildTenant(t) };
}

/**
 * An md5 over every row of every application table (public schema), ordered: equal before and
 * after means no write reached the database. The job queue's own schema is not application data.
 */
export async function databaseChecksum(t: TestApp, except: string[] = []): Promise<Record<string, string>> {
  const { rows: tables } = await t.sql.query<{ name: string }>(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    if (except.includes(name)) continue;
    const { rows } = await t.sql.query<{ sum: string }>(`SELECT md5(coalesce(string_agg(r::text, '|' ORDER BY r::text), '')) AS sum FROM "${name}" r`);
    sums[name] = rows[0].sum;
  }
  return sums;
}
