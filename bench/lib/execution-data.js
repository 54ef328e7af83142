'use strict';
/**
 * Generated contract-execution data for the dashboard benchmark (bench/dashboard.bench.js): a
 * portfolio of contracting authorities, suppliers, contracts, assessments with their revisions,
 * findings, corrective action plans, report obligations and reports, defaults, the penalty ledger
 * and product labels, written by bulk SQL (`INSERT … SELECT … FROM generate_series`) into a freshly
 * migrated database. Not a benchmark itself.
 *
 * Deterministic: every id is `md5(<kind>:<n>)::uuid` and every random-looking choice is a per-mille
 * drawn from `hashint8extended(n, salt)`, so the same size gives the same rows (dates are relative
 * to the day of the load, as the dashboard's "overdue", "this year" and "last 12 months" are).
 *
 * Shape (per size; `contracts` = suppliers × 1.1, every tenth supplier holding a second contract):
 * - authorities: `authorities` contracting authorities. Two of them are measured:
 *   - authority 0, "growing": every tenth contract (10 % of the portfolio at every size);
 *   - authority 1, "steady": 200 contracts at every size;
 *   the other contracts are spread over the remaining authorities by hash (~100 each).
 * - one published questionnaire template per authority; audit bodies (one per 20 authorities)
 *   assigned to 5 % of the contracts.
 * - contracts started 1.5-4 years ago, terms of 3, 4 or 5 years, 95 % EUR, 90 % Europe/Brussels.
 * - `assessments` assessments, ~4.5 per contract, one every 4 months over the last 20 months:
 *   the older ones 97 % accepted, the latest of each contract a mix of accepted, submitted,
 *   in_progress, issued, clarification_requested and withdrawn; rated ones 70 % green, 22 % amber,
 *   8 % red; one revision each, two after a clarification round (~10 %).
 * - findings: one for 80 % of the amber assessments, two per red one (~0.3 per assessment), plus manual
 *   findings on 5 % of the contracts; severities high/medium/low; most closed.
 * - corrective action plans for 70 % of the high findings (every status), two actions each.
 * - one due-diligence clause per contract and its quarterly report obligations over the whole term
 *   (due 30 days after each quarter); a report for 97 % of the past ones (15 % late), drafts for
 *   some current ones.
 * - defaults on 10 % of the contracts, in every status; the ledger: penalties of decided defaults,
 *   a late fine per late report (3 % reversed), bonus/malus on 5 % of accepted reports.
 * - two product labels per contract, valid until dates spread from a year ago to three years ahead.
 * Not generated (the dashboard does not read them): answers, evidence, comments, report submission
 * snapshots, KPI settlements, users other than the measured viewers (made by the benchmark).
 */

/** The two sizes: the large one, and ten times less. */
const SIZES = {
  large: { name: 'large', suppliers: 20_000, assessments: 100_000, authorities: 200 },
  small: { name: 'small', suppliers: 2_000, assessments: 10_000, authorities: 20 },
};

/** The contracts of the "steady" authority, the same at every size. */
const STEADY_CONTRACTS = 200;
/** The "growing" authority holds every GROWING_EVERY-th contract. */
const GROWING_EVERY = 10;

/** Every table the generator writes, in the order of their counts in the report. */
const TABLES = [
  'organisations',
  'questionnaire_templates',
  'contracts',
  'contract_auditors',
  'contract_clauses',
  'product_labels',
  'assessments',
  'assessment_revisions',
  'findings',
  'action_plans',
  'action_plan_findings',
  'plan_actions',
  'report_obligations',
  'reports',
  'defaults',
  'penalties',
];

/** The ids of the organisations the benchmark measures. */
const orgId = (kind, n) => `md5('org:${kind}:' || (${n}))::uuid`;

/** A per-mille 0..999 drawn from the bigint `expr` and `salt` (deterministic). */
const H = (expr, salt) => `(((hashint8extended((${expr})::bigint, ${salt}) % 1000) + 1000) % 1000)::int`;

/** A small, fixed questionnaire definition (the dashboard never reads it). */
const DEFINITION = {
  languages: ['en'],
  title: { en: 'Due diligence: ICT hardware supply chain' },
  scoring: { method: 'worst' },
  sections: [1, 2].map((s) => ({
    code: `S${s}`,
    title: { en: `Section ${s}` },
    questions: [1, 2, 3, 4, 5].map((q) => ({
      code: `S${s}-Q00${q}`,
      theme: 'other',
      required: true,
      type: 'yes_no',
      text: { en: `Question S${s}-Q00${q}` },
      options: [
        { value: 'yes', label: { en: 'Yes' }, colour: 'green' },
        { value: 'no', label: { en: 'No' }, colour: 'amber' },
      ],
    })),
  })),
};

