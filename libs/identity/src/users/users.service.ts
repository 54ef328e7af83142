import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { AccessPolicy, Actor, AuditService, Database, DomainException, ErrorCode, RequestContext, UserRole } from '@ddp/core';
import { RefreshToken } from '../auth/refresh-token.entity';
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
  ) {}

  /** The active user behind an access token, with their organisation; undefined if gone or disabled. */
  async findActiveActor(ctx: RequestContext, userId: string): Promise<{ user: User; actor: Actor } | undefined> {
    const user = await this.db.repo(ctx, User).findOne({ where: { id: userId, status: 'active' }, relations: { organisation: true } });
    if (!user?.organisation) return undefined;
    return { user, actor: { userId: user.id, organisationId: user.organisationId, organisationKind: user.organisation.kind, role: user.role } };
  }

  async me(ctx: RequestContext): Promise<User> {
    const found = await this.findActiveActor(ctx, ctx.requiredActor.userId);
    return found!.user;
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
        await this.db.repo(tx, RefreshToken).update({ userId: user.id, revokedAt: IsNull() }, { revokedAt: new Date() });
      }
      await this.audit.record(tx, { action: 'user.updated', entityType: 'user', entityId: user.id, organisationId, before, after });
      return Object.assign(user, after);
    });
  }
}
