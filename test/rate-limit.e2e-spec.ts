import request from 'supertest';
import { createOrganisation, createTestApp, createUser, TEST_PASSWORD, TestApp } from '@ddp/testing';
import { User } from '@ddp/identity';

const LOGIN = '/api/v1/auth/login';
const ACCEPT = '/api/v1/invitations/accept';
const LIMIT = 3;

describe('rate limiting of the auth endpoints (3 per minute)', () => {
  let t: TestApp;
  let first: User;
  let second: User;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: String(LIMIT) });
    const org = await createOrganisation(t, 'supplier');
    // Created directly, not through createActor: its login would count against the limit.
    first = await createUser(t, org, 'admin');
    second = await createUser(t, org, 'member');
  });
  afterAll(() => t.close());

  const expectRateLimited = (res: request.Response): void => {
    expect(res.status).toBe(429);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 429, code: 'rate_limited' });
    const retryAfter = res.headers['retry-after'];
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    expect(res.body).not.toHaveProperty('accessToken');
  };

  it('answers 429 with Retry-After to the 4th login attempt for one email within the minute', async () => {
    for (let attempt = 1; attempt <= LIMIT; attempt++) {
      const res = await request(t.http).post(LOGIN).send({ email: first.email, password: `Wrong-Password-${attempt}` });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_credentials');
    }
    // Even the right password is refused now: the limit is checked before the credentials.
    expectRateLimited(await request(t.http).post(LOGIN).send({ email: first.email, password: TEST_PASSWORD }));
    // The counter is per address, not per spelling of it.
    expectRateLimited(await request(t.http).post(LOGIN).send({ email: first.email.toUpperCase(), password: TEST_PASSWORD }));
  });

  it('does not block another email from the same client', async () => {
    const res = await request(t.http).post(LOGIN).send({ email: second.email, password: TEST_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ accessToken: expect.any(String), tokenType: 'Bearer' });
  });

  it('limits invitation acceptance too', async () => {
    const attempt = (n: number) => request(t.http).post(ACCEPT).send({ token: `garbage-token-${n}-${'z'.repeat(30)}`, name: 'Mallory', password: 'Guessing-Tokens-2026' });
    for (let n = 1; n <= LIMIT; n++) {
      const res = await attempt(n);
      expect(res.status).toBe(410);
      expect(res.body.code).toBe('invitation_invalid');
    }
    expectRateLimited(await attempt(LIMIT + 1));
  });

  it('shares one budget between api processes on the same database', async () => {
    const third = await createUser(t, await createOrganisation(t, 'supplier'), 'admin');
    const other = await t.startApi();
    for (let attempt = 1; attempt <= LIMIT; attempt++) {
      const server = attempt % 2 === 0 ? other.getHttpServer() : t.http;
      expect((await request(server).post(LOGIN).send({ email: third.email, password: 'Wrong-Password-0000' })).status).toBe(401);
    }
    expectRateLimited(await request(other.getHttpServer()).post(LOGIN).send({ email: third.email, password: TEST_PASSWORD }));
    expectRateLimited(await request(t.http).post(LOGIN).send({ email: third.email, password: TEST_PASSWORD }));
    const { rows } = await t.sql.query(`SELECT hits FROM rate_limits WHERE key LIKE 'default:%' AND blocked_until > now()`);
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });
});

describe('rate limiting across emails and addresses (limit 2: 10 per address, 10 per account)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '2' })));
  afterAll(() => t.close());

  it('stops one address spraying many emails after 5 × the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push((await request(t.http).post(LOGIN).send({ email: `spray${i}@victims.test`, password: 'Spraying-Passwords-1' })).status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });

  it('stops many addresses trying one account after 5 × the limit', async () => {
    const other = await t.startApi({ TRUST_PROXY: '1', RATE_LIMIT_AUTH_PER_MINUTE: '2' });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await request(other.getHttpServer())
        .post(LOGIN)
        .set('x-forwarded-for', `203.0.113.${i + 1}`)
        .send({ email: 'target@victims.test', password: 'Distributed-Guess-1' });
      statuses.push(res.status);
      if (res.status === 429) expect(res.headers['retry-after']).toMatch(/^\d+$/);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});

describe('client addresses behind a proxy', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '2', TRUST_PROXY: '1' })));
  afterAll(() => t.close());

  it('believes only the hop the proxy appended: a client-forged X-Forwarded-For does not buy a new budget', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      // The proxy appends the real client (203.0.113.9); the client forged the part before it.
      const res = await request(t.http).post(LOGIN).set('x-forwarded-for', `10.9.${i}.1, 203.0.113.9`).send({ email: `spray${i}@victims.test`, password: 'Spraying-Passwords-1' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses[10]).toBe(429);
  });
});
