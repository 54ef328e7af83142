import { createHash, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { Organisation, User } from '@ddp/identity';
import { createActor, createOrganisation, createTestApp, createUser, deliveredMails as deliveredMailsTo, login, ParsedMail, TEST_PASSWORD, TestApp } from '@ddp/testing';

const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';
const ME = '/api/v1/me';
const CHANGE = '/api/v1/me/password';
const RESET = '/api/v1/auth/password-reset';
const CONFIRM = '/api/v1/auth/password-reset/confirm';
const AUDIT = '/api/v1/audit-events?limit=200';

/** Strong enough: 12+ characters, not common, not the email. */
const NEW_PASSWORD = 'Herfst-in-Gent-2026';
const OTHER_PASSWORD = 'Winter-in-Brugge-2027';
const LINK = /http:\/\/portal\.test\/password-reset\?token=([^\s"<>]+)/;
const EN_SUBJECT = 'Reset your password for the Due-Diligence Portal';
const NL_SUBJECT = 'Stel uw wachtwoord voor het portaal voor gepaste zorgvuldigheid opnieuw in';

const unique = (): string => randomBytes(4).toString('hex');
const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');


describe('passwords (change, reset by mail)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const tryLogin = (email: string, password: string) => request(t.http).post(LOGIN).send({ email, password });
  const refresh = (refreshToken: string) => request(t.http).post(REFRESH).send({ refreshToken });
  const change = (auth: string | undefined, currentPassword: string, newPassword: string) => {
    const req = request(t.http).post(CHANGE);
    if (auth) void req.set('authorization', auth);
    return req.send({ currentPassword, newPassword });
  };
  const requestReset = (email: string) => request(t.http).post(RESET).send({ email });
  const confirm = (token: string, password: string) => request(t.http).post(CONFIRM).send({ token, password });

  const passwordHash = async (userId: string): Promise<string> =>
    (await t.sql.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [userId])).rows[0].password_hash;

  const refreshTokenRows = async (userId: string) =>
    (await t.sql.query<{ token_hash: string; revoked_at: Date | null }>(
      'SELECT token_hash, revoked_at FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at',
      [userId],
    )).rows;

  const outboxRows = async (email: string) =>
    (await t.sql.query(
      `SELECT id, organisation_id, template, to_address, subject, text_body, html_body, status
         FROM mail_outbox WHERE to_address = $1 ORDER BY created_at, id`,
      [email],
    )).rows;

  const countRows = async (table: 'mail_outbox' | 'password_resets'): Promise<number> =>
    Number((await t.sql.query(`SELECT count(*) FROM ${table}`)).rows[0].count);

  const auditItems = async (auth: string): Promise<Array<Record<string, unknown>>> =>
    (await request(t.http).get(AUDIT).set('authorization', auth).expect(200)).body.items;

  /** Sends what is due (as the worker does) and reads every mail to `email` from MAIL_DIR, oldest first. */
  async function deliveredMails(email: string): Promise<Array<ParsedMail & { outboxId: string; token: string }>> {
    const mails = await deliveredMailsTo(t, email, LINK);
    expect(mails.length).toBeGreaterThan(0);
    return mails;
  }

  /** Asks for a reset through the API and returns the token from the (newest) mail. */
  async function resetToken(email: string): Promise<string> {
    await requestReset(email).expect(202);
    const mails = await deliveredMails(email);
    return mails[mails.length - 1].token;
  }

  describe('change (POST /me/password)', () => {
    it('with the right current password: 200 with a new pair; the old password is gone, other sessions end, the new pair works', async () => {
      const actor = await createActor(t, 'supplier', 'admin');
      const earlier = await login(t, actor.user.email, TEST_PASSWORD); // a second session of the same user
      const hashBefore = await passwordHash(actor.user.id);

      const res = await change(actor.auth, TEST_PASSWORD, NEW_PASSWORD).expect(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
      expect(res.body.refreshToken).not.toBe(actor.refreshToken);
      expect(res.body.refreshToken).not.toBe(earlier.refreshToken);
      expect(res.text).not.toContain(hashBefore);
      expect(res.text).not.toMatch(/\$argon2/);

      // Persisted: a different hash, every earlier refresh token revoked, only the new one live.
      expect(await passwordHash(actor.user.id)).not.toBe(hashBefore);
      const rows = await refreshTokenRows(actor.user.id);
      expect(rows).toHaveLength(3);
      const live = rows.filter((r) => r.revoked_at === null);
      expect(live.map((r) => r.token_hash)).toEqual([sha256(res.body.refreshToken)]);
      expect(rows.find((r) => r.token_hash === sha256(actor.refreshToken))?.revoked_at).toBeInstanceOf(Date);
      expect(rows.find((r) => r.token_hash === sha256(earlier.refreshToken))?.revoked_at).toBeInstanceOf(Date);

      // The other sessions are over (and the one the change was made from got a new pair instead).
      expect((await refresh(earlier.refreshToken).expect(401)).body.code).toBe('invalid_token');
      expect((await refresh(actor.refreshToken).expect(401)).body.code).toBe('invalid_token');

      // The new pair works.
      const me = await request(t.http).get(ME).set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body).toMatchObject({ id: actor.user.id, email: actor.user.email });
      const rotated = await refresh(res.body.refreshToken).expect(200);
      expect(rotated.body).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });

      // Old password refused, new one accepted.
      expect((await tryLogin(actor.user.email, TEST_PASSWORD).expect(401)).body.code).toBe('invalid_credentials');
      await tryLogin(actor.user.email, NEW_PASSWORD).expect(200);
    });

    it('a wrong current password: 401 invalid_credentials on currentPassword, nothing changes', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      const hashBefore = await passwordHash(actor.user.id);

      const res = await change(actor.auth, 'Not-My-Password-123', NEW_PASSWORD).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, code: 'invalid_credentials' });
      expect(res.body.errors[0].field).toBe('currentPassword');
      expect(res.body).not.toHaveProperty('accessToken');

      expect(await passwordHash(actor.user.id)).toBe(hashBefore);
      expect((await refreshTokenRows(actor.user.id)).every((r) => r.revoked_at === null)).toBe(true);
      expect((await tryLogin(actor.user.email, NEW_PASSWORD).expect(401)).body.code).toBe('invalid_credentials');
      await tryLogin(actor.user.email, TEST_PASSWORD).expect(200);
      await refresh(actor.refreshToken).expect(200); // the session survived
    });

    it('a weak new password: 400 weak_password, nothing changes', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      const hashBefore = await passwordHash(actor.user.id);
      const localPart = actor.user.email.split('@')[0];

      for (const weak of ['Sh0rt-pw!', 'password1234', `my-${localPart}-2026`]) {
        const res = await change(actor.auth, TEST_PASSWORD, weak).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body).toMatchObject({ status: 400, code: 'weak_password' });
        expect(res.body).not.toHaveProperty('accessToken');
      }

      expect(await passwordHash(actor.user.id)).toBe(hashBefore);
      expect((await refreshTokenRows(actor.user.id)).every((r) => r.revoked_at === null)).toBe(true);
      await tryLogin(actor.user.email, TEST_PASSWORD).expect(200);
    });

    it('a weak new password names the request field newPassword in errors', async () => {
      // KNOWN BUG (fails: errors[0].field is 'password'): change() reuses PasswordService.assertStrong,
      // whose field error is hard-coded to 'password', but this endpoint's body is
      // {currentPassword, newPassword}; a client mapping errors to its form fields finds no 'password'
      // (the wrong-current-password error of the same endpoint does name 'currentPassword').
      // See libs/identity/src/passwords/account-password.service.ts line 38 and password.service.ts assertStrong.
      const actor = await createActor(t, 'supplier', 'member');
      const res = await change(actor.auth, TEST_PASSWORD, 'password1234').expect(400);
      expect(res.body.code).toBe('weak_password');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    });

    it('without (or with a garbage) access token: 401, nothing changes', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      const hashBefore = await passwordHash(actor.user.id);

      const anonymous = await change(undefined, TEST_PASSWORD, NEW_PASSWORD).expect(401);
      expect(anonymous.body.code).toBe('unauthorized');
      const garbage = await change('Bearer not.a.jwt', TEST_PASSWORD, NEW_PASSWORD).expect(401);
      expect(garbage.body).not.toHaveProperty('accessToken');

      expect(await passwordHash(actor.user.id)).toBe(hashBefore);
      await tryLogin(actor.user.email, TEST_PASSWORD).expect(200);
    });

    it('records user.password_changed in the audit trail, without any password or hash', async () => {
      const actor = await createActor(t, 'contracting_authority', 'admin');
      const oldHash = await passwordHash(actor.user.id);
      const res = await change(actor.auth, TEST_PASSWORD, NEW_PASSWORD).expect(200);
      const newHash = await passwordHash(actor.user.id);

      const items = await auditItems(`Bearer ${res.body.accessToken}`);
      const event = items.find((e) => e.action === 'user.password_changed' && e.entityId === actor.user.id);
      expect(event).toMatchObject({ entityType: 'user', actorUserId: actor.user.id, organisationId: actor.organisation.id });

      const { rows } = await t.sql.query(`SELECT a::text AS row FROM audit_events a WHERE action = 'user.password_changed' AND entity_id = $1`, [actor.user.id]);
      expect(rows).toHaveLength(1);
      for (const text of [JSON.stringify(event), rows[0].row as string]) {
        for (const secret of [oldHash, newHash, TEST_PASSWORD, NEW_PASSWORD, '$argon2']) expect(text).not.toContain(secret);
      }
    });
  });

  describe('reset request (POST /auth/password-reset)', () => {
    it('answers an existing and an unknown email alike (202, empty); only the existing one gets a mail with the link', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      const email = actor.user.email;
      const unknownEmail = `nobody.${unique()}@nowhere.test`;

      const mailsBefore = await countRows('mail_outbox');
      const resetsBefore = await countRows('password_resets');
      const unknown = await requestReset(unknownEmail).expect(202);
      expect(await countRows('mail_outbox')).toBe(mailsBefore);
      expect(await countRows('password_resets')).toBe(resetsBefore);

      const known = await requestReset(email).expect(202);
      expect(known.text).toBe('');
      expect(unknown.text).toBe(known.text);
      expect(unknown.headers['content-type']).toBe(known.headers['content-type']);
      expect(unknown.headers['content-length']).toBe(known.headers['content-length']);
      expect(Object.keys(unknown.headers).sort()).toEqual(Object.keys(known.headers).sort());

      expect(await countRows('mail_outbox')).toBe(mailsBefore + 1);
      expect(await countRows('password_resets')).toBe(resetsBefore + 1);
      const rows = await outboxRows(email);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ organisation_id: actor.organisation.id, template: 'password_reset', status: 'pending', subject: EN_SUBJECT });
      expect(rows[0].text_body).toMatch(LINK);

      const [mail] = await deliveredMails(email);
      expect(mail.headers.to).toContain(email);
      expect(mail.subject).toBe(EN_SUBJECT);
      expect(mail.text).toContain('Someone asked to reset the password of your account');
      expect(mail.text).toContain('expires in 60 minutes');
      expect(mail.token.length).toBeGreaterThanOrEqual(20);
      // The stored hash is the token's, never the token itself.
      const { rows: resets } = await t.sql.query('SELECT token_hash FROM password_resets WHERE user_id = $1', [actor.user.id]);
      expect(resets.map((r) => r.token_hash)).toEqual([sha256(mail.token)]);
    });

    it('a disabled user gets no mail (and the same 202)', async () => {
      const org = await createOrganisation(t, 'supplier');
      const user = await createUser(t, org, 'member');
      await t.sql.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [user.id]);

      const res = await requestReset(user.email).expect(202);
      expect(res.text).toBe('');
      expect(await outboxRows(user.email)).toHaveLength(0);
      expect((await t.sql.query('SELECT count(*) FROM password_resets WHERE user_id = $1', [user.id])).rows[0].count).toBe('0');
    });

    it('matches the email case-insensitively', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      await requestReset(actor.user.email.toUpperCase()).expect(202);
      const rows = await outboxRows(actor.user.email);
      expect(rows).toHaveLength(1);
      expect(rows[0].to_address).toBe(actor.user.email);
    });

    it('a malformed email: 400 naming email, nothing queued', async () => {
      const before = await countRows('mail_outbox');
      for (const body of [{ email: 'not-an-email' }, {}]) {
        const res = await request(t.http).post(RESET).send(body).expect(400);
        expect(res.body.code).toBe('validation_failed');
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'email' })]));
      }
      expect(await countRows('mail_outbox')).toBe(before);
    });

    it('mails in the organisation\'s language (Dutch), and that link works', async () => {
      const platform = await createActor(t, 'platform', 'admin');
      const created = await request(t.http).post('/api/v1/organisations').set('authorization', platform.auth)
        .send({ name: `Stad Leuven ${unique()}`, kind: 'contracting_authority', country: 'BE', preferredLanguage: 'nl' }).expect(201);
      expect(created.body.preferredLanguage).toBe('nl');
      const user = await createUser(t, created.body as Organisation, 'member');

      await requestReset(user.email).expect(202);
      const [mail] = await deliveredMails(user.email);
      expect(mail.subject).toBe(NL_SUBJECT);
      expect(mail.text).toContain('Iemand heeft gevraagd het wachtwoord van uw account opnieuw in te stellen.');
      expect(mail.text).toContain('Kies hier een nieuw wachtwoord (de link werkt één keer en verloopt over 60 minuten):');
      expect(mail.text).toContain('negeer dan deze e-mail');
      expect(mail.text).not.toContain('Someone asked');
      expect(mail.subject).not.toBe(EN_SUBJECT);

      await confirm(mail.token, NEW_PASSWORD).expect(204);
      await tryLogin(user.email, NEW_PASSWORD).expect(200);
    });
  });

  describe('reset confirm (POST /auth/password-reset/confirm)', () => {
    it('the mailed token sets the new password (204) and ends every earlier session', async () => {
      const actor = await createActor(t, 'supplier', 'admin');
      const second = await login(t, actor.user.email, TEST_PASSWORD);

      const token = await resetToken(actor.user.email);
      const res = await confirm(token, NEW_PASSWORD).expect(204);
      expect(res.text).toBe('');

      expect((await tryLogin(actor.user.email, TEST_PASSWORD).expect(401)).body.code).toBe('invalid_credentials');
      const fresh = await tryLogin(actor.user.email, NEW_PASSWORD).expect(200);

      // Every refresh token from before the reset is revoked; only the login after it is live.
      const rows = await refreshTokenRows(actor.user.id);
      expect(rows.filter((r) => r.revoked_at === null).map((r) => r.token_hash)).toEqual([sha256(fresh.body.refreshToken)]);
      expect((await refresh(actor.refreshToken).expect(401)).body.code).toBe('invalid_token');
      expect((await refresh(second.refreshToken).expect(401)).body.code).toBe('invalid_token');
      await refresh(fresh.body.refreshToken).expect(200);

      // Single use.
      const again = await confirm(token, OTHER_PASSWORD).expect(401);
      expect(again.body).toMatchObject({ status: 401, code: 'invalid_token' });
      await tryLogin(actor.user.email, OTHER_PASSWORD).expect(401);
      await tryLogin(actor.user.email, NEW_PASSWORD).expect(200);
    });

    it('an expired token: 401 invalid_token, the password stays', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      const token = await resetToken(actor.user.email);
      await t.sql.query(`UPDATE password_resets SET expires_at = now() - interval '1 minute' WHERE user_id = $1`, [actor.user.id]);

      const res = await confirm(token, NEW_PASSWORD).expect(401);
      expect(res.body.code).toBe('invalid_token');
      await tryLogin(actor.user.email, NEW_PASSWORD).expect(401);
      await tryLogin(actor.user.email, TEST_PASSWORD).expect(200);
      await refresh(actor.refreshToken).expect(200); // no session ended
    });

    it('confirming with the first of two tokens uses up the second as well', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      await requestReset(actor.user.email).expect(202);
      await requestReset(actor.user.email).expect(202);
      const mails = await deliveredMails(actor.user.email);
      expect(mails).toHaveLength(2);
      const [first, second] = mails.map((m) => m.token);
      expect(first).not.toBe(second);

      await confirm(first, NEW_PASSWORD).expect(204);
      const res = await confirm(second, OTHER_PASSWORD).expect(401);
      expect(res.body.code).toBe('invalid_token');
      await tryLogin(actor.user.email, OTHER_PASSWORD).expect(401);
      await tryLogin(actor.user.email, NEW_PASSWORD).expect(200);
      const { rows } = await t.sql.query('SELECT used_at FROM password_resets WHERE user_id = $1', [actor.user.id]);
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.used_at instanceof Date)).toBe(true);
    });

    it('a weak password: 400 weak_password, and the token stays usable', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      const token = await resetToken(actor.user.email);
      const localPart = actor.user.email.split('@')[0];

      for (const weak of ['Sh0rt-pw!', 'password1234', `my-${localPart}-2026`]) {
        const res = await confirm(token, weak).expect(400);
        expect(res.body).toMatchObject({ status: 400, code: 'weak_password' });
        expect(res.body.errors[0].field).toBe('password');
      }
      await tryLogin(actor.user.email, TEST_PASSWORD).expect(200);
      await refresh(actor.refreshToken).expect(200); // no session ended by a refused attempt

      await confirm(token, NEW_PASSWORD).expect(204);
      await tryLogin(actor.user.email, NEW_PASSWORD).expect(200);
      await tryLogin(actor.user.email, TEST_PASSWORD).expect(401);
    });

    it('two tokens of one user confirmed at once: one sets the password (204), the other is used up (401 invalid_token)', async () => {
      // KNOWN BUG (fails with 500 internal_error): confirmReset locks its own password_resets row
      // (SELECT … FOR UPDATE), then updates the users row and then every open reset of the user.
      // Two concurrent confirms with different tokens each hold their own reset row and wait for
      // the other's: PostgreSQL detects a deadlock (40P01) after deadlock_timeout and aborts one,
      // which surfaces as 500 instead of 401 invalid_token.
      // See libs/identity/src/passwords/account-password.service.ts, confirmReset (lines 73-80).
      const actor = await createActor(t, 'supplier', 'member');
      await requestReset(actor.user.email).expect(202);
      await requestReset(actor.user.email).expect(202);
      const [first, second] = (await deliveredMails(actor.user.email)).map((m) => m.token);

      // Make the two requests overlap for sure: hold the user's row until both are waiting on a lock.
      const locker = new Client({ connectionString: t.config.DATABASE_URL });
      await locker.connect();
      let answers: request.Response[];
      try {
        await locker.query('BEGIN');
        await locker.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [actor.user.id]);
        const pending = Promise.all([confirm(first, NEW_PASSWORD), confirm(second, OTHER_PASSWORD)]);
        // Twice in a row, so that a passing row lock elsewhere (rate-limit counter) does not count.
        for (let i = 0, streak = 0; i < 100 && streak < 2; i++) {
          await new Promise((r) => setTimeout(r, 50));
          const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
          streak = rows[0].n >= 2 ? streak + 1 : 0;
        }
        await locker.query('COMMIT');
        answers = await pending;
      } finally {
        await locker.end();
      }
      expect(answers.map((a) => a.status).sort()).toEqual([204, 401]);
      expect(answers.find((a) => a.status === 401)?.body.code).toBe('invalid_token');
      const winner = answers[0].status === 204 ? NEW_PASSWORD : OTHER_PASSWORD;
      const loser = winner === NEW_PASSWORD ? OTHER_PASSWORD : NEW_PASSWORD;
      await tryLogin(actor.user.email, winner).expect(200);
      await tryLogin(actor.user.email, loser).expect(401);
    });

    it('a garbage token: 401 invalid_token', async () => {
      const res = await confirm(randomBytes(32).toString('base64url'), NEW_PASSWORD).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('invalid_token');
    });

    it('audits user.password_reset; the token and its hash appear in no answer, the token nowhere in the audit trail; the mail body is erased once sent', async () => {
      const actor = await createActor(t, 'contracting_authority', 'admin');
      const texts: string[] = [];
      const seen = <T extends request.Response>(res: T): T => {
        texts.push(res.text ?? '', JSON.stringify(res.headers));
        return res;
      };

      seen(await requestReset(actor.user.email).expect(202));
      const [queued] = await outboxRows(actor.user.email);
      expect(queued.text_body).toMatch(LINK); // the body holds the link until it is sent
      const [mail] = await deliveredMails(actor.user.email);
      const token = mail.token;
      const hash = sha256(token);
      expect((await t.sql.query('SELECT token_hash FROM password_resets WHERE user_id = $1', [actor.user.id])).rows[0].token_hash).toBe(hash);

      // Erased from the outbox once sent.
      const { rows: [sent] } = await t.sql.query('SELECT status, text_body, html_body FROM mail_outbox WHERE id = $1', [mail.outboxId]);
      expect(sent).toEqual({ status: 'sent', text_body: null, html_body: null });

      seen(await confirm(token, 'password1234').expect(400));
      seen(await confirm(token, NEW_PASSWORD).expect(204));
      seen(await confirm(token, NEW_PASSWORD).expect(401));
      const fresh = seen(await tryLogin(actor.user.email, NEW_PASSWORD).expect(200));
      const auth = `Bearer ${fresh.body.accessToken}`;
      seen(await request(t.http).get(ME).set('authorization', auth).expect(200));
      seen(await refresh(fresh.body.refreshToken).expect(200));
      const audit = seen(await request(t.http).get(AUDIT).set('authorization', auth).expect(200));

      const items = audit.body.items as Array<Record<string, unknown>>;
      expect(items).toContainEqual(expect.objectContaining({ action: 'user.password_reset_requested', entityType: 'user', entityId: actor.user.id, organisationId: actor.organisation.id }));
      const reset = items.find((e) => e.action === 'user.password_reset' && e.entityId === actor.user.id);
      expect(reset).toMatchObject({ entityType: 'user', organisationId: actor.organisation.id, after: { sessionsEnded: 1 } });

      expect(texts.length).toBeGreaterThan(0);
      for (const text of texts) {
        expect(text).not.toContain(token);
        expect(text).not.toContain(hash);
      }
      const { rows } = await t.sql.query('SELECT a::text AS row FROM audit_events a');
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.row).not.toContain(token);
    });
  });
});

