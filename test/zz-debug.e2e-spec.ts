import { readdirSync } from 'node:fs';
import request from 'supertest';
import { MailOutbox } from '@ddp/core';
import { createActor, createTestApp, TestApp } from '@ddp/testing';
it('debug', async () => {
  const t: TestApp = await createTestApp();
  const a = await createActor(t, 'contracting_authority', 'admin');
  await request(t.http).post(`/api/v1/organisations/${a.organisation.id}/invitations`).set('authorization', a.auth).send({ email: 'x@y.example', role: 'member' }).expect(201);
  console.log((await t.sql.query('SELECT id, status, attempts, next_attempt_at, now(), locked_until FROM mail_outbox')).rows);
  const r = await t.app.get(MailOutbox).dispatchDue();
  console.log(r, (await t.sql.query('SELECT id, status, attempts, next_attempt_at, locked_until, last_error FROM mail_outbox')).rows);
  console.log(t.config.mailDir, readdirSync(t.config.mailDir));
  await t.close();
});
