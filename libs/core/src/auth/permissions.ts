import { Actor, OrganisationKind, UserRole } from './roles';

/**
 * Every permission a route can require, in one place. A route declares exactly one with
 * `@RequirePermission()` or is `@Public()`; a route that declares neither is denied.
 */
export enum Permission {
  /** Any authenticated user: their own profile and organisation. */
  Authenticated = 'authenticated',
  OrganisationsCreate = 'organisations:create',
  OrganisationsRead = 'organisations:read',
  UsersRead = 'users:read',
  UsersManage = 'users:manage',
  InvitationsManage = 'invitations:manage',
  AuditRead = 'audit:read',
}

type RoleKey = `${OrganisationKind}:${UserRole}`;

const everyone = [Permission.Authenticated, Permission.OrganisationsRead, Permission.UsersRead];
const orgAdmin = [...everyone, Permission.InvitationsManage, Permission.UsersManage, Permission.AuditRead];

/** Which permissions each kind of user holds. Record-level access is checked by the access policy. */
export const ROLE_PERMISSIONS: Record<RoleKey, readonly Permission[]> = {
  'platform:admin': [...orgAdmin, Permission.OrganisationsCreate],
  'platform:member': everyone,
  'contracting_authority:admin': orgAdmin,
  'contracting_authority:member': everyone,
  'supplier:admin': orgAdmin,
  'supplier:member': everyone,
  'audit_body:admin': orgAdmin,
  'audit_body:member': everyone,
};

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return ROLE_PERMISSIONS[`${actor.organisationKind}:${actor.role}`].includes(permission);
}
