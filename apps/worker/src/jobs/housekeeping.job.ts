import { Injectable, Logger } from '@nestjs/common';
import { FileStore, IdempotencyService, MailOutbox, RequestContext } from '@ddp/core';
import { AccountPasswordService, AuthService } from '@ddp/identity';
import { ScheduledJob } from '../scheduler/scheduled-job';
import { runJob } from './run-job';

export interface HousekeepingResult {
  passwordResets: number;
  refreshTokens: number;
  sentMails: number;
  idempotencyKeys: number;
  incomingFiles: number;
}

/**
 * Hourly: deletes what has no use any more and would grow without bound: password-reset tokens
 * and refresh tokens expired for a day, records of mails sent 30 days ago, idempotency keys older
 * than a day, and uploads left half-received in the file store's incoming folder by a crash.
 */
@Injectable()
export class HousekeepingJob implements ScheduledJob {
  readonly name = 'housekeeping';
  readonly cron = '7 * * * *';
  private readonly logger = new Logger(HousekeepingJob.name);

  constructor(
    private readonly accountPasswords: AccountPasswordService,
    private readonly auth: AuthService,
    private readonly outbox: MailOutbox,
    private readonly idempotency: IdempotencyService,
    private readonly files: FileStore,
  ) {}

  run(): Promise<HousekeepingResult | undefined> {
    const ctx = RequestContext.system();
    return runJob(this.logger, 'housekeeping', async () => {
      const result = {
        passwordResets: await this.accountPasswords.purgeExpired(ctx),
        refreshTokens: await this.auth.purgeExpiredTokens(ctx),
        sentMails: await this.outbox.purgeSent(ctx),
        idempotencyKeys: await this.idempotency.purge(ctx),
        incomingFiles: await this.files.purgeIncoming(),
      };
      if (Object.values(result).some((n) => n > 0)) this.logger.log(`housekeeping: ${JSON.stringify(result)}`);
      return result;
    }, undefined);
  }

}
