import { Injectable, Logger } from '@nestjs/common';
import { PgThrottlerStorage, RequestContext } from '@ddp/core';
import { ScheduledJob } from '../scheduler/scheduled-job';
import { runJob } from './run-job';

/** Every 10 minutes: deletes rate-limit counters whose window and block are over. */
@Injectable()
export class RateLimitPurgeJob implements ScheduledJob {
  readonly name = 'rate-limit-purge';
  readonly cron = '*/10 * * * *';
  private readonly logger = new Logger(RateLimitPurgeJob.name);

  constructor(private readonly storage: PgThrottlerStorage) {}

  run(): Promise<number> {
    return runJob(this.logger, 'rate-limit purge', () => this.storage.purgeExpired(RequestContext.system()), 0);
  }

}
