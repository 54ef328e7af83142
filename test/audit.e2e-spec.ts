import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { AuditService, RequestContext } from '@ddp/core';
import { createActor, createTestApp, TestActor, TestApp } from '@ddp/testing';

const run = promisify(execFile);
const CLI = join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');

describe('audit trail', () => {
  let t: TestApp;
  let admin: TestActor;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await createActor(t, 'contracting_authority', 'admin');
    for (let i = 0; i < 5; i++) {
      await request(t.http)
        .post(`/api/v1/organisations/${admin.organisation.id}/invitations`)
        .set('authorization', admin.auth)
        .send({ email: `person${i}@audit.test`, role: 'member' })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  it('records who, what, when, before/after and the request id of each change', async () => {
    const res = await request(t.http)
      .post(`/api/v1/organisations/${admin.organisation.id}/invitations`)
      .set('authorization', admin.auth)
      .set('x-request-id', 'audit-trace-000001')
      .send({ email: 'traced@audit.test', role: 'admin' })
      .expect(201);
    const page = await request(t.http).get('/api/v1/audit-events?limit=1').set('authorization', admin.auth).expect(200);
    expect(page.body.items[0]).toMatchObject({
      action: 'invitation.created',
      entityType: 'invitation',
      entityId: res.body.id,
      actorUserId: admin.user.id,
      actorOrganisationId: admin.organisation.id,
      organisationId: admin.organisation.id,
      requestId: 'audit-trace-000001',
      before: null,
      after: { email: 'traced@audit.test', role: 'admin', status: 'pending' },
    });
    expect(new Date(page.body.items[0].occurredAt).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('never stores secrets in before/after', async () => {
    const { rows } = await t.sql.query(`SELECT before::text AS b, after::text AS a FROM audit_events`);
    const all = rows.map((r) => `${r.b} ${r.a}`).join('\n');
    expect(all).not.toMatch(/\$argon2id\$/);
    const { rows: tokens } = await t.sql.query(`SELECT token_hash FROM invitations`);
    for (const { token_hash } of tokens) expect(all).not.toContain(token_hash);
  });

  it('pages by keyset without gaps or repeats, newest first', async () => {
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM audit_events WHERE organisation_id = $1`, [admin.organisation.id]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: request.Response = await request(t.http)
        .get(`/api/v1/audit-events?limit=2${cursor ? `&before=${cursor}` : ''}`)
        .set('authorization', admin.auth)
        .expect(200);
      seen.push(...(res.body.items as Array<{ seq: string }>).map((e) => e.seq));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(rows[0].n);
    expect(new Set(seen).size).toBe(seen.length);
    const numbers = seen.map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
  });

  it('gives the trail of one record (entityType and entityId), only within the organisation', async () => {
    const invited = await request(t.http).post(`/api/v1/organisations/${admin.organisation.id}/invitations`).set('authorization', admin.auth).send({ email: 'trail@audit.test', role: 'member' }).expect(201);
    await request(t.http).delete(`/api/v1/organisations/${admin.organisation.id}/invitations/${invited.body.id}`).set('authorization', admin.auth).expect(200);
    const trail = await request(t.http).get(`/api/v1/audit-events?entityType=invitation&entityId=${invited.body.id}`).set('authorization', admin.auth).expect(200);
    expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['invitation.revoked', 'invitation.created']);
    expect(trail.body.items.every((e: { entityId: string }) => e.entityId === invited.body.id)).toBe(true);
    // Another organisation's admin finds nothing about it.
    const other = await createActor(t, 'contracting_authority', 'admin');
    const foreign = await request(t.http).get(`/api/v1/audit-events?entityType=invitation&entityId=${invited.body.id}`).set('authorization', other.auth).expect(200);
    expect(foreign.body.items).toEqual([]);
    const bad = await request(t.http).get('/api/v1/audit-events?entityType=DROP%20TABLE').set('authorization', admin.auth).expect(400);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'entityType' })]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the table', async () => {
    await expect(t.sql.query(`UPDATE audit_events SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.sql.query(`DELETE FROM audit_events`)).rejects.toThrow(/append-only/);
    await expect(t.sql.query(`TRUNCATE audit_events`)).rejects.toThrow(/append-only/);
  });

  it('keeps one chain across concurrent writers', async () => {
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        request(t.http)
          .post(`/api/v1/organisations/${admin.organisation.id}/invitations`)
          .set('authorization', admin.auth)
          .send({ email: `concurrent${i}@audit.test`, role: 'member' })
          .expect(201),
      ),
    );
    const result = await t.app.get(AuditService).verify(RequestContext.system(), 7);
    expect(result.firstBreak).toBeUndefined();
    const { rows } = await t.sql.query(`SELECT count(*)::int AS n FROM audit_events`);
    expect(result.checked).toBe(rows[0].n);
  });

  it('detects a cut tail or a consistent rewrite against a head recorded earlier', async () => {
    const before = await t.app.get(AuditService).verify(RequestContext.system());
    expect(before.head).toBeDefined();
    expect((await t.app.get(AuditService).verify(RequestContext.system(), 1000, before.head)).headMismatch).toBeUndefined();
    const env = { ...process.env, DATABASE_URL: t.config.DATABASE_URL, LOG_LEVEL: 'silent', JWT_SECRET: t.config.JWT_SECRET };
    const printed = await run('node', [CLI, 'verify-audit'], { env });
    expect(printed.stdout).toContain(`head: ${before.head!.seq}:${before.head!.hash}`);

    // The owner disables the trigger and deletes the newest event: the chain itself still verifies.
    await t.sql.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await t.sql.query(`DELETE FROM audit_events WHERE seq = $1`, [before.head!.seq]);
    await t.sql.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    const after = await t.app.get(AuditService).verify(RequestContext.system(), 1000, before.head);
    expect(after.firstBreak).toBeUndefined();
    expect(after.headMismatch).toMatch(/gone/);
    const cut = await run('node', [CLI, 'verify-audit', '--head', `${before.head!.seq}:${before.head!.hash}`], { env }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(cut?.code).toBe(1);
    expect(cut?.stdout).toMatch(/BROKEN: event \d+ recorded as the head is gone/);
  });

  it('detects an edited event and names it (verify-audit CLI and service)', async () => {
    expect(existsSync(CLI)).toBe(true); // `npm test` builds first
    const env = { ...process.env, DATABASE_URL: t.config.DATABASE_URL, LOG_LEVEL: 'silent', JWT_SECRET: t.config.JWT_SECRET };
    const ok = await run('node', [CLI, 'verify-audit'], { env });
    expect(ok.stdout).toMatch(/audit chain intact: \d+ events verified/);

    const { rows } = await t.sql.query(`SELECT seq::text AS seq, id FROM audit_events ORDER BY audit_events.seq OFFSET 3 LIMIT 1`);
    await t.sql.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await t.sql.query(`UPDATE audit_events SET after = '{"role":"admin"}' WHERE seq = $1`, [rows[0].seq]);
    await t.sql.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');

    const result = await t.app.get(AuditService).verify(RequestContext.system(), 2);
    expect(result.firstBreak).toEqual({ seq: rows[0].seq, id: rows[0].id, reason: 'hash_mismatch' });
    expect(result.checked).toBe(3);

    const broken = await run('node', [CLI, 'verify-audit'], { env }).then(
      () => undefined,
      (error: { code: number; stdout: string }) => error,
    );
    expect(broken?.code).toBe(1);
    expect(broken?.stdout).toContain(`BROKEN at event seq ${rows[0].seq} (id ${rows[0].id})`);
  });

  it('detects a deleted event through the broken link', async () => {
    const { rows } = await t.sql.query(`SELECT seq::text AS seq FROM audit_events ORDER BY audit_events.seq DESC OFFSET 1 LIMIT 1`);
    await t.sql.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete');
    await t.sql.query(`DELETE FROM audit_events WHERE seq = $1`, [rows[0].seq]);
    await t.sql.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update_delete');
    const { rows: next } = await t.sql.query(`SELECT seq::text AS seq FROM audit_events WHERE seq > $1 ORDER BY audit_events.seq LIMIT 1`, [rows[0].seq]);
    const result = await t.app.get(AuditService).verify(RequestContext.system());
    // The first break is the edit of the previous test; the chain also breaks after the deletion.
    expect(result.firstBreak).toBeDefined();
    const events = await t.sql.query(`SELECT seq::text AS seq, prev_hash FROM audit_events WHERE seq = $1`, [next[0].seq]);
    const { rows: prior } = await t.sql.query(`SELECT hash FROM audit_events WHERE seq < $1 ORDER BY seq DESC LIMIT 1`, [next[0].seq]);
    expect(events.rows[0].prev_hash).not.toBe(prior[0].hash);
  });
});
