import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a time-relative list filter needs, kept on the row it pages, so that a page costs the same
 * whatever the size of the portfolio (bench:lists). Both are maintained by triggers, whoever writes
 * (services, the data generator), and hold no time: "today" stays the reader's, per contract zone.
 *
 * - `action_plans.pending_deadline`: the earliest deadline the plan is waiting on — of a draft or
 *   rejected plan, its findings' plan deadline; of an approved plan, its planned or in-progress
 *   actions' due dates; none otherwise. A plan is overdue exactly when that date has passed
 *   (planOverdueSql / overdueActionsSql). The "overdue" list walked the buyer's plans newest first,
 *   evaluating both rules on each: the newest plans are not yet overdue, and there were 10x more
 *   of them to pass at 10x data (x2.3). Now the walk reads the date in the index.
 * - `report_obligations.contract_active`: whether the obligation's contract is active. The list of
 *   deadlines reads the open obligations soonest first; those of ended contracts stay open (they are
 *   the oldest) and were passed one by one, checking the contract, before the first live one.
 */
export class PendingDeadlines1764860500000 implements MigrationInterface {
  name = 'PendingDeadlines1764860500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION plan_pending_deadline(plan uuid, plan_status text) RETURNS date LANGUAGE sql STABLE AS $$
        SELECT CASE
          WHEN plan_status IN ('draft', 'rejected') THEN
            (SELECT min(f.plan_due_date) FROM action_plan_findings pf JOIN findings f ON f.id = pf.finding_id WHERE pf.plan_id = plan)
          WHEN plan_status = 'approved' THEN
            (SELECT min(x.due_date) FROM plan_actions x WHERE x.plan_id = plan AND x.status IN ('planned', 'in_progress'))
        END
      $$`);
    await q.query(`ALTER TABLE action_plans ADD COLUMN pending_deadline date`);
    await q.query(`UPDATE action_plans SET pending_deadline = plan_pending_deadline(id, status)`);
    await q.query(`
      CREATE FUNCTION action_plans_pending_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.pending_deadline := plan_pending_deadline(NEW.id, NEW.status);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER action_plans_pending_deadline BEFORE INSERT OR UPDATE OF status ON action_plans FOR EACH ROW EXECUTE FUNCTION action_plans_pending_deadline()`);
    // The plans whose deadline a change of a linked row may move: the changed row's, before and after.
    await q.query(`
      CREATE FUNCTION refresh_plan_pending_deadline() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        plans uuid[];
      BEGIN
        IF TG_TABLE_NAME = 'findings' THEN
          plans := ARRAY(SELECT pf.plan_id FROM action_plan_findings pf WHERE pf.finding_id = NEW.id);
        ELSIF TG_OP = 'INSERT' THEN
          plans := ARRAY[NEW.plan_id];
        ELSIF TG_OP = 'DELETE' THEN
          plans := ARRAY[OLD.plan_id];
        ELSE
          plans := ARRAY[OLD.plan_id, NEW.plan_id];
        END IF;
        UPDATE action_plans p SET pending_deadline = plan_pending_deadline(p.id, p.status)
         WHERE p.id = ANY (plans) AND p.pending_deadline IS DISTINCT FROM plan_pending_deadline(p.id, p.status);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER action_plan_findings_pending_deadline AFTER INSERT OR UPDATE OR DELETE ON action_plan_findings FOR EACH ROW EXECUTE FUNCTION refresh_plan_pending_deadline()`);
    await q.query(`CREATE TRIGGER plan_actions_pending_deadline AFTER INSERT OR UPDATE OF plan_id, status, due_date OR DELETE ON plan_actions FOR EACH ROW EXECUTE FUNCTION refresh_plan_pending_deadline()`);
    await q.query(`CREATE TRIGGER findings_pending_deadline AFTER UPDATE OF plan_due_date ON findings FOR EACH ROW EXECUTE FUNCTION refresh_plan_pending_deadline()`);
    for (const party of ['authority', 'supplier']) {
      await q.query(
        `CREATE INDEX action_plans_${party}_pending_page_idx ON action_plans (${party}_id, created_at DESC, id DESC) INCLUDE (pending_deadline, contract_id) WHERE pending_deadline IS NOT NULL`,
      );
    }

    await q.query(`ALTER TABLE report_obligations ADD COLUMN contract_active boolean`);
    await q.query(`UPDATE report_obligations o SET contract_active = (c.status = 'active') FROM contracts c WHERE c.id = o.contract_id`);
    await q.query(`ALTER TABLE report_obligations ALTER COLUMN contract_active SET NOT NULL`);
    await q.query(`
      CREATE FUNCTION report_obligations_contract_active() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.contract_active := (SELECT c.status = 'active' FROM contracts c WHERE c.id = NEW.contract_id);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER report_obligations_contract_active BEFORE INSERT OR UPDATE OF contract_id ON report_obligations FOR EACH ROW EXECUTE FUNCTION report_obligations_contract_active()`);
    await q.query(`
      CREATE FUNCTION contracts_obligations_active() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE report_obligations SET contract_active = (NEW.status = 'active') WHERE contract_id = NEW.id AND contract_active <> (NEW.status = 'active');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER contracts_obligations_active AFTER UPDATE OF status ON contracts FOR EACH ROW EXECUTE FUNCTION contracts_obligations_active()`);
    // Beside the open indexes (the dashboard counts the open obligations of every contract).
    const live = 'superseded_at IS NULL AND fulfilled_on IS NULL AND contract_active';
    for (const party of ['authority', 'supplier']) {
      await q.query(`CREATE INDEX report_obligations_${party}_live_idx ON report_obligations (${party}_id, due_date, id) INCLUDE (contract_id) WHERE ${live}`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX report_obligations_supplier_live_idx`);
    await q.query(`DROP INDEX report_obligations_authority_live_idx`);
    await q.query(`DROP TRIGGER contracts_obligations_active ON contracts`);
    await q.query(`DROP FUNCTION contracts_obligations_active()`);
    await q.query(`DROP TRIGGER report_obligations_contract_active ON report_obligations`);
    await q.query(`DROP FUNCTION report_obligations_contract_active()`);
    await q.query(`ALTER TABLE report_obligations DROP COLUMN contract_active`);

    for (const trigger of ['findings_pending_deadline ON findings', 'plan_actions_pending_deadline ON plan_actions', 'action_plan_findings_pending_deadline ON action_plan_findings', 'action_plans_pending_deadline ON action_plans']) {
      await q.query(`DROP TRIGGER ${trigger}`);
    }
    await q.query(`DROP FUNCTION refresh_plan_pending_deadline()`);
    await q.query(`DROP FUNCTION action_plans_pending_deadline()`);
    await q.query(`ALTER TABLE action_plans DROP COLUMN pending_deadline`);
    await q.query(`DROP FUNCTION plan_pending_deadline(uuid, text)`);
  }
}
