import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, runMigrations } from '@ddp/core';
import { createWorker } from './create-worker';

/** The worker alone (production: `npm run start:worker`); needs DATABASE_URL. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for start:worker (npm start runs an embedded database instead)');
  await runMigrations(config.DATABASE_URL);
  await createWorker(config);
  new Logger('Worker').log('worker running');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