const CLAUSE_TERMS = {
  articles: { report: 'Art. 12.3', assessment: 'Art. 12.1', action_plan: 'Art. 12.4', action: 'Art. 12.4', execution_condition: 'Art. 11' },
  reporting: {
    frequency: 'quarterly',
    dueDays: 30,
    kpis: [{ code: 'AUDITED_SITES', name: 'Tier-1 sites audited', unit: 'percent', direction: 'higher', target: '80', amberThreshold: '60' }],
  },
  reassessment: { intervalMonths: 4, responseDays: 60 },
  noticeResponseDays: 15,
  noticeRemedyDays: 30,
  planDeadlineDays: 30,
  penalties: { perDefault: { kind: 'fixed', amountCents: 250000 } },
  lateFines: { ratePerDayBasisPoints: 7, capBasisPoints: 500, deliverableValueCents: { report: 2500000 } },
};

/**
 * The statements of one size, in order. `$x` placeholders are not used: the sizes are integers
 * written into the SQL; the two JSON documents are passed as parameters where needed.
 */
function statements(size) {
  const S = size.suppliers;
  const C = S + Math.floor(S / 10);
  const N = size.assessments;
  const T = size.authorities;
  const AB = Math.max(1, Math.floor(T / 20));
  if (T < 3 || C / GROWING_EVERY < STEADY_CONTRACTS) throw new Error(`size ${size.name} too small for the measured authorities`);
  // No later than an hour ago (NULL stays NULL).
  const capNow = (expr) => `CASE WHEN ${expr} IS NOT NULL THEN least(${expr}, now() - interval '1 hour') END`;
  return [
    // --- organisations and templates -------------------------------------------------------
    [
      'organisations',
      `INSERT INTO organisations (id, name, kind, country, registration_number, preferred_language, created_at, updated_at)
       SELECT ${orgId('authority', 'n')}, format('Authority %s', lpad(n::text, 3, '0')), 'contracting_authority', 'BE', NULL,
              (ARRAY['nl', 'fr', 'en'])[1 + n % 3], now() - interval '5 years', now() - interval '5 years'
         FROM generate_series(0, ${T - 1}) n
       UNION ALL
       SELECT ${orgId('supplier', 'n')}, format('Supplier %s NV', lpad(n::text, 5, '0')), 'supplier', 'BE', lpad(n::text, 10, '0'),
              (ARRAY['nl', 'fr', 'en', 'de'])[1 + n % 4], now() - interval '5 years', now() - interval '5 years'
         FROM generate_series(0, ${S - 1}) n
       UNION ALL
       SELECT ${orgId('audit', 'n')}, format('Audit body %s', n), 'audit_body', 'BE', NULL, 'en', now() - interval '5 years', now() - interval '5 years'
         FROM generate_series(0, ${AB - 1}) n`,
    ],
    [
      'questionnaire_templates',
      `INSERT INTO questionnaire_templates (id, family_id, version_number, owner_id, status, title, definition, question_count, content_hash, created_at, updated_at, published_at)
       SELECT md5('template:' || n)::uuid, md5('family:' || n)::uuid, 1, ${orgId('authority', 'n')}, 'published', 'Due diligence: ICT hardware supply chain',
              $1::jsonb, 10, md5($1::text), now() - interval '4 years', now() - interval '4 years', now() - interval '4 years'
         FROM generate_series(0, ${T - 1}) n`,
      [JSON.stringify(DEFINITION)],
    ],
    // --- contracts ---------------------------------------------------------------------------
    [
      null,
      // Assessments per contract: 4 or 5. The measured authorities' contracts draw theirs from their own
      // number k alone, so that the steady authority's 200 contracts are the same rows at every size;
      // the other contracts take the rest, so that the total is exactly `assessments`.
      `CREATE TEMP TABLE gen_contracts ON COMMIT DROP AS
       WITH g AS (
         SELECT k,
                CASE WHEN k % ${GROWING_EVERY} = 0 THEN 0
                     WHEN k % ${GROWING_EVERY} = 1 AND k / ${GROWING_EVERY} < ${STEADY_CONTRACTS} THEN 1
                     ELSE 2 + ((hashint8extended(k::bigint, 1) % ${T - 2}) + ${T - 2}) % ${T - 2} END AS an,
                current_date - (550 + ${H('k', 2)} * 900 / 1000) AS start_date,
                36 + 12 * (${H('k', 3)} % 3) AS term_months,
                4 + (${H('k', 25)} < ${Math.round((N / C - 4) * 1000)})::int AS own_cycles
           FROM generate_series(0, ${C - 1}) k),
       rest AS (
         SELECT ${N} - sum(own_cycles) FILTER (WHERE an < 2) - 4 * count(*) FILTER (WHERE an >= 2) AS fives FROM g),
       ranked AS (
         SELECT g.*, row_number() OVER (PARTITION BY an < 2 ORDER BY hashint8extended(k::bigint, 26), k) AS rk FROM g)
       SELECT k, md5('contract:' || k)::uuid AS id, an, ${orgId('authority', 'an')} AS authority_id,
              ${orgId('supplier', `CASE WHEN k < ${S} THEN k ELSE (k - ${S}) * 10 END`)} AS supplier_id,
              start_date, term_months, (start_date + make_interval(months => term_months))::date - 1 AS end_date,
              CASE WHEN ${H('k', 5)} < 950 THEN 'EUR' WHEN ${H('k', 5)} < 980 THEN 'GBP' ELSE 'USD' END AS currency,
              CASE WHEN ${H('k', 6)} < 900 THEN 'Europe/Brussels' WHEN ${H('k', 6)} < 950 THEN 'Europe/Amsterdam' ELSE 'Europe/Paris' END AS time_zone,
              CASE WHEN an < 2 THEN own_cycles ELSE 4 + (rk <= rest.fives)::int END AS cycles
         FROM ranked, rest`,
    ],
    [
      'contracts',
      `INSERT INTO contracts (id, authority_id, supplier_id, reference, title, is_framework, start_date, end_date, value_cents, currency, time_zone, status, created_at, updated_at)
       SELECT id, authority_id, supplier_id, format('ICT-%s', lpad(k::text, 6, '0')),
              (ARRAY['Laptops and docking stations', 'Desktop computers', 'Servers and storage', 'Smartphones', 'Network equipment'])[1 + k % 5] || format(' (lot %s)', 1 + k % 3),
              ${H('k', 7)} < 50, start_date, end_date, (100000 + ${H('k', 8)} * 10000)::bigint * 100, currency, time_zone,
              CASE WHEN end_date < current_date THEN 'ended' WHEN ${H('k', 4)} < 10 THEN 'suspended' ELSE 'active' END,
              start_date - 30, start_date - 30
         FROM gen_contracts ORDER BY start_date, k`,
    ],
    [
      'contract_auditors',
      `INSERT INTO contract_auditors (id, contract_id, audit_body_id, assigned_at, revoked_at)
       SELECT md5('auditor:' || k)::uuid, id, ${orgId('audit', `${H('k', 9)} % ${AB}`)}, start_date + 10,
              CASE WHEN ${H('k', 10)} < 100 THEN start_date + 200 END
         FROM gen_contracts WHERE k % 20 = 5 ORDER BY start_date, k`,
    ],
    [
      'contract_clauses',
      `INSERT INTO contract_clauses (id, contract_id, version_number, effective_from, terms, created_at)
       SELECT md5('clause:' || k)::uuid, id, 1, start_date, $1::jsonb, start_date - 30 FROM gen_contracts ORDER BY start_date, k`,
      [JSON.stringify(CLAUSE_TERMS)],
    ],
    [
      'product_labels',
      `INSERT INTO product_labels (id, contract_id, label, other_label, product, certificate_number, valid_until, created_at)
       SELECT md5('label:' || k || ':' || i)::uuid, id, lbl, CASE WHEN lbl = 'other' THEN 'EU Ecolabel' END,
              format('Notebook 14" model %s', ${H('k * 2 + i', 12)}), format('CERT-%s-%s', k, i),
              current_date - 365 + ${H('k * 2 + i', 13)} * 1460 / 1000, start_date
         FROM (SELECT c.*, i, CASE WHEN ${H('k * 2 + i', 11)} < 400 THEN 'tco_certified' WHEN ${H('k * 2 + i', 11)} < 650 THEN 'epeat'
                                   WHEN ${H('k * 2 + i', 11)} < 900 THEN 'energy_star' ELSE 'other' END AS lbl
                 FROM gen_contracts c, generate_series(0, 1) i) l
        ORDER BY start_date, k, i`,
    ],
    // --- assessments ---------------------------------------------------------------------------
    [
      null,
      `CREATE TEMP TABLE gen_assessments ON COMMIT DROP AS
       WITH base AS (
         SELECT c.k * 8 + cycle AS j, c.k, c.id AS contract_id, c.an, c.authority_id, c.supplier_id, c.time_zone, c.cycles, cycle,
                ${H('c.k * 8 + cycle', 20)} AS ps, ${H('c.k * 8 + cycle', 21)} AS pc, ${H('c.k * 8 + cycle', 22)} AS pr, ${H('c.k * 8 + cycle', 23)} AS pt, ${H('c.k * 8 + cycle', 24)} AS pd
           FROM gen_contracts c CROSS JOIN generate_series(0, c.cycles - 1) cycle),
       timed AS (
         SELECT b.*, b.cycle = b.cycles - 1 AS latest,
                now() - make_interval(days => (b.cycles - 1 - b.cycle) * 120 + b.pt * 120 / 1000,
                                      hours => 2 + b.pd % 22) AS issued_at
           FROM base b),
       st AS (
         SELECT t.*,
                CASE WHEN t.latest THEN CASE WHEN ps < 300 THEN 'accepted' WHEN ps < 550 THEN 'submitted' WHEN ps < 700 THEN 'in_progress'
                                             WHEN ps < 850 THEN 'issued' WHEN ps < 950 THEN 'clarification_requested' ELSE 'withdrawn' END
                     ELSE CASE WHEN ps < 970 THEN 'accepted' WHEN ps < 985 THEN 'submitted' ELSE 'withdrawn' END END AS status,
                ${capNow("t.issued_at + make_interval(days => 5 + t.pr % 40, hours => t.pd % 7)")} AS done_at
           FROM timed t),
       col AS (
         SELECT st.*,
                CASE WHEN status IN ('accepted', 'submitted') THEN CASE WHEN pc < 700 THEN 'green' WHEN pc < 920 THEN 'amber' ELSE 'red' END
                     WHEN status = 'clarification_requested' THEN CASE WHEN pc < 600 THEN 'amber' ELSE 'red' END
                     ELSE 'grey' END AS colour,
                CASE WHEN status = 'clarification_requested' OR (status = 'accepted' AND pr < 100) THEN 2 ELSE 1 END AS revision
           FROM st)
       SELECT md5('assessment:' || j)::uuid AS id, col.*,
              CASE colour WHEN 'green' THEN 80 + pc % 20 WHEN 'amber' THEN 50 + pc % 30 WHEN 'red' THEN 20 + pc % 30 END::numeric(4, 1) AS score,
              -- first submission; with two revisions: submitted, sent back, submitted again (done_at)
              CASE WHEN status IN ('accepted', 'submitted', 'clarification_requested') THEN
                CASE WHEN revision = 2 THEN issued_at + (done_at - issued_at) / 3 ELSE done_at END END AS sub1,
              CASE WHEN revision = 2 THEN issued_at + (done_at - issued_at) * 2 / 3 END AS dec1,
              CASE WHEN revision = 2 AND status = 'accepted' THEN done_at END AS sub2,
              CASE WHEN status = 'accepted' THEN ${capNow("done_at + interval '7 days'")} END AS accepted_at
         FROM col`,
    ],
    [
      'assessments',
      `INSERT INTO assessments (id, contract_id, authority_id, supplier_id, template_id, status, due_date, language, revision, version, colour, score,
                               issued_at, submitted_at, accepted_at, withdrawn_at, updated_at)
       SELECT id, contract_id, authority_id, supplier_id, md5('template:' || an)::uuid, status, (issued_at AT TIME ZONE time_zone)::date + 60,
              (ARRAY['en', 'nl', 'fr'])[1 + pd % 3], revision, 1 + 2 * revision, colour, score,
              issued_at, coalesce(sub2, sub1), accepted_at, CASE WHEN status = 'withdrawn' THEN done_at END,
              coalesce(accepted_at, sub2, dec1, sub1, issued_at)
         FROM gen_assessments ORDER BY issued_at`,
    ],
    [
      'assessment_revisions',
      `INSERT INTO assessment_revisions (assessment_id, number, opened_at, submitted_at, colour, score, decision, decided_at)
       SELECT id, 1, issued_at, sub1,
              CASE WHEN revision = 2 THEN 'amber' ELSE colour END,
              CASE WHEN revision = 2 THEN 55 ELSE score END,
              CASE WHEN revision = 2 THEN 'clarification_requested' WHEN status = 'accepted' THEN 'accepted' END,
              CASE WHEN revision = 2 THEN dec1 WHEN status = 'accepted' THEN accepted_at END
         FROM gen_assessments
       UNION ALL
       SELECT id, 2, dec1, sub2,
              CASE WHEN status = 'accepted' THEN colour ELSE 'grey' END,
              CASE WHEN status = 'accepted' THEN score END,
              CASE WHEN status = 'accepted' THEN 'accepted' END,
              CASE WHEN status = 'accepted' THEN accepted_at END
         FROM gen_assessments WHERE revision = 2
       ORDER BY 3`,
    ],
    // --- findings, plans, actions ----------------------------------------------------------------
    [
      null,
      `CREATE TEMP TABLE gen_findings ON COMMIT DROP AS
       SELECT md5('finding:' || src || ':' || n)::uuid AS id, f.*,
              CASE WHEN fs < (CASE WHEN latest THEN 500 ELSE 50 END) THEN 'open'
                   WHEN fs < (CASE WHEN latest THEN 600 ELSE 100 END) THEN 'resolved' ELSE 'closed' END AS status
         FROM (
           SELECT 'a' AS src, a.j * 2 + i AS n, a.contract_id, a.authority_id, a.supplier_id, a.id AS assessment_id, format('S1-Q00%s', i + 1) AS question_code,
                  CASE WHEN i = 1 THEN 'medium' WHEN a.colour = 'red' THEN 'high' WHEN a.pc % 10 < 6 THEN 'medium' ELSE 'low' END AS severity,
                  a.sub1 AS created_at, a.latest, ${H('a.j * 2 + i', 30)} AS fs
             FROM gen_assessments a, generate_series(0, 1) i
            WHERE a.sub1 IS NOT NULL AND (a.colour = 'amber' AND i = 0 AND a.pr % 10 < 8 OR a.colour = 'red')
           UNION ALL
           SELECT 'm', c.k, c.id, c.authority_id, c.supplier_id, NULL, NULL,
                  (ARRAY['high', 'medium', 'low'])[1 + ${H('c.k', 31)} % 3], now() - make_interval(days => ${H('c.k', 32)} * 500 / 1000),
                  ${H('c.k', 33)} < 300, ${H('c.k', 34)}
             FROM gen_contracts c WHERE c.k % 20 = 7) f`,
    ],
    [
      'findings',
      `INSERT INTO findings (id, contract_id, authority_id, supplier_id, assessment_id, question_code, revision, source, severity, theme, title, description,
                             status, created_at, updated_at, plan_due_date, closed_at)
       SELECT id, contract_id, authority_id, supplier_id, assessment_id, question_code, CASE WHEN assessment_id IS NOT NULL THEN 1 END,
              CASE WHEN assessment_id IS NULL THEN 'manual' ELSE 'assessment' END, severity,
              (ARRAY['forced_labour', 'child_labour', 'wages', 'working_hours', 'health_safety', 'freedom_of_association'])[1 + fs % 6],
              format('Finding on %s', coalesce(question_code, 'site visit')), 'Generated for the dashboard benchmark.',
              status, created_at, ${capNow("created_at + interval '30 days'")},
              CASE WHEN severity = 'high' THEN (created_at AT TIME ZONE 'Europe/Brussels')::date + 30 END,
              CASE WHEN status = 'closed' THEN ${capNow("created_at + interval '60 days'")} END
         FROM gen_findings ORDER BY created_at`,
    ],
    [
      null,
      `CREATE TEMP TABLE gen_plans ON COMMIT DROP AS
       SELECT md5('plan:' || f.id)::uuid AS id, f.id AS finding_id, f.contract_id, f.authority_id, f.supplier_id, p.status, p.created_on,
              CASE WHEN p.status <> 'draft' THEN ${capNow("p.created_on + interval '3 days 10 hours'")} END AS submitted_at,
              CASE WHEN p.status IN ('approved', 'verified') THEN ${capNow("p.created_on + interval '8 days 10 hours'")} END AS approved_at,
              CASE WHEN p.status = 'verified' THEN ${capNow("p.created_on + interval '68 days 10 hours'")} END AS verified_at,
              ${H("hashtext(f.id::text)", 41)} AS pa
         FROM gen_findings f
        CROSS JOIN LATERAL (SELECT CASE WHEN f.status = 'closed' THEN 'verified' WHEN f.status = 'resolved' THEN 'approved'
                                        WHEN f.fs % 100 < 25 THEN 'draft' WHEN f.fs % 100 < 50 THEN 'submitted' WHEN f.fs % 100 < 85 THEN 'approved' ELSE 'rejected' END AS status,
                                   least((f.created_at AT TIME ZONE 'Europe/Brussels')::date + 7, current_date) AS created_on) p
        WHERE f.severity = 'high' AND ${H('hashtext(f.id::text)', 40)} < 700`,
    ],
    [
      'action_plans',
      `INSERT INTO action_plans (id, contract_id, authority_id, supplier_id, status, root_cause, created_on, rejection_comments, version, created_by_organisation_id,
                                 created_at, updated_at, submitted_at, submitted_on, approved_at, verified_at)
       SELECT id, contract_id, authority_id, supplier_id, status, 'Subcontracted assembly site without working-hours monitoring.', created_on,
              CASE WHEN status = 'rejected' THEN 'The plan does not address the root cause.' END, 3, supplier_id,
              created_on + interval '9 hours', coalesce(verified_at, approved_at, submitted_at, created_on + interval '9 hours'),
              submitted_at, (submitted_at AT TIME ZONE 'Europe/Brussels')::date, approved_at, verified_at
         FROM gen_plans ORDER BY created_on`,
    ],
    ['action_plan_findings', `INSERT INTO action_plan_findings (plan_id, finding_id) SELECT id, finding_id FROM gen_plans`],
    [
      'plan_actions',
      `INSERT INTO plan_actions (id, plan_id, position, description, owner, due_date, status, proposed_by, created_at, updated_at, done_at, done_on, verified_at)
       SELECT md5('action:' || p.id || ':' || i)::uuid, p.id, i, format('Corrective action %s', i), 'Supplier compliance officer', p.created_on + 30 * i, x.status,
              'supplier', p.created_on + interval '9 hours', p.created_on + interval '9 hours',
              CASE WHEN x.status IN ('done', 'verified') THEN ${capNow("p.created_on + make_interval(days => 25 * i)")} END,
              CASE WHEN x.status IN ('done', 'verified') THEN least(p.created_on + 25 * i, current_date) END,
              CASE WHEN x.status = 'verified' THEN p.verified_at END
         FROM gen_plans p CROSS JOIN generate_series(1, 2) i
        CROSS JOIN LATERAL (SELECT CASE WHEN p.status = 'verified' THEN 'verified'
                                        WHEN p.status = 'approved' THEN CASE WHEN (p.pa + i * 37) % 100 < 40 THEN 'planned' WHEN (p.pa + i * 37) % 100 < 70 THEN 'in_progress' ELSE 'done' END
                                        ELSE 'proposed' END AS status) x
        ORDER BY p.created_on, p.id, i`,
    ],
    // --- reports ------------------------------------------------------------------------------
    [
      null,
      `CREATE TEMP TABLE gen_obligations ON COMMIT DROP AS
       SELECT md5('obligation:' || c.k || ':' || q)::uuid AS id, c.k * 100 + q AS n, c.k, c.id AS contract_id, c.authority_id, c.supplier_id, c.currency, c.start_date,
              (c.start_date + make_interval(months => 3 * q))::date AS period_start,
              (c.start_date + make_interval(months => 3 * q + 3))::date - 1 AS period_end,
              (c.start_date + make_interval(months => 3 * q + 3))::date + 29 AS due_date
         FROM gen_contracts c, generate_series(0, c.term_months / 3 - 1) q`,
    ],
    [
      'report_obligations',
      `INSERT INTO report_obligations (id, contract_id, authority_id, supplier_id, clause_id, period_start, period_end, due_date, created_at)
       SELECT id, contract_id, authority_id, supplier_id, md5('clause:' || k)::uuid, period_start, period_end, due_date, start_date - 29
         FROM gen_obligations ORDER BY start_date, k, period_start`,
    ],
    [
      null,
      `CREATE TEMP TABLE gen_reports ON COMMIT DROP AS
       SELECT o.*, r.status, r.days_late,
              CASE WHEN r.days_late IS NULL THEN NULL WHEN r.days_late > 0 THEN o.due_date + r.days_late ELSE o.due_date - (${H('o.n', 53)} % 10) END AS submitted_on
         FROM gen_obligations o
        CROSS JOIN LATERAL (
          SELECT CASE WHEN o.due_date < current_date AND ${H('o.n', 50)} < 970 THEN
                        CASE WHEN ${H('o.n', 51)} < 850 THEN 'accepted' WHEN ${H('o.n', 51)} < 950 THEN 'submitted' ELSE 'returned' END
                      WHEN o.due_date < current_date AND ${H('o.n', 50)} < 985 THEN 'draft'
                      WHEN o.due_date >= current_date AND o.period_start <= current_date AND ${H('o.n', 50)} < 300 THEN 'draft' END AS status,
                 CASE WHEN o.due_date < current_date AND ${H('o.n', 50)} < 970 THEN
                        CASE WHEN ${H('o.n', 52)} < 850 THEN 0 ELSE 1 + ${H('o.n', 52)} % 25 END END AS days_late) r
        WHERE r.status IS NOT NULL`,
    ],
    [
      'reports',
      `INSERT INTO reports (id, obligation_id, contract_id, authority_id, supplier_id, status, narrative, submission_count, first_submitted_at, first_submitted_on,
                            days_late, version, created_at, updated_at)
       SELECT md5('report:' || id)::uuid, id, contract_id, authority_id, supplier_id, status, 'Quarterly due-diligence report.',
              CASE WHEN status = 'draft' THEN 0 ELSE 1 END,
              ${capNow("submitted_on + interval '10 hours'")}, least(submitted_on, current_date), days_late,
              CASE WHEN status = 'draft' THEN 2 ELSE 4 END, period_end + interval '1 day 9 hours',
              coalesce(${capNow("submitted_on + interval '5 days'")}, period_end + interval '1 day 9 hours')
         FROM gen_reports ORDER BY period_end, k`,
    ],
    [
      null,
      // What the reports service records at a first submission: the obligation is met.
      `UPDATE report_obligations o SET fulfilled_on = r.first_submitted_on FROM reports r WHERE r.obligation_id = o.id AND r.submission_count > 0`,
    ],
    // --- defaults and the ledger --------------------------------------------------------------------
    [
      null,
      `CREATE TEMP TABLE gen_defaults ON COMMIT DROP AS
       SELECT md5('default:' || c.k)::uuid AS id, c.k, c.id AS contract_id, c.authority_id, c.supplier_id, c.currency, s.status, s.origin,
              CASE WHEN s.origin = 'missed_deadline' THEN current_date - 40 - ${H('c.k', 64)} * 300 / 1000 END AS missed_deadline,
              current_date - 40 - ${H('c.k', 64)} * 300 / 1000 + 1 AS occurred_on,
              CASE WHEN s.status = 'notified' THEN current_date - ${H('c.k', 65)} % 30
                   WHEN s.status IN ('answered', 'acknowledged', 'decided') THEN current_date - 40 - ${H('c.k', 64)} * 300 / 1000 + 6 END AS sent_on,
              CASE WHEN s.status = 'decided' THEN CASE WHEN ${H('c.k', 66)} < 500 THEN 'applied' WHEN ${H('c.k', 66)} < 800 THEN 'reduced' ELSE 'waived' END END AS decision
         FROM gen_contracts c
        CROSS JOIN LATERAL (
          SELECT CASE WHEN ${H('c.k', 62)} < 200 THEN 'proposed' WHEN ${H('c.k', 62)} < 300 THEN 'dismissed' WHEN ${H('c.k', 62)} < 450 THEN 'notified'
                      WHEN ${H('c.k', 62)} < 600 THEN 'answered' WHEN ${H('c.k', 62)} < 700 THEN 'acknowledged' ELSE 'decided' END AS status,
                 CASE WHEN ${H('c.k', 63)} < 600 THEN 'missed_deadline' ELSE 'recorded' END AS origin) s
        WHERE ${H('c.k', 60)} < 100`,
    ],
    [
      'defaults',
      `INSERT INTO defaults (id, contract_id, authority_id, supplier_id, origin, subject, subject_id, missed_deadline, occurred_on, failing, status, clause_id,
                             reference, article, remedy_deadline, response_deadline, sent_at, sent_on, response_text, responded_at, acknowledged_at,
                             dismissal_reasons, decision, decision_reasons, decided_at, version, created_at, updated_at)
       SELECT id, contract_id, authority_id, supplier_id, origin,
              CASE WHEN origin = 'missed_deadline' THEN 'report' ELSE 'execution_condition' END,
              CASE WHEN origin = 'missed_deadline' THEN md5('missed:' || k)::uuid END, missed_deadline, occurred_on,
              CASE WHEN origin = 'missed_deadline' THEN 'The quarterly report was not delivered on time.' ELSE 'No social audit of the tier-1 assembly site.' END,
              status, md5('clause:' || k)::uuid,
              CASE WHEN sent_on IS NOT NULL THEN format('ND-%s-%s', extract(year FROM sent_on), lpad(k::text, 6, '0')) END,
              CASE WHEN sent_on IS NOT NULL THEN 'Art. 12.3' END,
              sent_on + 30, sent_on + 15, sent_on + interval '9 hours', sent_on,
              CASE WHEN status IN ('answered', 'acknowledged', 'decided') THEN 'The report was delayed by a site audit.' END,
              CASE WHEN status IN ('answered', 'acknowledged', 'decided') THEN sent_on + interval '7 days 9 hours' END,
              CASE WHEN status = 'acknowledged' THEN sent_on + interval '10 days 9 hours' END,
              CASE WHEN status = 'dismissed' THEN 'Delay caused by the authority.' END,
              decision, CASE WHEN decision IS NOT NULL THEN 'Decided after hearing the supplier.' END,
              CASE WHEN decision IS NOT NULL THEN sent_on + interval '17 days 9 hours' END,
              CASE status WHEN 'proposed' THEN 1 WHEN 'dismissed' THEN 2 WHEN 'notified' THEN 2 WHEN 'answered' THEN 3 ELSE 4 END,
              occurred_on + interval '9 hours', coalesce(sent_on + interval '17 days 9 hours', occurred_on + interval '9 hours')
         FROM gen_defaults ORDER BY occurred_on, k`,
    ],
    [
      'penalties',
      `INSERT INTO penalties (id, contract_id, authority_id, supplier_id, kind, outcome, amount_cents, computed_cents, currency, default_id, subject, subject_id,
                              missed_deadline, calculation, reasons, decided_on, decided_at)
       SELECT * FROM (
         SELECT md5('penalty:default:' || d.id)::uuid, d.contract_id, d.authority_id, d.supplier_id, 'penalty', d.decision,
                CASE d.decision WHEN 'applied' THEN 250000 WHEN 'reduced' THEN 125000 ELSE 0 END::bigint, 250000::bigint, d.currency, d.id,
                CASE WHEN d.origin = 'missed_deadline' THEN 'report' ELSE 'execution_condition' END,
                CASE WHEN d.origin = 'missed_deadline' THEN md5('missed:' || d.k)::uuid END, d.missed_deadline,
                '{"rule": "perDefault", "amountCents": 250000}'::jsonb, 'Decided after hearing the supplier.', d.sent_on + 17, d.sent_on + interval '17 days 9 hours'
           FROM gen_defaults d WHERE d.decision IS NOT NULL
         UNION ALL
         SELECT md5('penalty:late:' || r.id)::uuid, r.contract_id, r.authority_id, r.supplier_id, 'late_fine', 'automatic',
                r.days_late * 1750, r.days_late * 1750, r.currency, NULL, 'report', r.id, r.due_date,
                jsonb_build_object('days', r.days_late, 'ratePerDayBasisPoints', 7, 'valueCents', 2500000), NULL,
                least(r.submitted_on, current_date), ${capNow("r.submitted_on + interval '10 hours'")}
           FROM gen_reports r WHERE r.days_late > 0
         UNION ALL
         SELECT md5('penalty:kpi:' || r.id)::uuid, r.contract_id, r.authority_id, r.supplier_id,
                CASE WHEN ${H('r.n', 54)} % 2 = 0 THEN 'bonus' ELSE 'malus' END, 'applied',
                (5000 + ${H('r.n', 55)} * 100)::bigint, (5000 + ${H('r.n', 55)} * 100)::bigint, r.currency, NULL, NULL, NULL, NULL,
                '{"kpiCode": "AUDITED_SITES"}'::jsonb, NULL, least(r.submitted_on + 10, current_date), ${capNow("r.submitted_on + interval '10 days 10 hours'")}
           FROM gen_reports r WHERE r.status = 'accepted' AND ${H('r.n', 54)} < 50
       ) p ORDER BY 17`,
    ],
    [
      'penalties',
      `INSERT INTO penalties (id, contract_id, authority_id, supplier_id, kind, outcome, amount_cents, computed_cents, currency, subject, subject_id, missed_deadline,
                              calculation, reasons, reverses_id, decided_on, decided_at)
       SELECT md5('penalty:reversal:' || p.id)::uuid, p.contract_id, p.authority_id, p.supplier_id, p.kind, 'reversal', -p.amount_cents, -p.computed_cents, p.currency,
              p.subject, p.subject_id, p.missed_deadline, '{}'::jsonb, 'The delay was caused by the authority.', p.id,
              least(p.decided_on + 14, current_date), ${capNow("p.decided_at + interval '14 days'")}
         FROM penalties p WHERE p.kind = 'late_fine' AND ${H('hashtext(p.id::text)', 56)} < 30
        ORDER BY p.decided_at`,
    ],
  ];
}

