import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess, fork } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { ensureDatabase, loadConfig, runMigrations, withDatabase } from '@ddp/core';
import { createOrganisation, createUser, freePort, login, TEST_JWT_SECRET, TEST_PASSWORD, TestApp } from '@ddp/testing';
import { createApiApp } from '../apps/api/src/create-api-app';


/**
 * Its own embedded PostgreSQL, so that stopping it disturbs no other test file: the api must
 * survive the restart, answer 503 problem+json meanwhile, and serve again by itself.
 */
describe('database restart', () => {
  let root: string;
  let server: ChildProcess;
  let app: NestFastifyApplication;

  const command = (name: 'start' | 'stop' | 'exit'): Promise<{ url: string }> =>
    new Promise((resolve, reject) => {
      server.once('message', (reply: { ok: boolean; url: string; error?: string }) => (reply.ok ? resolve(reply) : reject(new Error(reply.error))));
      server.send(name);
    });

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ddp-outage-'));
    chmodSync(root, 0o755);
    server = fork(join(__dirname, 'support', 'embedded-postgres.process.js'), [join(root, 'data'), String(await freePort())]);
    const { url: adminUrl } = await command('start');
    await ensureDatabase(adminUrl, 'outage');
    const url = withDatabase(adminUrl, 'outage');
    await runMigrations(url);
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: root, JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', DB_POOL_SIZE: '4' });
    app = await createApiApp(config, { logger: false });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  }, 60_000);

  afterAll(async () => {
    await app?.close();
    if (server?.connected) await new Promise((resolve) => server.once('exit', resolve).send('exit'));
    rmSync(root, { recursive: true, force: true });
  });

  it('answers 503 during the outage and recovers within 10 s of the database', async () => {
    const t = { app, http: app.getHttpServer() } as unknown as TestApp;
    const organisation = await createOrganisation(t, 'supplier');
    const user = await createUser(t, organisation, 'admin');
    const { accessToken } = await login(t, user.email, TEST_PASSWORD);
    await request(app.getHttpServer()).get('/health/ready').expect(200);

    await command('stop');

    for (const call of [
      request(app.getHttpServer()).get('/health/ready'),
      request(app.getHttpServer()).get('/api/v1/me').set('authorization', `Bearer ${accessToken}`),
      request(app.getHttpServer()).post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }),
    ]) {
      const res = await call;
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('database_unavailable');
      expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|\n\s+at /);
    }
    await request(app.getHttpServer()).get('/health/live').expect(200);

    await command('start');
    const back = Date.now();
    let ready = 0;
    while (Date.now() - back < 10_000) {
      ready = (await request(app.getHttpServer()).get('/health/ready')).status;
      if (ready === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(ready).toBe(200);
    expect(Date.now() - back).toBeLessThan(10_000);
    const me = await request(app.getHttpServer()).get('/api/v1/me').set('authorization', `Bearer ${accessToken}`).expect(200);
    expect(me.body.email).toBe(user.email);
  }, 60_000);
});
