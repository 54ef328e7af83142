import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { PgThrottlerStorage, RequestContext } from '@ddp/core';
import { runJob } from './run-job';

/** Every 10 minutes: deletes rate-limit counters whose window and block are over. */
@Injectable()
export class RateLimitPurgeJob {
  private readonly logger = new Logger(RateLimitPurgeJob.name);

  constructor(private readonly storage: PgThrottlerStorage) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'rate-limit-purge' })
  run(): Promise<number> {
    return runJob(this.logger, 'rate-limit purge', () => this.storage.purgeExpired(RequestContext.system()), 0);
  }

}
