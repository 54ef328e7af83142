import { contractRoleSql } from '@ddp/contracts';
import { assessmentVisibleSql } from '@ddp/assessments';
import { calendarDate, CellInput, ColumnSpec } from './workbook-writer';

/**
 * The sheets of the auditor workbook after its Summary. Every query reads two temporary tables
 * made at the start of the export's transaction: `export_params p` (the requester's organisation
 * `org`, the period `from_date`/`to_date`, whether audit events may go in) and `export_scope s`
 * (the contracts in scope the organisation has a part in, `execution`: whether it may follow
 * their execution — buyers of the contract and assigned auditors, not framework participants).
 * Timestamps are compared with the period as UTC dates.
 */
export interface SheetSource {
  name: string;
  columns: ColumnSpec[];
  /** The rows, in order (read through a cursor). */
  sql: string;
  /** How many rows `sql` gives (in the same snapshot). */
  count: string;
  row(r: Record<string, any>, ctx: RowContext): CellInput[];
}

export interface RowContext {
  /** The text of a question in the requester's language (with fallback), and of an answer. */
  question(templateId: string, code: string): QuestionText;
  /** What a sheet carries from one row to the next (emptied before each sheet). */
  carry: Record<string, any>;
}

export interface QuestionText {
  section: string;
  text: string;
  answer(value: unknown): CellInput;
}

/** `expr` (a date, or a timestamp read as a UTC date) within the export's period. */
function inPeriod(expr: string, timestamp = false): string {
  const d = timestamp ? `((${expr}) AT TIME ZONE 'UTC')::date` : `(${expr})`;
  return `(p.from_date IS NULL OR ${d} >= p.from_date) AND (p.to_date IS NULL OR ${d} <= p.to_date)`;
}

const day = (expr: string) => `to_char(${expr}, 'YYYY-MM-DD')`;

function simple(name: string, columns: ColumnSpec[], select: string, from: string, order: string, row: SheetSource['row']): SheetSource {
  return { name, columns, sql: `SELECT ${select} ${from} ORDER BY ${order}`, count: `SELECT count(*)::int AS n ${from}`, row };
}

const SEVERITY_COLOUR: Record<string, string> = { high: 'red', medium: 'amber', low: 'green' };

