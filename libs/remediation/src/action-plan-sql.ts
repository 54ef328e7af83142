import { contractIdsSql } from '@ddp/assessments';
import type { VisibilityBranch } from '@ddp/core';

/**
 * Who reads a corrective action plan: its contract's authority, its supplier, the auditors
 * assigned to the contract, and the other buyers of a framework agreement (they share its
 * monitoring, read-only; DOMAIN.md). `org` is the placeholder of the actor's organisation; NULL
 * when it has no part in the plan.
 */
export function planAccessSql(plan: string, org: string): string {
  return `CASE
    WHEN ${plan}.authority_id = ${org} THEN 'authority'
    WHEN ${plan}.supplier_id = ${org} THEN 'supplier'
    WHEN EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = ${plan}.contract_id AND ca.audit_body_id = ${org} AND ca.revoked_at IS NULL) THEN 'auditor'
    WHEN EXISTS (SELECT 1 FROM contract_participants cp WHERE cp.contract_id = ${plan}.contract_id AND cp.organisation_id = ${org}) THEN 'participant'
  END`;
}

/** True when the organisation may read the plan (for WHERE clauses). */
export function planVisibleSql(plan: string, org: string): string {
  return `(${plan}.authority_id = ${org} OR ${plan}.supplier_id = ${org}
    OR EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = ${plan}.contract_id AND ca.audit_body_id = ${org} AND ca.revoked_at IS NULL)
    OR EXISTS (SELECT 1 FROM contract_participants cp WHERE cp.contract_id = ${plan}.contract_id AND cp.organisation_id = ${org}))`;
}

/**
 * planVisibleSql split into branches for NewestFirst.keysSql (alias `p`), each walking an index in
 * the list's order. The contract `c` comes with each plan for the filters that read its time zone,
 * as a subquery per plan (OFFSET 0 keeps it one): joined, PostgreSQL hashed the contracts and
 * sorted every plan of the tenant rather than stop at the page (the "overdue" filter).
 */
export function planVisibleBranches(org: string): VisibilityBranch[] {
  const from = 'action_plans p CROSS JOIN LATERAL (SELECT pc.time_zone FROM contracts pc WHERE pc.id = p.contract_id OFFSET 0) c';
  return [
    { from, where: `p.authority_id = ${org}` },
    { from, where: `p.supplier_id = ${org}` },
    { from, where: `p.contract_id = ANY (${contractIdsSql(org, 'auditor')})` },
    { from, where: `p.contract_id = ANY (${contractIdsSql(org, 'participant')})` },
  ];
}

/** The contract's calendar date at the instant `$now` (the domain clock's, passed in: never the database's). */
export function todaySql(contract: string, now: string): string {
  return `(${now}::timestamptz AT TIME ZONE ${contract}.time_zone)::date`;
}

/**
 * The one definition of "overdue", shared with the view `open_deadlines`: a plan is overdue when
 * one of its findings' plan deadline has passed and nothing is submitted yet (draft or rejected);
 * an action when its due date has passed while it is still to be done in an approved plan.
 */
export function planOverdueSql(plan: string, today: string): string {
  return `(${plan}.status IN ('draft', 'rejected') AND EXISTS (SELECT 1 FROM action_plan_findings pf JOIN findings f ON f.id = pf.finding_id
    WHERE pf.plan_id = ${plan}.id AND f.plan_due_date < ${today}))`;
}

export function actionOverdueSql(action: string, plan: string, today: string): string {
  return `(${plan}.status = 'approved' AND ${action}.status IN ('planned', 'in_progress') AND ${action}.due_date < ${today})`;
}

/**
 * planOverdueSql or an overdue action (`overdue`), or neither, read off the plan's `pending_deadline`
 * (the earliest deadline it waits on, kept by triggers: migration 1764860500000). The first
 * comparison, with the latest calendar date on Earth (UTC+14), needs no contract: the list checks it
 * in its index before the exact one, in the contract's zone.
 */
export function planPendingOverdueSql(plan: string, contract: string, now: string, overdue: boolean): string {
  const today = todaySql(contract, now);
  return overdue
    ? `(${plan}.pending_deadline < (${now}::timestamptz AT TIME ZONE 'Etc/GMT-14')::date AND ${plan}.pending_deadline < ${today})`
    : `(${plan}.pending_deadline IS NULL OR ${plan}.pending_deadline >= ${today})`;
}

export function overdueActionsSql(plan: string, today: string): string {
  return `(SELECT count(*) FROM plan_actions ox WHERE ox.plan_id = ${plan}.id AND ${actionOverdueSql('ox', plan, today)})::int`;
}
