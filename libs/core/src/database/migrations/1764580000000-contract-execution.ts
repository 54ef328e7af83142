import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contract execution: versioned due-diligence clauses, corrective action plans and their actions,
 * report obligations and reports, defaults and notices of default, the penalty ledger (late fines,
 * penalties, bonus and malus), bonus/malus proposals, reminders sent and reassessment cycles.
 *
 * What is decided stays decided: clause versions, report submissions and ledger entries refuse
 * UPDATE and DELETE (a correction is a new ledger entry reversing the old one), and a default's
 * decision columns are written once.
 */
export class ContractExecution1764580000000 implements MigrationInterface {
  name = 'ContractExecution1764580000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await q.query(`
      CREATE TABLE contract_clauses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        version_number integer NOT NULL CHECK (version_number >= 1),
        effective_from date NOT NULL,
        terms jsonb NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (contract_id, version_number),
        UNIQUE (contract_id, effective_from)
      )`);
    await q.query(`CREATE TRIGGER contract_clauses_immutable BEFORE UPDATE OR DELETE ON contract_clauses FOR EACH ROW EXECUTE FUNCTION refuse_change()`);

    // Red findings need a plan by a date the buyer sets (default from the clause).
    await q.query(`ALTER TABLE findings ADD COLUMN plan_due_date date`);
    await q.query(`ALTER TABLE findings ADD COLUMN closed_at timestamptz`);
    await q.query(`CREATE INDEX findings_plan_due_idx ON findings (plan_due_date) WHERE plan_due_date IS NOT NULL AND status = 'open'`);

    await q.query(`
      CREATE TABLE action_plans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected', 'verified')),
        root_cause text NOT NULL CHECK (length(root_cause) BETWEEN 1 AND 5000),
        created_on date NOT NULL,
        rejection_comments text CHECK (length(rejection_comments) <= 5000),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_by_organisation_id uuid NOT NULL REFERENCES organisations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        submitted_on date,
        approved_at timestamptz,
        approved_by uuid REFERENCES users (id),
        verified_at timestamptz,
        verified_by uuid REFERENCES users (id)
      )`);
    await q.query(`CREATE INDEX action_plans_contract_idx ON action_plans (contract_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX action_plans_authority_idx ON action_plans (authority_id, status)`);
    await q.query(`CREATE INDEX action_plans_supplier_idx ON action_plans (supplier_id, status)`);

    await q.query(`
      CREATE TABLE action_plan_findings (
        plan_id uuid NOT NULL REFERENCES action_plans (id),
        finding_id uuid NOT NULL REFERENCES findings (id),
        PRIMARY KEY (plan_id, finding_id)
      )`);
    await q.query(`CREATE INDEX action_plan_findings_finding_idx ON action_plan_findings (finding_id)`);

    await q.query(`
      CREATE TABLE plan_actions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES action_plans (id),
        position integer NOT NULL,
        description text NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
        owner text NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
        due_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('proposed', 'planned', 'in_progress', 'done', 'verified')),
        proposed_by text NOT NULL CHECK (proposed_by IN ('supplier', 'authority')),
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        done_at timestamptz,
        done_on date,
        verified_at timestamptz,
        verified_by uuid REFERENCES users (id),
        UNIQUE (plan_id, position)
      )`);
    await q.query(`CREATE INDEX plan_actions_due_idx ON plan_actions (due_date) WHERE status IN ('planned', 'in_progress')`);

    await q.query(`
      CREATE TABLE report_obligations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        clause_id uuid NOT NULL REFERENCES contract_clauses (id),
        period_start date NOT NULL,
        period_end date NOT NULL,
        due_date date NOT NULL,
        fulfilled_on date,
        superseded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (period_end >= period_start AND due_date >= period_end)
      )`);
    await q.query(`CREATE UNIQUE INDEX report_obligations_period_uq ON report_obligations (contract_id, period_start) WHERE superseded_at IS NULL`);
    await q.query(`CREATE INDEX report_obligations_due_idx ON report_obligations (due_date) WHERE superseded_at IS NULL`);

    await q.query(`
      CREATE TABLE reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        obligation_id uuid NOT NULL UNIQUE REFERENCES report_obligations (id),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        status text NOT NULL CHECK (status IN ('draft', 'submitted', 'accepted', 'returned')),
        narrative text NOT NULL DEFAULT '' CHECK (length(narrative) <= 20000),
        kpi_values jsonb NOT NULL DEFAULT '[]',
        submission_count integer NOT NULL DEFAULT 0,
        first_submitted_at timestamptz,
        first_submitted_on date,
        days_late integer CHECK (days_late >= 0),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX reports_contract_idx ON reports (contract_id, created_at DESC, id)`);

    // Each submission is a snapshot; only its review columns are written afterwards, once.
    await q.query(`
      CREATE TABLE report_submissions (
        report_id uuid NOT NULL REFERENCES reports (id),
        number integer NOT NULL CHECK (number >= 1),
        narrative text NOT NULL,
        kpi_values jsonb NOT NULL,
        kpi_results jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_on date NOT NULL,
        submitted_by uuid REFERENCES users (id),
        days_late integer NOT NULL CHECK (days_late >= 0),
        decision text CHECK (decision IN ('accepted', 'returned')),
        comments text CHECK (length(comments) <= 5000),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        PRIMARY KEY (report_id, number)
      )`);
    await q.query(`
      CREATE FUNCTION report_submissions_decided_once() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.decision IS NOT NULL
           OR (NEW.report_id, NEW.number, NEW.narrative, NEW.kpi_values, NEW.kpi_results, NEW.submitted_at, NEW.submitted_on, NEW.submitted_by, NEW.days_late)
              IS DISTINCT FROM (OLD.report_id, OLD.number, OLD.narrative, OLD.kpi_values, OLD.kpi_results, OLD.submitted_at, OLD.submitted_on, OLD.submitted_by, OLD.days_late) THEN
          RAISE EXCEPTION 'submitted reports are immutable' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER report_submissions_immutable BEFORE UPDATE OR DELETE ON report_submissions FOR EACH ROW EXECUTE FUNCTION report_submissions_decided_once()`);

    // Evidence may also belong to an action of a plan or to a report.
    await q.query(`ALTER TABLE evidence_files ADD COLUMN action_id uuid REFERENCES plan_actions (id)`);
    await q.query(`ALTER TABLE evidence_files ADD COLUMN report_id uuid REFERENCES reports (id)`);
    await q.query(`
      DO $$
      DECLARE c record;
      BEGIN
        FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'evidence_files'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%finding_id%' LOOP
          EXECUTE format('ALTER TABLE evidence_files DROP CONSTRAINT %I', c.conname);
        END LOOP;
      END $$`);
    await q.query(`ALTER TABLE evidence_files ADD CONSTRAINT evidence_files_one_owner CHECK (num_nonnulls(assessment_id, finding_id, action_id, report_id) = 1)`);
    await q.query(`CREATE INDEX evidence_files_action_idx ON evidence_files (action_id) WHERE action_id IS NOT NULL`);
    await q.query(`CREATE INDEX evidence_files_report_idx ON evidence_files (report_id) WHERE report_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE defaults (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        origin text NOT NULL CHECK (origin IN ('missed_deadline', 'recorded')),
        subject text NOT NULL CHECK (subject IN ('report', 'assessment', 'action_plan', 'action', 'execution_condition')),
        subject_id uuid,
        missed_deadline date,
        occurred_on date NOT NULL,
        failing text NOT NULL CHECK (length(failing) BETWEEN 1 AND 5000),
        status text NOT NULL CHECK (status IN ('proposed', 'dismissed', 'notified', 'answered', 'acknowledged', 'decided')),
        clause_id uuid REFERENCES contract_clauses (id),
        reference text,
        article text,
        remedy_deadline date,
        response_deadline date,
        sent_at timestamptz,
        sent_on date,
        notified_by uuid REFERENCES users (id),
        response_text text CHECK (length(response_text) <= 20000),
        responded_at timestamptz,
        responded_by uuid REFERENCES users (id),
        acknowledged_at timestamptz,
        remedied_on date,
        dismissal_reasons text,
        decision text CHECK (decision IN ('applied', 'reduced', 'waived')),
        decision_reasons text,
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((origin = 'missed_deadline') = (missed_deadline IS NOT NULL AND subject_id IS NOT NULL)),
        CHECK ((status IN ('notified', 'answered', 'acknowledged', 'decided')) <= (sent_at IS NOT NULL AND reference IS NOT NULL)),
        CHECK ((status = 'decided') = (decision IS NOT NULL))
      )`);
    // The worker proposes each missed deadline once, however many workers run.
    await q.query(`CREATE UNIQUE INDEX defaults_missed_deadline_uq ON defaults (subject, subject_id, missed_deadline) WHERE origin = 'missed_deadline'`);
    await q.query(`CREATE UNIQUE INDEX defaults_reference_uq ON defaults (authority_id, reference) WHERE reference IS NOT NULL`);
    await q.query(`CREATE INDEX defaults_contract_idx ON defaults (contract_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX defaults_authority_status_idx ON defaults (authority_id, status)`);
    await q.query(`CREATE INDEX defaults_supplier_idx ON defaults (supplier_id, status)`);
    await q.query(`
      CREATE FUNCTION defaults_decided_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'DELETE' OR OLD.status IN ('decided', 'dismissed') THEN
          RAISE EXCEPTION 'decided defaults are immutable' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER defaults_immutable BEFORE UPDATE OR DELETE ON defaults FOR EACH ROW EXECUTE FUNCTION defaults_decided_immutable()`);

    // One numbering sequence per authority and year for notice references (ND-2026-0001).
    await q.query(`
      CREATE TABLE notice_counters (
        authority_id uuid NOT NULL REFERENCES organisations (id),
        year integer NOT NULL,
        last_number integer NOT NULL,
        PRIMARY KEY (authority_id, year)
      )`);

    // Bonus/malus proposals, one per accepted report, decided by the buyer.
    await q.query(`
      CREATE TABLE kpi_settlements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        report_id uuid NOT NULL UNIQUE REFERENCES reports (id),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        clause_id uuid NOT NULL REFERENCES contract_clauses (id),
        proposed_cents bigint NOT NULL,
        lines jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('proposed', 'decided')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX kpi_settlements_contract_idx ON kpi_settlements (contract_id, created_at DESC, id)`);

    // The money ledger: immutable entries; a correction reverses an entry and may add a new one.
    await q.query(`
      CREATE TABLE penalties (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        kind text NOT NULL CHECK (kind IN ('penalty', 'late_fine', 'bonus', 'malus')),
        outcome text NOT NULL CHECK (outcome IN ('applied', 'reduced', 'waived', 'automatic', 'reversal', 'correction')),
        amount_cents bigint NOT NULL,
        computed_cents bigint NOT NULL,
        currency char(3) NOT NULL,
        default_id uuid REFERENCES defaults (id),
        settlement_id uuid REFERENCES kpi_settlements (id),
        subject text,
        subject_id uuid,
        missed_deadline date,
        calculation jsonb NOT NULL,
        reasons text,
        reverses_id uuid UNIQUE REFERENCES penalties (id),
        decided_on date NOT NULL,
        decided_at timestamptz NOT NULL,
        decided_by uuid REFERENCES users (id),
        CHECK ((outcome = 'reversal') = (reverses_id IS NOT NULL)),
        CHECK (outcome = 'reversal' OR amount_cents >= 0)
      )`);
    await q.query(`CREATE TRIGGER penalties_immutable BEFORE UPDATE OR DELETE ON penalties FOR EACH ROW EXECUTE FUNCTION refuse_change()`);
    await q.query(`CREATE UNIQUE INDEX penalties_late_fine_uq ON penalties (subject, subject_id, missed_deadline) WHERE kind = 'late_fine' AND outcome = 'automatic'`);
    await q.query(`CREATE INDEX penalties_contract_idx ON penalties (contract_id, decided_at DESC, id)`);
    await q.query(`CREATE INDEX penalties_authority_cover_idx ON penalties (authority_id, decided_on) INCLUDE (contract_id, currency, kind, amount_cents)`);

    // Each reminder stage of each deadline is mailed once, however many workers run.
    await q.query(`
      CREATE TABLE deadline_reminders (
        subject text NOT NULL,
        subject_id uuid NOT NULL,
        deadline date NOT NULL,
        stage text NOT NULL CHECK (stage IN ('due_in_7', 'due_in_3', 'due_in_1', 'missed')),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        recipients integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subject, subject_id, deadline, stage)
      )`);

    // Each reassessment cycle of a contract is issued once.
    await q.query(`
      CREATE TABLE reassessment_cycles (
        contract_id uuid NOT NULL REFERENCES contracts (id),
        due_on date NOT NULL,
        assessment_id uuid REFERENCES assessments (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contract_id, due_on)
      )`);


    // Every dated obligation still open, in one place: reminders, proposed defaults, the
    // dashboard and a supplier's to-do list read the same definition of "due".
    await q.query(`
      CREATE VIEW open_deadlines AS
        SELECT 'assessment'::text AS subject, a.id AS subject_id, a.contract_id, a.authority_id, a.supplier_id, a.due_date AS deadline
          FROM assessments a WHERE a.status IN ('issued', 'in_progress', 'clarification_requested')
        UNION ALL
        SELECT 'report', o.id, o.contract_id, o.authority_id, o.supplier_id, o.due_date
          FROM report_obligations o
         WHERE o.superseded_at IS NULL AND o.fulfilled_on IS NULL
        UNION ALL
        SELECT 'action_plan', f.id, f.contract_id, f.authority_id, f.supplier_id, f.plan_due_date
          FROM findings f
         WHERE f.status = 'open' AND f.plan_due_date IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM action_plan_findings pf JOIN action_plans p ON p.id = pf.plan_id
                            WHERE pf.finding_id = f.id AND p.status IN ('submitted', 'approved', 'verified'))
        UNION ALL
        SELECT 'action', x.id, p.contract_id, p.authority_id, p.supplier_id, x.due_date
          FROM plan_actions x JOIN action_plans p ON p.id = x.plan_id
         WHERE x.status IN ('planned', 'in_progress') AND p.status = 'approved'
        UNION ALL
        SELECT 'notice_response', d.id, d.contract_id, d.authority_id, d.supplier_id, d.response_deadline
          FROM defaults d WHERE d.status = 'notified'`);

    // Dashboard aggregates read one authority's rows by index, never the other tenants' (measured
    // with bench:dashboard: without them the open deadlines of every tenant were scanned).
    await q.query(`CREATE INDEX assessments_authority_cover_idx ON assessments (authority_id, contract_id, status, colour)`);
    await q.query(`CREATE INDEX assessment_revisions_submitted_idx ON assessment_revisions (assessment_id) INCLUDE (submitted_at, colour) WHERE submitted_at IS NOT NULL`);
    await q.query(`CREATE INDEX findings_authority_open_idx ON findings (authority_id, severity) WHERE status = 'open'`);
    await q.query(`CREATE INDEX report_obligations_authority_idx ON report_obligations (authority_id, due_date) WHERE superseded_at IS NULL`);
    await q.query(`CREATE INDEX report_obligations_open_idx ON report_obligations (authority_id, due_date) INCLUDE (contract_id) WHERE superseded_at IS NULL AND fulfilled_on IS NULL`);
    await q.query(`CREATE INDEX assessments_open_due_idx ON assessments (authority_id, due_date) INCLUDE (contract_id) WHERE status IN ('issued', 'in_progress', 'clarification_requested')`);
    await q.query(`CREATE INDEX reports_authority_late_idx ON reports (authority_id, contract_id) WHERE days_late > 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP VIEW open_deadlines`);
    for (const index of ['reports_authority_late_idx', 'report_obligations_open_idx', 'assessments_open_due_idx', 'report_obligations_authority_idx', 'findings_authority_open_idx', 'assessment_revisions_submitted_idx', 'assessments_authority_cover_idx']) {
      await q.query(`DROP INDEX ${index}`);
    }
    await q.query(`DELETE FROM evidence_files WHERE action_id IS NOT NULL OR report_id IS NOT NULL`);
    await q.query(`ALTER TABLE evidence_files DROP CONSTRAINT evidence_files_one_owner`);
    await q.query(`ALTER TABLE evidence_files DROP COLUMN action_id, DROP COLUMN report_id`);
    await q.query(`ALTER TABLE evidence_files ADD CHECK ((assessment_id IS NULL) <> (finding_id IS NULL))`);
    for (const table of ['reassessment_cycles', 'deadline_reminders', 'penalties', 'kpi_settlements', 'notice_counters', 'defaults', 'report_submissions', 'reports', 'report_obligations', 'plan_actions', 'action_plan_findings', 'action_plans', 'contract_clauses']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP INDEX findings_plan_due_idx`);
    await q.query(`ALTER TABLE findings DROP COLUMN plan_due_date, DROP COLUMN closed_at`);
    await q.query(`DROP FUNCTION defaults_decided_immutable()`);
    await q.query(`DROP FUNCTION report_submissions_decided_once()`);
    await q.query(`DROP FUNCTION refuse_change()`);
  }
}
