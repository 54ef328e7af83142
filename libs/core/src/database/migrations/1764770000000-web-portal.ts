import { MigrationInterface, QueryRunner } from 'typeorm';

/** The web portal shows the audit trail of one record: its events, newest first, by keyset. */
export class WebPortal1764770000000 implements MigrationInterface {
  name = 'WebPortal1764770000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity_type, entity_id, seq)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX audit_events_entity_idx`);
  }
}
