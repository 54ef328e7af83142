import request from 'supertest';
import { createActor, createTestApp, TestActor, TestApp } from '@ddp/testing';

const PROBLEM = /^application\/problem\+json/;

/** Rows in every table: bad input must change none of them. */
async function snapshot(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.sql.query<{ t: string; n: string }>(
    `SELECT 'organisations' AS t, count(*) AS n FROM organisations UNION ALL SELECT 'users', count(*) FROM users
     UNION ALL SELECT 'invitations', count(*) FROM invitations UNION ALL SELECT 'audit_events', count(*) FROM audit_events
     UNION ALL SELECT 'mail_outbox', count(*) FROM mail_outbox UNION ALL SELECT 'refresh_tokens', count(*) FROM refresh_tokens`,
  );
  return Object.fromEntries(rows.map((r) => [r.t, Number(r.n)]));
}

function expectProblem(res: request.Response, status: number, code: string): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status, code, type: `urn:ddp:problem:${code}` });
  expect(typeof res.body.title).toBe('string');
  expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |stack|node_modules|QueryFailedError/);
}

describe('errors and input', () => {
  let t: TestApp;
  let admin: TestActor;
  let platform: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, 'contracting_authority', 'admin');
    platform = await createActor(t, 'platform', 'admin');
  });
  afterAll(() => t.close());

  it('names every invalid field and changes nothing', async () => {
    const before = await snapshot(t);
    const res = await request(t.http)
      .post('/api/v1/organisations')
      .set('authorization', platform.auth)
      .send({ name: '', kind: 'bank', country: 'Belgium', preferredLanguage: 'es' });
    expectProblem(res, 400, 'validation_failed');
    const fields = (res.body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['country', 'kind', 'name', 'preferredLanguage']));
    expect(await snapshot(t)).toEqual(before);
  });

  it('refuses unknown fields (mass assignment) with 400 naming them', async () => {
    const before = await snapshot(t);
    const res = await request(t.http)
      .post(`/api/v1/organisations/${admin.organisation.id}/invitations`)
      .set('authorization', admin.auth)
      .send({ email: 'new.person@example.test', role: 'member', organisationId: platform.organisation.id, status: 'accepted' });
    expectProblem(res, 400, 'validation_failed');
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['organisationId', 'status']);
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await request(t.http).post('/api/v1/auth/login').set('content-type', 'application/json').send('{"email": "x');
    expectProblem(res, 400, 'invalid_json');
  });

  it('answers a body over 1 MB with 413', async () => {
    const before = await snapshot(t);
    const res = await request(t.http)
      .post(`/api/v1/organisations/${admin.organisation.id}/invitations`)
      .set('authorization', admin.auth)
      .set('content-type', 'application/json')
      .send(JSON.stringify({ email: 'big@example.test', role: 'member', padding: 'x'.repeat(1024 * 1024) }));
    expectProblem(res, 413, 'payload_too_large');
    expect(await snapshot(t)).toEqual(before);
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await request(t.http).post('/api/v1/auth/login').set('content-type', 'text/plain').send('email=x');
    expectProblem(res, 415, 'unsupported_media_type');
  });

  it.each(['abc', '1', "1' OR '1'='1", '00000000-0000-0000-0000-00000000000g'])('answers the path id %p with 400 invalid_id, never 500', async (id) => {
    const res = await request(t.http).get(`/api/v1/organisations/${encodeURIComponent(id)}`).set('authorization', admin.auth);
    expectProblem(res, 400, 'invalid_id');
    expect(res.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
  });

  it('answers an unknown route with 404 problem+json', async () => {
    expectProblem(await request(t.http).get('/api/v1/nothing-here').set('authorization', admin.auth), 404, 'not_found');
    // Other paths belong to the web portal's router (test/web-portal.e2e-spec.ts); the API's and the probes' do not.
    expectProblem(await request(t.http).get('/api/nothing-here'), 404, 'not_found');
    expectProblem(await request(t.http).get('/health/nothing-here'), 404, 'not_found');
  });

  it('answers a bad query parameter with 400', async () => {
    const res = await request(t.http).get('/api/v1/audit-events?limit=100000&before=abc').set('authorization', admin.auth);
    expectProblem(res, 400, 'validation_failed');
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['before', 'limit']);
  });

  it('answers a missing permission with 403 and no token with 401', async () => {
    expectProblem(await request(t.http).post('/api/v1/organisations').set('authorization', admin.auth).send({ name: 'X', kind: 'supplier', country: 'BE' }), 403, 'forbidden');
    expectProblem(await request(t.http).get('/api/v1/organisations'), 401, 'unauthorized');
  });

  it('carries the request id in the problem and the response header', async () => {
    const res = await request(t.http).get('/api/v1/organisations/abc').set('authorization', admin.auth).set('x-request-id', 'req-errors-0001');
    expect(res.headers['x-request-id']).toBe('req-errors-0001');
    expect(res.body.requestId).toBe('req-errors-0001');
    expect(res.body.instance).toBe('/api/v1/organisations/abc');
  });

  it('sets security headers (helmet) and no CORS unless configured', async () => {
    const res = await request(t.http).get('/health/live').set('origin', 'https://evil.example');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
    const docs = await request(t.http).get('/api/docs/').redirects(1);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const api = await request(t.http).get('/api/v1/me').set('authorization', admin.auth).expect(200);
    expect(api.headers['cache-control']).toBe('no-store');
  });
});

