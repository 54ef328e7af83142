export const ORGANISATION_KINDS = ['contracting_authority', 'supplier', 'audit_body', 'platform'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const USER_ROLES = ['admin', 'member'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const LANGUAGES = ['fr', 'nl', 'en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Who is acting: the authenticated user with the organisation they belong to. */
export interface Actor {
  userId: string;
  organisationId: string;
  organisationKind: OrganisationKind;
  role: UserRole;
}

export function isPlatformAdmin(actor: Actor | undefined): boolean {
  return actor?.organisationKind === 'platform' && actor.role === 'admin';
}
