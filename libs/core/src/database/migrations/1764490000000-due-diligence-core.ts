import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contracts (lots, framework participants, auditors, production sites, labels), questionnaire
 * templates, assessments with revisions, answers, evidence, review comments, shares, findings,
 * and idempotency keys. Published templates and submitted answers are protected by triggers.
 */
export class DueDiligenceCore1764490000000 implements MigrationInterface {
  name = 'DueDiligenceCore1764490000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        reference text NOT NULL CHECK (length(reference) BETWEEN 1 AND 100),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        is_framework boolean NOT NULL DEFAULT false,
        start_date date NOT NULL,
        end_date date NOT NULL,
        value_cents bigint NOT NULL CHECK (value_cents >= 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        time_zone text NOT NULL DEFAULT 'Europe/Brussels',
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'ended')),
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date >= start_date),
        CHECK (authority_id <> supplier_id)
      )`);
    await q.query(`CREATE UNIQUE INDEX contracts_reference_uq ON contracts (authority_id, reference)`);
    await q.query(`CREATE INDEX contracts_authority_idx ON contracts (authority_id, created_at DESC, id)`);
    await q.query(`CREATE INDEX contracts_supplier_idx ON contracts (supplier_id)`);

    await q.query(`
      CREATE TABLE contract_lots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
        position integer NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 2000),
        UNIQUE (contract_id, position)
      )`);

    await q.query(`
      CREATE TABLE contract_participants (
        contract_id uuid NOT NULL REFERENCES contracts (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        added_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (contract_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX contract_participants_organisation_idx ON contract_participants (organisation_id, contract_id)`);

    await q.query(`
      CREATE TABLE contract_auditors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        audit_body_id uuid NOT NULL REFERENCES organisations (id),
        assigned_by uuid REFERENCES users (id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        revoked_by uuid REFERENCES users (id),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX contract_auditors_active_uq ON contract_auditors (contract_id, audit_body_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX contract_auditors_body_idx ON contract_auditors (audit_body_id, contract_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE production_sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        address text NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        tier integer NOT NULL CHECK (tier BETWEEN 1 AND 20),
        products text[] NOT NULL DEFAULT '{}',
        workforce integer CHECK (workforce >= 0),
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX production_sites_contract_idx ON production_sites (contract_id, tier, name)`);

    await q.query(`
      CREATE TABLE product_labels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        label text NOT NULL CHECK (label IN ('tco_certified', 'epeat', 'energy_star', 'other')),
        other_label text CHECK (length(other_label) BETWEEN 1 AND 200),
        product text NOT NULL CHECK (length(product) BETWEEN 1 AND 300),
        certificate_number text NOT NULL CHECK (length(certificate_number) BETWEEN 1 AND 100),
        valid_until date NOT NULL,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((label = 'other') = (other_label IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX product_labels_contract_idx ON product_labels (contract_id, valid_until)`);

    await q.query(`
      CREATE TABLE questionnaire_templates (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL,
        version_number integer NOT NULL CHECK (version_number >= 1),
        owner_id uuid NOT NULL REFERENCES organisations (id),
        status text NOT NULL CHECK (status IN ('draft', 'published')),
        title text NOT NULL,
        definition jsonb NOT NULL,
        question_count integer NOT NULL,
        reference_key text,
        content_hash text NOT NULL,
        version integer NOT NULL DEFAULT 1,
        created_by uuid REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        published_by uuid REFERENCES users (id),
        published_at timestamptz,
        UNIQUE (family_id, version_number),
        CHECK ((status = 'published') = (published_at IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX questionnaire_templates_one_draft_uq ON questionnaire_templates (family_id) WHERE status = 'draft'`);
    await q.query(`CREATE INDEX questionnaire_templates_owner_idx ON questionnaire_templates (owner_id, title, id)`);
    await q.query(`CREATE INDEX questionnaire_templates_reference_idx ON questionnaire_templates (reference_key, version_number) WHERE reference_key IS NOT NULL`);
    await q.query(`
      CREATE FUNCTION questionnaire_templates_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'published' THEN
          RAISE EXCEPTION 'published template versions are immutable' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER questionnaire_templates_immutable BEFORE UPDATE OR DELETE ON questionnaire_templates FOR EACH ROW EXECUTE FUNCTION questionnaire_templates_published_immutable()`);

    await q.query(`
      CREATE TABLE assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        template_id uuid NOT NULL REFERENCES questionnaire_templates (id),
        status text NOT NULL CHECK (status IN ('issued', 'in_progress', 'submitted', 'clarification_requested', 'accepted', 'withdrawn')),
        due_date date NOT NULL,
        language text NOT NULL CHECK (language IN ('fr', 'nl', 'en')),
        revision integer NOT NULL DEFAULT 1,
        version integer NOT NULL DEFAULT 1,
        colour text NOT NULL DEFAULT 'grey' CHECK (colour IN ('green', 'amber', 'red', 'grey')),
        score numeric(4, 1),
        source_assessment_id uuid REFERENCES assessments (id),
        issued_by uuid REFERENCES users (id),
        issued_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES users (id),
        withdrawn_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX assessments_authority_idx ON assessments (authority_id, issued_at DESC, id)`);
    await q.query(`CREATE INDEX assessments_supplier_idx ON assessments (supplier_id, issued_at DESC, id)`);
    await q.query(`CREATE INDEX assessments_contract_idx ON assessments (contract_id, issued_at DESC, id)`);

    await q.query(`
      CREATE TABLE assessment_revisions (
        assessment_id uuid NOT NULL REFERENCES assessments (id),
        number integer NOT NULL CHECK (number >= 1),
        opened_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users (id),
        colour text NOT NULL DEFAULT 'grey' CHECK (colour IN ('green', 'amber', 'red', 'grey')),
        score numeric(4, 1),
        rating jsonb NOT NULL DEFAULT '{}',
        decision text CHECK (decision IN ('accepted', 'clarification_requested')),
        decided_at timestamptz,
        decided_by uuid REFERENCES users (id),
        PRIMARY KEY (assessment_id, number)
      )`);

    await q.query(`
      CREATE TABLE assessment_answers (
        assessment_id uuid NOT NULL,
        revision integer NOT NULL,
        question_code text NOT NULL,
        value jsonb,
        not_applicable boolean NOT NULL DEFAULT false,
        comment text CHECK (length(comment) <= 5000),
        colour text NOT NULL CHECK (colour IN ('green', 'amber', 'red', 'grey')),
        red_flag boolean NOT NULL DEFAULT false,
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (assessment_id, revision, question_code),
        FOREIGN KEY (assessment_id, revision) REFERENCES assessment_revisions (assessment_id, number)
      )`);
    // Submitted answers are immutable: a clarification round writes a new revision.
    await q.query(`
      CREATE FUNCTION assessment_answers_submitted_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        r record;
      BEGIN
        r := CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END;
        IF EXISTS (SELECT 1 FROM assessment_revisions WHERE assessment_id = r.assessment_id AND number = r.revision AND submitted_at IS NOT NULL) THEN
          RAISE EXCEPTION 'answers of a submitted revision are immutable' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`CREATE TRIGGER assessment_answers_immutable BEFORE INSERT OR UPDATE OR DELETE ON assessment_answers FOR EACH ROW EXECUTE FUNCTION assessment_answers_submitted_immutable()`);

    await q.query(`
      CREATE TABLE review_comments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL REFERENCES assessments (id),
        revision integer NOT NULL,
        question_code text NOT NULL,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
        author_id uuid REFERENCES users (id),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX review_comments_assessment_idx ON review_comments (assessment_id, revision, created_at)`);

    await q.query(`
      CREATE TABLE evidence_files (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations (id),
        assessment_id uuid REFERENCES assessments (id),
        question_code text,
        revision_added integer,
        revision_removed integer,
        finding_id uuid,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        content_type text NOT NULL,
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 char(64) NOT NULL,
        storage_key text NOT NULL,
        document_date date NOT NULL,
        uploaded_by uuid REFERENCES users (id),
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((assessment_id IS NULL) = (question_code IS NULL)),
        CHECK ((assessment_id IS NULL) <> (finding_id IS NULL))
      )`);
    await q.query(`CREATE INDEX evidence_files_assessment_idx ON evidence_files (assessment_id, question_code) WHERE assessment_id IS NOT NULL`);
    await q.query(`CREATE INDEX evidence_files_finding_idx ON evidence_files (finding_id) WHERE finding_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE assessment_shares (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        assessment_id uuid NOT NULL REFERENCES assessments (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        shared_by uuid REFERENCES users (id),
        shared_at timestamptz NOT NULL DEFAULT now(),
        revoked_by uuid REFERENCES users (id),
        revoked_at timestamptz
      )`);
    await q.query(`CREATE UNIQUE INDEX assessment_shares_active_uq ON assessment_shares (assessment_id, authority_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE INDEX assessment_shares_authority_idx ON assessment_shares (authority_id, assessment_id) WHERE revoked_at IS NULL`);

    await q.query(`
      CREATE TABLE findings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES contracts (id),
        authority_id uuid NOT NULL REFERENCES organisations (id),
        supplier_id uuid NOT NULL REFERENCES organisations (id),
        assessment_id uuid REFERENCES assessments (id),
        question_code text,
        revision integer,
        source text NOT NULL CHECK (source IN ('assessment', 'manual')),
        severity text NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
        theme text NOT NULL,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text CHECK (length(description) <= 5000),
        answer jsonb,
        status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'closed')),
        created_by uuid REFERENCES users (id),
        created_by_organisation_id uuid REFERENCES organisations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((source = 'assessment') = (assessment_id IS NOT NULL AND question_code IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX findings_answer_uq ON findings (assessment_id, question_code) WHERE source = 'assessment'`);
    await q.query(`CREATE INDEX findings_contract_idx ON findings (contract_id, created_at DESC, id)`);
    await q.query(`ALTER TABLE evidence_files ADD FOREIGN KEY (finding_id) REFERENCES findings (id)`);

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id),
        key text NOT NULL,
        scope text NOT NULL,
        request_hash text NOT NULL,
        status integer NOT NULL,
        body json NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'evidence_files',
      'findings',
      'assessment_shares',
      'review_comments',
      'assessment_answers',
      'assessment_revisions',
      'assessments',
      'questionnaire_templates',
      'product_labels',
      'production_sites',
      'contract_auditors',
      'contract_participants',
      'contract_lots',
      'contracts',
    ]) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION assessment_answers_submitted_immutable()`);
    await q.query(`DROP FUNCTION questionnaire_templates_published_immutable()`);
  }
}
