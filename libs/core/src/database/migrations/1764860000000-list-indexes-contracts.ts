import { MigrationInterface, QueryRunner } from 'typeorm';

/** The open conditions of the `open_deadlines` view, per kind of deadline. */
const OPEN_ASSESSMENT = `status IN ('issued', 'in_progress', 'clarification_requested')`;
const OPEN_OBLIGATION = `superseded_at IS NULL AND fulfilled_on IS NULL`;
const PLAN_DUE = `status = 'open' AND plan_due_date IS NOT NULL`;

/**
 * Indexes for keyset pages of the contracts lists that stay flat as the data grows (bench:lists).
 * Each is in a list's order (newest first, ties by id) behind the tenant column, so a branch of
 * `contractVisibilityBranchesSql` reads its page off the index instead of sorting the portfolio.
 * The organisations search (`name ILIKE '%q%' OR registration_number = q`) reads its matches off a
 * trigram index and a registration index (a bitmap OR) instead of scanning every organisation.
 * The open deadlines of a party (`DeadlinesService.forOrganisation`) are read soonest first per
 * kind of deadline off partial indexes matching the `open_deadlines` view's conditions (the
 * authority's assessments and reports have theirs already).
 */
export class ListIndexesContracts1764860000000 implements MigrationInterface {
  name = 'ListIndexesContracts1764860000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX contracts_authority_page_idx ON contracts (authority_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX contracts_authority_status_page_idx ON contracts (authority_id, status, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX contracts_supplier_page_idx ON contracts (supplier_id, created_at DESC, id DESC)`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX organisations_name_trgm_idx ON organisations USING gin (name gin_trgm_ops)`);
    await q.query(`CREATE INDEX organisations_registration_number_idx ON organisations (registration_number)`);
    await q.query(`CREATE INDEX assessments_supplier_open_due_idx ON assessments (supplier_id, due_date, id) WHERE ${OPEN_ASSESSMENT}`);
    await q.query(`CREATE INDEX report_obligations_supplier_open_idx ON report_obligations (supplier_id, due_date, id) WHERE ${OPEN_OBLIGATION}`);
    await q.query(`CREATE INDEX findings_authority_plan_due_idx ON findings (authority_id, plan_due_date, id) WHERE ${PLAN_DUE}`);
    await q.query(`CREATE INDEX findings_supplier_plan_due_idx ON findings (supplier_id, plan_due_date, id) WHERE ${PLAN_DUE}`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX findings_supplier_plan_due_idx`);
    await q.query(`DROP INDEX findings_authority_plan_due_idx`);
    await q.query(`DROP INDEX report_obligations_supplier_open_idx`);
    await q.query(`DROP INDEX assessments_supplier_open_due_idx`);
    await q.query(`DROP INDEX organisations_registration_number_idx`);
    await q.query(`DROP INDEX organisations_name_trgm_idx`);
    await q.query(`DROP INDEX contracts_supplier_page_idx`);
    await q.query(`DROP INDEX contracts_authority_status_page_idx`);
    await q.query(`DROP INDEX contracts_authority_page_idx`);
  }
}
