import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { isDatabaseUnavailable, RequestContext } from '@ddp/core';
import { AccountPasswordService } from '@ddp/identity';

/** Hourly: deletes password-reset tokens expired for more than a day. */
@Injectable()
export class PasswordResetPurgeJob {
  private readonly logger = new Logger(PasswordResetPurgeJob.name);

  constructor(private readonly accountPasswords: AccountPasswordService) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'password-reset-purge' })
  async run(): Promise<number> {
    try {
      return await this.accountPasswords.purgeExpired(RequestContext.system());
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.logger.warn('database unavailable; password-reset purge postponed');
      else this.logger.error(error);
      return 0;
    }
  }
}
