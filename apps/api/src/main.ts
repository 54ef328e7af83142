import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadConfig, runMigrations } from '@ddp/core';
import { BootstrapService } from '@ddp/identity';
import { createApiApp } from './create-api-app';

/** The api alone (production: `npm run start:api`); needs DATABASE_URL and migrations applied. */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('DATABASE_URL is required for start:api (npm start runs an embedded database instead)');
  await runMigrations(config.DATABASE_URL);
  const app = await createApiApp(config);
  // Production: the platform admin comes from the environment only when both are given explicitly.
  if (process.env.ADMIN_EMAIL && process.env.ADMIN_PASSWORD) {
    const { created } = await app.get(BootstrapService).ensurePlatformAdmin(config.ADMIN_EMAIL, config.ADMIN_PASSWORD);
    if (created) new Logger('Api').log(`platform admin ${config.ADMIN_EMAIL} created`);
  }
  await app.listen(config.PORT, config.HOST);
  new Logger('Api').log(`listening on http://${config.HOST}:${config.PORT}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`api not started: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