describe('CORS when configured', () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp({ CORS_ORIGINS: 'https://portal.example, https://admin.portal.example' })));
  afterAll(() => t.close());

  it('allows exactly the configured origins', async () => {
    const allowed = await request(t.http).options('/api/v1/me').set('origin', 'https://portal.example').set('access-control-request-method', 'GET');
    expect(allowed.status).toBeLessThan(300);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.example');
    const other = await request(t.http).options('/api/v1/me').set('origin', 'https://evil.example').set('access-control-request-method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('values that only the database would have refused', () => {
  let t: TestApp;
  let platform: TestActor;
  beforeAll(async () => {
    t = await createTestApp();
    platform = await createActor(t, 'platform', 'admin');
  });
  afterAll(() => t.close());

  it.each([
    ['a name of spaces', { name: '   ', kind: 'supplier', country: 'BE' }, 'name'],
    ['a NUL byte in a name', { name: 'Jan\u0000', kind: 'supplier', country: 'BE' }, 'name'],
    ['a lone surrogate in a name', { name: 'Jan \uD800', kind: 'supplier', country: 'BE' }, 'name'],
    ['a control character in a registration number', { name: 'X', kind: 'supplier', country: 'NL', registrationNumber: 'AB\u0007' }, 'registrationNumber'],
  ])('answers %s with 400 naming the field', async (_what, body, field) => {
    const before = await snapshot(t);
    const res = await request(t.http).post('/api/v1/organisations').set('authorization', platform.auth).send(body);
    expectProblem(res, 400, 'validation_failed');
    expect((res.body.errors as Array<{ field: string }>).map((e) => e.field)).toContain(field);
    expect(await snapshot(t)).toEqual(before);
  });

  it('trims names before storing them', async () => {
    const res = await request(t.http).post('/api/v1/organisations').set('authorization', platform.auth).send({ name: '  Stad Brugge  ', kind: 'contracting_authority', country: 'BE' }).expect(201);
    expect(res.body.name).toBe('Stad Brugge');
  });

  it('answers a forged list cursor or an out-of-range audit cursor with 400', async () => {
    const forged = Buffer.from(JSON.stringify(['a', 'not-a-uuid'])).toString('base64url');
    expectProblem(await request(t.http).get(`/api/v1/organisations?after=${forged}`).set('authorization', platform.auth), 400, 'validation_failed');
    expectProblem(await request(t.http).get('/api/v1/audit-events?before=9999999999999999999').set('authorization', platform.auth), 400, 'validation_failed');
    expectProblem(await request(t.http).get('/api/v1/organisations?q=a%00b').set('authorization', platform.auth), 400, 'validation_failed');
  });
});
