import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { AppConfig, Clock, loadConfig } from '@ddp/core';
import { createApiApp } from '../../../apps/api/src/create-api-app';
import { createWorker } from '../../../apps/worker/src/create-worker';
import { createTestDatabase, dropTestDatabase } from './test-database';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** For supertest: `request(t.http)`. */
  http: ReturnType<NestFastifyApplication['getHttpServer']>;
  /** A direct connection for arranging and asserting in SQL. */
  sql: Client;
  /** The clock of this api and of every worker and api started from it: freeze it to move through time. */
  clock: Clock;
  /** Starts the real worker on the same database (closed with the app); its pg-boss schedules only with `{ scheduler: true }`. */
  startWorker(overrides?: Record<string, string>, options?: { scheduler?: boolean }): Promise<INestApplicationContext>;
  /** A second api process's app on the same database (closed with the app). */
  startApi(overrides?: Record<string, string>): Promise<NestFastifyApplication>;
  close(): Promise<void>;
}

/** The real api on a fresh database cloned from the migrated template, mails into a temp folder. */
export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ddp-test-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    DATA_DIR: dataDir,
    MAIL_DIR: join(dataDir, 'mail'),
    JWT_SECRET: TEST_JWT_SECRET,
    LOG_LEVEL: 'silent',
    RATE_LIMIT_AUTH_PER_MINUTE: '1000',
    PUBLIC_URL: 'http://portal.test',
    DB_POOL_SIZE: '5',
    // A portal built elsewhere (`vite build --outDir`) for browser tests, e.g. while dist/web is being rebuilt.
    ...(process.env.WEB_DIR ? { WEB_DIR: process.env.WEB_DIR } : {}),
    ...overrides,
  };
  const config = loadConfig(env); // a bad override fails here, before a database is made
  const database = await createTestDatabase();
  env.DATABASE_URL = database.url;
  config.DATABASE_URL = database.url;
  const clock = new Clock();
  const app = await createApiApp(config, { logger: false, clock });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const sql = new Client({ connectionString: database.url });
  await sql.connect();
  const workers: INestApplicationContext[] = [];
  const apis: NestFastifyApplication[] = [];

  return {
    app,
    config,
    http: app.getHttpServer(),
    sql,
    clock,
    async startWorker(workerOverrides = {}, options = {}) {
      // Jobs are run by hand in tests unless a test asks for the pg-boss schedules.
      const worker = await createWorker(loadConfig({ ...env, ...workerOverrides }), { logger: false, clock, scheduler: options.scheduler ?? false });
      workers.push(worker);
      return worker;
    },
    async startApi(apiOverrides = {}) {
      const other = await createApiApp(loadConfig({ ...env, ...apiOverrides }), { logger: false, clock });
      await other.init();
      await other.getHttpAdapter().getInstance().ready();
      apis.push(other);
      return other;
    },
    async close() {
      for (const worker of workers) await worker.close();
      for (const other of apis) await other.close();
      await sql.end();
      await app.close();
      await dropTestDatabase(database.name);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
