import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, Database, RequestContext } from '@ddp/core';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly db: Database,
    private readonly access: AccessPolicy,
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
}
