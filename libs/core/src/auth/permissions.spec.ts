import { hasPermission, Permission, ROLE_PERMISSIONS } from './permissions';
import { ORGANISATION_KINDS, USER_ROLES } from './roles';

describe('ROLE_PERMISSIONS', () => {
  it('defines every organisation kind × role', () => {
    const keys = ORGANISATION_KINDS.flatMap((k) => USER_ROLES.map((r) => `${k}:${r}`)).sort();
    expect(Object.keys(ROLE_PERMISSIONS).sort()).toEqual(keys);
  });

  it('lets only the platform admin create organisations', () => {
    for (const kind of ORGANISATION_KINDS) {
      for (const role of USER_ROLES) {
        const actor = { userId: 'u', organisationId: 'o', organisationKind: kind, role };
        expect(hasPermission(actor, Permission.OrganisationsCreate)).toBe(kind === 'platform' && role === 'admin');
      }
    }
  });

  it('lets members neither invite nor read the audit trail', () => {
    for (const kind of ORGANISATION_KINDS) {
      const actor = { userId: 'u', organisationId: 'o', organisationKind: kind, role: 'member' as const };
      expect(hasPermission(actor, Permission.InvitationsManage)).toBe(false);
      expect(hasPermission(actor, Permission.AuditRead)).toBe(false);
      expect(hasPermission(actor, Permission.Authenticated)).toBe(true);
    }
  });
});
