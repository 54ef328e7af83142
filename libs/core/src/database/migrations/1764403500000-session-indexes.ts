import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live token of each session (not rotated, not revoked) is what access checks, revocations and
 * logouts look up; rotated tokens are history. Pending invitations are unique per organisation
 * and email. The audit chain cannot fork (one successor per event).
 */
export class SessionIndexes1764403500000 implements MigrationInterface {
  name = 'SessionIndexes1764403500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX refresh_tokens_live_family_idx ON refresh_tokens (family_id) WHERE rotated_at IS NULL AND revoked_at IS NULL`);
    await q.query(`CREATE INDEX refresh_tokens_live_user_idx ON refresh_tokens (user_id) WHERE rotated_at IS NULL AND revoked_at IS NULL`);
    await q.query(`CREATE INDEX refresh_tokens_expiry_idx ON refresh_tokens (expires_at)`);
    await q.query(`DROP INDEX refresh_tokens_family_idx`);
    await q.query(`CREATE UNIQUE INDEX invitations_pending_uq ON invitations (organisation_id, email) WHERE accepted_at IS NULL AND revoked_at IS NULL`);
    await q.query(`CREATE UNIQUE INDEX audit_events_prev_hash_uq ON audit_events (prev_hash)`);
    await q.query(`CREATE INDEX mail_outbox_sent_idx ON mail_outbox (sent_at) WHERE status = 'sent'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX mail_outbox_sent_idx`);
    await q.query(`DROP INDEX audit_events_prev_hash_uq`);
    await q.query(`DROP INDEX invitations_pending_uq`);
    await q.query(`CREATE INDEX refresh_tokens_family_idx ON refresh_tokens (family_id)`);
    await q.query(`DROP INDEX refresh_tokens_expiry_idx`);
    await q.query(`DROP INDEX refresh_tokens_live_user_idx`);
    await q.query(`DROP INDEX refresh_tokens_live_family_idx`);
  }
}
