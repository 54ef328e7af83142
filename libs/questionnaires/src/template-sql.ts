import { contractVisibleSql } from '@ddp/contracts';

/**
 * Who may read a template version: its owner; every contracting authority for a published
 * platform reference template; anyone who may read an assessment issued with it.
 * `$org` / `$kind` are the placeholders of the actor's organisation id and kind.
 */
export function templateVisibleSql(t: string, org: string, kind: string): string {
  return `(${t}.owner_id = ${org}
    OR (${t}.status = 'published' AND ${kind} = 'contracting_authority' AND EXISTS (SELECT 1 FROM organisations po WHERE po.id = ${t}.owner_id AND po.kind = 'platform'))
    OR EXISTS (SELECT 1 FROM assessments ta JOIN contracts c ON c.id = ta.contract_id WHERE ta.template_id = ${t}.id AND (${contractVisibleSql('c', org)}
      OR EXISTS (SELECT 1 FROM assessment_shares ts WHERE ts.assessment_id = ta.id AND ts.authority_id = ${org} AND ts.revoked_at IS NULL))))`;
}

/**
 * Whether the actor may know who owns a template it can read: the owner itself, anyone for a
 * platform reference template, and the parties of a contract under which the owner issued it.
 * An authority that reads it only through a shared (or adopted) assessment does not learn which
 * buyer wrote it: that buyer is the supplier's business.
 */
export function templateOwnerKnownSql(t: string, owner: string, org: string): string {
  return `(${t}.owner_id = ${org} OR ${owner}.kind = 'platform'
    OR EXISTS (SELECT 1 FROM assessments oa JOIN contracts c ON c.id = oa.contract_id WHERE oa.template_id = ${t}.id AND oa.authority_id = ${t}.owner_id AND ${contractVisibleSql('c', org)}))`;
}
