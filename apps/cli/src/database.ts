import { join } from 'node:path';
import { AppConfig, EmbeddedDatabase, ensureDatabase, startEmbeddedDatabase, withDatabase } from '@ddp/core';

export const EMBEDDED_DATABASE_NAME = 'portal';

/**
 * DATABASE_URL set: that server. Unset: the embedded PostgreSQL under DATA_DIR/postgres,
 * started here and stopped by the returned handle; config.DATABASE_URL then points at it.
 */
export async function prepareDatabase(config: AppConfig, log: (line: string) => void): Promise<EmbeddedDatabase | undefined> {
  if (config.DATABASE_URL) return undefined;
  const dataDir = join(config.dataDir, 'postgres');
  log(`starting the embedded PostgreSQL (data in ${dataDir}, port ${config.EMBEDDED_PG_PORT})`);
  const embedded = await startEmbeddedDatabase({ dataDir, port: config.EMBEDDED_PG_PORT, onLog: process.env.DEBUG_EMBEDDED_PG ? log : undefined });
  await ensureDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
  config.DATABASE_URL = withDatabase(embedded.url, EMBEDDED_DATABASE_NAME);
  return embedded;
}
