import fc from 'fast-check';
import request from 'supertest';
import { createActor, createTestApp, TestActor, TestApp } from '@ddp/testing';

/**
 * Property: whatever JSON a client sends to any endpoint, the answer is never a 5xx, and every
 * error is problem+json without a stack trace.
 */
describe('fuzzing every request body and query', () => {
  let t: TestApp;
  let platform: TestActor;
  let member: TestActor;

  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '10000' });
    platform = await createActor(t, 'platform', 'admin');
    member = await createActor(t, 'supplier', 'member');
  });
  afterAll(() => t.close());

  // Bodies close to valid ones (right keys, wrong values) find more than random noise.
  const keys = ['email', 'password', 'name', 'kind', 'country', 'registrationNumber', 'preferredLanguage', 'role', 'status', 'token', 'refreshToken', 'currentPassword', 'newPassword', 'organisationId', '__proto__', 'constructor'];
  const value = fc.oneof(
    fc.string({ maxLength: 50 }),
    fc.string({ unit: 'binary', maxLength: 30 }),
    fc.constantFrom('', ' ', 'admin', 'member', 'supplier', 'BE', 'fr', 'disabled', 'a@b.test', '0207.045.510', "'; DROP TABLE users; --", '\u0000', '%', 'x'.repeat(5000)),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  );
  const body = fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 6 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );

  const expectSane = (res: request.Response, route: string): void => {
    if (res.status >= 500) throw new Error(`${route} answered ${res.status}: ${JSON.stringify(res.body)}`);
    if (res.status >= 400) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toMatch(/\n\s+at |node_modules|QueryFailedError/);
    }
  };

  const routes: Array<{ name: string; method: 'post' | 'patch'; path: () => string; auth?: () => TestActor }> = [
    { name: 'POST /api/v1/auth/login', method: 'post', path: () => '/api/v1/auth/login' },
    { name: 'POST /api/v1/auth/refresh', method: 'post', path: () => '/api/v1/auth/refresh' },
    { name: 'POST /api/v1/auth/logout', method: 'post', path: () => '/api/v1/auth/logout' },
    { name: 'POST /api/v1/auth/password-reset', method: 'post', path: () => '/api/v1/auth/password-reset' },
    { name: 'POST /api/v1/auth/password-reset/confirm', method: 'post', path: () => '/api/v1/auth/password-reset/confirm' },
    { name: 'POST /api/v1/invitations/accept', method: 'post', path: () => '/api/v1/invitations/accept' },
    { name: 'POST /api/v1/me/password', method: 'post', path: () => '/api/v1/me/password', auth: () => member },
    { name: 'POST /api/v1/organisations', method: 'post', path: () => '/api/v1/organisations', auth: () => platform },
    { name: 'POST /api/v1/organisations/:id/invitations', method: 'post', path: () => `/api/v1/organisations/${platform.organisation.id}/invitations`, auth: () => platform },
    { name: 'PATCH /api/v1/organisations/:id/users/:id', method: 'patch', path: () => `/api/v1/organisations/${platform.organisation.id}/users/${member.user.id}`, auth: () => platform },
  ];

  it.each(routes.map((r) => [r.name, r] as const))('%s never answers 5xx', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(body, async (payload) => {
        const call = request(t.http)[route.method](route.path()).set('content-type', 'application/json');
        if (route.auth) call.set('authorization', route.auth().auth);
        expectSane(await call.send(JSON.stringify(payload)), route.path());
      }),
      { numRuns: 60 },
    );
  });

  it('never answers 5xx to any query string on the lists', async () => {
    const query = fc.dictionary(fc.constantFrom('kind', 'q', 'after', 'before', 'limit', 'x'), fc.oneof(fc.string({ maxLength: 30 }), fc.integer().map(String)), { maxKeys: 4 });
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom('/api/v1/organisations', '/api/v1/audit-events'), async (params, path) => {
        const res = await request(t.http).get(path).query(params).set('authorization', platform.auth);
        expectSane(res, path);
      }),
      { numRuns: 100 },
    );
  });

  it('never answers 5xx to any path segment', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), async (segment) => {
        const id = encodeURIComponent(segment);
        for (const path of [`/api/v1/organisations/${id}`, `/api/v1/organisations/${id}/users`, `/api/v1/organisations/${platform.organisation.id}/invitations/${id}`]) {
          const res = await request(t.http).get(path).set('authorization', platform.auth);
          expectSane(res, path);
        }
      }),
      { numRuns: 60 },
    );
  });
});
