import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ExportRunResult, ExportsService } from '@ddp/excel';
import { SCHEDULER_ENABLED } from '../scheduler/job-scheduler';
import { ScheduledJob } from '../scheduler/scheduled-job';
import { runJob } from './run-job';

/** How often a worker looks for queued exports, besides the pg-boss cron (which resolves to the minute). */
export const EXPORT_POLL_INTERVAL_MS = 3000;

/**
 * Produces the queued auditor workbooks and removes those older than 7 days (row and file). Runs
 * every minute through pg-boss and, while the scheduler runs, every few seconds in each worker,
 * so that an export starts soon after it is asked for. Exports are claimed with SKIP LOCKED for
 * a limited time renewed while they are written: two workers never write the same export, and
 * one whose worker died is taken over once its claim expires. Passes never overlap in a process.
 */
@Injectable()
export class ExportJob implements ScheduledJob, OnApplicationBootstrap, OnApplicationShutdown {
  readonly name = 'exports';
  readonly cron = '* * * * *';
  private readonly logger = new Logger(ExportJob.name);
  private running?: Promise<ExportRunResult>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly exports: ExportsService,
    @Inject(SCHEDULER_ENABLED) private readonly scheduled: boolean,
  ) {}

  onApplicationBootstrap(): void {
    // Tests run the job by hand (no scheduler): no polling behind their back.
    if (this.scheduled) this.timer = setInterval(() => void (this.running ? undefined : this.run()), EXPORT_POLL_INTERVAL_MS);
  }

  /** One pass: purge the expired, then produce what is queued; waits for a pass already under way first. */
  async run(): Promise<ExportRunResult> {
    while (this.running) await this.running;
    this.running = runJob(this.logger, this.name, async () => {
      const removed = await this.exports.purgeExpired();
      const result = { ...(await this.exports.runPending()), removed };
      if (Object.values(result).some((n) => n > 0)) this.logger.log(`exports: ${JSON.stringify(result)}`);
      return result;
    }, { done: 0, failed: 0, lost: 0, removed: 0 }).finally(() => (this.running = undefined));
    return this.running;
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
