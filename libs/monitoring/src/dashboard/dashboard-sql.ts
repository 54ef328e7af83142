/**
 * The dashboard's SQL, in one place so that the service and the benchmark run the same statements.
 * Every statement starts with `WITH ${SCOPE}` and takes the same parameters:
 * `$1` the organisation, `$2` one contract or null, `$3` the ids of the page's contracts, `$4` now,
 * `$5` one supplier or null.
 */

/** The contracts an auditor is assigned to: an array the planner can probe indexes with. */
const AUDITED = `ARRAY(SELECT ca.contract_id FROM contract_auditors ca WHERE ca.audit_body_id = $1 AND ca.revoked_at IS NULL)`;

/**
 * The organisation's rows of a table that has `authority_id` and `contract_id`: its own as the
 * authority, or those of the contracts it audits. Written on each table (not only through the
 * join to `scope`) so that PostgreSQL reads them by the `authority_id` indexes, also through
 * the `open_deadlines` view, and never scans the other tenants' rows.
 */
const inScope = (alias: string) => `(${alias}.authority_id = $1 OR ${alias}.contract_id = ANY (${AUDITED}))`;

/** The contracts the dashboard covers, each with its today in its own time zone. */
export const SCOPE = `
  scope AS (
    SELECT c.id, c.time_zone, ($4::timestamptz AT TIME ZONE c.time_zone)::date AS today
      FROM contracts c WHERE ${inScope('c').replace('c.contract_id', 'c.id')} AND ($2::uuid IS NULL OR c.id = $2) AND ($5::uuid IS NULL OR c.supplier_id = $5))`;

/** One page of the contracts by reference: `$3`/`$7` the cursor (reference, id), `$6` the limit + 1 (`$4` now, for the scope). */
export const PAGE_SQL = `
  SELECT c.id, c.reference, c.title, c.supplier_id, so.name AS supplier_name
    FROM contracts c JOIN organisations so ON so.id = c.supplier_id
   WHERE ${inScope('c').replace('c.contract_id', 'c.id')} AND ($2::uuid IS NULL OR c.id = $2) AND ($5::uuid IS NULL OR c.supplier_id = $5)
     AND ($3::text IS NULL OR (c.reference, c.id) > ($3, $7::uuid))
   ORDER BY c.reference, c.id LIMIT $6`;

/** Rows of contracts on the page keep their id; the rest are summed under null. */
const cid = (column: string) => `CASE WHEN ${column} = ANY($3::uuid[]) THEN ${column} END`;

/** One aggregate per figure; the overall figure is the sum of a figure's rows. */
export const FIGURES = {
  assessments: `SELECT ${cid('a.contract_id')} AS cid, a.status, a.colour, count(*)::int AS n
    FROM assessments a JOIN scope s ON s.id = a.contract_id WHERE ${inScope('a')} GROUP BY 1, 2, 3`,
  findings: `SELECT ${cid('f.contract_id')} AS cid, f.severity, count(*)::int AS n
    FROM findings f JOIN scope s ON s.id = f.contract_id WHERE f.status = 'open' AND ${inScope('f')} GROUP BY 1, 2`,
  // Deadlines further than 30 days (+2 for the time zones ahead of UTC) count in neither column.
  deadlines: `SELECT ${cid('d.contract_id')} AS cid, d.subject,
      count(*) FILTER (WHERE d.deadline < s.today)::int AS overdue,
      count(*) FILTER (WHERE d.deadline >= s.today AND d.deadline <= s.today + 30)::int AS soon
    FROM open_deadlines d JOIN scope s ON s.id = d.contract_id
   WHERE d.subject <> 'notice_response' AND ${inScope('d')} AND d.deadline <= ($4::timestamptz)::date + 32 GROUP BY 1, 2`,
  lateReports: `SELECT ${cid('r.contract_id')} AS cid, count(*)::int AS n
    FROM reports r JOIN scope s ON s.id = r.contract_id WHERE r.days_late > 0 AND ${inScope('r')} GROUP BY 1`,
  defaults: `SELECT ${cid('d.contract_id')} AS cid, d.status, count(*)::int AS n FROM defaults d JOIN scope s ON s.id = d.contract_id
    WHERE d.status IN ('proposed', 'notified', 'answered', 'acknowledged') AND ${inScope('d')} GROUP BY 1, 2`,
  // The first of January of the earliest zone's year bounds the index scan; each contract's own year decides.
  money: `SELECT ${cid('p.contract_id')} AS cid, p.currency, p.kind, sum(p.amount_cents)::text AS cents FROM penalties p JOIN scope s ON s.id = p.contract_id
    WHERE ${inScope('p')} AND p.decided_on >= date_trunc('year', $4::timestamptz - interval '1 day')::date
      AND p.decided_on >= date_trunc('year', s.today)::date GROUP BY 1, 2, 3`,
  labels: `SELECT ${cid('l.contract_id')} AS cid,
      count(*) FILTER (WHERE l.valid_until >= s.today AND l.valid_until <= s.today + 90)::int AS expiring,
      count(*) FILTER (WHERE l.valid_until < s.today)::int AS expired
    FROM product_labels l JOIN scope s ON s.id = l.contract_id GROUP BY 1`,
  // Every statement takes the same parameters; this one names $3 only to keep that so.
  trend: `SELECT NULL::uuid AS cid, to_char(date_trunc('month', v.submitted_at AT TIME ZONE s.time_zone), 'YYYY-MM') AS month, v.colour, count(*)::int AS n
    FROM assessment_revisions v JOIN assessments a ON a.id = v.assessment_id JOIN scope s ON s.id = a.contract_id
   WHERE ${inScope('a')} AND v.submitted_at >= date_trunc('month', $4::timestamptz) - interval '11 months' AND v.submitted_at <= $4::timestamptz
     AND $3::uuid[] IS NOT NULL
   GROUP BY 1, 2, 3`,
} as const;
