import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, AuditService, Database, DomainException, ErrorCode, RequestContext, UserRole } from '@ddp/core';
import { AuthService } from '../auth/auth.service';
import { Organisation } from '../organisations/organisation.entity';
import { User, UserStatus } from './user.entity';

/** The active user with their organisation; with a session id ($2), only while that session lives. */
const ACTIVE_ACTOR_SQL = `
  SELECT u.id, u.organisation_id, u.email, u.name, u.role, u.status, u.last_login_at, u.created_at, u.updated_at,
    o.name AS o_name, o.kind AS o_kind, o.country AS o_country, o.registration_number AS o_registration_number,
    o.preferred_language AS o_preferred_language, o.created_at AS o_created_at, o.updated_at AS o_updated_at
  FROM users u JOIN organisations o ON o.id = u.organisation_id
  WHERE u.id = $1 AND u.status = 'active'
    AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = $2 AND t.user_id = u.id
      AND t.rotated_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()))`;

interface ActiveUserRow {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  role: User['role'];
  status: User['status'];
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  o_name: string;
  o_kind: Organisation['kind'];
  o_country: string;
  o_registration_number: string | null;
  o_preferred_language: Organisation['preferredLanguage'];
  o_created_at: Date;
  o_updated_at: Date;
}

export interface UserChange {
  role?: UserRole;
  status?: UserStatus;
}

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {}

  /**
   * The active user behind an access token, with their organisation; undefined when the user is
   * gone or disabled, or the token's session (`sid`) has ended (logout, password change, reset).
   */
  async findActiveActor(ctx: RequestContext, userId: string, sessionId?: string): Promise<{ user: User; actor: Actor } | undefined> {
    // Runs on every authenticated request: one prepared statement, no query builder.
    const [row] = await this.db.prepared<ActiveUserRow>(ctx, 'active-actor', ACTIVE_ACTOR_SQL, [userId, sessionId ?? null]);
    if (!row) return undefined;
    const user = Object.assign(new User(), {
      id: row.id,
      organisationId: row.organisation_id,
      email: row.email,
      name: row.name,
      role: row.role,
      status: row.status,
      lastLoginAt: row.last_login_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      organisation: Object.assign(new Organisation(), {
        id: row.organisation_id,
        name: row.o_name,
        kind: row.o_kind,
        country: row.o_country,
        registrationNumber: row.o_registration_number,
        preferredLanguage: row.o_preferred_language,
        createdAt: row.o_created_at,
        updatedAt: row.o_updated_at,
      }),
    });
    return { user, actor: { userId: user.id, organisationId: user.organisationId, organisationKind: row.o_kind, role: user.role } };
  }

  async me(ctx: RequestContext): Promise<User> {
    const found = await this.findActiveActor(ctx, ctx.requiredActor.userId);
    if (!found) throw DomainException.notFound();
    return found.user;
  }

  /** The members of an organisation the actor may see. */
  async listForOrganisation(ctx: RequestContext, organisationId: string): Promise<User[]> {
    await this.access.require(ctx, 'organisation', organisationId);
    return this.db.repo(ctx, User).find({ where: { organisationId }, order: { name: 'ASC', id: 'ASC' } });
  }

  /**
   * Changes a member's role or disables/re-enables them. Disabling ends their sessions at once
   * (refresh tokens revoked; access tokens are checked against the user on every request).
   * The organisation always keeps one active admin.
   */
  async update(ctx: RequestContext, organisationId: string, userId: string, change: UserChange): Promise<User> {
    await this.access.require(ctx, 'organisation', organisationId);
    return this.db.transaction(ctx, async (tx) => {
      // Lock the organisation's admins: two admins demoting each other at once cannot both win.
      const admins = await this.db.query<{ id: string }>(
        tx,
        `SELECT id FROM users WHERE organisation_id = $1 AND role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE`,
        [organisationId],
      );
      const repo = this.db.repo(tx, User);
      const user = await repo.findOne({ where: { id: userId, organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw DomainException.notFound();
      const before = { role: user.role, status: user.status };
      const after = { role: change.role ?? user.role, status: change.status ?? user.status };
      const losesAdmin = before.role === 'admin' && before.status === 'active' && (after.role !== 'admin' || after.status !== 'active');
      if (losesAdmin && admins.filter((a) => a.id !== user.id).length === 0) {
        throw new DomainException(ErrorCode.LastAdmin, 'Make another member an admin first');
      }
      if (before.role === after.role && before.status === after.status) return user;
      await repo.update({ id: user.id }, after);
      if (after.status === 'disabled') {
        await this.auth.revokeAllSessions(tx, user.id);
      }
      await this.audit.record(tx, { action: 'user.updated', entityType: 'user', entityId: user.id, organisationId, before, after });
      return Object.assign(user, after);
    });
  }
}
