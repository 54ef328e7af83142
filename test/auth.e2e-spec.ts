import { createHash } from 'node:crypto';
import request from 'supertest';
import { createActor, createOrganisation, createUser, createTestApp, TEST_PASSWORD, TestActor, TestApp } from '@ddp/testing';

const LOGIN = '/api/v1/auth/login';
const REFRESH = '/api/v1/auth/refresh';
const LOGOUT = '/api/v1/auth/logout';
const ME = '/api/v1/me';

/** The stable part of a problem: everything but the per-request `requestId` and `instance`. */
const stable = (body: Record<string, unknown>) => ({ type: body.type, code: body.code, title: body.title, status: body.status, detail: body.detail });

const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

describe('auth (login, me, refresh, logout)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  /** Backdates the rotation of `token`, as if it were presented again `seconds` later. */
  const rotatedAgo = async (token: string, seconds: number) =>
    t.sql.query(`UPDATE refresh_tokens SET rotated_at = rotated_at - make_interval(secs => $2) WHERE token_hash = $1`, [sha256(token), seconds]);
  const refreshTokenRows = async (userId: string) =>
    (await t.sql.query<{ family_id: string; revoked_at: Date | null; rotated_at: Date | null }>(
      'SELECT family_id, revoked_at, rotated_at FROM refresh_tokens WHERE user_id = $1 ORDER BY created_at',
      [userId],
    )).rows;

  describe('login', () => {
    it('answers a token pair for valid credentials', async () => {
      const org = await createOrganisation(t, 'supplier');
      const user = await createUser(t, org, 'admin');
      const res = await request(t.http).post(LOGIN).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
      expect(res.body.accessToken.split('.')).toHaveLength(3);
      expect(res.body.refreshToken.length).toBeGreaterThanOrEqual(20);
      expect(res.body.refreshToken).not.toBe(res.body.accessToken);
    });

    it('GET /me with the access token answers the user and organisation, never a password hash', async () => {
      const actor = await createActor(t, 'contracting_authority', 'member');
      const res = await request(t.http).get(ME).set('Authorization', actor.auth).expect(200);
      expect(res.body).toEqual({
        id: actor.user.id,
        email: actor.user.email,
        name: actor.user.name,
        role: 'member',
        organisation: { id: actor.organisation.id, name: actor.organisation.name, kind: 'contracting_authority', preferredLanguage: actor.organisation.preferredLanguage },
      });
      expect(res.text).not.toMatch(/password/i);
      expect(res.text).not.toMatch(/\$argon2/);
    });

    it('answers the same 401 problem for a wrong password and an unknown email', async () => {
      const org = await createOrganisation(t, 'supplier');
      const user = await createUser(t, org, 'member');
      const wrongPassword = await request(t.http).post(LOGIN).send({ email: user.email, password: 'Not-The-Password-99' }).expect(401);
      const unknownEmail = await request(t.http).post(LOGIN).send({ email: `nobody.${Date.now()}@nowhere.test`, password: TEST_PASSWORD }).expect(401);
      for (const res of [wrongPassword, unknownEmail]) {
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(res.body.code).toBe('invalid_credentials');
        expect(res.body).not.toHaveProperty('accessToken');
      }
      expect(stable(unknownEmail.body)).toEqual(stable(wrongPassword.body));
      expect(wrongPassword.body).toMatchObject({ status: 401, title: expect.any(String) });
      // Nothing but the per-request fields may differ.
      const strip = ({ requestId: _r, instance: _i, ...rest }: Record<string, unknown>) => rest;
      expect(strip(unknownEmail.body)).toEqual(strip(wrongPassword.body));
    });

    it('is case-insensitive on the email', async () => {
      const org = await createOrganisation(t, 'supplier');
      const user = await createUser(t, org, 'admin');
      expect(user.email).toBe(user.email.toLowerCase());
      const res = await request(t.http).post(LOGIN).send({ email: user.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
      const me = await request(t.http).get(ME).set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
      expect(me.body.id).toBe(user.id);
      expect(me.body.email).toBe(user.email);
    });

    it.each([
      ['email missing', { password: TEST_PASSWORD }, 'email'],
      ['email not an email', { email: 'not-an-email', password: TEST_PASSWORD }, 'email'],
      ['email not a string', { email: 42, password: TEST_PASSWORD }, 'email'],
      ['password missing', { email: 'someone@example.test' }, 'password'],
      ['password empty', { email: 'someone@example.test', password: '' }, 'password'],
      ['password not a string', { email: 'someone@example.test', password: 12345678 }, 'password'],
    ])('answers 400 validation_failed naming the field (%s)', async (_label, body, field) => {
      const res = await request(t.http).post(LOGIN).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, message: expect.any(String) })]));
    });

    it('names both fields when the body is empty', async () => {
      const res = await request(t.http).post(LOGIN).send({}).expect(400);
      expect(res.body.code).toBe('validation_failed');
      const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
    });

    it('refuses an unknown extra field with 400, even with valid credentials', async () => {
      const org = await createOrganisation(t, 'supplier');
      const user = await createUser(t, org, 'admin');
      const res = await request(t.http).post(LOGIN).send({ email: user.email, password: TEST_PASSWORD, role: 'admin' }).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'role' })]));
      expect(res.body).not.toHaveProperty('accessToken');
    });
  });

  describe('refresh', () => {
    it('rotates: a new refresh token that works, and the old one is used up', async () => {
      const actor = await createActor(t, 'supplier', 'admin');
      const first = await request(t.http).post(REFRESH).send({ refreshToken: actor.refreshToken }).expect(200);
      expect(first.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
      expect(first.body.refreshToken).not.toBe(actor.refreshToken);

      const me = await request(t.http).get(ME).set('Authorization', `Bearer ${first.body.accessToken}`).expect(200);
      expect(me.body.id).toBe(actor.user.id);

      // The new one can itself be rotated...
      const second = await request(t.http).post(REFRESH).send({ refreshToken: first.body.refreshToken }).expect(200);
      expect(second.body.refreshToken).not.toBe(first.body.refreshToken);
      // ...and the original cannot be used again once the grace for a lost answer is over.
      await rotatedAgo(actor.refreshToken, 31);
      const again = await request(t.http).post(REFRESH).send({ refreshToken: actor.refreshToken }).expect(401);
      expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(again.body.code).toBe('invalid_token');
      expect(again.body).not.toHaveProperty('refreshToken');
    });

    it('revokes the whole family when a rotated token is presented again, and only that family', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      const rotated = await request(t.http).post(REFRESH).send({ refreshToken: actor.refreshToken }).expect(200);
      const newest = rotated.body.refreshToken as string;
      // A second, independent session of the same user.
      const other = await request(t.http).post(LOGIN).send({ email: actor.user.email, password: actor.password }).expect(200);

      await rotatedAgo(actor.refreshToken, 31);
      const reuse = await request(t.http).post(REFRESH).send({ refreshToken: actor.refreshToken }).expect(401);
      expect(reuse.body.code).toBe('invalid_token');

      // The newest token of the same family no longer works.
      const newestRes = await request(t.http).post(REFRESH).send({ refreshToken: newest }).expect(401);
      expect(newestRes.body.code).toBe('invalid_token');

      const { rows: [origin] } = await t.sql.query<{ family_id: string }>('SELECT family_id FROM refresh_tokens WHERE token_hash = $1', [sha256(actor.refreshToken)]);
      expect(origin).toBeDefined();
      const rows = await refreshTokenRows(actor.user.id);
      const family = rows.filter((r) => r.family_id === origin.family_id);
      expect(family).toHaveLength(2);
      // Rotated tokens are dead by rotation; the family's live token is revoked: nothing of it is usable.
      for (const row of family) expect(row.revoked_at !== null || row.rotated_at !== null).toBe(true);
      expect(family.filter((r) => r.revoked_at !== null)).toHaveLength(1);

      const { rows: audit } = await t.sql.query('SELECT 1 FROM audit_events WHERE action = $1 AND entity_id = $2', ['refresh_token.reuse_detected', actor.user.id]);
      expect(audit).toHaveLength(1);

      // The other session is untouched.
      const otherFamily = rows.filter((r) => r.family_id !== origin.family_id);
      expect(otherFamily).toHaveLength(1);
      expect(otherFamily[0].revoked_at).toBeNull();
      await request(t.http).post(REFRESH).send({ refreshToken: other.body.refreshToken }).expect(200);
    });

    it('takes a token rotated moments ago again (two tabs, or an answer lost to a navigation) while its session is live', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      // Two refreshes with the same token at once: both succeed, in the same session.
      const [a, b] = await Promise.all([0, 1].map(() => request(t.http).post(REFRESH).send({ refreshToken: actor.refreshToken })));
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body.refreshToken).not.toBe(b.body.refreshToken);
      const rows = await refreshTokenRows(actor.user.id);
      expect(new Set(rows.map((r) => r.family_id)).size).toBe(1);
      expect(rows.filter((r) => r.revoked_at === null && r.rotated_at === null)).toHaveLength(2);
      // Whichever the browser kept works.
      await request(t.http).post(REFRESH).send({ refreshToken: a.body.refreshToken }).expect(200);
      await request(t.http).post(REFRESH).send({ refreshToken: b.body.refreshToken }).expect(200);

      // After logout the grace gives nothing: the session is over.
      const other = await createActor(t, 'supplier', 'member');
      const rotated = await request(t.http).post(REFRESH).send({ refreshToken: other.refreshToken }).expect(200);
      await request(t.http).post(LOGOUT).send({ refreshToken: rotated.body.refreshToken }).expect(204);
      await request(t.http).post(REFRESH).send({ refreshToken: other.refreshToken }).expect(401);
    });

    it('answers 401 for an unknown refresh token and 400 for a malformed body', async () => {
      const unknown = await request(t.http).post(REFRESH).send({ refreshToken: 'x'.repeat(43) }).expect(401);
      expect(unknown.body.code).toBe('invalid_token');
      const missing = await request(t.http).post(REFRESH).send({}).expect(400);
      expect(missing.body.code).toBe('validation_failed');
      expect(missing.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'refreshToken' })]));
    });
  });

  describe('logout', () => {
    it('answers 204, after which the refresh token fails; a second logout is still 204', async () => {
      const actor = await createActor(t, 'supplier', 'admin');
      const first = await request(t.http).post(LOGOUT).send({ refreshToken: actor.refreshToken }).expect(204);
      expect(first.text).toBe('');

      const refresh = await request(t.http).post(REFRESH).send({ refreshToken: actor.refreshToken }).expect(401);
      expect(refresh.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refresh.body.code).toBe('invalid_token');

      await request(t.http).post(LOGOUT).send({ refreshToken: actor.refreshToken }).expect(204);
      for (const row of await refreshTokenRows(actor.user.id)) expect(row.revoked_at).not.toBeNull();
    });

    it('ends the session of a rotated token too (the whole family)', async () => {
      const actor = await createActor(t, 'supplier', 'member');
      const rotated = await request(t.http).post(REFRESH).send({ refreshToken: actor.refreshToken }).expect(200);
      await request(t.http).post(LOGOUT).send({ refreshToken: rotated.body.refreshToken }).expect(204);
      await request(t.http).post(REFRESH).send({ refreshToken: rotated.body.refreshToken }).expect(401);
    });

    it('answers 204 for a token it does not know', async () => {
      await request(t.http).post(LOGOUT).send({ refreshToken: 'y'.repeat(43) }).expect(204);
    });
  });

  describe('a disabled user', () => {
    let actor: TestActor;
    beforeAll(async () => {
      actor = await createActor(t, 'supplier', 'admin');
      await request(t.http).get(ME).set('Authorization', actor.auth).expect(200);
      await t.sql.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [actor.user.id]);
    });

    it('can no longer use an existing access token', async () => {
      const res = await request(t.http).get(ME).set('Authorization', actor.auth).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('unauthorized');
    });

    it('cannot log in, and gets the same answer as for a wrong password', async () => {
      const res = await request(t.http).post(LOGIN).send({ email: actor.user.email, password: actor.password }).expect(401);
      expect(res.body.code).toBe('invalid_credentials');
      expect(res.body).not.toHaveProperty('accessToken');
      const wrong = await request(t.http).post(LOGIN).send({ email: actor.user.email, password: 'Not-The-Password-99' }).expect(401);
      expect(stable(res.body)).toEqual(stable(wrong.body));
    });

    it('cannot refresh an existing session', async () => {
      const res = await request(t.http).post(REFRESH).send({ refreshToken: actor.refreshToken }).expect(401);
      expect(res.body.code).toBe('invalid_token');
    });
  });

  it('records user.logged_in audit events', async () => {
    const actor = await createActor(t, 'contracting_authority', 'admin');
    await request(t.http).post(LOGIN).send({ email: actor.user.email, password: actor.password }).expect(200);
    const { rows } = await t.sql.query<{ actor_user_id: string; organisation_id: string; entity_type: string }>(
      'SELECT actor_user_id, organisation_id, entity_type FROM audit_events WHERE action = $1 AND entity_id = $2',
      ['user.logged_in', actor.user.id],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toEqual({ actor_user_id: actor.user.id, organisation_id: actor.organisation.id, entity_type: 'user' });

    // A failed login is not a login.
    await request(t.http).post(LOGIN).send({ email: actor.user.email, password: 'Not-The-Password-99' }).expect(401);
    const { rows: after } = await t.sql.query('SELECT 1 FROM audit_events WHERE action = $1 AND entity_id = $2', ['user.logged_in', actor.user.id]);
    expect(after).toHaveLength(2);
  });
});

describe('login timing', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const timeLogin = async (email: string): Promise<number> => {
    const started = process.hrtime.bigint();
    const res = await request(t.http).post('/api/v1/auth/login').send({ email, password: 'Not-The-Password-42' });
    expect(res.status).toBe(401);
    return Number(process.hrtime.bigint() - started) / 1e6;
  };

  it('spends the same argon2 work on an unknown email as on a wrong password', async () => {
    const user = await createUser(t, await createOrganisation(t, 'supplier'), 'member');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await timeLogin(user.email));
      unknown.push(await timeLogin(`nobody${i}@nowhere.test`));
    }
    // Without the dummy verification an unknown email answers ~20x faster than a wrong password.
    const ratio = median(unknown) / median(known);
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });
});
