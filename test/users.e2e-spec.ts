import request from 'supertest';
import { createActor, createTestApp, createUser, TEST_PASSWORD, TestActor, TestApp } from '@ddp/testing';

describe('managing the users of an organisation', () => {
  let t: TestApp;
  let admin: TestActor;
  let other: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, 'supplier', 'admin');
    other = await createActor(t, 'supplier', 'admin');
  });
  afterAll(() => t.close());

  const patch = (actor: TestActor, organisationId: string, userId: string, body: object) =>
    request(t.http).patch(`/api/v1/organisations/${organisationId}/users/${userId}`).set('authorization', actor.auth).send(body);

  it('lists colleagues without secrets', async () => {
    const colleague = await createUser(t, admin.organisation, 'member');
    const res = await request(t.http).get(`/api/v1/organisations/${admin.organisation.id}/users`).set('authorization', admin.auth).expect(200);
    expect(res.body.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining([admin.user.email, colleague.email]));
    expect(JSON.stringify(res.body)).not.toMatch(/argon2|password/i);
  });

  it('promotes a member to admin, audited with before and after', async () => {
    const member = await createUser(t, admin.organisation, 'member');
    const res = await patch(admin, admin.organisation.id, member.id, { role: 'admin' }).expect(200);
    expect(res.body).toMatchObject({ id: member.id, role: 'admin', status: 'active' });
    const { rows } = await t.sql.query(`SELECT before, after, actor_user_id FROM audit_events WHERE action = 'user.updated' AND entity_id = $1`, [member.id]);
    expect(rows).toEqual([{ before: { role: 'member', status: 'active' }, after: { role: 'admin', status: 'active' }, actor_user_id: admin.user.id }]);
  });

  it('disabling ends the user’s sessions at once', async () => {
    const victim = await createActor(t, 'supplier', 'member', admin.organisation);
    await request(t.http).get('/api/v1/me').set('authorization', victim.auth).expect(200);
    await patch(admin, admin.organisation.id, victim.user.id, { status: 'disabled' }).expect(200);
    await request(t.http).get('/api/v1/me').set('authorization', victim.auth).expect(401);
    await request(t.http).post('/api/v1/auth/refresh').send({ refreshToken: victim.refreshToken }).expect(401);
    await request(t.http).post('/api/v1/auth/login').send({ email: victim.user.email, password: TEST_PASSWORD }).expect(401);
    await patch(admin, admin.organisation.id, victim.user.id, { status: 'active' }).expect(200);
    await request(t.http).post('/api/v1/auth/login').send({ email: victim.user.email, password: TEST_PASSWORD }).expect(200);
  });

  it('keeps one active admin', async () => {
    const alone = await createActor(t, 'audit_body', 'admin');
    const res = await patch(alone, alone.organisation.id, alone.user.id, { role: 'member' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('last_admin');
    expect((await patch(alone, alone.organisation.id, alone.user.id, { status: 'disabled' })).body.code).toBe('last_admin');
    const { rows } = await t.sql.query(`SELECT role, status FROM users WHERE id = $1`, [alone.user.id]);
    expect(rows[0]).toEqual({ role: 'admin', status: 'active' });
  });

  it('lets two admins not demote each other at the same time', async () => {
    const a = await createActor(t, 'contracting_authority', 'admin');
    const b = await createActor(t, 'contracting_authority', 'admin', a.organisation);
    const results = await Promise.all([
      patch(a, a.organisation.id, b.user.id, { role: 'member' }),
      patch(b, a.organisation.id, a.user.id, { role: 'member' }),
    ]);
    const statuses = results.map((r) => r.status).sort();
    // One demotion wins; the other is refused (last admin) or, if it ran second, by a member (403).
    expect(statuses[0]).toBe(200);
    expect([403, 409]).toContain(statuses[1]);
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM users WHERE organisation_id = $1 AND role = 'admin' AND status = 'active'`, [a.organisation.id]);
    expect(rows[0].n).toBe(1);
  });

  it('is for admins of that organisation only: members 403, others 404 like a missing user', async () => {
    const member = await createActor(t, 'supplier', 'member', admin.organisation);
    const res = await patch(member, admin.organisation.id, admin.user.id, { role: 'member' });
    expect(res.status).toBe(403);
    const foreign = await patch(other, admin.organisation.id, admin.user.id, { status: 'disabled' });
    const missing = await patch(other, admin.organisation.id, '7b0c9a53-5d0e-4a52-9a52-2f3c2a1e9f00', { status: 'disabled' });
    expect(foreign.status).toBe(404);
    const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined, instance: undefined });
    expect(strip(foreign.body)).toEqual(strip(missing.body));
    const wrongOrg = await patch(other, other.organisation.id, admin.user.id, { status: 'disabled' });
    expect(wrongOrg.status).toBe(404);
    const { rows } = await t.sql.query(`SELECT status FROM users WHERE id = $1`, [admin.user.id]);
    expect(rows[0].status).toBe('active');
  });

  it('refuses unknown roles and fields', async () => {
    const res = await patch(admin, admin.organisation.id, admin.user.id, { role: 'owner', email: 'x@y.test' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'role']);
  });

  it('lets the platform admin manage users of any organisation', async () => {
    const platform = await createActor(t, 'platform', 'admin');
    const member = await createUser(t, other.organisation, 'member');
    await patch(platform, other.organisation.id, member.id, { role: 'admin' }).expect(200);
  });
});
