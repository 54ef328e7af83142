import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Parties copied down to the rows a buyer's lists walk, so that a page costs the same whatever the
 * size of the buyer's portfolio (bench:lists). Each copy is filled by a trigger on insert, whoever
 * writes the row (services, the data generator, benchmark data), and held equal to its source by a
 * foreign key on the pair, so the source's party may not change while it has any.
 *
 * - `contract_authority_id` on assessments and findings: the contract's awarding authority. An
 *   authority reads what it issued itself (its own `authority_id`, one index walk) and what a
 *   framework participant issued under one of its contracts. That second set was found by probing
 *   the assessments of every contract the authority awarded (x2-x3 at 10x data) for a set that is
 *   nearly always empty; now it is a walk of a partial index of the rows whose issuer is not the
 *   contract's authority.
 * - `authority_id` and `supplier_id` on plan_actions, from their plan: the list of deadlines read a
 *   party's open actions by walking every open action of every tenant in due-date order.
 */
export class PartyCopies1764860400000 implements MigrationInterface {
  name = 'PartyCopies1764860400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX contracts_id_authority_uq ON contracts (id, authority_id)`);
    await q.query(`
      CREATE FUNCTION copy_contract_authority() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.contract_authority_id := (SELECT c.authority_id FROM contracts c WHERE c.id = NEW.contract_id);
        RETURN NEW;
      END $$`);
    for (const [table, sortColumn] of [['assessments', 'issued_at'], ['findings', 'created_at']]) {
      await q.query(`ALTER TABLE ${table} ADD COLUMN contract_authority_id uuid`);
      await q.query(`UPDATE ${table} t SET contract_authority_id = c.authority_id FROM contracts c WHERE c.id = t.contract_id`);
      await q.query(`ALTER TABLE ${table} ALTER COLUMN contract_authority_id SET NOT NULL`);
      await q.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_contract_authority_fk FOREIGN KEY (contract_id, contract_authority_id) REFERENCES contracts (id, authority_id)`);
      await q.query(`CREATE TRIGGER ${table}_copy_contract_authority BEFORE INSERT OR UPDATE OF contract_id ON ${table} FOR EACH ROW EXECUTE FUNCTION copy_contract_authority()`);
      await q.query(`CREATE INDEX ${table}_foreign_issuer_page_idx ON ${table} (contract_authority_id, ${sortColumn} DESC, id DESC) WHERE authority_id <> contract_authority_id`);
    }

    await q.query(`CREATE UNIQUE INDEX action_plans_id_parties_uq ON action_plans (id, authority_id, supplier_id)`);
    await q.query(`
      CREATE FUNCTION copy_plan_parties() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        SELECT p.authority_id, p.supplier_id INTO NEW.authority_id, NEW.supplier_id FROM action_plans p WHERE p.id = NEW.plan_id;
        RETURN NEW;
      END $$`);
    await q.query(`ALTER TABLE plan_actions ADD COLUMN authority_id uuid, ADD COLUMN supplier_id uuid`);
    await q.query(`UPDATE plan_actions x SET authority_id = p.authority_id, supplier_id = p.supplier_id FROM action_plans p WHERE p.id = x.plan_id`);
    await q.query(`ALTER TABLE plan_actions ALTER COLUMN authority_id SET NOT NULL, ALTER COLUMN supplier_id SET NOT NULL`);
    await q.query(`ALTER TABLE plan_actions ADD CONSTRAINT plan_actions_parties_fk FOREIGN KEY (plan_id, authority_id, supplier_id) REFERENCES action_plans (id, authority_id, supplier_id)`);
    await q.query(`CREATE TRIGGER plan_actions_copy_plan_parties BEFORE INSERT OR UPDATE OF plan_id ON plan_actions FOR EACH ROW EXECUTE FUNCTION copy_plan_parties()`);
    for (const party of ['authority_id', 'supplier_id']) {
      await q.query(`CREATE INDEX plan_actions_${party.replace('_id', '')}_open_due_idx ON plan_actions (${party}, due_date, id) WHERE status IN ('planned', 'in_progress')`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER plan_actions_copy_plan_parties ON plan_actions`);
    await q.query(`ALTER TABLE plan_actions DROP COLUMN authority_id, DROP COLUMN supplier_id`);
    await q.query(`DROP FUNCTION copy_plan_parties()`);
    await q.query(`DROP INDEX action_plans_id_parties_uq`);
    for (const table of ['findings', 'assessments']) {
      await q.query(`DROP TRIGGER ${table}_copy_contract_authority ON ${table}`);
      await q.query(`ALTER TABLE ${table} DROP COLUMN contract_authority_id`);
    }
    await q.query(`DROP FUNCTION copy_contract_authority()`);
    await q.query(`DROP INDEX contracts_id_authority_uq`);
  }
}