export const SHEETS: SheetSource[] = [
  simple(
    'Contracts',
    [
      { header: 'Reference', width: 18 },
      { header: 'Title', width: 40 },
      { header: 'Buyer', width: 28 },
      { header: 'Supplier', width: 28 },
      { header: 'Your role', width: 12 },
      { header: 'Framework', width: 10 },
      { header: 'Start', width: 12, type: 'date' },
      { header: 'End', width: 12, type: 'date' },
      { header: 'Value', width: 18, type: 'money' },
      { header: 'Currency', width: 9 },
      { header: 'Status', width: 11 },
      { header: 'Time zone', width: 18 },
    ],
    `c.reference, c.title, ao.name AS authority, so.name AS supplier, ${contractRoleSql('c', 'p.org')} AS role, c.is_framework, ${day('c.start_date')} AS start_date,
     ${day('c.end_date')} AS end_date, c.value_cents::float8 AS value_cents, c.currency, c.status, c.time_zone`,
    `FROM export_scope s JOIN contracts c ON c.id = s.id JOIN organisations ao ON ao.id = c.authority_id JOIN organisations so ON so.id = c.supplier_id CROSS JOIN export_params p`,
    'c.reference, c.id',
    (r) => [r.reference, r.title, r.authority, r.supplier, r.role, r.is_framework ? 'yes' : 'no', calendarDate(r.start_date), calendarDate(r.end_date), { cents: r.value_cents, currency: r.currency }, r.currency, r.status, r.time_zone],
  ),
  simple(
    'Suppliers and sites',
    [
      { header: 'Contract', width: 18 },
      { header: 'Supplier', width: 28 },
      { header: 'Supplier country', width: 10 },
      { header: 'Registration number', width: 18 },
      { header: 'Site', width: 28 },
      { header: 'Address', width: 40 },
      { header: 'Site country', width: 10 },
      { header: 'Tier', width: 6, type: 'integer' },
      { header: 'Products', width: 30 },
      { header: 'Workforce', width: 10, type: 'integer' },
    ],
    `c.reference, so.name AS supplier, so.country, so.registration_number, ps.name AS site, ps.address, ps.country AS site_country, ps.tier, array_to_string(ps.products, ', ') AS products, ps.workforce`,
    `FROM export_scope s JOIN contracts c ON c.id = s.id JOIN organisations so ON so.id = c.supplier_id LEFT JOIN production_sites ps ON ps.contract_id = c.id`,
    'c.reference, c.id, ps.tier, ps.name, ps.id',
    (r) => [r.reference, r.supplier, r.country, r.registration_number, r.site, r.address, r.site_country, r.tier, r.products || null, r.workforce],
  ),
  simple(
    'Smelters',
    [
      { header: 'Contract', width: 18 },
      { header: 'Supplier', width: 28 },
      { header: 'Template', width: 11 },
      { header: 'Effective date', width: 12, type: 'date' },
      { header: 'Metal', width: 12 },
      { header: 'Smelter', width: 36 },
      { header: 'Country', width: 18 },
      { header: 'Smelter ID', width: 14 },
      { header: 'Source of the ID', width: 22 },
    ],
    `c.reference, so.name AS supplier, mr.kind || ' ' || mr.version AS template, ${day('mr.effective_date')} AS effective_date, ms.metal, ms.name, ms.country, ms.smelter_id, ms.source`,
    // The smelters of each supplier's current CMRT/EMRT, for those who follow the contract's execution.
    `FROM export_scope s JOIN contracts c ON c.id = s.id JOIN minerals_reports mr ON mr.contract_id = c.id AND mr.status = 'current'
     JOIN minerals_smelters ms ON ms.report_id = mr.id JOIN organisations so ON so.id = mr.supplier_id WHERE s.execution`,
    'c.reference, ms.metal, ms.group_key, ms.row_number, ms.id',
    (r) => [r.reference, r.supplier, r.template, calendarDate(r.effective_date), r.metal, r.name, r.country, r.smelter_id, r.source],
  ),
  simple(
    'Assessments',
    [
      { header: 'Contract', width: 18 },
      { header: 'Supplier', width: 28 },
      { header: 'Template', width: 32 },
      { header: 'Template version', width: 9, type: 'integer' },
      { header: 'Status', width: 16 },
      { header: 'Overall colour', width: 10, type: 'colour' },
      { header: 'Score', width: 8, type: 'number' },
      { header: 'Language', width: 9 },
      { header: 'Revision', width: 9, type: 'integer' },
      { header: 'Issued on', width: 12, type: 'date' },
      { header: 'Due date', width: 12, type: 'date' },
      { header: 'Submitted at (UTC)', width: 20, type: 'datetime' },
      { header: 'Accepted at (UTC)', width: 20, type: 'datetime' },
    ],
    `c.reference, so.name AS supplier, qt.title, qt.version_number, a.status, a.colour, a.score::float8 AS score, a.language, a.revision,
     ${day(`a.issued_at AT TIME ZONE 'UTC'`)} AS issued_on, ${day('a.due_date')} AS due_date, a.submitted_at, a.accepted_at`,
    `FROM export_scope s JOIN contracts c ON c.id = s.id JOIN assessments a ON a.contract_id = c.id JOIN organisations so ON so.id = a.supplier_id
     JOIN questionnaire_templates qt ON qt.id = a.template_id CROSS JOIN export_params p
     WHERE ${assessmentVisibleSql('a', 'c', 'p.org')} AND ${inPeriod('a.issued_at', true)}`,
    'c.reference, a.issued_at, a.id',
    (r) => [r.reference, r.supplier, r.title, r.version_number, r.status, r.colour, r.score, r.language, r.revision, calendarDate(r.issued_on), calendarDate(r.due_date), r.submitted_at, r.accepted_at],
  ),
  answers(),
  simple(
    'Findings',
    [
      { header: 'Contract', width: 18 },
      { header: 'Supplier', width: 28 },
      { header: 'Severity', width: 9 },
      { header: 'Colour', width: 9, type: 'colour' },
      { header: 'Source', width: 11 },
      { header: 'Question code', width: 12 },
      { header: 'Theme', width: 22 },
      { header: 'Title', width: 40 },
      { header: 'Description', width: 50 },
      { header: 'Status', width: 10 },
      { header: 'Recorded at (UTC)', width: 20, type: 'datetime' },
      { header: 'Plan due date', width: 12, type: 'date' },
      { header: 'Closed at (UTC)', width: 20, type: 'datetime' },
    ],
    `c.reference, so.name AS supplier, f.severity, f.source, f.question_code, f.theme, f.title, f.description, f.status, f.created_at, ${day('f.plan_due_date')} AS plan_due_date, f.closed_at`,
    `FROM export_scope s JOIN contracts c ON c.id = s.id JOIN findings f ON f.contract_id = c.id JOIN organisations so ON so.id = f.supplier_id CROSS JOIN export_params p
     WHERE ${inPeriod('f.created_at', true)}`,
    'c.reference, f.created_at, f.id',
    (r) => [r.reference, r.supplier, r.severity, SEVERITY_COLOUR[r.severity] ?? null, r.source, r.question_code, r.theme, r.title, r.description, r.status, r.created_at, calendarDate(r.plan_due_date), r.closed_at],
  ),
  // One row per action (a plan without actions: one row). Drafts only to the organisation writing them.
  simple(
    'Action plans and actions',
    [
      { header: 'Contract', width: 18 },
      { header: 'Supplier', width: 28 },
      { header: 'Plan status', width: 11 },
      { header: 'Findings', width: 40 },
      { header: 'Root cause', width: 40 },
      { header: 'Created on', width: 12, type: 'date' },
      { header: 'Submitted on', width: 12, type: 'date' },
      { header: 'Approved at (UTC)', width: 20, type: 'datetime' },
      { header: 'Action', width: 6, type: 'integer' },
      { header: 'Action description', width: 40 },
      { header: 'Owner', width: 20 },
      { header: 'Due date', width: 12, type: 'date' },
      { header: 'Action status', width: 12 },
      { header: 'Done on', width: 12, type: 'date' },
    ],
    `c.reference, so.name AS supplier, ap.status, ap.root_cause, ${day('ap.created_on')} AS created_on, ${day('ap.submitted_on')} AS submitted_on, ap.approved_at,
     (SELECT string_agg(f.title, '; ' ORDER BY f.created_at, f.id) FROM action_plan_findings pf JOIN findings f ON f.id = pf.finding_id WHERE pf.plan_id = ap.id) AS findings,
     x.position, x.description, x.owner, ${day('x.due_date')} AS due_date, x.status AS action_status, ${day('x.done_on')} AS done_on`,
    `FROM export_scope s JOIN contracts c ON c.id = s.id JOIN action_plans ap ON ap.contract_id = c.id JOIN organisations so ON so.id = ap.supplier_id
     LEFT JOIN plan_actions x ON x.plan_id = ap.id CROSS JOIN export_params p
     WHERE s.execution AND (ap.status <> 'draft' OR ap.created_by_organisation_id = p.org) AND ${inPeriod('ap.created_on')}`,
    'c.reference, ap.created_at, ap.id, x.position',
    (r) => [r.reference, r.supplier, r.status, r.findings, r.root_cause, calendarDate(r.created_on), calendarDate(r.submitted_on), r.approved_at, r.position, r.description, r.owner, calendarDate(r.due_date), r.action_status, calendarDate(r.done_on)],
  ),
  // One row per KPI value of each report (one row for a report without values, or not yet submitted).
  simple(
    'Reports and KPIs',
    [
      { header: 'Contract', width: 18 },
      { header: 'Supplier', width: 28 },
      { header: 'Period start', width: 12, type: 'date' },
      { header: 'Period end', width: 12, type: 'date' },
      { header: 'Due date', width: 12, type: 'date' },
      { header: 'Report status', width: 14 },
      { header: 'First submitted on', width: 12, type: 'date' },
      { header: 'Days late', width: 9, type: 'integer' },
      { header: 'Submissions', width: 11, type: 'integer' },
      { header: 'KPI', width: 22 },
      { header: 'KPI value', width: 12 },
    ],
    `c.reference, so.name AS supplier, ${day('o.period_start')} AS period_start, ${day('o.period_end')} AS period_end, ${day('o.due_date')} AS due_date,
     CASE WHEN r.id IS NULL OR r.status = 'draft' THEN 'not submitted' ELSE r.status END AS status, ${day('r.first_submitted_on')} AS first_submitted_on, r.days_late,
     COALESCE(r.submission_count, 0) AS submissions, k.value ->> 'code' AS kpi, k.value -> 'value' AS kpi_value`,
    `FROM export_scope s JOIN contracts c ON c.id = s.id JOIN report_obligations o ON o.contract_id = c.id AND o.superseded_at IS NULL
     JOIN organisations so ON so.id = o.supplier_id LEFT JOIN reports r ON r.obligation_id = o.id CROSS JOIN export_params p
     LEFT JOIN LATERAL jsonb_array_elements(CASE WHEN r.status IN ('submitted', 'accepted', 'returned') AND jsonb_typeof(r.kpi_values) = 'array' THEN r.kpi_values ELSE '[]'::jsonb END) k ON true
     WHERE s.execution AND ${inPeriod('o.period_end')}`,
    `c.reference, o.period_start, o.id, k.value ->> 'code'`,
    (r) => [r.reference, r.supplier, calendarDate(r.period_start), calendarDate(r.period_end), calendarDate(r.due_date), r.status, calendarDate(r.first_submitted_on), r.days_late, r.submissions, r.kpi, kpiValue(r.kpi_value)],
  ),
  defaultsAndPenalties(),
  simple(
    'Audit events',
    [
      { header: 'Sequence', width: 10 },
      { header: 'At (UTC)', width: 20, type: 'datetime' },
      { header: 'Action', width: 28 },
      { header: 'Record', width: 18 },
      { header: 'Record id', width: 38 },
      { header: 'By (user)', width: 30 },
      { header: 'By (organisation)', width: 28 },
    ],
    `e.seq::text AS seq, e.occurred_at, e.action, e.entity_type, e.entity_id, u.email, ao.name AS organisation`,
    `FROM audit_events e CROSS JOIN export_params p LEFT JOIN users u ON u.id = e.actor_user_id LEFT JOIN organisations ao ON ao.id = e.actor_organisation_id
     WHERE p.audit AND e.organisation_id = p.org AND ${inPeriod('e.occurred_at', true)}`,
    'e.seq',
    (r) => [r.seq, r.occurred_at, r.action, r.entity_type, r.entity_id, r.email, r.organisation],
  ),
];

