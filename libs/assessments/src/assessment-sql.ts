import { contractVisibleSql } from '@ddp/contracts';

/**
 * How organisation `org` may read assessment `a` of contract `c` (NULL: not at all). The
 * supplier and the issuer first; then the contract's other buyers and auditors; then a share.
 */
export function assessmentAccessSql(a: string, c: string, org: string): string {
  return `CASE
    WHEN ${a}.supplier_id = ${org} THEN 'supplier'
    WHEN ${a}.authority_id = ${org} THEN 'authority'
    WHEN ${c}.authority_id = ${org} OR EXISTS (SELECT 1 FROM contract_participants cp WHERE cp.contract_id = ${c}.id AND cp.organisation_id = ${org}) THEN 'participant'
    WHEN EXISTS (SELECT 1 FROM contract_auditors ca WHERE ca.contract_id = ${c}.id AND ca.audit_body_id = ${org} AND ca.revoked_at IS NULL) THEN 'auditor'
    WHEN EXISTS (SELECT 1 FROM assessment_shares s WHERE s.assessment_id = ${a}.id AND s.authority_id = ${org} AND s.revoked_at IS NULL) THEN 'shared'
  END`;
}

export function assessmentVisibleSql(a: string, c: string, org: string): string {
  return `(${a}.supplier_id = ${org} OR ${a}.authority_id = ${org} OR ${contractVisibleSql(c, org)}
    OR EXISTS (SELECT 1 FROM assessment_shares s WHERE s.assessment_id = ${a}.id AND s.authority_id = ${org} AND s.revoked_at IS NULL))`;
}
