import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for keyset pages of the execution lists that stay flat as the data grows (bench:lists).
 * Reports and defaults are listed newest first in one branch per way of seeing them (as the
 * contract's authority, as its supplier, …): each branch walks its tenant column in the page's
 * order and stops after a page. The reference templates' branch starts from the few platform
 * organisations instead of reading every organisation.
 */
export class ListIndexesExecution1764860200000 implements MigrationInterface {
  name = 'ListIndexesExecution1764860200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX reports_authority_newest_idx ON reports (authority_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX reports_supplier_newest_idx ON reports (supplier_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX defaults_authority_newest_idx ON defaults (authority_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX defaults_supplier_newest_idx ON defaults (supplier_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX organisations_platform_idx ON organisations (id) WHERE kind = 'platform'`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['organisations_platform_idx', 'defaults_supplier_newest_idx', 'defaults_authority_newest_idx', 'reports_supplier_newest_idx', 'reports_authority_newest_idx']) {
      await q.query(`DROP INDEX ${index}`);
    }
  }
}
