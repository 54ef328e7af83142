import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { createOrganisation, createTestApp, createUser, TEST_PASSWORD, TestApp } from '@ddp/testing';

const BROWSER = '/api/v1/auth/browser';

/** `ddp_refresh=…` of a Set-Cookie header, with its attributes. */
function refreshCookie(res: request.Response): { value: string; attributes: string[] } | undefined {
  const header = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('ddp_refresh='));
  if (!header) return undefined;
  const [pair, ...attributes] = header.split(';').map((p) => p.trim());
  return { value: pair.slice('ddp_refresh='.length), attributes };
}

describe('the web portal served by the api', () => {
  let t: TestApp;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ddp-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>portal</title><script type="module" src="/assets/app-1a2b3c.js"></script>');
    writeFileSync(join(dir, 'assets', 'app-1a2b3c.js'), 'console.log(1)');
    writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await createTestApp({ WEB_DIR: dir });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers index.html at / and at any deep link, never cached, under a CSP without inline scripts', async () => {
    for (const path of ['/', '/assessments/0f7b7b1e-55a8-4a4e-8c5e-3f1c2d9e8a77', '/invitations/accept?token=abc']) {
      const res = await request(t.http).get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<title>portal</title>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'] as string;
      const scriptSrc = csp.split(';').find((d) => d.trim().startsWith('script-src'));
      expect(scriptSrc?.trim()).toBe("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("connect-src 'self'");
    }
  });

  it('serves hashed assets for a year and other files revalidated', async () => {
    const asset = await request(t.http).get('/assets/app-1a2b3c.js').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.text).toBe('console.log(1)');
    const icon = await request(t.http).get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves the API its own answers: unknown API paths are problem+json 404s, the docs and probes work', async () => {
    const res = await request(t.http).get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    await request(t.http).get('/health/live').expect(200);
    await request(t.http).get('/api/docs').expect(200).expect('content-type', /html/);
  });
});

describe('without a built portal', () => {
  it('sends a browser opening the root to the API documentation', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ddp-web-'));
    const t = await createTestApp({ WEB_DIR: empty });
    try {
      const res = await request(t.http).get('/').expect(302);
      expect(res.headers.location).toBe('/api/docs');
    } finally {
      await t.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('browser sessions (refresh token in an httpOnly cookie)', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  const login = async () => {
    const org = await createOrganisation(t, 'supplier');
    const user = await createUser(t, org, 'member');
    const res = await request(t.http).post(`${BROWSER}/login`).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
    return { user, res, cookie: refreshCookie(res)! };
  };

  it('logs in with an httpOnly, SameSite=Strict cookie scoped to the session routes; the page gets the access token only', async () => {
    const { res, cookie } = await login();
    expect(res.body).toEqual({ accessToken: expect.any(String), expiresIn: 900, tokenType: 'Bearer' });
    expect(res.text).not.toContain(cookie.value);
    expect(cookie.value.length).toBeGreaterThanOrEqual(20);
    expect(cookie.attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Strict', 'Path=/api/v1/auth/browser', 'Max-Age=2592000']));
    expect(cookie.attributes).not.toContain('Secure'); // PUBLIC_URL is http here
    await request(t.http).get('/api/v1/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
  });

  it('refreshes with the cookie and rotates it; replaying the old one ends the session and clears the cookie', async () => {
    const { cookie } = await login();
    const first = await request(t.http).post(`${BROWSER}/refresh`).set('Cookie', `ddp_refresh=${cookie.value}`).send({}).expect(200);
    const rotated = refreshCookie(first)!;
    expect(rotated.value).not.toBe(cookie.value);
    expect(first.body.accessToken).toEqual(expect.any(String));

    // Within REFRESH_REUSE_GRACE_SECONDS the old cookie still works (another tab, a lost answer); after it, it ends the session.
    await request(t.http).post(`${BROWSER}/refresh`).set('Cookie', `ddp_refresh=${cookie.value}`).send({}).expect(200);
    await t.sql.query(`UPDATE refresh_tokens SET rotated_at = rotated_at - interval '31 seconds' WHERE token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')`, [cookie.value]);
    const replay = await request(t.http).post(`${BROWSER}/refresh`).set('Cookie', `ddp_refresh=${cookie.value}`).send({}).expect(401);
    expect(replay.body.code).toBe('invalid_token');
    expect(refreshCookie(replay)?.attributes).toEqual(expect.arrayContaining(['Path=/api/v1/auth/browser']));
    expect(refreshCookie(replay)?.value).toBe('');
    // The whole family is revoked: the rotated cookie no longer works either.
    await request(t.http).post(`${BROWSER}/refresh`).set('Cookie', `ddp_refresh=${rotated.value}`).send({}).expect(401);
  });

  it('answers 401 without a cookie, and logout revokes the session and clears the cookie', async () => {
    const none = await request(t.http).post(`${BROWSER}/refresh`).send({}).expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);

    const { cookie, user } = await login();
    const out = await request(t.http).post(`${BROWSER}/logout`).set('Cookie', `ddp_refresh=${cookie.value}`).send({}).expect(204);
    expect(refreshCookie(out)?.value).toBe('');
    await request(t.http).post(`${BROWSER}/refresh`).set('Cookie', `ddp_refresh=${cookie.value}`).send({}).expect(401);
    const rows = await t.sql.query('SELECT count(*)::int AS live FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL AND rotated_at IS NULL', [user.id]);
    expect(rows.rows[0].live).toBe(0);
    await request(t.http).post(`${BROWSER}/logout`).send({}).expect(204); // idempotent
  });

  it('refuses a cross-site form post (not JSON) before touching the session', async () => {
    const { cookie } = await login();
    const res = await request(t.http).post(`${BROWSER}/refresh`).set('Cookie', `ddp_refresh=${cookie.value}`).type('form').send('a=1').expect(415);
    expect(res.headers['set-cookie']).toBeUndefined();
    await request(t.http).post(`${BROWSER}/refresh`).set('Cookie', `ddp_refresh=${cookie.value}`).send({}).expect(200);
  });

  it('refreshes at every page load without running into the login rate limit (one office, one address)', async () => {
    const strict = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '10' });
    try {
      const org = await createOrganisation(strict, 'supplier');
      const user = await createUser(strict, org, 'member');
      const res = await request(strict.http).post(`${BROWSER}/login`).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      let cookie = refreshCookie(res)!.value;
      for (let i = 0; i < 30; i++) {
        const next = await request(strict.http).post(`${BROWSER}/refresh`).set('Cookie', `ddp_refresh=${cookie}`).send({}).expect(200);
        cookie = refreshCookie(next)!.value;
      }
      // The login keeps its budget (10 a minute, the successful login above included).
      for (let i = 0; i < 9; i++) await request(strict.http).post(`${BROWSER}/login`).send({ email: user.email, password: 'Wrong-password-42' }).expect(401);
      await request(strict.http).post(`${BROWSER}/login`).send({ email: user.email, password: 'Wrong-password-42' }).expect(429);
    } finally {
      await strict.close();
    }
  });

  it('marks the cookie Secure when the portal is served over https', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://portal.example' });
    try {
      const org = await createOrganisation(secure, 'supplier');
      const user = await createUser(secure, org, 'member');
      const res = await request(secure.http).post(`${BROWSER}/login`).send({ email: user.email, password: TEST_PASSWORD }).expect(200);
      expect(refreshCookie(res)?.attributes).toContain('Secure');
    } finally {
      await secure.close();
    }
  });
});
