/** A job run on a schedule through pg-boss. `run` must be idempotent: two workers may both run it. */
export interface ScheduledJob {
  /** The pg-boss queue name. */
  readonly name: string;
  /** When it runs (cron, UTC; pg-boss resolves it to the minute). */
  readonly cron: string;
  run(): Promise<unknown>;
}

export const SCHEDULED_JOBS = Symbol('SCHEDULED_JOBS');
