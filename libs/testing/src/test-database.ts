import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { withDatabase } from '@ddp/core';

/** Set by test/global-setup.ts: the server to create databases on, and the migrated template. */
export function testDatabaseEnv(): { adminUrl: string; template: string } {
  const adminUrl = process.env.DDP_TEST_ADMIN_URL;
  const template = process.env.DDP_TEST_TEMPLATE_DB;
  if (!adminUrl || !template) throw new Error('Run the tests through jest (test/global-setup.ts prepares the database)');
  return { adminUrl, template };
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testDatabaseEnv().adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: each test file gets its own. */
export async function createTestDatabase(): Promise<{ name: string; url: string }> {
  const { adminUrl, template } = testDatabaseEnv();
  const name = `ddp_test_${randomBytes(6).toString('hex')}`;
  await admin(async (client) => {
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (error) {
        // Two clones at once can collide on the template ("being accessed by other users").
        if (attempt >= 20 || !/being accessed by other users/.test((error as Error).message)) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  });
  return { name, url: withDatabase(adminUrl, name) };
}

export async function dropTestDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