/**
 * Loads `size` into the freshly migrated database of `client` (a connected `pg` Client), then
 * VACUUM ANALYZE. Resolves with the row count of each table, the measured authorities and the
 * seconds taken ({ load, vacuum }). Refuses a database that already holds organisations.
 */
async function loadExecutionData(client, size) {
  const { rows } = await client.query('SELECT count(*)::int AS n FROM organisations');
  if (rows[0].n !== 0) throw new Error(`the database already holds ${rows[0].n} organisations: the generator needs a freshly migrated database`);
  const t0 = process.hrtime.bigint();
  await client.query('BEGIN');
  try {
    await client.query('SET LOCAL synchronous_commit = off');
    for (const [, sql, params] of statements(size)) await client.query(sql, params);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
  const t1 = process.hrtime.bigint();
  await client.query('VACUUM (ANALYZE)');
  const t2 = process.hrtime.bigint();
  const counts = {};
  for (const table of TABLES) counts[table] = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  if (counts.assessments !== size.assessments) throw new Error(`generated ${counts.assessments} assessments, expected ${size.assessments}`);
  const authority = async (n) => {
    const id = (await client.query(`SELECT ${orgId('authority', '$1::int')} AS id`, [n])).rows[0].id;
    const { rows: r } = await client.query(
      `SELECT (SELECT count(*) FROM contracts WHERE authority_id = $1)::int AS contracts,
              (SELECT count(*) FROM assessments WHERE authority_id = $1)::int AS assessments,
              (SELECT count(*) FROM report_obligations WHERE authority_id = $1)::int AS obligations`,
      [id],
    );
    return { id, ...r[0] };
  };
  return {
    size: size.name,
    counts,
    authorities: { growing: await authority(0), steady: await authority(1) },
    seconds: { load: Number(t1 - t0) / 1e9, vacuum: Number(t2 - t1) / 1e9 },
  };
}

module.exports = { SIZES, TABLES, STEADY_CONTRACTS, GROWING_EVERY, statements, loadExecutionData };
