import { INestApplicationContext } from '@nestjs/common';
import { existsSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { MailOutbox, RequestContext } from '@ddp/core';
import { InvitationsService } from '@ddp/identity';
import { createActor, createTestApp, TestActor, TestApp } from '@ddp/testing';
import { InvitationPurgeJob } from '../apps/worker/src/jobs/invitation-purge.job';
import { HousekeepingJob } from '../apps/worker/src/jobs/housekeeping.job';

const unique = (): string => randomBytes(4).toString('hex');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns something truthy, or fails after `timeoutMs`. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(50);
  }
}

interface OutboxRow {
  id: string;
  to_address: string;
  status: string;
  attempts: number;
  last_error: string | null;
  locked_until: Date | null;
  next_attempt_at: Date;
  text_body: string | null;
}

describe('worker', () => {
  let t: TestApp;
  let authority: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    authority = await createActor(t, 'contracting_authority', 'admin');
  });
  afterAll(() => t.close());

  async function invite(email = `invitee.${unique()}@gent.example`): Promise<{ id: string; email: string; outboxId: string }> {
    const res = await request(t.http).post(`/api/v1/organisations/${authority.organisation.id}/invitations`)
      .set('authorization', authority.auth).send({ email, role: 'member' }).expect(201);
    const { rows } = await t.sql.query('SELECT id FROM mail_outbox WHERE to_address = $1', [email]);
    expect(rows).toHaveLength(1);
    return { id: res.body.id, email, outboxId: rows[0].id };
  }

  const outbox = async (ids: string[]): Promise<OutboxRow[]> =>
    (await t.sql.query<OutboxRow>('SELECT * FROM mail_outbox WHERE id = ANY($1::uuid[]) ORDER BY id', [ids])).rows;

  const emlFiles = (): string[] => (existsSync(t.config.mailDir) ? readdirSync(t.config.mailDir) : []);

  /** Every worker a test starts is closed at its end, so that the next test controls which workers run. */
  const running: INestApplicationContext[] = [];
  const startWorker = async (overrides: Record<string, string>) => {
    const worker = await t.startWorker(overrides);
    running.push(worker);
    return worker;
  };
  afterEach(async () => {
    for (const worker of running.splice(0)) await worker.close();
  });

  it('sends a queued invitation mail into MAIL_DIR by itself', async () => {
    const { email, outboxId } = await invite();
    const file = join(t.config.mailDir, `${outboxId}.eml`);
    expect(existsSync(file)).toBe(false);

    await startWorker({ MAIL_POLL_INTERVAL_MS: '100' });
    await waitFor('the .eml file', async () => existsSync(file));

    const raw = readFileSync(file, 'utf8').replace(/=\r\n/g, '');
    expect(raw).toMatch(new RegExp(`^To: ${email.replace(/\./g, '\\.')}\\r$`, 'm'));
    expect(raw).toMatch(/^Subject: You are invited to join /m);
    expect(raw).toContain('http://portal.test/invitations/accept?token=3D');
    const [row] = await waitFor('the row marked sent', async () => {
      const rows = await outbox([outboxId]);
      return rows[0]?.status === 'sent' && rows;
    });
    expect(row).toMatchObject({ attempts: 1, last_error: null, text_body: null, locked_until: null });
  });

  it('two workers on the same database send each mail exactly once', async () => {
    const invited = [];
    for (let i = 0; i < 12; i++) invited.push(await invite());
    const ids = invited.map((i) => i.outboxId);
    const before = new Set(emlFiles());

    await Promise.all([startWorker({ MAIL_POLL_INTERVAL_MS: '100' }), startWorker({ MAIL_POLL_INTERVAL_MS: '100' })]);
    const rows = await waitFor('every mail sent', async () => {
      const current = await outbox(ids);
      return current.every((r) => r.status === 'sent') && current;
    }, 10_000);

    expect(rows).toHaveLength(12);
    for (const row of rows) expect(row).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    // Give a straggler (a second claim of the same row) the time to show up before counting.
    await sleep(300);
    expect((await outbox(ids)).map((r) => r.attempts)).toEqual(ids.map(() => 1));
    const added = emlFiles().filter((f) => !before.has(f));
    expect(added.sort()).toEqual(ids.map((id) => `${id}.eml`).sort());
  });

  it('claims racing from two workers at the same instant never take the same mail', async () => {
    const invited = [];
    for (let i = 0; i < 24; i++) invited.push(await invite());
    const ids = invited.map((i) => i.outboxId);
    // Long poll interval: only the claims below run, many at once from each worker's own pool.
    const workers = await Promise.all([startWorker({ MAIL_POLL_INTERVAL_MS: '600000' }), startWorker({ MAIL_POLL_INTERVAL_MS: '600000' })]);
    const outboxes = workers.map((w) => w.get(MailOutbox));
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => outboxes[i % 2].dispatchDue(RequestContext.system(), 3)));

    // A claim that found every remaining mail locked by another gets none: drain what is left.
    for (let drained = await outboxes[0].dispatchDue(); drained.sent + drained.failed > 0; drained = await outboxes[0].dispatchDue()) results.push(drained);

    const sent = results.reduce((sum, r) => sum + r.sent, 0);
    expect(results.reduce((sum, r) => sum + r.failed, 0)).toBe(0);
    const rows = await outbox(ids);
    expect(rows.map((r) => r.attempts)).toEqual(ids.map(() => 1));
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(sent).toBe(24);
  });

  describe('the purge of expired invitations', () => {
    async function arrange() {
      const old = await invite();
      const recent = await invite();
      const accepted = await invite();
      // Accept one (through the API) before letting it age: accepted invitations are kept.
      const { rows } = await t.sql.query('SELECT text_body FROM mail_outbox WHERE id = $1', [accepted.outboxId]);
      const token = decodeURIComponent(/token=([^\s]+)/.exec(rows[0].text_body)![1]);
      await request(t.http).post('/api/v1/invitations/accept').send({ token, name: 'Kept', password: 'Lente-in-Gent-2026' }).expect(201);

      await t.sql.query(`UPDATE invitations SET expires_at = now() - interval '40 days' WHERE id = ANY($1::uuid[])`, [[old.id, accepted.id]]);
      await t.sql.query(`UPDATE invitations SET expires_at = now() - interval '1 day' WHERE id = $1`, [recent.id]);
      return { old, recent, accepted };
    }
    const existing = async (ids: string[]): Promise<string[]> =>
      (await t.sql.query('SELECT id FROM invitations WHERE id = ANY($1::uuid[])', [ids])).rows.map((r) => r.id).sort();

    it('deletes invitations expired more than 30 days ago and audits it; keeps recent and accepted ones', async () => {
      const { old, recent, accepted } = await arrange();

      const purged = await t.app.get(InvitationsService).purgeExpired(RequestContext.system());
      expect(purged).toBe(1);
      expect(await existing([old.id, recent.id, accepted.id])).toEqual([recent.id, accepted.id].sort());

      const listed = await request(t.http).get(`/api/v1/organisations/${authority.organisation.id}/invitations`).set('authorization', authority.auth).expect(200);
      const ids = listed.body.map((i: { id: string }) => i.id);
      expect(ids).not.toContain(old.id);
      expect(listed.body.find((i: { id: string }) => i.id === recent.id)).toMatchObject({ status: 'expired' });
      expect(listed.body.find((i: { id: string }) => i.id === accepted.id)).toMatchObject({ status: 'accepted' });

      const audit = await request(t.http).get('/api/v1/audit-events?limit=200').set('authorization', authority.auth).expect(200);
      const events = audit.body.items.filter((e: { action: string }) => e.action === 'invitation.purged');
      expect(events).toEqual([
        expect.objectContaining({ entityType: 'invitation', entityId: old.id, organisationId: authority.organisation.id, actorUserId: null, before: expect.objectContaining({ email: old.email }) }),
      ]);

      // Nothing left to purge: a second run is a no-op.
      expect(await t.app.get(InvitationsService).purgeExpired(RequestContext.system())).toBe(0);
    });

    it("the worker's hourly job purges with the configured INVITATION_PURGE_AFTER_DAYS", async () => {
      const { recent, accepted } = await arrange();
      // Worker 1 (default: 30 days) leaves the invitation that expired yesterday alone…
      const defaults = await startWorker({});
      expect(await defaults.get(InvitationPurgeJob).run()).toBe(1);
      expect(await existing([recent.id])).toEqual([recent.id]);
      // …a worker configured with 0 days purges it; the accepted one stays regardless.
      const eager = await startWorker({ INVITATION_PURGE_AFTER_DAYS: '0' });
      expect(await eager.get(InvitationPurgeJob).run()).toBeGreaterThanOrEqual(1);
      expect(await existing([recent.id, accepted.id])).toEqual([accepted.id]);
    });
  });

  it('a mail whose transport fails stays pending with the error recorded, and the worker keeps going', async () => {
    // Everything queued so far is sent first, so that only the new mail is in play.
    await startWorker({ MAIL_POLL_INTERVAL_MS: '100' });
    await waitFor('an empty queue', async () => (await t.sql.query(`SELECT count(*)::int AS n FROM mail_outbox WHERE status = 'pending'`)).rows[0].n === 0);
    for (const worker of running.splice(0)) await worker.close();

    const { outboxId } = await invite();
    await startWorker({ MAIL_POLL_INTERVAL_MS: '100', SMTP_URL: 'smtp://127.0.0.1:1' });

    const [failed] = await waitFor('the failed attempt', async () => {
      const rows = await outbox([outboxId]);
      return rows[0]?.last_error ? rows : undefined;
    });
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, locked_until: null });
    expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(failed.text_body).toContain('http://portal.test/invitations/accept?token='); // kept for the retry
    expect(failed.next_attempt_at.getTime()).toBeGreaterThan(Date.now() + 10_000); // backed off
    expect(existsSync(join(t.config.mailDir, `${outboxId}.eml`))).toBe(false);

    // Still alive: once the retry is due, the same worker tries again.
    await t.sql.query('UPDATE mail_outbox SET next_attempt_at = now() WHERE id = $1', [outboxId]);
    const [retried] = await waitFor('the second attempt', async () => {
      const rows = await outbox([outboxId]);
      return rows[0]?.attempts === 2 && rows[0].locked_until === null && rows;
    });
    expect(retried).toMatchObject({ status: 'pending', attempts: 2 });
    expect(retried.last_error).toMatch(/ECONNREFUSED|connect/i);
  });
});