/**
 * One row per answer of each assessment's last submitted revision (what its readers see); a file
 * question answered by evidence alone has a row too. Read assessment by assessment, each one's
 * answers in question order, so that PostgreSQL streams the rows to the cursor rather than
 * sorting them all first (the access check runs once per assessment, not per answer).
 */
function answers(): SheetSource {
  const assessments = `
    SELECT c.reference, so.name AS supplier, qt.id AS template_id, qt.title, qt.version_number, a.id, lr.number AS revision, c.id AS contract_id, a.issued_at
      FROM export_scope s JOIN contracts c ON c.id = s.id JOIN assessments a ON a.contract_id = c.id JOIN organisations so ON so.id = a.supplier_id
      JOIN questionnaire_templates qt ON qt.id = a.template_id CROSS JOIN export_params p
      JOIN LATERAL (SELECT max(r.number) AS number FROM assessment_revisions r WHERE r.assessment_id = a.id AND r.submitted_at IS NOT NULL) lr ON lr.number IS NOT NULL
     WHERE ${assessmentVisibleSql('a', 'c', 'p.org')} AND ${inPeriod('a.issued_at', true)}`;
  const rows = `
       SELECT x.question_code, x.value, x.not_applicable, x.comment, x.colour, x.red_flag FROM assessment_answers x WHERE x.assessment_id = a.id AND x.revision = a.revision
       UNION ALL -- file questions: the evidence is the answer
       SELECT DISTINCT e.question_code, NULL::jsonb, false, NULL::text, 'grey', false FROM evidence_files e
        WHERE e.assessment_id = a.id AND e.revision_added <= a.revision AND (e.revision_removed IS NULL OR e.revision_removed > a.revision)
          AND NOT EXISTS (SELECT 1 FROM assessment_answers x WHERE x.assessment_id = a.id AND x.revision = a.revision AND x.question_code = e.question_code)`;
  return {
    name: 'Answers',
    columns: [
      { header: 'Contract', width: 18 },
      { header: 'Supplier', width: 28 },
      { header: 'Template', width: 32 },
      { header: 'Template version', width: 9, type: 'integer' },
      { header: 'Revision', width: 9, type: 'integer' },
      { header: 'Section', width: 20 },
      { header: 'Question code', width: 12 },
      { header: 'Question', width: 60 },
      { header: 'Answer', width: 30 },
      { header: 'Colour', width: 9, type: 'colour' },
      { header: 'Red flag', width: 8 },
      { header: 'Comment', width: 40 },
      { header: 'Evidence files', width: 30 },
      { header: 'Evidence SHA-256', width: 66 },
    ],
    // The nested loop keeps the order of the ordered assessments and of each one's ordered answers.
    // The assessment's columns come with its first answer only (n = 1): a million rows carry
    // a tenth of the bytes they would, and the row function carries them over to the next rows.
    sql: `SELECT CASE WHEN an.n = 1 THEN a.reference END AS reference, CASE WHEN an.n = 1 THEN a.supplier END AS supplier, CASE WHEN an.n = 1 THEN a.template_id END AS template_id,
                 CASE WHEN an.n = 1 THEN a.title END AS title, CASE WHEN an.n = 1 THEN a.version_number END AS version_number, CASE WHEN an.n = 1 THEN a.revision END AS revision, an.*
            FROM (${assessments} ORDER BY c.reference, c.id, a.issued_at, a.id OFFSET 0) a
            CROSS JOIN LATERAL (
              SELECT y.*, ev.names AS evidence_names, ev.hashes AS evidence_hashes, row_number() OVER (ORDER BY y.question_code) AS n
                FROM (${rows}) y
                LEFT JOIN (SELECT e.question_code, string_agg(e.file_name, '; ' ORDER BY e.uploaded_at, e.id) AS names, string_agg(e.sha256, '; ' ORDER BY e.uploaded_at, e.id) AS hashes
                             FROM evidence_files e WHERE e.assessment_id = a.id AND e.revision_added <= a.revision AND (e.revision_removed IS NULL OR e.revision_removed > a.revision)
                            GROUP BY e.question_code) ev ON ev.question_code = y.question_code
               ORDER BY y.question_code) an`,
    count: `SELECT count(*)::int AS n FROM (${assessments}) a CROSS JOIN LATERAL (${rows}) y`,
    row: (r, ctx) => {
      const a = r.template_id === null ? ctx.carry : (ctx.carry = { reference: r.reference, supplier: r.supplier, template_id: r.template_id, title: r.title, version_number: r.version_number, revision: r.revision });
      const q = ctx.question(a.template_id, r.question_code);
      const answer = r.not_applicable ? 'not applicable' : q.answer(r.value);
      return [a.reference, a.supplier, a.title, a.version_number, a.revision, q.section, r.question_code, q.text, answer, r.colour, r.red_flag ? 'yes' : 'no', r.comment, r.evidence_names, r.evidence_hashes];
    },
  };
}

