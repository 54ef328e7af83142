import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One round trip to take the audit chain's lock and read its head: a volatile PL/pgSQL function
 * runs each statement with a fresh snapshot, so the head is read after the lock is held (a
 * single SQL statement would read it with the snapshot taken before waiting for the lock).
 */
export class AuditAppend1764490100000 implements MigrationInterface {
  name = 'AuditAppend1764490100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION audit_chain_reserve(lock_key bigint, n integer) RETURNS TABLE (head text, seq text) LANGUAGE plpgsql VOLATILE AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(lock_key);
        RETURN QUERY SELECT (SELECT e.hash FROM audit_events e ORDER BY e.seq DESC LIMIT 1), nextval('audit_events_seq')::text FROM generate_series(1, n);
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION audit_chain_reserve(bigint, integer)`);
  }
}
