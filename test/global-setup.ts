import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedDatabase, withDatabase } from '../libs/core/src/database/embedded-database';
import { runMigrations } from '../libs/core/src/database/migrate';
import { freePort } from '../libs/testing/src/free-port';

declare global {
  // eslint-disable-next-line no-var
  var __DDP_TEST_TEARDOWN__: (() => Promise<void>) | undefined;
}


/**
 * One PostgreSQL for the run: the server in DATABASE_URL, else an embedded one in a temp folder.
 * Migrations run once into a template database; every test file clones it (CREATE DATABASE … TEMPLATE).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!adminUrl) {
    const root = mkdtempSync(join(tmpdir(), 'ddp-test-pg-'));
    chmodSync(root, 0o755); // the server runs as `postgres` when we are root
    const embedded = await startEmbeddedDatabase({ dataDir: join(root, 'data'), port: await freePort(), ephemeral: true });
    adminUrl = embedded.url;
    stopEmbedded = async () => {
      await embedded.stop();
      rmSync(root, { recursive: true, force: true });
    };
  }
  const template = `ddp_template_${process.pid}`;
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
  await client.query(`CREATE DATABASE "${template}"`);
  await client.end();
  await runMigrations(withDatabase(adminUrl, template));

  process.env.DDP_TEST_ADMIN_URL = adminUrl;
  process.env.DDP_TEST_TEMPLATE_DB = template;
  process.env.DDP_TEST_MODE = stopEmbedded ? 'embedded' : 'server';
  globalThis.__DDP_TEST_TEARDOWN__ = async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${template}" WITH (FORCE)`);
    await admin.end();
    await stopEmbedded?.();
  };
}
