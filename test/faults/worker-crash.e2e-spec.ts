import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { binaryParser, createTestApp, TEST_JWT_SECRET, TestApp } from '@ddp/testing';
import { seedAnswers } from '../support/answer-data';
import { AppProcess, launch, processEnv, sleep, waitFor } from '../support/processes';
import { startSmtpSink, SmtpSink } from '../support/smtp-sink';

/** 50,000 answer rows: about 2 s of writing on a quiet machine; the kill lands after 10,000. */
const ANSWERS = 50_000;
const MAILS = 300;
/** The mail in flight when the worker dies is the one after this many accepted. */
const KILL_AFTER_MAILS = 100;

/**
 * Workers are real processes killed with SIGKILL (no shutdown hook runs): an export is taken over
 * and published once and complete, never partly; mails sent equal mails committed.
 */
describe('a worker killed with SIGKILL', () => {
  let t: TestApp;
  const workers: AppProcess[] = [];

  const startWorker = (vars: Record<string, string> = {}): AppProcess => {
    const worker = launch(
      'worker',
      processEnv({ DATABASE_URL: t.config.DATABASE_URL!, DATA_DIR: t.config.dataDir, MAIL_DIR: t.config.mailDir, JWT_SECRET: TEST_JWT_SECRET, PUBLIC_URL: 'http://portal.test', DB_POOL_SIZE: '3', MAIL_POLL_INTERVAL_MS: '200', ...vars }),
    );
    workers.push(worker);
    return worker;
  };

  /** Files kept in the store (not those in incoming/), relative to it. */
  const keptFiles = (): string[] =>
    existsSync(t.config.filesDir) ? readdirSync(t.config.filesDir, { recursive: true, encoding: 'utf8' }).filter((f) => !f.startsWith('incoming') && statSync(join(t.config.filesDir, f)).isFile()) : [];
  const incomingFiles = (): Array<{ name: string; size: number }> => {
    const dir = join(t.config.filesDir, 'incoming');
    return existsSync(dir) ? readdirSync(dir).map((name) => ({ name, size: statSync(join(dir, name)).size })) : [];
  };

  beforeAll(async () => {
    t = await createTestApp();
  }, 60_000);

  // Each scenario has its own workers: none of one may serve the next.
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop('SIGKILL');
  });

  afterAll(() => t?.close());

  it('takes an export over from a killed worker and publishes it once, complete; the download is 409 until then', async () => {
    const { auth, contractIds } = await seedAnswers(t, 'Crash', 'CRASH-1', ANSWERS);
    const created = await request(t.http).post('/api/v1/exports').set('authorization', auth).send({ scope: { contractIds: [contractIds['CRASH-1']] } }).expect(202);
    const id = created.body.id as string;
    const exportRow = async () =>
      (await t.sql.query<{ status: string; rows_written: string; rows_total: string | null; attempts: number; storage_key: string | null; size_bytes: string | null }>('SELECT status, rows_written, rows_total, attempts, storage_key, size_bytes FROM exports WHERE id = $1', [id])).rows[0];

    // The requester polls the download all along: every answer is recorded.
    const answers: number[] = [];
    let file: Buffer | undefined;
    let polling = true;
    const poller = (async () => {
      while (polling && !file) {
        const res = await request(t.http).get(`/api/v1/exports/${id}/file`).set('authorization', auth).buffer(true).parse(binaryParser as never);
        answers.push(res.status);
        if (res.status === 200) file = res.body as Buffer;
        else await sleep(100);
      }
    })();

    // Worker A writes the export; it is killed once it has reported progress and before it is done.
    const a = startWorker();
    const midway = await waitFor(async () => {
      const row = await exportRow();
      return row.status === 'running' && Number(row.rows_written) >= 10_000 ? row : undefined;
    }, 60_000, 20);
    expect(midway).toBeDefined();
    await a.stop('SIGKILL');
    const atKill = await exportRow();
    expect(atKill.status).toBe('running');
    expect(Number(atKill.rows_written)).toBeLessThan(Number(atKill.rows_total));
    expect(atKill.storage_key).toBeNull();
    // The half-written workbook exists, in incoming/ only: nothing was published.
    expect(incomingFiles().some((f) => f.size > 0)).toBe(true);
    expect(keptFiles()).toEqual([]);

    // Five minutes without progress, as far as the claim is concerned; then another worker starts.
    await t.sql.query(`UPDATE exports SET claimed_until = now() - interval '1 second' WHERE id = $1`, [id]);
    startWorker();
    const done = await waitFor(async () => {
      const row = await exportRow();
      return row.status === 'done' || row.status === 'failed' ? row : undefined;
    }, 60_000, 200);
    expect(done?.status).toBe('done');
    expect(done?.attempts).toBe(2);
    await waitFor(() => file, 10_000);
    polling = false;
    await poller;

    // Until the complete file, the download said "not yet"; then it served that file whole.
    expect(file).toBeDefined();
    expect(answers.at(-1)).toBe(200);
    expect(answers.slice(0, -1).every((s) => s === 409 || s === 404)).toBe(true);
    expect(answers.length).toBeGreaterThan(5);
    const kept = keptFiles();
    expect(kept).toHaveLength(1); // published once
    expect(Buffer.compare(file!, readFileSync(join(t.config.filesDir, kept[0])))).toBe(0);
    expect(file!.length).toBe(Number(done!.size_bytes));
    const rows = await sheetRowCounts(file!);
    expect(rows.get('Answers')).toBe(ANSWERS + 1); // header + every answer
    expect(rows.get('Assessments')).toBe(ANSWERS / 100 + 1);
  }, 90_000);

  describe('while it sends mail', () => {
    let sink: SmtpSink;
    let victim: AppProcess | undefined;
    let inFlight: string | undefined;

    afterAll(() => sink?.close());

    it('sends every committed mail; only the mail in flight may go twice, with the same Message-ID', async () => {
      // The worst moment: the SMTP server has the whole mail, the worker dies before hearing "250".
      sink = await startSmtpSink(async (mail) => {
        if (victim && sink.mails.length === KILL_AFTER_MAILS) {
          inFlight = mail.outboxId;
          const dying = victim;
          victim = undefined;
          await dying.stop('SIGKILL');
        }
        return { accept: true };
      });
      await t.sql.query(
        `INSERT INTO mail_outbox (id, template, to_address, subject, text_body, message_id)
         SELECT id, 'invitation', 'invitee-' || n || '@supplier.test', 'Invitation ' || n, 'Hello ' || n, '<' || id || '@portal.test>'
           FROM (SELECT gen_random_uuid() AS id, n FROM generate_series(1, $1) n) q`,
        [MAILS],
      );
      const smtp = { SMTP_URL: `smtp://127.0.0.1:${sink.port}` };
      victim = startWorker(smtp);
      const killed = await waitFor(() => (inFlight ? true : undefined), 60_000);
      expect(killed).toBe(true);
      await sleep(200);

      const counts = async () =>
        (await t.sql.query<{ status: string; claimed: boolean; n: number }>(`SELECT status, locked_until > now() AS claimed, count(*)::int AS n FROM mail_outbox GROUP BY 1, 2`)).rows;
      const afterKill = await counts();
      const sentBefore = afterKill.filter((r) => r.status === 'sent').reduce((s, r) => s + r.n, 0);
      expect(sentBefore).toBe(KILL_AFTER_MAILS); // the in-flight mail was not recorded as sent
      // The dead worker's claim still holds the mails it had taken (the in-flight one among them).
      expect(afterKill.some((r) => r.status === 'pending' && r.claimed)).toBe(true);
      const { rows: inFlightRow } = await t.sql.query<{ status: string }>('SELECT status FROM mail_outbox WHERE id = $1', [inFlight]);
      expect(inFlightRow[0].status).toBe('pending');

      // The claim period (5 minutes) passes; another worker finishes the job.
      await t.sql.query(`UPDATE mail_outbox SET locked_until = now() - interval '1 second' WHERE status = 'pending' AND locked_until IS NOT NULL`);
      startWorker(smtp);
      const allSent = await waitFor(async () => ((await counts()).every((r) => r.status === 'sent') ? true : undefined), 60_000, 200);
      expect(allSent).toBe(true);

      const { rows: outbox } = await t.sql.query<{ id: string; message_id: string }>(`SELECT id, message_id FROM mail_outbox WHERE status = 'sent'`);
      expect(outbox).toHaveLength(MAILS);
      const committed = new Map(outbox.map((r) => [r.id, r.message_id]));
      const received = sink.mails;
      expect(new Set(received.map((m) => m.outboxId))).toEqual(new Set(committed.keys()));
      for (const mail of received) expect(mail.messageId).toBe(committed.get(mail.outboxId));
      const duplicates = received.filter((m, i) => received.findIndex((o) => o.outboxId === m.outboxId) !== i);
      expect(duplicates.map((m) => m.outboxId)).toEqual([inFlight]);
    }, 90_000);
  });
});

/**
 * Rows per sheet of an xlsx: rows read with exceljs's streaming reader (the workbook is too big to
 * load whole cheaply), names from xl/workbook.xml, which exceljs's single-pass reader misses when it
 * is stored last, as its streaming writer stores it (exceljs#3064).
 */
async function sheetRowCounts(file: Buffer): Promise<Map<string, number>> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(file), { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  const byId = new Map<number, number>();
  for await (const sheet of reader) {
    let n = 0;
    for await (const _row of sheet as unknown as AsyncIterable<unknown>) n++;
    byId.set(Number((sheet as unknown as { id: number | string }).id), n);
  }
  const workbookXml = await (await JSZip.loadAsync(file)).file('xl/workbook.xml')!.async('string');
  const sheets = (workbookXml.match(/<sheet [^>]*>/g) ?? []).map((tag) => ({ name: /\bname="([^"]*)"/.exec(tag)![1], id: Number(/\bsheetId="(\d+)"/.exec(tag)![1]) }));
  return new Map(sheets.map(({ name, id }) => [name.replace(/&amp;/g, '&'), byId.get(id) ?? 0]));
}
