import type { Me } from '../../api/client';

/** Buyer admins manage their authority's templates; the platform admin manages the reference templates. */
export function canManageTemplates(me: Me): boolean {
  return me.role === 'admin' && (me.organisation.kind === 'contracting_authority' || me.organisation.kind === 'platform');
}

/** Whether the user may edit (or start a new version of) a template owned by `ownerId` (undefined: an owner not disclosed, so not the user's). */
export function canEditTemplate(me: Me, ownerId: string | undefined): boolean {
  return canManageTemplates(me) && me.organisation.id === ownerId;
}

/** Procurement officers and buyer admins issue questionnaires to their suppliers. */
export function canIssue(me: Me): boolean {
  return me.organisation.kind === 'contracting_authority';
}
