import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request, { Response } from 'supertest';
import { MailOutbox, RequestContext } from '@ddp/core';
import { apiAs, comparableProblem, createActor, createContract, createTestApp, ensureRegistration, parseEml, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** 10:00 in Brussels: the contracts' today is 2027-01-10. */
const BASE = '2027-01-10T09:00:00Z';
const TODAY = '2027-01-10';

interface ActionBody {
  id: string;
  position: number;
  description: string;
  status: string;
  proposedBy: string;
  version: number;
  overdue: boolean;
}

describe('corrective action plans', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;
  let auditor: TestActor;
  let participant: TestActor;
  let otherBuyer: TestActor;
  let otherSupplier: TestActor;
  /** A framework agreement with a clause (planDeadlineDays 20), an assigned auditor and a participating authority. */
  let contractId: string;
  let contractReference: string;
  /** The same parties, no clause. */
  let secondContractId: string;
  /** Another tenant's contract. */
  let otherContractId: string;

  const api = apiAs(() => t);
  const action = (dueDate: string, description = 'Return every retained passport to its holder') => ({ description, owner: 'HR manager, assembly site', dueDate });

  async function finding(contract: string, severity = 'high', title = 'Identity documents retained at the dormitory', as = buyer): Promise<{ id: string; planDueDate: string | null; closedAt: string | null; status: string }> {
    return (await api(as).post('/findings', { contractId: contract, severity, theme: 'forced_labour', title }).expect(201)).body;
  }

  async function createPlan(findingIds: string[], actions = [action('2027-02-15')], as = supplier, contract = contractId) {
    return (await api(as).post('/action-plans', { contractId: contract, findingIds, rootCause: 'No written policy forbade keeping passports', actions }).expect(201)).body;
  }

  const upload = (actor: TestActor, planId: string, actionId: string, documentDate = '2026-11-01') =>
    request(t.http)
      .post(`/api/v1/action-plans/${planId}/actions/${actionId}/evidence`)
      .set('authorization', actor.auth)
      .field('documentDate', documentDate)
      .attach('file', PDF, { filename: 'passports-returned.pdf', contentType: 'application/pdf' });

  /** Every row a refused request must leave as it was. */
  async function state(): Promise<unknown> {
    const rows = async (sql: string) => (await t.sql.query(sql)).rows;
    return {
      plans: await rows('SELECT * FROM action_plans ORDER BY id'),
      links: await rows('SELECT * FROM action_plan_findings ORDER BY plan_id, finding_id'),
      actions: await rows('SELECT * FROM plan_actions ORDER BY id'),
      findings: await rows('SELECT id, status, plan_due_date, closed_at, updated_at FROM findings ORDER BY id'),
      evidence: await rows('SELECT id FROM evidence_files ORDER BY id'),
      mails: await rows('SELECT count(*) FROM mail_outbox'),
      audit: await rows('SELECT count(*) FROM audit_events'),
    };
  }

  /** The request is answered `status` with problem+json `code` (naming `field`), and nothing changed. */
  async function refused(status: number, code: string, send: () => request.Test, field?: string): Promise<Response> {
    const before = await state();
    const response = await send();
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    if (field) expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await state()).toEqual(before);
    return response;
  }

  /** The action-plan mails sent to `to`, oldest first, as delivered. */
  async function planMails(to: string): Promise<Array<{ template: string; subject: string; text: string }>> {
    await t.app.get(MailOutbox).dispatchDue(RequestContext.system(), 500);
    const { rows } = await t.sql.query<{ id: string; template: string; status: string }>(
      `SELECT id, template, status FROM mail_outbox WHERE to_address = $1 AND template LIKE 'action\\_plan\\_%' ORDER BY created_at, id`,
      [to],
    );
    return rows.map((row) => {
      expect(row.status).toBe('sent');
      const mail = parseEml(readFileSync(join(t.config.mailDir, `${row.id}.eml`), 'utf8'));
      return { template: row.template, subject: mail.subject, text: mail.text };
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.freeze(BASE);
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
    auditor = await createActor(t, 'audit_body', 'admin');
    participant = await createActor(t, 'contracting_authority', 'admin');
    otherBuyer = await createActor(t, 'contracting_authority', 'admin');
    otherSupplier = await createActor(t, 'supplier', 'admin');
    // Mails go out in the recipient organisation's language.
    await t.sql.query(`UPDATE organisations SET preferred_language = 'fr' WHERE id = $1`, [buyer.organisation.id]);
    await t.sql.query(`UPDATE organisations SET preferred_language = 'nl' WHERE id = $1`, [supplier.organisation.id]);

    contractId = (await createContract(t, buyer, supplier, { isFramework: true })).id;
    contractReference = (await api(buyer).get(`/contracts/${contractId}`).expect(200)).body.reference;
    secondContractId = (await createContract(t, buyer, supplier)).id;
    otherContractId = (await createContract(t, otherBuyer, otherSupplier)).id;

    const terms = { articles: {}, noticeResponseDays: 15, noticeRemedyDays: 30, planDeadlineDays: 20 };
    const clause = await api(buyer).put(`/contracts/${contractId}/clause`, { terms });
    if (clause.status !== 200) {
      await t.sql.query(`INSERT INTO contract_clauses (contract_id, version_number, effective_from, terms) VALUES ($1, 1, '2026-01-01', $2)`, [contractId, JSON.stringify(terms)]);
    }
    await api(buyer).post(`/contracts/${contractId}/auditors`, { country: 'BE', registrationNumber: await ensureRegistration(t, auditor) }).expect(200);
    await api(buyer).post(`/contracts/${contractId}/participants`, { country: 'BE', registrationNumber: await ensureRegistration(t, participant) }).expect(200);
  });
  beforeEach(() => t.clock.freeze(BASE));
  afterAll(() => t.close());

  it('gives red findings a plan deadline from the clause (30 days without one), which the contract’s authority may move', async () => {
    const red = await finding(contractId);
    expect(red).toMatchObject({ planDueDate: '2027-01-30', closedAt: null, status: 'open' });
    expect((await finding(contractId, 'medium')).planDueDate).toBeNull();
    expect((await finding(secondContractId)).planDueDate).toBe('2027-02-09');

    // From a submitted assessment: the red answer's finding gets the deadline, the amber one none.
    const template = await publishedTemplate(t, buyer, smallDefinition());
    const issued = await api(buyer).post('/assessments', { contractId, templateId: template.id, dueDate: '2099-01-31' }).expect(201);
    const assessmentId = issued.body.id as string;
    const answers = [{ questionCode: 'FL-01', value: 'yes' }, { questionCode: 'FL-02', value: 'no' }, { questionCode: 'HW-01', value: 65 }];
    const saved = await api(supplier).put(`/assessments/${assessmentId}/answers`, { answers }, issued.body.version).expect(200);
    await request(t.http)
      .post(`/api/v1/assessments/${assessmentId}/evidence`)
      .set('authorization', supplier.auth)
      .field('questionCode', 'MS-01')
      .field('documentDate', '2026-03-01')
      .attach('file', PDF, { filename: 'policy.pdf', contentType: 'application/pdf' })
      .expect(201);
    await api(supplier).post(`/assessments/${assessmentId}/submit`, undefined, saved.body.version).expect(200);
    const fromAnswers = await api(supplier).get(`/findings?assessmentId=${assessmentId}`).expect(200);
    expect(Object.fromEntries(fromAnswers.body.items.map((f: { questionCode: string; severity: string; planDueDate: string | null }) => [f.questionCode, [f.severity, f.planDueDate]]))).toEqual({
      'FL-01': ['high', '2027-01-30'],
      'HW-01': ['medium', null],
    });

    // The authority moves it (audited for both parties); today or later only; nobody else may.
    const moved = await api(buyer).patch(`/findings/${red.id}`, { planDueDate: '2027-02-05' }).expect(200);
    expect(moved.body).toMatchObject({ id: red.id, planDueDate: '2027-02-05' });
    const events = await t.sql.query(`SELECT organisation_id, before, after FROM audit_events WHERE action = 'finding.plan_due_date_changed' AND entity_id = $1`, [red.id]);
    expect(events.rows).toHaveLength(2);
    expect(events.rows).toEqual(
      expect.arrayContaining([buyer, supplier].map((a) => ({ organisation_id: a.organisation.id, before: { planDueDate: '2027-01-30' }, after: { planDueDate: '2027-02-05' } }))),
    );
    await refused(422, 'unprocessable', () => api(buyer).patch(`/findings/${red.id}`, { planDueDate: '2027-01-09' }), 'planDueDate');
    await refused(400, 'validation_failed', () => api(buyer).patch(`/findings/${red.id}`, { planDueDate: '2027-02-30' }), 'planDueDate');
    await refused(400, 'validation_failed', () => api(buyer).patch(`/findings/${red.id}`, { planDueDate: '2027-02-06', severity: 'low' }), 'severity');
    await refused(403, 'forbidden', () => api(supplier).patch(`/findings/${red.id}`, { planDueDate: '2027-02-06' }));
    await refused(403, 'forbidden', () => api(auditor).patch(`/findings/${red.id}`, { planDueDate: '2027-02-06' }));
    await refused(403, 'forbidden', () => api(participant).patch(`/findings/${red.id}`, { planDueDate: '2027-02-06' }));
    const hidden = await refused(404, 'not_found', () => api(otherBuyer).patch(`/findings/${red.id}`, { planDueDate: '2027-02-06' }));
    const missing = await api(otherBuyer).patch(`/findings/${randomUUID()}`, { planDueDate: '2027-02-06' }).expect(404);
    expect(comparableProblem(hidden)).toBe(comparableProblem(missing));
  });

  it('runs a plan from the supplier’s proposal through rejection, revision, a buyer’s action and approval to verified closure', async () => {
    const red1 = await finding(contractId, 'high', 'Passports retained at the dormitory');
    const red2 = await finding(contractId, 'high', 'Recruitment fees charged to migrant workers');

    // The supplier proposes.
    const created = await api(supplier)
      .post('/action-plans', {
        contractId,
        findingIds: [red1.id, red2.id],
        rootCause: 'Dormitory managers kept passports “for safekeeping”; agencies charged fees nobody checked.',
        actions: [action('2027-02-15', 'Return every retained passport'), action('2027-03-01', 'Reimburse recruitment fees')],
      })
      .expect(201);
    expect(created.headers.etag).toBe('"1"');
    const planId = created.body.id as string;
    expect(created.body).toMatchObject({
      status: 'draft',
      createdBy: 'supplier',
      createdOn: TODAY,
      version: 1,
      access: 'supplier',
      overdue: false,
      overdueActions: 0,
      findingCount: 2,
      actionCount: 2,
      verifiedActions: 0,
      rejectionComments: null,
      contract: { id: contractId, reference: contractReference },
      authority: { id: buyer.organisation.id },
      supplier: { id: supplier.organisation.id },
    });
    expect(created.body.findings).toEqual([
      { id: red1.id, title: 'Passports retained at the dormitory', severity: 'high', status: 'open', planDueDate: '2027-01-30' },
      { id: red2.id, title: 'Recruitment fees charged to migrant workers', severity: 'high', status: 'open', planDueDate: '2027-01-30' },
    ]);
    expect(created.body.actions.map((a: ActionBody) => [a.position, a.status, a.proposedBy, a.overdue])).toEqual([
      [1, 'planned', 'supplier', false],
      [2, 'planned', 'supplier', false],
    ]);

    // The buyer, the assigned auditor and a framework participant (shared monitoring) read it.
    expect((await api(buyer).get(`/action-plans/${planId}`).expect(200)).body.access).toBe('authority');
    const audited = await api(auditor).get(`/action-plans/${planId}`).expect(200);
    expect(audited.body.access).toBe('auditor');
    expect(audited.headers.etag).toBe('"1"');
    expect((await api(auditor).get(`/action-plans?contractId=${contractId}`).expect(200)).body.items.map((p: { id: string }) => p.id)).toContain(planId);
    expect((await api(participant).get(`/action-plans/${planId}`).expect(200)).body.access).toBe('participant');
    expect((await api(participant).get(`/action-plans?contractId=${contractId}`).expect(200)).body.items.map((p: { id: string }) => p.id)).toContain(planId);
    await api(participant).patch(`/action-plans/${planId}`, { proposedActions: [] }).expect(403);

    // Submitted, then rejected with comments.
    const submitted = await api(supplier).post(`/action-plans/${planId}/submit`, undefined, 1).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', version: 2, submittedAt: '2027-01-10T09:00:00.000Z' });
    const comments = 'Fees: name an owner on site and say how workers are told they are reimbursed.';
    const rejected = await api(buyer).post(`/action-plans/${planId}/reject`, { comments }, submitted.body.version).expect(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectionComments: comments, version: 3 });

    // The supplier revises: the first action kept (and edited), the second replaced, then resubmits.
    const [first] = rejected.body.actions as ActionBody[];
    const revised = await api(supplier)
      .patch(
        `/action-plans/${planId}`,
        {
          rootCause: 'Dormitory managers kept passports; agencies charged fees. No policy, no lockers, no fee audit.',
          actions: [
            { id: first.id.toUpperCase(), description: 'Return every retained passport and install personal lockers', owner: 'Site HR manager', dueDate: '2027-02-15' },
            action('2027-03-15', 'Reimburse fees through payroll; the site HR manager informs each worker'),
          ],
        },
        rejected.body.version,
      )
      .expect(200);
    expect(revised.headers.etag).toBe(`"${revised.body.version}"`);
    expect(revised.body.status).toBe('rejected');
    expect(revised.body.actions.map((a: ActionBody) => [a.id === first.id, a.position, a.description])).toEqual([
      [true, 1, 'Return every retained passport and install personal lockers'],
      [false, 2, 'Reimburse fees through payroll; the site HR manager informs each worker'],
    ]);
    const resubmitted = await api(supplier).post(`/action-plans/${planId}/submit`, undefined, revised.body.version).expect(200);
    expect(resubmitted.body.status).toBe('submitted');

    // The buyer proposes an extra action; the plan cannot be approved until the supplier accepts it.
    const proposed = await api(buyer).patch(`/action-plans/${planId}`, { proposedActions: [action('2027-04-01', 'Train dormitory managers on ILO C29')] }, resubmitted.body.version).expect(200);
    const extra = proposed.body.actions[2] as ActionBody;
    expect(extra).toMatchObject({ position: 3, status: 'proposed', proposedBy: 'authority', description: 'Train dormitory managers on ILO C29' });
    await refused(422, 'plan_incomplete', () => api(buyer).post(`/action-plans/${planId}/approve`, undefined, proposed.body.version), 'actions.2.status');
    const accepted = await api(supplier).patch(`/action-plans/${planId}/actions/${extra.id}`, { accept: true }, extra.version).expect(200);
    expect(accepted.body).toMatchObject({ id: extra.id, status: 'planned', proposedBy: 'authority', plan: { id: planId, status: 'submitted' } });
    expect(accepted.headers.etag).toBe(`"${accepted.body.version}"`);

    const approved = await api(buyer).post(`/action-plans/${planId}/approve`).expect(200);
    expect(approved.body).toMatchObject({ status: 'approved', approvedAt: '2027-01-10T09:00:00.000Z', actionCount: 3 });

    // Two days later the supplier carries every action out, with evidence.
    t.clock.freeze('2027-01-12T09:00:00Z');
    for (const a of approved.body.actions as ActionBody[]) {
      const started = await api(supplier).patch(`/action-plans/${planId}/actions/${a.id}`, { status: 'in_progress' }, a.version).expect(200);
      expect(started.body).toMatchObject({ status: 'in_progress', doneOn: null });
      const evidence = await upload(supplier, planId, a.id).expect(201);
      expect(evidence.body).toMatchObject({ fileName: 'passports-returned.pdf', contentType: 'application/pdf', documentDate: '2026-11-01', sizeBytes: PDF.length });
      const done = await api(supplier).patch(`/action-plans/${planId}/actions/${a.id}`, { status: 'done' }, started.body.version).expect(200);
      expect(done.body).toMatchObject({ status: 'done', doneOn: '2027-01-12', doneAt: '2027-01-12T09:00:00.000Z', evidence: [{ id: evidence.body.id }] });
    }
    const [firstAction] = approved.body.actions as ActionBody[];
    for (const reader of [buyer, auditor]) {
      const list = await api(reader).get(`/action-plans/${planId}/actions/${firstAction.id}/evidence`).expect(200);
      expect(list.body).toHaveLength(1);
      const file = await api(reader).download(list.body[0].id).expect(200);
      expect(Buffer.compare(file.body as Buffer, PDF)).toBe(0);
    }

    // The buyer verifies each action; the last one verifies the plan and closes its findings.
    const carried = await api(buyer).get(`/action-plans/${planId}`).expect(200);
    const toVerify = carried.body.actions as ActionBody[];
    for (const [i, a] of toVerify.entries()) {
      const verified = await api(buyer).post(`/action-plans/${planId}/actions/${a.id}/verify`, undefined, a.version).expect(200);
      expect(verified.body).toMatchObject({ status: 'verified', verifiedAt: '2027-01-12T09:00:00.000Z', plan: { status: i < toVerify.length - 1 ? 'approved' : 'verified' } });
    }
    const closedPlan = await api(supplier).get(`/action-plans/${planId}`).expect(200);
    expect(closedPlan.body).toMatchObject({ status: 'verified', verifiedAt: '2027-01-12T09:00:00.000Z', verifiedActions: 3, overdue: false, overdueActions: 0 });
    expect(closedPlan.body.findings.map((f: { status: string }) => f.status)).toEqual(['closed', 'closed']);
    for (const f of [red1, red2]) {
      expect((await api(auditor).get(`/findings/${f.id}`).expect(200)).body).toMatchObject({ status: 'closed', closedAt: '2027-01-12T09:00:00.000Z' });
    }
    const closures = await t.sql.query(`SELECT entity_id, organisation_id FROM audit_events WHERE action = 'finding.closed' AND entity_id = ANY($1::text[])`, [[red1.id, red2.id]]);
    expect(closures.rows).toHaveLength(4);
    const trail = await t.sql.query<{ action: string }>(`SELECT action FROM audit_events WHERE entity_id = $1 AND organisation_id = $2 ORDER BY seq`, [planId, buyer.organisation.id]);
    expect(trail.rows.map((r) => r.action)).toEqual([
      'action_plan.created',
      'action_plan.submitted',
      'action_plan.rejected',
      'action_plan.updated',
      'action_plan.submitted',
      'action_plan.actions_proposed',
      'action_plan.approved',
      'action_plan.verified',
    ]);

    // Verified is final.
    await refused(409, 'invalid_state', () => upload(supplier, planId, firstAction.id));
    await refused(409, 'invalid_state', () => api(buyer).patch(`/action-plans/${planId}`, { proposedActions: [action('2027-05-01')] }));
    await refused(409, 'invalid_state', () => api(buyer).post(`/action-plans/${planId}/actions/${firstAction.id}/verify`));

    // Each side was mailed in its organisation's language: the buyer in French, the supplier in Dutch.
    const ofPlan = (mails: Awaited<ReturnType<typeof planMails>>) => mails.filter((m) => m.text.includes(`http://portal.test/action-plans/${planId}`));
    const toBuyer = ofPlan(await planMails(buyer.user.email));
    expect(toBuyer.map((m) => m.template)).toEqual(['action_plan_submitted', 'action_plan_submitted']);
    expect(toBuyer[0].subject).toBe(`Plan d'action correctif soumis pour le marché ${contractReference}`);
    const toSupplier = ofPlan(await planMails(supplier.user.email));
    expect(toSupplier.map((m) => m.template)).toEqual(['action_plan_rejected', 'action_plan_proposed', 'action_plan_approved', 'action_plan_verified']);
    expect(toSupplier.map((m) => m.subject)).toEqual([
      `Plan van aanpak afgewezen voor opdracht ${contractReference}`,
      `Corrigerende acties voorgesteld voor opdracht ${contractReference}`,
      `Plan van aanpak goedgekeurd voor opdracht ${contractReference}`,
      `Plan van aanpak geverifieerd voor opdracht ${contractReference}`,
    ]);
    expect(toSupplier[0].text).toContain(comments);
  });

  it('lets the buyer draft a plan for the supplier, whose proposed actions the supplier accepts or edits before submitting', async () => {
    const red = await finding(contractId);
    const drafted = await api(buyer)
      .post('/action-plans', { contractId, findingIds: [red.id], rootCause: 'Observed at the on-site audit', actions: [action('2027-02-20', 'Publish a policy on identity documents')] })
      .expect(201);
    expect(drafted.body).toMatchObject({ status: 'draft', createdBy: 'authority', access: 'authority' });
    const [proposed] = drafted.body.actions as ActionBody[];
    expect(proposed).toMatchObject({ status: 'proposed', proposedBy: 'authority' });
    await refused(422, 'plan_incomplete', () => api(supplier).post(`/action-plans/${drafted.body.id}/submit`), 'actions.0.status');
    const edited = await api(supplier).patch(`/action-plans/${drafted.body.id}/actions/${proposed.id}`, { owner: 'Compliance officer', accept: true }).expect(200);
    expect(edited.body).toMatchObject({ status: 'planned', owner: 'Compliance officer', version: proposed.version + 1 });
    await api(supplier).post(`/action-plans/${drafted.body.id}/submit`).expect(200);
    const mails = await planMails(supplier.user.email);
    expect(mails.filter((m) => m.text.includes(`/action-plans/${drafted.body.id}`)).map((m) => m.subject)).toEqual([
      `Corrigerende acties voorgesteld voor opdracht ${contractReference}`,
    ]);
  });

  it('flags overdue plans and actions by the contract’s calendar', async () => {
    const red = await finding(contractId);
    expect(red.planDueDate).toBe('2027-01-30');
    const plan = await createPlan([red.id], [action('2027-02-15')]);
    const listed = async (overdue: boolean) => (await api(buyer).get(`/action-plans?contractId=${contractId}&overdue=${overdue}&limit=200`).expect(200)).body.items.map((p: { id: string }) => p.id);
    // The plan's flags, and the list's filter (read off the plan's pending deadline, kept by triggers) agreeing with them.
    const flags = async () => {
      const body = (await api(buyer).get(`/action-plans/${plan.id}`).expect(200)).body;
      const inOverdueList = (await listed(true)).includes(plan.id);
      expect({ inOverdueList, notInOtherList: !(await listed(false)).includes(plan.id) }).toEqual({ inOverdueList: body.overdue || body.overdueActions > 0, notInOtherList: inOverdueList });
      return { overdue: body.overdue, overdueActions: body.overdueActions, action: body.actions[0].overdue };
    };

    // The deadline runs to the end of 30 January in Brussels (23:00 UTC in winter).
    t.clock.freeze('2027-01-30T22:59:59Z');
    expect(await flags()).toEqual({ overdue: false, overdueActions: 0, action: false });
    expect(await listed(false)).toContain(plan.id);
    t.clock.freeze('2027-01-30T23:00:00Z');
    expect(await flags()).toEqual({ overdue: true, overdueActions: 0, action: false });
    expect(await listed(true)).toContain(plan.id);
    expect(await listed(false)).not.toContain(plan.id);
    // Given more time by the buyer, it waits again; overdue once more when that has passed too.
    await api(buyer).patch(`/findings/${red.id}`, { planDueDate: '2027-02-05' }).expect(200);
    expect(await flags()).toEqual({ overdue: false, overdueActions: 0, action: false });
    t.clock.freeze('2027-02-05T23:00:00Z');
    expect(await flags()).toEqual({ overdue: true, overdueActions: 0, action: false });

    // Submitted late, it is no longer overdue; approved, its action is due on 15 February.
    await api(supplier).post(`/action-plans/${plan.id}/submit`).expect(200);
    expect(await flags()).toEqual({ overdue: false, overdueActions: 0, action: false });
    const approved = await api(buyer).post(`/action-plans/${plan.id}/approve`).expect(200);
    t.clock.freeze('2027-02-15T12:00:00Z');
    expect(await flags()).toEqual({ overdue: false, overdueActions: 0, action: false });
    t.clock.freeze('2027-02-16T09:00:00Z');
    expect(await flags()).toEqual({ overdue: false, overdueActions: 1, action: true });
    expect(await listed(true)).toContain(plan.id);
    const actionId = approved.body.actions[0].id as string;
    await api(supplier).patch(`/action-plans/${plan.id}/actions/${actionId}`, { status: 'in_progress' }).expect(200);
    expect(await flags()).toEqual({ overdue: false, overdueActions: 1, action: true });
    await api(supplier).patch(`/action-plans/${plan.id}/actions/${actionId}`, { status: 'done' }).expect(200);
    expect(await flags()).toEqual({ overdue: false, overdueActions: 0, action: false });
    expect(await listed(true)).not.toContain(plan.id);
  });

  it('lists plans newest first, page by page, filtered by status', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await createPlan([(await finding(secondContractId)).id], [], supplier, secondContractId)).id);
    const first = await api(supplier).get(`/action-plans?contractId=${secondContractId}&limit=2`).expect(200);
    expect(first.body.items.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.items[0]).not.toHaveProperty('actions');
    const second = await api(supplier).get(`/action-plans?contractId=${secondContractId}&limit=2&after=${first.body.nextCursor}`).expect(200);
    expect(second.body).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });
    expect((await api(buyer).get(`/action-plans?contractId=${secondContractId}&status=submitted`).expect(200)).body.items).toEqual([]);
    expect((await api(otherSupplier).get(`/action-plans?contractId=${secondContractId}`).expect(200)).body.items).toEqual([]);
    await refused(400, 'validation_failed', () => api(buyer).get('/action-plans?after=not-a-cursor'), 'after');
    await refused(400, 'validation_failed', () => api(buyer).get('/action-plans?overdue=yes'), 'overdue');
  });

  describe('refuses bad input, wrong states and roles, and changes nothing', () => {
    it('when creating a plan', async () => {
      const red = await finding(contractId);
      const body = (over: Record<string, unknown> = {}) => ({ contractId, findingIds: [red.id], rootCause: 'No policy', actions: [action('2027-02-15')], ...over });
      const post = (over: Record<string, unknown> = {}, as = supplier) => () => api(as).post('/action-plans', body(over));

      // "Due before the plan exists": before today in the contract's time zone.
      await refused(422, 'unprocessable', post({ actions: [action('2027-02-15'), action('2027-01-09')] }), 'actions.1.dueDate');
      await refused(400, 'validation_failed', post({ actions: [action('2027-02-30')] }), 'actions.0.dueDate');
      await refused(400, 'validation_failed', post({ actions: [{ ...action('2027-02-15'), owner: '' }] }), 'actions.0.owner');
      await refused(400, 'validation_failed', post({ findingIds: [] }), 'findingIds');
      await refused(400, 'validation_failed', post({ findingIds: Array.from({ length: 51 }, () => randomUUID()) }), 'findingIds');
      await refused(400, 'validation_failed', post({ findingIds: ['not-a-uuid'] }), 'findingIds');
      await refused(400, 'validation_failed', post({ rootCause: '   ' }), 'rootCause');
      await refused(400, 'validation_failed', post({ status: 'approved' }), 'status');

      // A finding nobody has and another tenant's finding answer alike.
      const missing = await refused(404, 'not_found', post({ findingIds: [randomUUID()] }));
      const foreign = await finding(otherContractId, 'high', 'Blocked emergency exits', otherBuyer);
      const hidden = await refused(404, 'not_found', post({ findingIds: [foreign.id] }));
      expect(comparableProblem(hidden)).toBe(comparableProblem(missing));
      // A finding of another contract of the same parties, a closed one, one already in a live plan.
      const elsewhere = await finding(secondContractId);
      const other = await refused(422, 'unprocessable', post({ findingIds: [red.id, elsewhere.id] }), 'findingIds');
      expect(other.body.errors[0].message).toContain('another contract');
      const closed = await finding(contractId);
      await t.sql.query(`UPDATE findings SET status = 'closed', closed_at = now() WHERE id = $1`, [closed.id]);
      await refused(422, 'unprocessable', post({ findingIds: [closed.id] }), 'findingIds');
      const first = await createPlan([red.id]);
      const taken = await refused(422, 'unprocessable', post(), 'findingIds');
      expect(taken.body.errors[0].message).toContain('another action plan');
      // …but a rejected plan's findings may go into a new one.
      await api(supplier).post(`/action-plans/${first.id}/submit`).expect(200);
      await api(buyer).post(`/action-plans/${first.id}/reject`, { comments: 'Start again' }).expect(200);
      await createPlan([red.id]);

      // Unknown contract and another tenant's contract: 404 alike.
      const noContract = await refused(404, 'not_found', post({ contractId: randomUUID() }));
      const foreignContract = await refused(404, 'not_found', post({ contractId: otherContractId }));
      expect(comparableProblem(foreignContract)).toBe(comparableProblem(noContract));
      // Neither auditors nor framework participants write plans.
      const fresh = await finding(contractId);
      await refused(403, 'forbidden', post({ findingIds: [fresh.id] }, auditor));
      await refused(403, 'forbidden', post({ findingIds: [fresh.id] }, participant));
    });

    it('when a plan moves: wrong state, wrong role, stale versions, incomplete plans', async () => {
      const plan = await createPlan([(await finding(contractId)).id], [action('2027-02-15', 'First'), action('2027-02-20', 'Second')]);
      const id = plan.id as string;
      const [a1, a2] = plan.actions as ActionBody[];

      // Draft: only the supplier submits; nothing is approved, rejected or carried out yet.
      await refused(403, 'forbidden', () => api(buyer).post(`/action-plans/${id}/submit`));
      await refused(403, 'forbidden', () => api(auditor).post(`/action-plans/${id}/submit`));
      await refused(409, 'invalid_state', () => api(buyer).post(`/action-plans/${id}/approve`));
      await refused(409, 'invalid_state', () => api(buyer).post(`/action-plans/${id}/reject`, { comments: 'No' }));
      await refused(409, 'invalid_state', () => api(supplier).patch(`/action-plans/${id}/actions/${a1.id}`, { status: 'in_progress' }));
      await refused(409, 'invalid_state', () => api(supplier).patch(`/action-plans/${id}/actions/${a1.id}`, { accept: true }));
      await refused(412, 'precondition_failed', () => api(supplier).patch(`/action-plans/${id}`, { rootCause: 'Stale' }, 0));
      await refused(412, 'precondition_failed', () => api(supplier).post(`/action-plans/${id}/submit`, undefined, 7));
      await refused(412, 'precondition_failed', () => api(supplier).patch(`/action-plans/${id}/actions/${a1.id}`, { owner: 'Stale' }, a1.version + 1));
      await refused(403, 'forbidden', () => api(supplier).patch(`/action-plans/${id}`, { proposedActions: [action('2027-03-01')] }));
      await refused(403, 'forbidden', () => api(buyer).patch(`/action-plans/${id}`, { rootCause: 'The buyer’s words' }));
      await refused(403, 'forbidden', () => api(buyer).patch(`/action-plans/${id}/actions/${a1.id}`, { owner: 'The buyer' }));
      await refused(422, 'unprocessable', () => api(supplier).patch(`/action-plans/${id}`, { actions: [{ id: randomUUID(), ...action('2027-02-15') }] }), 'actions.0.id');
      await refused(422, 'unprocessable', () => api(supplier).patch(`/action-plans/${id}`, { actions: [action('2027-01-01')] }), 'actions.0.dueDate');
      await refused(422, 'unprocessable', () => api(supplier).patch(`/action-plans/${id}/actions/${a1.id}`, { dueDate: '2027-01-09' }), 'dueDate');
      await refused(422, 'unprocessable', () => api(buyer).patch(`/action-plans/${id}`, { proposedActions: [action('2027-01-09')] }), 'proposedActions.0.dueDate');
      await refused(400, 'validation_failed', () => api(supplier).patch(`/action-plans/${id}/actions/${a1.id}`, { accept: false }), 'accept');
      await refused(400, 'validation_failed', () => api(supplier).patch(`/action-plans/${id}/actions/${a1.id}`, { status: 'verified' }), 'status');
      await refused(404, 'not_found', () => api(supplier).patch(`/action-plans/${id}/actions/${randomUUID()}`, { owner: 'Nobody' }));

      // A plan without actions is incomplete.
      const emptied = await api(supplier).patch(`/action-plans/${id}`, { actions: [] }).expect(200);
      expect(emptied.body.actions).toEqual([]);
      await refused(422, 'plan_incomplete', () => api(supplier).post(`/action-plans/${id}/submit`), 'actions');
      const refilled = await api(supplier).patch(`/action-plans/${id}`, { actions: [action('2027-02-15', 'First'), action('2027-02-20', 'Second')] }).expect(200);
      const [b1, b2] = refilled.body.actions as ActionBody[];
      expect([b1.id, b2.id]).not.toContain(a1.id);
      expect([b1.id, b2.id]).not.toContain(a2.id);

      // Submitted: the supplier no longer edits it; only the buyer decides; a second submission is a 409.
      const submitted = await api(supplier).post(`/action-plans/${id}/submit`, undefined, refilled.body.version).expect(200);
      await refused(409, 'invalid_state', () => api(supplier).post(`/action-plans/${id}/submit`));
      await refused(409, 'invalid_state', () => api(supplier).patch(`/action-plans/${id}`, { rootCause: 'Too late' }));
      await refused(409, 'invalid_state', () => api(supplier).patch(`/action-plans/${id}/actions/${b1.id}`, { description: 'Too late' }));
      await refused(403, 'forbidden', () => api(supplier).post(`/action-plans/${id}/approve`));
      await refused(403, 'forbidden', () => api(supplier).post(`/action-plans/${id}/reject`, { comments: 'Mine' }));
      await refused(403, 'forbidden', () => api(auditor).post(`/action-plans/${id}/approve`));
      await refused(400, 'validation_failed', () => api(buyer).post(`/action-plans/${id}/reject`, { comments: '' }), 'comments');
      await refused(400, 'validation_failed', () => api(buyer).post(`/action-plans/${id}/reject`, { comments: 'x'.repeat(5001) }), 'comments');
      await refused(412, 'precondition_failed', () => api(buyer).post(`/action-plans/${id}/approve`, undefined, submitted.body.version - 1));

      // Approved once; a second approval, a rejection now, and skipping or stepping back are 409s.
      await api(buyer).post(`/action-plans/${id}/approve`, undefined, submitted.body.version).expect(200);
      await refused(409, 'invalid_state', () => api(buyer).post(`/action-plans/${id}/approve`));
      await refused(409, 'invalid_state', () => api(buyer).post(`/action-plans/${id}/reject`, { comments: 'Changed my mind' }));
      await refused(409, 'invalid_state', () => api(supplier).patch(`/action-plans/${id}/actions/${b1.id}`, { status: 'done' }));
      await refused(409, 'invalid_state', () => api(buyer).post(`/action-plans/${id}/actions/${b1.id}/verify`));
      const started = await api(supplier).patch(`/action-plans/${id}/actions/${b1.id}`, { status: 'in_progress' }).expect(200);
      await refused(409, 'invalid_state', () => api(supplier).patch(`/action-plans/${id}/actions/${b1.id}`, { status: 'in_progress' }));
      await refused(409, 'invalid_state', () => api(supplier).patch(`/action-plans/${id}/actions/${b1.id}`, { owner: 'Someone else' }));
      await refused(412, 'precondition_failed', () => api(supplier).patch(`/action-plans/${id}/actions/${b1.id}`, { status: 'done' }, started.body.version - 1));
      await api(supplier).patch(`/action-plans/${id}/actions/${b1.id}`, { status: 'done' }, started.body.version).expect(200);
      await refused(409, 'invalid_state', () => api(supplier).patch(`/action-plans/${id}/actions/${b1.id}`, { status: 'in_progress' }));
      await refused(403, 'forbidden', () => api(supplier).post(`/action-plans/${id}/actions/${b1.id}/verify`));
      await refused(403, 'forbidden', () => api(auditor).post(`/action-plans/${id}/actions/${b1.id}/verify`));
      await refused(403, 'forbidden', () => upload(buyer, id, b1.id));
      await refused(403, 'forbidden', () => upload(auditor, id, b1.id));
      await refused(400, 'validation_failed', () => upload(supplier, id, b1.id, '2099-01-01'), 'documentDate');

      // The auditor reads everything of it.
      const audited = await api(auditor).get(`/action-plans/${id}`).expect(200);
      expect(audited.body.actions.map((a: ActionBody) => a.status)).toEqual(['done', 'planned']);
      await api(auditor).get(`/action-plans/${id}/actions/${b1.id}/evidence`).expect(200);
      await refused(403, 'forbidden', () => api(auditor).patch(`/action-plans/${id}`, { rootCause: 'Audited' }));
      await refused(403, 'forbidden', () => api(auditor).patch(`/action-plans/${id}/actions/${b2.id}`, { status: 'in_progress' }));
    });

    it('answers another tenant exactly as for a plan that does not exist', async () => {
      const plan = await createPlan([(await finding(contractId)).id]);
      const actionId = plan.actions[0].id as string;
      const missingId = randomUUID();
      const requests: Array<(planId: string) => request.Test> = [
        (p) => api(otherSupplier).get(`/action-plans/${p}`),
        (p) => api(otherSupplier).patch(`/action-plans/${p}`, { rootCause: 'Mine now' }),
        (p) => api(otherSupplier).post(`/action-plans/${p}/submit`),
        (p) => api(otherSupplier).patch(`/action-plans/${p}/actions/${actionId}`, { owner: 'Me' }),
        (p) => api(otherSupplier).get(`/action-plans/${p}/actions/${actionId}/evidence`),
        (p) => upload(otherSupplier, p, actionId),
        (p) => api(otherBuyer).get(`/action-plans/${p}`),
        (p) => api(otherBuyer).patch(`/action-plans/${p}`, { proposedActions: [action('2027-03-01')] }),
        (p) => api(otherBuyer).post(`/action-plans/${p}/approve`),
        (p) => api(otherBuyer).post(`/action-plans/${p}/reject`, { comments: 'No' }),
        (p) => api(otherBuyer).post(`/action-plans/${p}/actions/${actionId}/verify`),
      ];
      for (const send of requests) {
        const hidden = await refused(404, 'not_found', () => send(plan.id));
        const missing = await send(missingId).expect(404);
        expect(comparableProblem(hidden)).toBe(comparableProblem(missing));
      }
      expect((await api(otherSupplier).get('/action-plans?limit=200').expect(200)).body.items).toEqual([]);
      // A framework participant reads the plan but cannot act on it.
      await refused(403, 'forbidden', () => api(participant).post(`/action-plans/${plan.id}/approve`));
      await refused(400, 'invalid_id', () => api(supplier).get('/action-plans/not-a-uuid'));
    });
  });

  it('never answers 5xx to bodies close to valid ones, and every error is problem+json', async () => {
    const red = await finding(contractId);
    const plan = await createPlan([(await finding(contractId)).id]);
    const actionId = plan.actions[0].id as string;
    const scalar = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('', '2027-02-30', '2027-01-09', '2099-12-31', '0000-01-01', 'in_progress', 'done', 'verified', red.id, actionId, randomUUID(), '\u0000', 'x'.repeat(5001)),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
    );
    const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 6 }), scalar, { maxKeys: 3 }));
    /** A valid body with one field (at the top or in the first action) replaced, added or removed. */
    const near = (valid: () => Record<string, unknown>, fields: string[]) =>
      fc.tuple(fc.constantFrom(...fields, 'extra'), fc.option(value, { nil: undefined }), fc.boolean()).map(([field, v, nested]) => {
        const body = valid();
        const first = (body.actions as Array<Record<string, unknown>> | undefined)?.[0] ?? (body.proposedActions as Array<Record<string, unknown>> | undefined)?.[0];
        const target = nested && first ? first : body;
        if (v === undefined) delete target[field];
        else target[field] = v;
        return body;
      });
    const actionFields = ['description', 'owner', 'dueDate', 'id'];
    const routes: Array<{ name: string; method: 'post' | 'patch'; path: string; as: TestActor; gen: fc.Arbitrary<unknown> }> = [
      {
        name: 'POST /action-plans',
        method: 'post',
        path: '/api/v1/action-plans',
        as: supplier,
        gen: near(() => ({ contractId, findingIds: [red.id], rootCause: 'Root cause', actions: [action('2027-02-15')] }), ['contractId', 'findingIds', 'rootCause', 'actions', ...actionFields]),
      },
      { name: 'PATCH /action-plans/:id', method: 'patch', path: `/api/v1/action-plans/${plan.id}`, as: supplier, gen: near(() => ({ rootCause: 'Root cause', actions: [{ id: actionId, ...action('2027-02-15') }] }), ['rootCause', 'findingIds', 'actions', ...actionFields]) },
      { name: 'PATCH /action-plans/:id (buyer)', method: 'patch', path: `/api/v1/action-plans/${plan.id}`, as: buyer, gen: near(() => ({ proposedActions: [action('2027-02-15')] }), ['proposedActions', ...actionFields]) },
      { name: 'PATCH /action-plans/:id/actions/:actionId', method: 'patch', path: `/api/v1/action-plans/${plan.id}/actions/${actionId}`, as: supplier, gen: near(() => ({ owner: 'Owner' }), ['status', 'accept', 'description', 'owner', 'dueDate']) },
      { name: 'POST /action-plans/:id/reject', method: 'post', path: `/api/v1/action-plans/${plan.id}/reject`, as: buyer, gen: near(() => ({ comments: 'No' }), ['comments']) },
      { name: 'PATCH /findings/:id', method: 'patch', path: `/api/v1/findings/${red.id}`, as: buyer, gen: near(() => ({ planDueDate: '2027-02-15' }), ['planDueDate']) },
    ];
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: route.gen }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) }), async (payload) => {
          const res = await request(t.http)[route.method](route.path).set('content-type', 'application/json').set('authorization', route.as.auth).send(JSON.stringify(payload));
          if (res.status >= 500) throw new Error(`${route.name} answered ${res.status} to ${JSON.stringify(payload)}: ${JSON.stringify(res.body)}`);
          if (res.status >= 400) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules|QueryFailedError/);
          }
        }),
        { numRuns: 60 },
      );
    }
  });
});
