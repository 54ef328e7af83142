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