/** Defaults (with the penalty decided on each) and the other ledger entries (late fines, bonus, malus, corrections). */
function defaultsAndPenalties(): SheetSource {
  const union = `
    SELECT 'default' AS record, c.reference, so.name AS supplier, d.reference AS notice, d.subject, d.failing AS description, ${day('d.occurred_on')} AS on_date, d.status,
           d.decision AS outcome, NULL::text AS kind, pen.amount AS amount_cents, COALESCE(pen.currency, c.currency) AS currency, d.decision_reasons AS reasons, d.created_at AS at, d.id
      FROM export_scope s JOIN contracts c ON c.id = s.id JOIN defaults d ON d.contract_id = c.id JOIN organisations so ON so.id = d.supplier_id CROSS JOIN export_params p
      LEFT JOIN LATERAL (SELECT sum(pe.amount_cents)::float8 AS amount, min(pe.currency) AS currency FROM penalties pe WHERE pe.default_id = d.id) pen ON true
     WHERE s.execution AND ${inPeriod('d.occurred_on')}
    UNION ALL
    SELECT 'ledger entry', c.reference, so.name, dd.reference, pe.subject, NULL, ${day('pe.decided_on')}, NULL, pe.outcome, pe.kind, pe.amount_cents::float8, pe.currency, pe.reasons, pe.decided_at, pe.id
      FROM export_scope s JOIN contracts c ON c.id = s.id JOIN penalties pe ON pe.contract_id = c.id JOIN organisations so ON so.id = pe.supplier_id CROSS JOIN export_params p
      LEFT JOIN defaults dd ON dd.id = pe.default_id
     WHERE s.execution AND ${inPeriod('pe.decided_on')}`;
  return {
    name: 'Defaults and penalties',
    columns: [
      { header: 'Record', width: 13 },
      { header: 'Contract', width: 18 },
      { header: 'Supplier', width: 28 },
      { header: 'Notice reference', width: 16 },
      { header: 'Subject', width: 18 },
      { header: 'Failing', width: 40 },
      { header: 'Date', width: 12, type: 'date' },
      { header: 'Status', width: 12 },
      { header: 'Decision / outcome', width: 14 },
      { header: 'Ledger kind', width: 11 },
      { header: 'Amount', width: 18, type: 'money' },
      { header: 'Currency', width: 9 },
      { header: 'Reasons', width: 40 },
    ],
    sql: `SELECT * FROM (${union}) x ORDER BY x.reference, x.on_date, x.at, x.id`,
    count: `SELECT count(*)::int AS n FROM (${union}) x`,
    row: (r) => [
      r.record,
      r.reference,
      r.supplier,
      r.notice,
      r.subject,
      r.description,
      calendarDate(r.on_date),
      r.status,
      r.outcome,
      r.kind,
      r.amount_cents === null ? null : { cents: r.amount_cents, currency: r.currency },
      r.currency,
      r.reasons,
    ],
  };
}

function kpiValue(value: unknown): CellInput {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (value === null || value === undefined) return null;
  return JSON.stringify(value);
}
