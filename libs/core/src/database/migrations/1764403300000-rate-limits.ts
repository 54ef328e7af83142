import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate-limit counters shared by every api process (login, refresh, invitation acceptance). */
export class RateLimits1764403300000 implements MigrationInterface {
  name = 'RateLimits1764403300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await q.query(`CREATE INDEX rate_limits_expiry_idx ON rate_limits (window_ends_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rate_limits`);
  }
}
