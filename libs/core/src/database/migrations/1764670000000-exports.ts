import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Auditor workbook exports: requested through the API, written by the worker. A worker claims a
 * queued export with SKIP LOCKED for a while (`claimed_until`, renewed as it writes); a claim that
 * expires (the worker died) lets another worker start again. `claim_token` tells the claimant
 * apart, so a worker that lost its claim can neither report progress nor publish its file.
 */
export class Exports1764670000000 implements MigrationInterface {
  name = 'Exports1764670000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE exports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        scope jsonb NOT NULL,
        from_date date,
        to_date date,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
        rows_written bigint NOT NULL DEFAULT 0,
        rows_total bigint,
        attempts integer NOT NULL DEFAULT 0,
        claim_token uuid,
        claimed_until timestamptz,
        storage_key text,
        file_name text,
        size_bytes bigint,
        error text,
        created_at timestamptz NOT NULL,
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (from_date IS NULL OR to_date IS NULL OR from_date <= to_date),
        CHECK ((status = 'done') = (storage_key IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX exports_pending_idx ON exports (created_at) WHERE status IN ('queued', 'running')`);
    await q.query(`CREATE INDEX exports_created_idx ON exports (created_at)`);
    await q.query(`CREATE INDEX exports_user_idx ON exports (user_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE exports`);
  }
}
