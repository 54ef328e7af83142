import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { APP_CONFIG, AppConfig } from '@ddp/core';
import { SCHEDULED_JOBS, ScheduledJob } from './scheduled-job';

export const SCHEDULER_ENABLED = Symbol('SCHEDULER_ENABLED');

/**
 * Runs the scheduled jobs on pg-boss: queues in the same PostgreSQL (schema `pgboss`, created and
 * upgraded by pg-boss itself), cron schedules kept there, jobs fetched with SKIP LOCKED. Each
 * queue has the `singleton` policy, so however many workers run, one job of a kind is active at
 * a time; the jobs are idempotent besides, so a retried or doubled run has the effect of one.
 */
@Injectable()
export class JobScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobScheduler.name);
  private boss?: PgBoss;

  constructor(
    @Inject(SCHEDULED_JOBS) private readonly jobs: ScheduledJob[],
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SCHEDULER_ENABLED) private readonly enabled: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.enabled) return;
    const boss = new PgBoss({ connectionString: this.config.DATABASE_URL, schema: 'pgboss', max: 2, application_name: 'ddp-worker-jobs' });
    boss.on('error', (error) => this.logger.warn(`job queue: ${error.message}`));
    try {
      await boss.start();
      await this.setUpQueues(boss);
      for (const job of this.jobs) {
        await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
          await job.run();
        });
      }
    } catch (error) {
      await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
      throw error;
    }
    this.boss = boss;
    this.logger.log(`scheduled: ${this.jobs.map((j) => `${j.name} (${j.cron})`).join(', ')}`);
  }

  /**
   * Creates the missing queues and writes the schedules, one worker at a time: pg-boss creates a
   * queue's partition with DDL, and two workers doing it at once deadlock (measured here).
   */
  private async setUpQueues(boss: PgBoss): Promise<void> {
    const lock = new Client({ connectionString: this.config.DATABASE_URL, application_name: 'ddp-worker-setup' });
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', ['ddp:job-queues']);
      for (const job of this.jobs) {
        if (!(await boss.getQueue(job.name))) await boss.createQueue(job.name, { name: job.name, policy: 'singleton', retryLimit: 2, retryDelay: 60, expireInSeconds: 15 * 60 });
        await boss.schedule(job.name, job.cron, {}, { tz: 'UTC' });
      }
    } finally {
      await lock.end(); // ends the session, and with it the lock
    }
  }

  /** Queues one run of a job now (the CLI's `run-job`, and tests); resolves with the job id. */
  async trigger(name: string): Promise<string | null> {
    if (!this.boss) throw new Error('the scheduler is not running');
    if (!this.jobs.some((j) => j.name === name)) throw new Error(`no job named ${name}`);
    return this.boss.send(name, {});
  }

  /** The state of a job sent with `trigger` (created, active, completed, failed…). */
  async state(name: string, id: string): Promise<string | undefined> {
    const job = await this.boss?.getJobById(name, id);
    return job?.state;
  }

  async onApplicationShutdown(): Promise<void> {
    // Let a running job finish (its transaction commits or rolls back), then stop polling.
    await this.boss?.stop({ graceful: true, wait: true, timeout: 20_000 });
  }
}
