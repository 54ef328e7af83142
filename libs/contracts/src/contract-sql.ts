import { ContractRole } from './contract.types';

/**
 * The SQL that decides how an organisation stands to a contract, shared by every library that
 * scopes records by contract (assessments, findings). `$org` is the placeholder of the actor's
 * organisation id; the result is NULL when the organisation has no part in the contract.
 */
export function contractRoleSql(contract: string, org: string): string {
  return `CASE
    WHEN ${contract}.authority_id = ${org} THEN 'authority'
    WHEN ${contract}.supplier_id = ${org} THEN 'supplier'
    WHEN EXISTS (SELECT 1 FROM contract_participants cp WHERE cp.contract_id = ${contract}.id AND cp.organisation_id = ${org}) THEN 'participant'
    WHEN EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = ${contract}.id AND ca.audit_body_id = ${org} AND ca.revoked_at IS NULL) THEN 'auditor'
  END`;
}

/** True when the organisation has a part in the contract (for WHERE clauses). */
export function contractVisibleSql(contract: string, org: string): string {
  return `(${contract}.authority_id = ${org} OR ${contract}.supplier_id = ${org}
    OR EXISTS (SELECT 1 FROM contract_participants cp WHERE cp.contract_id = ${contract}.id AND cp.organisation_id = ${org})
    OR EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = ${contract}.id AND ca.audit_body_id = ${org} AND ca.revoked_at IS NULL))`;
}

/**
 * True when the organisation may follow the contract's execution (plans, reports, defaults,
 * penalties): its authority, its supplier, or an assigned audit body. Framework participants
 * buy under the contract but do not see the awarding authority's enforcement.
 */
export function executionVisibleSql(contract: string, org: string): string {
  return `(${contract}.authority_id = ${org} OR ${contract}.supplier_id = ${org}
    OR EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = ${contract}.id AND ca.audit_body_id = ${org} AND ca.revoked_at IS NULL))`;
}

/**
 * `contractVisibleSql` split into disjoint conditions, one per role, in the priority order of
 * `contractRoleSql` (each excludes the roles before it). A list can then page each branch on an
 * index in its own sort order and merge them (UNION ALL, no duplicates), where the OR forces a
 * scan and sort of every visible row. A participant's and an auditor's contracts are named as an
 * array of ids, which the planner reads by primary key (an EXISTS made it hash the whole table).
 */
export function contractVisibilityBranchesSql(contract: string, org: string): Array<{ role: ContractRole; condition: string }> {
  const participating = `SELECT cp.contract_id FROM contract_participants cp WHERE cp.organisation_id = ${org}`;
  const auditing = `SELECT ca.contract_id FROM contract_auditors ca WHERE ca.audit_body_id = ${org} AND ca.revoked_at IS NULL`;
  const neitherParty = `${contract}.authority_id <> ${org} AND ${contract}.supplier_id <> ${org}`;
  return [
    { role: 'authority', condition: `${contract}.authority_id = ${org}` },
    { role: 'supplier', condition: `${contract}.supplier_id = ${org} AND ${contract}.authority_id <> ${org}` },
    { role: 'participant', condition: `${neitherParty} AND ${contract}.id = ANY (ARRAY(${participating}))` },
    { role: 'auditor', condition: `${neitherParty} AND ${contract}.id <> ALL (ARRAY(${participating})) AND ${contract}.id = ANY (ARRAY(${auditing}))` },
  ];
}
