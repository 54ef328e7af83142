import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/** Held while migrating, so that processes starting together migrate once. */
const MIGRATION_LOCK = 7_340_000;

/** Applies pending migrations; returns their names. Safe to call from several processes at once. */
export async function runMigrations(url: string): Promise<string[]> {
  // Two connections: one holds the advisory lock, the other runs the migrations.
  const dataSource = new DataSource(dataSourceOptions(url, 2));
  await dataSource.initialize();
  const runner = dataSource.createQueryRunner();
  try {
    await runner.connect();
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return applied.map((m) => m.name);
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    await runner.release();
    await dataSource.destroy();
  }
}
