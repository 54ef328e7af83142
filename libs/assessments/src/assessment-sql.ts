import { contractVisibleSql } from '@ddp/contracts';
import type { VisibilityBranch } from '@ddp/core';

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

/**
 * assessmentVisibleSql split into branches for NewestFirst.keysSql (alias `a`), each able to walk an
 * index in the list's order. The contract's awarding authority reads what a framework participant
 * issued under it off the partial index of the copy `contract_authority_id` (rows whose issuer is
 * not the contract's authority). A branch through the contract leaves out the rows an earlier branch
 * on the assessment's own column already gives (the usual case): it probes the index entries of the
 * contracts' assessments (index-only where the visibility map allows) and answers none, usually.
 * `shares: false` leaves out the readers through a share alone: they may not know which contract
 * (and buyer) it was issued under (see toSummary).
 */
export function assessmentVisibleBranches(org: string, { shares }: { shares: boolean }): VisibilityBranch[] {
  return [
    { from: 'assessments a', where: `a.supplier_id = ${org}` },
    { from: 'assessments a', where: `a.authority_id = ${org}` },
    { from: 'assessments a', where: `a.contract_authority_id = ${org} AND a.authority_id <> a.contract_authority_id` },
    { from: 'assessments a', where: `a.contract_id = ANY (${contractIdsSql(org, 'supplied')}) AND a.supplier_id <> ${org}` },
    { from: 'assessments a', where: `a.contract_id = ANY (${contractIdsSql(org, 'participant')}) AND a.authority_id <> ${org}` },
    { from: 'assessments a', where: `a.contract_id = ANY (${contractIdsSql(org, 'auditor')})` },
    ...(shares ? [{ from: 'assessment_shares s JOIN assessments a ON a.id = s.assessment_id', where: `s.authority_id = ${org} AND s.revoked_at IS NULL` }] : []),
  ];
}

/**
 * The ids of the contracts organisation `org` takes one part in (contractVisibleSql, one OR term
 * each), as an array computed once: a branch then probes its table's contract index per contract,
 * where a join let PostgreSQL hash the whole table.
 */
export function contractIdsSql(org: string, part: 'supplied' | 'participant' | 'auditor'): string {
  const select = {
    supplied: `SELECT c.id FROM contracts c WHERE c.supplier_id = ${org}`,
    participant: `SELECT cp.contract_id FROM contract_participants cp WHERE cp.organisation_id = ${org}`,
    auditor: `SELECT ca.contract_id FROM contract_auditors ca WHERE ca.audit_body_id = ${org} AND ca.revoked_at IS NULL`,
  }[part];
  return `ARRAY(${select})`;
}
