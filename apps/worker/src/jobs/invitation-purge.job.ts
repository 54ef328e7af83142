import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { isDatabaseUnavailable, RequestContext } from '@ddp/core';
import { InvitationsService } from '@ddp/identity';

/** Hourly: deletes invitations that expired unused more than INVITATION_PURGE_AFTER_DAYS ago. */
@Injectable()
export class InvitationPurgeJob {
  private readonly logger = new Logger(InvitationPurgeJob.name);

  constructor(private readonly invitations: InvitationsService) {}

  @Cron(CronExpression.EVERY_HOUR, { name: 'invitation-purge' })
  async run(): Promise<number> {
    try {
      let total = 0;
      for (;;) {
        const purged = await this.invitations.purgeExpired(RequestContext.system());
        total += purged;
        if (purged === 0) break;
      }
      if (total > 0) this.logger.log(`purged ${total} expired invitations`);
      return total;
    } catch (error) {
      if (isDatabaseUnavailable(error)) this.logger.warn('database unavailable; purge postponed to the next run');
      else this.logger.error(error);
      return 0;
    }
  }
}
