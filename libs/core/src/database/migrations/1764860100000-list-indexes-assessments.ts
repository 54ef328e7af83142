import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for keyset pages of the assessments, findings and action-plans lists that stay flat as the
 * data grows (bench:lists). Each is in a list's order (newest first, ties by id) behind the column a
 * branch of the visibility rule selects on (NewestFirst.keysSql), so the branch reads its page off the
 * index instead of sorting the tenant's rows. The contract ones carry the parties' columns: a branch
 * through the contract checks them in the index (index-only), reading no rows it leaves out.
 */
const INDEXES: Record<string, string> = {
  assessments_authority_page_idx: `assessments (authority_id, issued_at DESC, id DESC)`,
  assessments_authority_status_page_idx: `assessments (authority_id, status, issued_at DESC, id DESC)`,
  assessments_supplier_page_idx: `assessments (supplier_id, issued_at DESC, id DESC)`,
  assessments_contract_page_idx: `assessments (contract_id, issued_at DESC, id DESC) INCLUDE (authority_id, supplier_id, status)`,
  findings_authority_page_idx: `findings (authority_id, created_at DESC, id DESC)`,
  findings_authority_status_page_idx: `findings (authority_id, status, created_at DESC, id DESC)`,
  findings_supplier_page_idx: `findings (supplier_id, created_at DESC, id DESC)`,
  findings_contract_page_idx: `findings (contract_id, created_at DESC, id DESC) INCLUDE (authority_id, supplier_id, status)`,
  action_plans_authority_page_idx: `action_plans (authority_id, created_at DESC, id DESC)`,
  action_plans_supplier_page_idx: `action_plans (supplier_id, created_at DESC, id DESC)`,
  action_plans_contract_page_idx: `action_plans (contract_id, created_at DESC, id DESC) INCLUDE (authority_id, supplier_id)`,
};

export class ListIndexesAssessments1764860100000 implements MigrationInterface {
  name = 'ListIndexesAssessments1764860100000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, definition] of Object.entries(INDEXES)) await q.query(`CREATE INDEX ${name} ON ${definition}`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const name of Object.keys(INDEXES).reverse()) await q.query(`DROP INDEX ${name}`);
  }
}
