import { randomUUID } from 'node:crypto';
import * as jwt from 'jsonwebtoken';
import request from 'supertest';
import { createActor, createTestApp, TEST_JWT_SECRET, TestActor, TestApp } from '@ddp/testing';

const ME = '/api/v1/me';
const ISSUER = 'due-diligence-portal';
const AUDIENCE = 'due-diligence-portal-api';

const b64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('access token verification (GET /me)', () => {
  let t: TestApp;
  let actor: TestActor;
  /** The session of the actor's login, which tokens carry as `sid`. */
  let sid: string;

  beforeAll(async () => {
    t = await createTestApp();
    actor = await createActor(t, 'supplier', 'admin');
    const { rows } = await t.sql.query<{ family_id: string }>('SELECT family_id FROM refresh_tokens WHERE user_id = $1 AND rotated_at IS NULL AND revoked_at IS NULL', [actor.user.id]);
    sid = rows[0].family_id;
  });
  afterAll(() => t.close());

  const claims = (overrides: Record<string, unknown> = {}) => ({
    sub: actor.user.id,
    sid,
    org: actor.organisation.id,
    kind: actor.organisation.kind,
    role: actor.user.role,
    ...overrides,
  });

  /** A token as the api itself would issue it, unless options say otherwise. */
  const sign = (payload: object = claims(), options: jwt.SignOptions = {}, secret: string = TEST_JWT_SECRET): string =>
    jwt.sign(payload, secret, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE, expiresIn: 300, ...options });

  const me = (authorization?: string) => {
    const req = request(t.http).get(ME);
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };

  /** A 401 problem with the code `unauthorized`, no token data, no stack trace. */
  const expectUnauthorized = (res: request.Response): void => {
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'unauthorized', title: expect.any(String) });
    expect(res.body).not.toHaveProperty('id');
    expect(res.body).not.toHaveProperty('email');
    expectNoStack(res);
  };

  const expectNoStack = (res: request.Response): void => {
    expect(res.body).not.toHaveProperty('stack');
    expect(res.text).not.toMatch(/"stack"/);
    expect(res.text).not.toMatch(/\bat .+\(.+:\d+:\d+\)/);
    expect(res.text).not.toMatch(/(\\n|\n)\s*at /);
    expect(res.text).not.toMatch(/node_modules|\.ts:\d+/);
  };

  it('refuses a token without a session, or whose session ended (logout)', async () => {
    expectUnauthorized(await me(`Bearer ${sign(claims({ sid: undefined }))}`));
    expectUnauthorized(await me(`Bearer ${sign(claims({ sid: '7b0c9a53-5d0e-4a52-9a52-2f3c2a1e9f00' }))}`));
    const second = await createActor(t, 'supplier', 'member', actor.organisation);
    await me(second.auth).expect(200);
    await request(t.http).post('/api/v1/auth/logout').send({ refreshToken: second.refreshToken }).expect(204);
    expectUnauthorized(await me(second.auth));
  });

  it('accepts a correctly crafted HS256 token (the control for every case below)', async () => {
    const res = await me(`Bearer ${sign()}`).expect(200);
    expect(res.body).toMatchObject({ id: actor.user.id, email: actor.user.email, organisation: { id: actor.organisation.id } });
    expectNoStack(res);
  });

  it('accepts the token issued by login', async () => {
    const res = await me(actor.auth).expect(200);
    expect(res.body.id).toBe(actor.user.id);
  });

  it('refuses a request without an Authorization header', async () => {
    expectUnauthorized(await me());
  });

  it('refuses a token whose header says alg "none" (no signature)', async () => {
    const now = Math.floor(Date.now() / 1000);
    const payload = { ...claims(), iss: ISSUER, aud: AUDIENCE, iat: now, exp: now + 300 };
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(payload)}.`;
    expectUnauthorized(await me(`Bearer ${unsigned}`));
    // The same claims with a valid signature pass: only the algorithm made the difference.
    await me(`Bearer ${jwt.sign(payload, TEST_JWT_SECRET, { algorithm: 'HS256' })}`).expect(200);
  });

  it('refuses an alg "none" token that carries a copied HS256 signature', async () => {
    const [, payload, signature] = sign().split('.');
    expectUnauthorized(await me(`Bearer ${b64url({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`));
  });

  it('refuses a token signed with another key', async () => {
    expectUnauthorized(await me(`Bearer ${sign(claims(), {}, 'another-secret-another-secret-0123456789abcd')}`));
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = sign().split('.');
    const forged = b64url({ ...claims({ role: 'admin' }), iss: ISSUER, aud: AUDIENCE, exp: Math.floor(Date.now() / 1000) + 3600 });
    expectUnauthorized(await me(`Bearer ${header}.${forged}.${signature}`));
  });

  it('refuses a token for another audience', async () => {
    expectUnauthorized(await me(`Bearer ${sign(claims(), { audience: 'some-other-api' })}`));
  });

  it('refuses a token without an audience', async () => {
    expectUnauthorized(await me(`Bearer ${jwt.sign(claims(), TEST_JWT_SECRET, { algorithm: 'HS256', issuer: ISSUER, expiresIn: 300 })}`));
  });

  it('refuses a token from another issuer', async () => {
    expectUnauthorized(await me(`Bearer ${sign(claims(), { issuer: 'someone-else' })}`));
  });

  it('refuses an expired token', async () => {
    const past = Math.floor(Date.now() / 1000) - 120;
    const expired = jwt.sign({ ...claims(), iat: past - 900, exp: past }, TEST_JWT_SECRET, { algorithm: 'HS256', issuer: ISSUER, audience: AUDIENCE });
    expectUnauthorized(await me(`Bearer ${expired}`));
  });

  it('refuses a token signed with HS512 even with the right secret (the algorithm is pinned)', async () => {
    expectUnauthorized(await me(`Bearer ${sign(claims(), { algorithm: 'HS512' })}`));
  });

  it('refuses a valid token for a user that does not exist', async () => {
    expectUnauthorized(await me(`Bearer ${sign(claims({ sub: randomUUID() }))}`));
  });

  it('refuses a valid token whose subject is not a user id', async () => {
    expectUnauthorized(await me(`Bearer ${sign(claims({ sub: "' OR 1=1 --" }))}`));
    expectUnauthorized(await me(`Bearer ${sign(claims({ sub: undefined }))}`));
  });

  it('refuses malformed Authorization headers', async () => {
    expectUnauthorized(await me('Bearer '));
    expectUnauthorized(await me('Bearer not-a-jwt'));
    expectUnauthorized(await me(`Basic ${Buffer.from(`${actor.user.email}:${actor.password}`).toString('base64')}`));
    expectUnauthorized(await me(sign())); // no scheme
  });
});
