import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Minerals reports: the RMI templates (CMRT 6.x, EMRT 2.x) suppliers upload for a contract, their
 * declaration, smelter list and mine list. A new upload for a contract supersedes the previous
 * one, which is kept (status `superseded`). Findings gain the source `minerals` (created by the
 * import's documented rules, one live finding per contract and rule).
 */
export class Minerals1764680000000 implements MigrationInterface {
  name = 'Minerals1764680000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE minerals_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        kind text NOT NULL CHECK (kind IN ('CMRT', 'EMRT')),
        version text NOT NULL CHECK (length(version) BETWEEN 1 AND 20),
        company_name text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 2000),
        scope text NOT NULL CHECK (length(scope) BETWEEN 1 AND 2000),
        effective_date date NOT NULL,
        declaration jsonb NOT NULL,
        file_name text NOT NULL DEFAULT '' CHECK (length(file_name) <= 255),
        file_sha256 char(64) NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
        file_size_bytes bigint NOT NULL CHECK (file_size_bytes >= 0),
        smelter_count integer NOT NULL DEFAULT 0,
        mine_count integer NOT NULL DEFAULT 0,
        status text NOT NULL DEFAULT 'current' CHECK (status IN ('current', 'superseded')),
        superseded_by uuid REFERENCES minerals_reports (id),
        superseded_at timestamptz,
        uploaded_by uuid NOT NULL REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'superseded') = (superseded_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX minerals_reports_current_uq ON minerals_reports (contract_id) WHERE status = 'current'`);
    await q.query(`CREATE INDEX minerals_reports_contract_idx ON minerals_reports (contract_id, uploaded_at DESC, id)`);
    await q.query(`CREATE INDEX minerals_reports_authority_idx ON minerals_reports (authority_id) WHERE status = 'current'`);

    await q.query(`
      CREATE TABLE minerals_smelters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES minerals_reports (id),
        row_number integer NOT NULL,
        metal text NOT NULL,
        name text,
        country text,
        smelter_id text,
        source text,
        details jsonb NOT NULL DEFAULT '{}',
        group_key text NOT NULL,
        UNIQUE (report_id, row_number)
      )`);
    await q.query(`CREATE INDEX minerals_smelters_group_idx ON minerals_smelters (group_key, report_id)`);

    await q.query(`
      CREATE TABLE minerals_mines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL REFERENCES minerals_reports (id),
        row_number integer NOT NULL,
        metal text NOT NULL,
        smelter_name text,
        name text,
        mine_id text,
        country text,
        details jsonb NOT NULL DEFAULT '{}',
        UNIQUE (report_id, row_number)
      )`);

    // Findings from the import's rules: source 'minerals', keyed by contract and rule code.
    await q.query(`ALTER TABLE findings DROP CONSTRAINT findings_source_check`);
    await q.query(`ALTER TABLE findings ADD CONSTRAINT findings_source_check CHECK (source IN ('assessment', 'manual', 'minerals'))`);
    await q.query(`CREATE UNIQUE INDEX findings_minerals_rule_uq ON findings (contract_id, question_code) WHERE source = 'minerals' AND status <> 'closed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX findings_minerals_rule_uq`);
    await q.query(`DELETE FROM findings WHERE source = 'minerals'`);
    await q.query(`ALTER TABLE findings DROP CONSTRAINT findings_source_check`);
    await q.query(`ALTER TABLE findings ADD CONSTRAINT findings_source_check CHECK (source IN ('assessment', 'manual'))`);
    await q.query(`DROP TABLE minerals_mines`);
    await q.query(`DROP TABLE minerals_smelters`);
    await q.query(`DROP TABLE minerals_reports`);
  }
}
