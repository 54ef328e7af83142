import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig, MailOutbox, RequestContext } from '@ddp/core';
import { runJob } from './run-job';

const BATCH = 20;

/**
 * Sends queued mails every MAIL_POLL_INTERVAL_MS (seconds, finer than pg-boss's one-minute cron);
 * runs never overlap within a process, and the outbox claims mails with SKIP LOCKED across processes.
 */
@Injectable()
export class MailDispatchJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailDispatchJob.name);
  private running?: Promise<void>;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly outbox: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.MAIL_POLL_INTERVAL_MS);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = this.run().finally(() => (this.running = undefined));
    await this.running;
  }

  private run(): Promise<void> {
    return runJob(this.logger, 'mail dispatch', async () => {
      // Drain full batches; stop at a short batch or any failure (the next tick retries).
      for (;;) {
        const { sent, failed } = await this.outbox.dispatchDue(RequestContext.system(), BATCH);
        if (sent > 0 || failed > 0) this.logger.log(`mails sent: ${sent}, failed: ${failed}`);
        if (failed > 0 || sent < BATCH) return;
      }
    }, undefined);
  }


  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running; // finish the mail in hand
  }
}