describe('rate limiting of password-reset requests (2 per minute)', () => {
  let t: TestApp;
  let user: User;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '2' });
    // Created directly, not through createActor: its login would count against the same budget.
    user = await createUser(t, await createOrganisation(t, 'supplier'), 'member');
  });
  afterAll(() => t.close());

  it('answers the 3rd request for one email within the minute with 429 and Retry-After, and queues no mail for it', async () => {
    const reset = (email: string) => request(t.http).post(RESET).send({ email });
    await reset(user.email).expect(202);
    await reset(user.email).expect(202);

    const res = await reset(user.email).expect(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Counted per address, whatever the spelling.
    await reset(user.email.toUpperCase()).expect(429);

    const { rows } = await t.sql.query('SELECT count(*) FROM mail_outbox WHERE to_address = $1', [user.email]);
    expect(rows[0].count).toBe('2');
  });
});

describe('sessions under concurrent password changes and refreshes', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('never answers 5xx (no deadlock), and a refresh racing a password change never outlives it', async () => {
    const actor = await createActor(t, 'supplier', 'member');
    let password = actor.password;
    for (let round = 0; round < 5; round++) {
      const other = await request(t.http).post('/api/v1/auth/login').send({ email: actor.user.email, password }).expect(200);
      const next = `Rotating-Password-${round}-2026`;
      const [change, refresh] = await Promise.all([
        request(t.http).post('/api/v1/me/password').set('authorization', `Bearer ${other.body.accessToken}`).send({ currentPassword: password, newPassword: next }),
        new Promise((r) => setTimeout(r, 20)).then(() => request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: other.body.refreshToken })),
      ]);
      expect(change.status).toBe(200);
      expect(refresh.status).toBeLessThan(500);
      password = next;
      // Whatever order they ran in, only the session the change returned is alive afterwards.
      if (refresh.status === 200) await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: refresh.body.refreshToken }).expect(401);
      await request(t.http).get('/api/v1/me').set('authorization', `Bearer ${other.body.accessToken}`).expect(401);
      await request(t.http).get('/api/v1/me').set('authorization', `Bearer ${change.body.accessToken}`).expect(200);
    }
  });
});
