import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MailOutbox } from '@ddp/core';
import { TestApp } from './test-app';

/** A mail as the file transport wrote it, decoded enough for assertions. */
export interface ParsedMail {
  headers: Record<string, string>;
  subject: string;
  text: string;
}

/** Quoted-printable: soft line breaks first, then =XX escapes (bytes, UTF-8). */
export function decodeQuotedPrintable(encoded: string): string {
  const joined = encoded.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=); whitespace between two words is dropped. */
export function decodeWords(value: string): string {
  const word = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
  let out = '';
  let pending: number[] = [];
  let last = 0;
  const flush = (): void => {
    if (pending.length) out += Buffer.from(pending).toString('utf8');
    pending = [];
  };
  for (let m = word.exec(value); m; m = word.exec(value)) {
    const between = value.slice(last, m.index);
    if (!(pending.length && /^\s*$/.test(between))) {
      flush();
      out += between;
    }
    const [, , encoding, payload] = m;
    const bytes = encoding.toUpperCase() === 'B'
      ? Buffer.from(payload, 'base64')
      : Buffer.from(decodeQuotedPrintable(payload.replace(/_/g, ' ')), 'utf8');
    pending.push(...bytes);
    last = m.index + m[0].length;
  }
  flush();
  return out + value.slice(last);
}

export function parseEml(raw: string): ParsedMail {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('not a mail: no blank line after the headers');
  const head = raw.slice(0, split).replace(/\r\n(?=[ \t])/g, ''); // unfold
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = raw.slice(split + 4);
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  const text = encoding === 'quoted-printable'
    ? decodeQuotedPrintable(body)
    : encoding === 'base64' ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { headers, subject: decodeWords(headers.subject ?? ''), text };
}


/** Every `.eml` in the folder, parsed; an empty list when the folder does not exist yet. */
export function readMails(dir: string): Array<ParsedMail & { file: string }> {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((file) => ({ file, ...parseEml(readFileSync(join(dir, file), 'utf8')) }));
}

/**
 * Sends what is due (as the worker does) and returns every mail sent to `to`, oldest first, each
 * with the token that `link` captures from its text. Throws when one is unsent or has no link.
 */
export async function deliveredMails(t: TestApp, to: string, link: RegExp): Promise<Array<ParsedMail & { outboxId: string; token: string }>> {
  await t.app.get(MailOutbox).dispatchDue();
  const { rows } = await t.sql.query<{ id: string; status: string }>('SELECT id, status FROM mail_outbox WHERE to_address = $1 ORDER BY created_at, id', [to]);
  return rows.map((row) => {
    if (row.status !== 'sent') throw new Error(`mail ${row.id} to ${to} is ${row.status}, not sent`);
    const mail = parseEml(readFileSync(join(t.config.mailDir, `${row.id}.eml`), 'utf8'));
    const match = link.exec(mail.text);
    if (!match) throw new Error(`mail ${row.id} to ${to} has no link matching ${link}`);
    return { ...mail, outboxId: row.id, token: decodeURIComponent(match[1]) };
  });
}
