import { randomBytes, randomUUID } from 'node:crypto';
import request, { Response } from 'supertest';
import { createActor, createTestApp, TestActor, TestApp } from '@ddp/testing';

const unique = (): string => randomBytes(4).toString('hex');

/** A problem body without what differs between any two requests. */
function comparable(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, instance: _instance, ...rest } = body;
  return rest;
}

interface Attempt {
  name: string;
  method: 'get' | 'post' | 'delete';
  /** The path aimed at the other organisation's records. */
  path: () => string;
  /** The same request aimed at records that do not exist. */
  missing: () => string;
  body?: () => Record<string, unknown>;
}

describe('tenancy: one organisation never sees another', () => {
  let t: TestApp;
  let x: TestActor;
  let y: TestActor;
  let z: TestActor;
  let platform: TestActor;
  let xInvitation: { id: string; email: string };
  let yInvitation: { id: string; email: string };

  beforeAll(async () => {
    t = await createTestApp();
    x = await createActor(t, 'contracting_authority', 'admin');
    y = await createActor(t, 'contracting_authority', 'admin');
    z = await createActor(t, 'supplier', 'admin');
    platform = await createActor(t, 'platform', 'admin');
    const invite = async (actor: TestActor) =>
      (await request(t.http).post(`/api/v1/organisations/${actor.organisation.id}/invitations`).set('authorization', actor.auth)
        .send({ email: `colleague.${unique()}@example.test`, role: 'member' }).expect(201)).body;
    xInvitation = await invite(x);
    yInvitation = await invite(y);
  });
  afterAll(() => t.close());

  const send = (actor: TestActor, method: Attempt['method'], path: string, body?: Record<string, unknown>): request.Test => {
    const req = request(t.http)[method](path).set('authorization', actor.auth);
    return body ? req.send(body) : req;
  };

  const attempts: Attempt[] = [
    { name: 'GET the organisation', method: 'get', path: () => `/api/v1/organisations/${y.organisation.id}`, missing: () => `/api/v1/organisations/${randomUUID()}` },
    { name: 'GET its users', method: 'get', path: () => `/api/v1/organisations/${y.organisation.id}/users`, missing: () => `/api/v1/organisations/${randomUUID()}/users` },
    { name: 'GET its invitations', method: 'get', path: () => `/api/v1/organisations/${y.organisation.id}/invitations`, missing: () => `/api/v1/organisations/${randomUUID()}/invitations` },
    {
      name: 'POST an invitation into it',
      method: 'post',
      path: () => `/api/v1/organisations/${y.organisation.id}/invitations`,
      missing: () => `/api/v1/organisations/${randomUUID()}/invitations`,
      body: () => ({ email: `intruder.${unique()}@example.test`, role: 'admin' }),
    },
    {
      name: 'DELETE its invitation',
      method: 'delete',
      path: () => `/api/v1/organisations/${y.organisation.id}/invitations/${yInvitation.id}`,
      missing: () => `/api/v1/organisations/${randomUUID()}/invitations/${randomUUID()}`,
    },
    {
      name: 'DELETE its invitation through the own organisation',
      method: 'delete',
      path: () => `/api/v1/organisations/${x.organisation.id}/invitations/${yInvitation.id}`,
      missing: () => `/api/v1/organisations/${x.organisation.id}/invitations/${randomUUID()}`,
    },
  ];

  describe.each([
    ['an authority admin of X', () => x],
    ['a supplier admin of Z', () => z],
  ])('%s', (_label, actor) => {
    it.each(attempts.map((a) => [a.name, a] as const))('%s: 404, the same body as for a non-existent id', async (_name, attempt) => {
      const denied = await send(actor(), attempt.method, attempt.path(), attempt.body?.());
      const missing = await send(actor(), attempt.method, attempt.missing(), attempt.body?.());

      expect(missing.status).toBe(404);
      expect(denied.status).toBe(404);
      expect(denied.headers['content-type']).toContain('application/problem+json');
      expect(denied.body.code).toBe('not_found');
      expect(comparable(denied.body)).toEqual(comparable(missing.body));
      expect(denied.body.instance).toBe(attempt.path().split('?')[0]); // only the path the caller sent
      const rest = JSON.stringify(comparable(denied.body));
      expect(rest).not.toContain(y.organisation.id);
      expect(rest).not.toContain(yInvitation.id);
    });
  });

  it('the same routes answer their own organisation and the platform admin (the 404s are about tenancy)', async () => {
    for (const [actor, own, invitation] of [[x, x, xInvitation], [platform, y, yInvitation]] as const) {
      const org = own.organisation.id;
      expect((await send(actor, 'get', `/api/v1/organisations/${org}`)).status).toBe(200);
      const users = await send(actor, 'get', `/api/v1/organisations/${org}/users`).expect(200);
      expect(users.body.map((u: { id: string }) => u.id)).toEqual([own.user.id]);
      const invitations = await send(actor, 'get', `/api/v1/organisations/${org}/invitations`).expect(200);
      expect(invitations.body.map((i: { id: string }) => i.id)).toEqual([invitation.id]);
    }
    // The platform admin may act in Y: invite and revoke there.
    const created = await send(platform, 'post', `/api/v1/organisations/${y.organisation.id}/invitations`, { email: `by-platform.${unique()}@example.test`, role: 'member' }).expect(201);
    const revoked = await send(platform, 'delete', `/api/v1/organisations/${y.organisation.id}/invitations/${created.body.id}`).expect(200);
    expect(revoked.body.status).toBe('revoked');
  });

  it('nothing changes in the database after the forbidden attempts', async () => {
    const snapshot = async () => {
      const { rows } = await t.sql.query(`
        SELECT (SELECT count(*) FROM invitations)::int AS invitations,
               (SELECT count(*) FROM mail_outbox)::int AS mails,
               (SELECT count(*) FROM audit_events)::int AS audit_events,
               (SELECT count(*) FROM users)::int AS users,
               (SELECT count(*) FROM organisations)::int AS organisations,
               (SELECT count(*) FROM invitations WHERE revoked_at IS NOT NULL)::int AS revoked`);
      return rows[0];
    };
    const before = await snapshot();
    expect(before.invitations).toBeGreaterThanOrEqual(2);

    for (const actor of [x, z]) {
      for (const attempt of attempts) {
        const res = await send(actor, attempt.method, attempt.path(), attempt.body?.());
        expect(res.status).toBe(404);
      }
    }

    expect(await snapshot()).toEqual(before);
    const [row] = (await t.sql.query('SELECT revoked_at, accepted_at FROM invitations WHERE id = $1', [yInvitation.id])).rows;
    expect(row).toEqual({ revoked_at: null, accepted_at: null });
    const ofY = await send(y, 'get', `/api/v1/organisations/${y.organisation.id}/invitations`).expect(200);
    expect(ofY.body.find((i: { id: string }) => i.id === yInvitation.id)).toMatchObject({ status: 'pending' });
    expect(ofY.body.map((i: { email: string }) => i.email).join(' ')).not.toContain('intruder.');
  });

  it('GET /organisations lists only the own organisation, but all of them for the platform admin', async () => {
    const ofX = await send(x, 'get', '/api/v1/organisations').expect(200);
    expect(ofX.body.items.map((o: { id: string }) => o.id)).toEqual([x.organisation.id]);
    const filtered = await send(x, 'get', '/api/v1/organisations?kind=contracting_authority').expect(200);
    expect(filtered.body.items.map((o: { id: string }) => o.id)).toEqual([x.organisation.id]);
    const ofZ = await send(z, 'get', '/api/v1/organisations').expect(200);
    expect(ofZ.body.items.map((o: { id: string }) => o.id)).toEqual([z.organisation.id]);

    const all = await send(platform, 'get', '/api/v1/organisations').expect(200);
    expect(all.body.items.map((o: { id: string }) => o.id).sort()).toEqual(
      [x.organisation.id, y.organisation.id, z.organisation.id, platform.organisation.id].sort(),
    );
    const authorities = await send(platform, 'get', '/api/v1/organisations?kind=contracting_authority').expect(200);
    expect(authorities.body.items.map((o: { id: string }) => o.id).sort()).toEqual([x.organisation.id, y.organisation.id].sort());
  });

  it("GET /audit-events shows X's admin only X's events; the platform admin sees both", async () => {
    /** Every page, following nextCursor. */
    const allEvents = async (actor: TestActor): Promise<Array<Record<string, unknown>>> => {
      const events: Array<Record<string, unknown>> = [];
      let cursor: string | null = null;
      do {
        const res: Response = await send(actor, 'get', `/api/v1/audit-events?limit=2${cursor ? `&before=${cursor}` : ''}`).expect(200);
        events.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return events;
    };

    const ofX = await allEvents(x);
    expect(ofX.length).toBeGreaterThanOrEqual(2);
    expect(ofX).toContainEqual(expect.objectContaining({ action: 'invitation.created', entityId: xInvitation.id }));
    for (const event of ofX) expect(event.organisationId).toBe(x.organisation.id);
    expect(JSON.stringify(ofX)).not.toContain(y.organisation.id);
    expect(JSON.stringify(ofX)).not.toContain(yInvitation.email);

    const ofY = await allEvents(y);
    for (const event of ofY) expect(event.organisationId).toBe(y.organisation.id);

    const ofPlatform = await allEvents(platform);
    const organisations = new Set(ofPlatform.map((e) => e.organisationId));
    expect(organisations).toContain(x.organisation.id);
    expect(organisations).toContain(y.organisation.id);
    expect(ofPlatform).toContainEqual(expect.objectContaining({ action: 'invitation.created', entityId: xInvitation.id }));
    expect(ofPlatform).toContainEqual(expect.objectContaining({ action: 'invitation.created', entityId: yInvitation.id }));
    const total = Number((await t.sql.query('SELECT count(*) FROM audit_events')).rows[0].count);
    expect(ofPlatform).toHaveLength(total);
  });
});

describe('organisation list pages and search', () => {
  let t: TestApp;
  let platform: TestActor;
  beforeAll(async () => {
    t = await createTestApp();
    platform = await createActor(t, 'platform', 'admin');
    for (const name of ['Alpha 100% Recycled', 'Beta_Screens', 'Gamma Phones', 'Delta Laptops', 'Epsilon Servers']) {
      await request(t.http).post('/api/v1/organisations').set('authorization', platform.auth).send({ name, kind: 'supplier', country: 'NL', registrationNumber: `KVK ${name.length}${name.charCodeAt(0)}` }).expect(201);
    }
  });
  afterAll(() => t.close());

  const list = (query: string) => request(t.http).get(`/api/v1/organisations?${query}`).set('authorization', platform.auth);

  it('walks every organisation once, in name order, page by page', async () => {
    const names: string[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const res: request.Response = await list(`kind=supplier&limit=2${after ? `&after=${encodeURIComponent(after)}` : ''}`).expect(200);
      names.push(...res.body.items.map((o: { name: string }) => o.name));
      after = res.body.nextCursor;
      pages++;
    } while (after);
    expect(pages).toBe(3);
    expect(names).toEqual(['Alpha 100% Recycled', 'Beta_Screens', 'Delta Laptops', 'Epsilon Servers', 'Gamma Phones']);
  });

  it('searches a part of the name, treating % and _ literally', async () => {
    expect((await list('q=laptops').expect(200)).body.items.map((o: { name: string }) => o.name)).toEqual(['Delta Laptops']);
    expect((await list('q=100%25').expect(200)).body.items.map((o: { name: string }) => o.name)).toEqual(['Alpha 100% Recycled']);
    expect((await list('q=a_s').expect(200)).body.items.map((o: { name: string }) => o.name)).toEqual(['Beta_Screens']);
  });

  it('refuses a forged cursor with 400 naming `after`', async () => {
    const res = await list('after=not-a-cursor').expect(400);
    expect(res.body.errors).toEqual([{ field: 'after', message: 'is not a cursor returned by this list' }]);
  });
});
