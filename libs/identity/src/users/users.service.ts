import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, AuditService, Database, DomainException, ErrorCode, RequestContext, UserRole } from '@ddp/core';
import { AuthService } from '../auth/auth.service';
import { User, UserStatus } from './user.entity';

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
    const qb = this.db
      .repo(ctx, User)
      .createQueryBuilder('u')
      .innerJoinAndSelect('u.organisation', 'o')
      .where('u.id = :userId AND u.status = :active', { userId, active: 'active' });
    if (sessionId !== undefined) {
      qb.andWhere(
        `EXISTS (SELECT 1 FROM refresh_tokens t WHERE t.family_id = :sessionId AND t.user_id = u.id
                   AND t.rotated_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now())`,
        { sessionId },
      );
    }
    const user = await qb.getOne();
    if (!user?.organisation) return undefined;
    return { user, actor: { userId: user.id, organisationId: user.organisationId, organisationKind: user.organisation.kind, role: user.role } };
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