describe('housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('deletes expired refresh tokens and password resets and old sent mails, and keeps the rest', async () => {
    const actor = await createActor(t, 'supplier', 'admin');
    await request(t.http).post('/api/v1/auth/password-reset').send({ email: actor.user.email }).expect(202);
    await t.app.get(MailOutbox).dispatchDue();
    const fresh = await createActor(t, 'supplier', 'member', actor.organisation);
    await t.sql.query(`UPDATE refresh_tokens SET expires_at = now() - interval '2 days' WHERE user_id = $1`, [actor.user.id]);
    await t.sql.query(`UPDATE password_resets SET expires_at = now() - interval '2 days'`);
    await t.sql.query(`UPDATE mail_outbox SET sent_at = now() - interval '31 days' WHERE status = 'sent'`);

    // An idempotency key of two days ago, and an upload a crash left in the incoming folder two hours ago.
    await t.sql.query(`INSERT INTO idempotency_keys (user_id, key, scope, request_hash, status, body, created_at) VALUES ($1, 'old', 'test', 'h', 200, '{}', now() - interval '2 days'), ($1, 'new', 'test', 'h', 200, '{}', now())`, [actor.user.id]);
    const incoming = join(t.config.filesDir, 'incoming');
    mkdirSync(incoming, { recursive: true });
    writeFileSync(join(incoming, 'stale'), 'x');
    writeFileSync(join(incoming, 'fresh'), 'x');
    const twoHoursAgo = new Date(Date.now() - 7_200_000);
    utimesSync(join(incoming, 'stale'), twoHoursAgo, twoHoursAgo);

    const worker = await t.startWorker();
    const result = await worker.get(HousekeepingJob).run();
    expect(result).toEqual({ passwordResets: 1, refreshTokens: 1, sentMails: 1, idempotencyKeys: 1, incomingFiles: 1 });
    expect(readdirSync(incoming)).toEqual(['fresh']);
    expect((await t.sql.query(`SELECT key FROM idempotency_keys`)).rows).toEqual([{ key: 'new' }]);
    const { rows } = await t.sql.query(`SELECT user_id FROM refresh_tokens`);
    expect(rows.map((r) => r.user_id)).toEqual([fresh.user.id]);
    await request(t.http).get('/api/v1/me').set('authorization', fresh.auth).expect(200);
  });
});
