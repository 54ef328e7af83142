import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { APP_CONFIG, AppConfig, MailOutbox, RequestContext } from '@ddp/core';
import { runJob } from './run-job';

const BATCH = 20;

/** Sends queued mails every MAIL_POLL_INTERVAL_MS; runs never overlap within a process. */
@Injectable()
export class MailDispatchJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MailDispatchJob.name);
  private running?: Promise<void>;

  constructor(
    private readonly outbox: MailOutbox,
    private readonly scheduler: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.addInterval('mail-dispatch', setInterval(() => void this.tick(), this.config.MAIL_POLL_INTERVAL_MS));
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
    await this.running; // finish the mail in hand
  }
}
