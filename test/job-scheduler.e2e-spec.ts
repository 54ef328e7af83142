import { createTestApp, TestApp } from '@ddp/testing';
import { JobScheduler } from '../apps/worker/src/scheduler/job-scheduler';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The jobs really run on pg-boss in the same PostgreSQL: schedules stored there, jobs fetched by the workers. */
describe('job scheduler (pg-boss)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('stores one schedule per job, and runs a job sent to it once, with two workers polling', async () => {
    // Two workers start pg-boss on one database at once (its schema is created once).
    const [first, second] = await Promise.all([t.startWorker({}, { scheduler: true }), t.startWorker({}, { scheduler: true })]);
    const { rows: schedules } = await t.sql.query<{ name: string; cron: string }>('SELECT name, cron FROM pgboss.schedule ORDER BY name');
    expect(schedules).toEqual([
      { name: 'defaults-and-penalties', cron: '23 * * * *' },
      { name: 'exports', cron: '* * * * *' },
      { name: 'housekeeping', cron: '7 * * * *' },
      { name: 'invitation-purge', cron: '17 * * * *' },
      { name: 'rate-limit-purge', cron: '*/10 * * * *' },
      { name: 'reassessments', cron: '13 * * * *' },
      { name: 'reminders', cron: '33 * * * *' },
      { name: 'report-obligations', cron: '3 * * * *' },
    ]);

    const id = await first.get(JobScheduler).trigger('reminders');
    expect(id).toEqual(expect.any(String));
    let state: string | undefined;
    for (let i = 0; i < 200 && state !== 'completed'; i++) {
      await sleep(100);
      state = await second.get(JobScheduler).state('reminders', id!);
    }
    expect(state).toBe('completed');
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'reminders' AND state = 'completed'`);
    expect(rows[0].n).toBe(1);
    await expect(first.get(JobScheduler).trigger('no-such-job')).rejects.toThrow(/no job named/);
  });
});
