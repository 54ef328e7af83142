import { INestApplicationContext } from '@nestjs/common';
import { apiAs, createActor, createContract, createTestApp, createUser, fullTerms, publishedTemplate, TestActor, TestApp } from '@ddp/testing';
import { DefaultsJob, RemindersJob } from '../apps/worker/src/jobs/execution.jobs';

interface Produced {
  day: string;
  to: string;
  subject: string;
}

/**
 * A simulated month with a frozen clock: each day at 07:00 UTC two workers run the reminder and
 * default jobs at once. Every reminder stage is mailed exactly once, on its day, to every user of
 * the supplier, in the supplier's language; each missed deadline is proposed as a default once.
 */
describe('deadline reminders over a simulated month', () => {
  let t: TestApp;
  let buyer: TestActor;
  let supplierNl: TestActor;
  let supplierFr: TestActor;
  let colleagueEmail: string;
  let workers: INestApplicationContext[];
  const as = apiAs(() => t);

  beforeAll(async () => {
    t = await createTestApp();
    buyer = await createActor(t, 'contracting_authority', 'admin');
    supplierNl = await createActor(t, 'supplier', 'admin');
    supplierFr = await createActor(t, 'supplier', 'admin');
    colleagueEmail = (await createUser(t, supplierNl.organisation, 'member')).email;
    await t.sql.query(`UPDATE organisations SET preferred_language = 'nl' WHERE id = $1`, [supplierNl.organisation.id]);
    await t.sql.query(`UPDATE organisations SET preferred_language = 'fr' WHERE id = $1`, [supplierFr.organisation.id]);
    workers = [await t.startWorker(), await t.startWorker()];
  });
  afterAll(() => t.close());

  it('mails each stage once on its day, and proposes each missed deadline once', async () => {
    t.clock.freeze('2027-02-27T07:00:00Z');
    const template = await publishedTemplate(t, buyer);
    const contractNl = await createContract(t, buyer, supplierNl, { timeZone: 'Europe/Brussels' });
    const contractFr = await createContract(t, buyer, supplierFr, { timeZone: 'Europe/Brussels' });
    await as(buyer).put(`/contracts/${contractNl.id}/clause`, { terms: fullTerms({ reporting: undefined, bonusMalus: [] }) }).expect(200);
    // Due 20 March (Dutch supplier, never answered) and 10 March (French supplier, withdrawn on 8 March).
    const late = await as(buyer).post('/assessments', { contractId: contractNl.id, templateId: template.id, dueDate: '2027-03-20' }).expect(201);
    const withdrawn = await as(buyer).post('/assessments', { contractId: contractFr.id, templateId: template.id, dueDate: '2027-03-10' }).expect(201);

    const produced: Produced[] = [];
    const seen = new Set<string>();
    for (let day = 1; day <= 31; day++) {
      const date = `2027-03-${String(day).padStart(2, '0')}`;
      t.clock.freeze(`${date}T07:00:00Z`);
      if (date === '2027-03-08') await as(buyer).post(`/assessments/${withdrawn.body.id}/withdraw`, {}, withdrawn.body.version).expect(200);
      // Two workers at once, and a rerun later the same day: the effect of one run.
      await Promise.all(workers.map((w) => w.get(RemindersJob).run()));
      await Promise.all(workers.map((w) => w.get(DefaultsJob).run()));
      t.clock.advance({ hours: 10 });
      await workers[0].get(RemindersJob).run();
      const { rows } = await t.sql.query<{ id: string; to_address: string; subject: string }>(
        `SELECT id, to_address, subject FROM mail_outbox WHERE template LIKE 'reminder-%' ORDER BY to_address, subject`,
      );
      for (const row of rows.filter((r) => !seen.has(r.id))) {
        seen.add(row.id);
        produced.push({ day: date, to: row.to_address, subject: row.subject });
      }
    }

    const ref = (await t.sql.query('SELECT reference FROM contracts WHERE id = $1', [contractNl.id])).rows[0].reference;
    const refFr = (await t.sql.query('SELECT reference FROM contracts WHERE id = $1', [contractFr.id])).rows[0].reference;
    const title = (await t.sql.query('SELECT title FROM questionnaire_templates WHERE id = $1', [template.id])).rows[0].title;
    const nl = (subject: string) => [supplierNl.user.email, colleagueEmail].sort().map((to) => ({ to, subject }));
    expect(produced).toEqual([
      { day: '2027-03-03', to: supplierFr.user.email, subject: `Rappel : questionnaire « ${title} » à rendre dans 7 jours – marché ${refFr}` },
      { day: '2027-03-07', to: supplierFr.user.email, subject: `Rappel : questionnaire « ${title} » à rendre dans 3 jours – marché ${refFr}` },
      ...nl(`Herinnering: vragenlijst "${title}" verwacht binnen 7 dagen – opdracht ${ref}`).map((m) => ({ day: '2027-03-13', ...m })),
      ...nl(`Herinnering: vragenlijst "${title}" verwacht binnen 3 dagen – opdracht ${ref}`).map((m) => ({ day: '2027-03-17', ...m })),
      ...nl(`Herinnering: vragenlijst "${title}" verwacht binnen 1 dag – opdracht ${ref}`).map((m) => ({ day: '2027-03-19', ...m })),
      ...nl(`Termijn verstreken: vragenlijst "${title}" – opdracht ${ref}`).map((m) => ({ day: '2027-03-21', ...m })),
    ]);
    const reminders = await t.sql.query('SELECT subject_id, stage, recipients FROM deadline_reminders ORDER BY deadline, stage');
    expect(reminders.rows).toEqual([
      { subject_id: withdrawn.body.id, stage: 'due_in_3', recipients: 1 },
      { subject_id: withdrawn.body.id, stage: 'due_in_7', recipients: 1 },
      { subject_id: late.body.id, stage: 'due_in_1', recipients: 2 },
      { subject_id: late.body.id, stage: 'due_in_3', recipients: 2 },
      { subject_id: late.body.id, stage: 'due_in_7', recipients: 2 },
      { subject_id: late.body.id, stage: 'missed', recipients: 2 },
    ]);
    // The missed questionnaire was proposed as a default once, on 21 March; the withdrawn one never.
    const defaults = await t.sql.query(`SELECT subject, subject_id, missed_deadline::text, status, failing FROM defaults`);
    expect(defaults.rows).toEqual([{ subject: 'assessment', subject_id: late.body.id, missed_deadline: '2027-03-20', status: 'proposed', failing: `Questionnaire "${title}" not submitted by its due date 2027-03-20` }]);
  });
});
