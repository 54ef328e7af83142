import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createTransport, Transporter } from 'nodemailer';

export interface OutgoingMail {
  id: string;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** SMTP when a URL is configured; otherwise each mail is written as `<MAIL_DIR>/<outbox id>.eml`. */
export function createMailTransport(smtpUrl: string | undefined, mailDir: string): MailTransport {
  return smtpUrl ? new SmtpTransport(smtpUrl) : new FileTransport(mailDir);
}

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html ? { html: mail.html } : {}),
    // Stable per outbox row: a mail sent twice after a crash is recognisable as the same one.
    messageId: mail.messageId,
    headers: { 'X-Outbox-Id': mail.id },
  };
}

/** Bounded well below the outbox claim (300 s): a hung server must not outlive the claim. */
const SMTP_TIMEOUTS_MS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** nodemailer reads options from the URL's query; ours apply unless the URL sets its own. */
export function withTimeouts(url: string): string {
  const parsed = new URL(url);
  for (const [key, value] of Object.entries(SMTP_TIMEOUTS_MS)) {
    if (!parsed.searchParams.has(key)) parsed.searchParams.set(key, String(value));
  }
  return parsed.toString();
}

class SmtpTransport implements MailTransport {
  readonly kind = 'smtp' as const;
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = createTransport(withTimeouts(url));
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail(message(mail));
  }

  close(): void {
    this.transporter.close();
  }
}

class FileTransport implements MailTransport {
  readonly kind = 'file' as const;
  private readonly transporter = createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

  constructor(private readonly dir: string) {}

  async send(mail: OutgoingMail): Promise<void> {
    const info = (await this.transporter.sendMail(message(mail))) as { message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const target = join(this.dir, `${mail.id}.eml`);
    // Write then rename: a reader never sees half a mail, and a resend overwrites the same file.
    await writeFile(`${target}.tmp`, info.message);
    await rename(`${target}.tmp`, target);
  }

  close(): void {
    this.transporter.close();
  }
}
