import { Injectable, Logger } from '@nestjs/common';
import { RequestContext } from '@ddp/core';
import { InvitationsService } from '@ddp/identity';
import { ScheduledJob } from '../scheduler/scheduled-job';
import { runJob } from './run-job';

/** Hourly: deletes invitations that expired unused more than INVITATION_PURGE_AFTER_DAYS ago. */
@Injectable()
export class InvitationPurgeJob implements ScheduledJob {
  readonly name = 'invitation-purge';
  readonly cron = '17 * * * *';
  private readonly logger = new Logger(InvitationPurgeJob.name);

  constructor(private readonly invitations: InvitationsService) {}

  run(): Promise<number> {
    return runJob(this.logger, 'invitation purge', async () => {
      let total = 0;
      for (;;) {
        const purged = await this.invitations.purgeExpired(RequestContext.system());
        total += purged;
        if (purged === 0) break;
      }
      if (total > 0) this.logger.log(`purged ${total} expired invitations`);
      return total;
    }, 0);
  }

}
