import { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-use password-reset tokens (stored hashed), one hour by default. */
export class PasswordResets1764403400000 implements MigrationInterface {
  name = 'PasswordResets1764403400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX password_resets_token_hash_uq ON password_resets (token_hash)`);
    await q.query(`CREATE INDEX password_resets_user_idx ON password_resets (user_id)`);
    await q.query(`CREATE INDEX password_resets_expiry_idx ON password_resets (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_resets`);
  }
}
