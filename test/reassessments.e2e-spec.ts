import { Database, RequestContext } from '@ddp/core';
import { addDays, addMonths, todayIn } from '@ddp/contracts';
import { ReassessmentResult, ReassessmentService } from '@ddp/monitoring';
import { apiAs, createActor, createContract, createTestApp, deliveredMails, fullTerms, publishedTemplate, smallDefinition, TestActor, TestApp } from '@ddp/testing';

describe('reassessments issued by the worker', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplier: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplier = await createActor(t, 'supplier', 'admin');
  });
  afterAll(() => t.close());

  const api = apiAs(() => t);
  const ctx = RequestContext.system();

  async function assessmentsOf(contractId: string): Promise<Array<{ id: string; template_id: string; due_date: string; issued_by: string | null; issued_at: Date; status: string }>> {
    const { rows } = await t.sql.query(`SELECT id, template_id, to_char(due_date, 'YYYY-MM-DD') AS due_date, issued_by, issued_at, status FROM assessments WHERE contract_id = $1 ORDER BY issued_at, id`, [
      contractId,
    ]);
    return rows;
  }

  it('issues exactly one reassessment once the interval has passed (also when two instances run at once), none before, and counts the next from it', async () => {
    t.clock.release();
    const template = await publishedTemplate(t, buyer, smallDefinition());
    const contractId = (await createContract(t, buyer, supplier)).id;
    await api(buyer).put(`/contracts/${contractId}/clause`, { terms: fullTerms({ reassessment: { intervalMonths: 6, responseDays: 30 } }) }).expect(200);
    const first = await api(buyer).post('/assessments', { contractId, templateId: template.id, dueDate: '2099-01-31' }).expect(201);
    // Under a clause without reassessment, and without any assessment: nothing is ever issued.
    const noClause = (await createContract(t, buyer, supplier)).id;
    await api(buyer).put(`/contracts/${noClause}/clause`, { terms: fullTerms({ reassessment: undefined }) }).expect(200);
    await api(buyer).post('/assessments', { contractId: noClause, templateId: template.id, dueDate: '2099-01-31' }).expect(201);
    const neverAssessed = (await createContract(t, buyer, supplier)).id;
    await api(buyer).put(`/contracts/${neverAssessed}/clause`, { terms: fullTerms({ reassessment: { intervalMonths: 1, responseDays: 30 } }) }).expect(200);

    // The family's latest published version is the one reissued.
    const next = await api(buyer).put(`/questionnaire-templates/${template.id}`, { definition: smallDefinition() }).expect(201);
    const latest = await api(buyer).post(`/questionnaire-templates/${next.body.id}/publish`).expect(200);

    const [issued] = await assessmentsOf(contractId);
    const dueOn = addMonths(todayIn('Europe/Brussels', issued.issued_at), 6);
    const service = t.app.get(ReassessmentService);

    t.clock.freeze(`${addDays(dueOn, -1)}T12:00:00Z`);
    expect((await service.issueDue(ctx)).issued).toEqual([]);
    expect(await assessmentsOf(contractId)).toHaveLength(1);

    // The day it falls due, two instances sweep at once: the first holds its transaction open while the
    // second reads the same latest assessment and then waits on the cycle row. One assessment.
    t.clock.advance({ days: 1 });
    const other = await t.startApi();
    let second: Promise<ReassessmentResult> | undefined;
    const a = await t.app.get(Database).transaction(ctx, async (tx) => {
      const result = await service.issueDue(tx);
      second = other.get(ReassessmentService).issueDue(ctx);
      await new Promise((resolve) => setTimeout(resolve, 300));
      return result;
    });
    const b = await second!;
    expect([a.issued.length, b.issued.length]).toEqual([1, 0]);
    expect([...a.issued, ...b.issued]).toHaveLength(1);
    const [reassessmentId] = [...a.issued, ...b.issued];
    const all = await assessmentsOf(contractId);
    expect(all.map((x) => x.id)).toEqual([first.body.id, reassessmentId]);
    expect(all[1]).toMatchObject({ template_id: latest.body.id, due_date: addDays(dueOn, 30), issued_by: null, status: 'issued', issued_at: t.clock.now() });
    const cycles = await t.sql.query(`SELECT to_char(due_on, 'YYYY-MM-DD') AS due_on, assessment_id FROM reassessment_cycles WHERE contract_id = $1`, [contractId]);
    expect(cycles.rows).toEqual([{ due_on: dueOn, assessment_id: reassessmentId }]);
    expect(await assessmentsOf(noClause)).toHaveLength(1);
    expect(await assessmentsOf(neverAssessed)).toHaveLength(0);

    // Run again the same day or until the next interval from the reassessment: nothing more.
    expect((await service.issueDue(ctx)).issued).toEqual([]);
    const nextDue = addMonths(dueOn, 6);
    t.clock.freeze(`${addDays(nextDue, -1)}T12:00:00Z`);
    expect((await service.issueDue(ctx)).issued).toEqual([]);
    t.clock.advance({ days: 1 });
    const [c, d] = await Promise.all([service.issueDue(ctx), service.issueDue(ctx)]);
    expect([...c.issued, ...d.issued]).toHaveLength(1);
    expect(await assessmentsOf(contractId)).toHaveLength(3);

    // The supplier reads it and is mailed as for any issue.
    const view = await api(supplier).get(`/assessments/${reassessmentId}`).expect(200);
    expect(view.body).toMatchObject({ status: 'issued', dueDate: addDays(dueOn, 30), access: 'supplier' });
    const mails = (await deliveredMails(t, supplier.user.email, /http:\/\/portal\.test\/assessments\/([0-9a-f-]{36})/)).filter((m) => m.token === reassessmentId);
    expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^New questionnaire for contract REF-/)]);
    const audit = await t.sql.query(`SELECT action, actor_user_id FROM audit_events WHERE entity_id = $1 ORDER BY seq`, [reassessmentId]);
    expect(audit.rows).toEqual([
      { action: 'assessment.issued', actor_user_id: null },
      { action: 'assessment.issued', actor_user_id: null },
    ]);
  });

  it('issues none once the contract has ended', async () => {
    t.clock.release();
    const template = await publishedTemplate(t, buyer, smallDefinition());
    const contractId = (await createContract(t, buyer, supplier, { startDate: '2026-01-01', endDate: '2027-03-31' })).id;
    await api(buyer).put(`/contracts/${contractId}/clause`, { terms: fullTerms({ reassessment: { intervalMonths: 6, responseDays: 30 } }) }).expect(200);
    await api(buyer).post('/assessments', { contractId, templateId: template.id, dueDate: '2099-01-31' }).expect(201);
    const [issued] = await assessmentsOf(contractId);
    const dueOn = addMonths(todayIn('Europe/Brussels', issued.issued_at), 6);
    // Past the end of the contract: nothing, even though the interval has passed.
    t.clock.freeze(`${dueOn > '2027-03-31' ? dueOn : '2027-04-01'}T12:00:00Z`);
    await t.app.get(ReassessmentService).issueDue(ctx);
    expect(await assessmentsOf(contractId)).toHaveLength(1);
    t.clock.release();
  });
});
