import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { isDatabaseUnavailable, PgThrottlerStorage, RequestContext } from '@ddp/core';

/** Every 10 minutes: deletes rate-limit counters whose window and block are over. */
@Injectable()
export class RateLimitPurgeJob {
  private readonly logger = new Logger(RateLimitPurgeJob.name);

  constructor(private readonly storage: PgThrottlerStorage) {}

  @Cron(CronExpression.EVERY_10_MINUTES, { name: 'rate-limit-purge' })
  async run(): Promise<number> {
    try {
      return await this.storage.purgeExpired(RequestContext.system());
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.logger.warn('database unavailable; rate-limit purge postponed');
      else this.logger.error(error);
      return 0;
    }
  }
}
