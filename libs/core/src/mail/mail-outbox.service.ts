import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { RequestContext } from '../context/request-context';
import { Database } from '../database/database.service';
import { createMailTransport, MailTransport } from './mail-transport';

export interface MailToQueue {
  organisationId: string | null;
  /** What kind of mail, for operations (e.g. `invitation`). */
  template: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
}

interface OutboxRow {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  message_id: string;
  attempts: number;
}

export interface DispatchResult {
  sent: number;
  failed: number;
}

const MAX_ATTEMPTS = 8;
/** A claimed mail whose worker died is claimed again after this long (SMTP timeouts stay well below it). */
const CLAIM_SECONDS = 300;

/**
 * The transactional outbox: a mail is queued in the transaction of the change that causes it
 * (no mail for a rolled-back change) and sent later by the worker.
 */
@Injectable()
export class MailOutbox implements OnModuleDestroy {
  private readonly logger = new Logger(MailOutbox.name);
  private transport?: MailTransport;

  constructor(
    private readonly db: Database,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async enqueue(ctx: RequestContext, mail: MailToQueue): Promise<string> {
    const em = this.db.requireTransaction(ctx);
    const id = randomUUID();
    const domain = new URL(this.config.PUBLIC_URL).hostname || 'localhost';
    await em.query(
      `INSERT INTO mail_outbox (id, organisation_id, template, to_address, subject, text_body, html_body, message_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, mail.organisationId, mail.template, mail.to, mail.subject, mail.text, mail.html ?? null, `<${id}@${domain}>`],
    );
    return id;
  }

  /**
   * Claims due mails (SKIP LOCKED, so several workers never take the same one), sends them and
   * records the outcome. A sent mail's body is erased: it may hold a one-time token.
   */
  async dispatchDue(ctx: RequestContext = RequestContext.system(), limit = 20): Promise<DispatchResult> {
    // Wrapped in a SELECT: for a bare UPDATE … RETURNING, TypeORM's query() answers [rows, rowCount].
    const claimed = await this.db.query<OutboxRow>(
      ctx,
      `WITH claimed AS (
         UPDATE mail_outbox SET locked_until = now() + make_interval(secs => $2), attempts = attempts + 1
          WHERE id IN (
            SELECT id FROM mail_outbox
             WHERE status = 'pending' AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
             ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
          RETURNING id, to_address, subject, text_body, html_body, message_id, attempts)
       SELECT * FROM claimed`,
      [limit, CLAIM_SECONDS],
    );
    const result: DispatchResult = { sent: 0, failed: 0 };
    for (const row of claimed) {
      try {
        await this.getTransport().send({
          id: row.id,
          messageId: row.message_id,
          from: this.config.MAIL_FROM,
          to: row.to_address,
          subject: row.subject,
          text: row.text_body,
          html: row.html_body,
        });
        await this.db.query(
          ctx,
          // Only while this claim holds: a worker that outlived its claim must not undo another's outcome.
          `UPDATE mail_outbox SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL,
             text_body = NULL, html_body = NULL WHERE id = $1 AND status = 'pending' AND attempts = $2`,
          [row.id, row.attempts],
        );
        result.sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const final = row.attempts >= MAX_ATTEMPTS;
        this.logger.warn(`mail ${row.id} attempt ${row.attempts} failed${final ? ' for the last time' : ''}: ${message}`);
        await this.db.query(
          ctx,
          // A mail given up on loses its body too: it may hold a one-time token.
          `UPDATE mail_outbox SET status = $2, locked_until = NULL, last_error = $3,
             next_attempt_at = now() + make_interval(secs => $4),
             text_body = CASE WHEN $2 = 'failed' THEN NULL ELSE text_body END,
             html_body = CASE WHEN $2 = 'failed' THEN NULL ELSE html_body END
           WHERE id = $1 AND status = 'pending' AND attempts = $5`,
          [row.id, final ? 'failed' : 'pending', message.slice(0, 1000), 2 ** row.attempts * 15, row.attempts],
        );
        result.failed++;
      }
    }
    return result;
  }

  /** Deletes the records of mails sent more than `days` ago (the worker calls it). */
  async purgeSent(ctx: RequestContext, days = 30): Promise<number> {
    const rows = await this.db.query<{ n: string }>(
      ctx,
      `WITH gone AS (DELETE FROM mail_outbox WHERE status = 'sent' AND sent_at < now() - make_interval(days => $1) RETURNING 1)
       SELECT count(*)::text AS n FROM gone`,
      [days],
    );
    return Number(rows[0].n);
  }

  private getTransport(): MailTransport {
    this.transport ??= createMailTransport(this.config.SMTP_URL, this.config.mailDir);
    return this.transport;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
