import { Inject, Injectable } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import {
  AccessPolicy,
  APP_CONFIG,
  AppConfig,
  AuditService,
  Database,
  DomainException,
  ErrorCode,
  MailOutbox,
  RequestContext,
  UserRole,
} from '@ddp/core';
import { hashOpaqueToken, newOpaqueToken } from '../auth/opaque-token';
import { Organisation } from '../organisations/organisation.entity';
import { PasswordService } from '../passwords/password.service';
import { User } from '../users/user.entity';
import { Invitation } from './invitation.entity';
import { existingAccountNotice, invitationMail } from './invitation-mail';

const DAY_MS = 86_400_000;

export interface AcceptInvitationInput {
  token: string;
  name: string;
  password: string;
}

@Injectable()
export class InvitationsService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly access: AccessPolicy,
    private readonly mail: MailOutbox,
    private readonly passwords: PasswordService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Invites `email` into the organisation; earlier pending invitations of that address there are
   * revoked. The answer never tells whether the address has an account in another organisation
   * (users belong to one): such a person is mailed a notice instead of a link that would work.
   */
  async create(ctx: RequestContext, organisationId: string, input: { email: string; role: UserRole }): Promise<Invitation> {
    await this.access.require(ctx, 'organisation', organisationId);
    return this.invite(ctx, organisationId, input);
  }

  /**
   * Invites into an organisation the actor does not belong to: a buyer onboarding a supplier it
   * has just registered. Only for organisations created in the same transaction (the caller's duty).
   */
  async inviteIntoNewOrganisation(ctx: RequestContext, organisationId: string, input: { email: string; role: UserRole }): Promise<Invitation> {
    this.db.requireTransaction(ctx);
    return this.invite(ctx, organisationId, input);
  }

  private async invite(ctx: RequestContext, organisationId: string, input: { email: string; role: UserRole }): Promise<Invitation> {
    const email = input.email.trim().toLowerCase();
    return this.db.transaction(ctx, async (tx) => {
      // One invitation at a time per organisation and address (a partial unique index backs this).
      await this.db.query(tx, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`invitation:${organisationId}:${email}`]);
      const account = await this.db.repo(tx, User).findOneBy({ email });
      if (account?.organisationId === organisationId) {
        throw new DomainException(ErrorCode.EmailTaken, 'This address already belongs to a member of the organisation', [{ field: 'email', message: 'is already a member' }]);
      }
      const repo = this.db.repo(tx, Invitation);
      // All earlier ones locked in one statement, before the audit chain's lock (the lock order of revoke()).
      const earlier = await repo.find({ where: { organisationId, email, acceptedAt: IsNull(), revokedAt: IsNull() }, lock: { mode: 'pessimistic_write' } });
      for (const previous of earlier) await this.markRevoked(tx, previous, 'invitation.superseded');

      const { token, hash } = newOpaqueToken();
      const invitation = await repo.save(
        repo.create({
          organisationId,
          email,
          role: input.role,
          tokenHash: hash,
          invitedByUserId: ctx.actor?.userId ?? null,
          expiresAt: new Date(Date.now() + this.config.INVITATION_TTL_DAYS * DAY_MS),
          acceptedAt: null,
          acceptedUserId: null,
          revokedAt: null,
        }),
      );
      await this.audit.record(tx, { action: 'invitation.created', entityType: 'invitation', entityId: invitation.id, organisationId, after: view(invitation) });

      const organisation = await this.db.repo(tx, Organisation).findOneByOrFail({ id: organisationId });
      const inviter = ctx.actor ? await this.db.repo(tx, User).findOneBy({ id: ctx.actor.userId }) : null;
      const details = { organisationName: organisation.name, inviterName: inviter?.name ?? null, expiresAt: invitation.expiresAt, language: organisation.preferredLanguage };
      const mail = account
        ? { template: 'invitation_existing_account', ...existingAccountNotice(details) }
        : { template: 'invitation', ...invitationMail({ ...details, link: this.config.publicLink('/invitations/accept', { token }) }) };
      await this.mail.enqueue(tx, { organisationId, to: email, ...mail });
      return invitation;
    });
  }

  async list(ctx: RequestContext, organisationId: string): Promise<Invitation[]> {
    await this.access.require(ctx, 'organisation', organisationId);
    return this.db.repo(ctx, Invitation).find({ where: { organisationId }, order: { createdAt: 'DESC', id: 'ASC' } });
  }

  async revoke(ctx: RequestContext, organisationId: string, invitationId: string): Promise<Invitation> {
    await this.access.require(ctx, 'organisation', organisationId);
    return this.db.transaction(ctx, async (tx) => {
      const invitation = await this.db.repo(tx, Invitation).findOne({ where: { id: invitationId, organisationId }, lock: { mode: 'pessimistic_write' } });
      if (!invitation) throw DomainException.notFound();
      if (invitation.status() !== 'pending') {
        throw new DomainException(ErrorCode.Conflict, `The invitation is ${invitation.status()} and cannot be revoked`);
      }
      return this.markRevoked(tx, invitation, 'invitation.revoked');
    });
  }

  /** Sets name and password, creates the user (returned with its organisation) and uses up the invitation. */
  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<User> {
    return this.db.transaction(ctx, async (tx) => {
      const repo = this.db.repo(tx, Invitation);
      const invitation = await repo.findOne({ where: { tokenHash: hashOpaqueToken(input.token) }, lock: { mode: 'pessimistic_write' } });
      if (!invitation || invitation.status() !== 'pending') throw new DomainException(ErrorCode.InvitationInvalid);
      this.passwords.assertStrong(input.password, invitation.email);
      const users = this.db.repo(tx, User);
      if (await users.existsBy({ email: invitation.email })) throw new DomainException(ErrorCode.EmailTaken);

      const user = await users.save(
        users.create({
          organisationId: invitation.organisationId,
          email: invitation.email,
          name: input.name.trim(),
          role: invitation.role,
          passwordHash: await this.passwords.hash(input.password),
          status: 'active',
          lastLoginAt: null,
        }),
      );
      const before = view(invitation);
      invitation.acceptedAt = new Date();
      invitation.acceptedUserId = user.id;
      await repo.save(invitation);
      user.organisation = await this.db.repo(tx, Organisation).findOneByOrFail({ id: user.organisationId });
      const asUser = tx.withActor({ userId: user.id, organisationId: user.organisationId, organisationKind: user.organisation.kind, role: user.role });
      await this.audit.record(asUser, { action: 'invitation.accepted', entityType: 'invitation', entityId: invitation.id, organisationId: invitation.organisationId, before, after: view(invitation) });
      await this.audit.record(asUser, { action: 'user.created', entityType: 'user', entityId: user.id, organisationId: user.organisationId, after: { id: user.id, email: user.email, name: user.name, role: user.role } });
      return user;
    });
  }

  /** Deletes invitations never accepted whose expiry passed more than `afterDays` ago. Returns how many. */
  async purgeExpired(ctx: RequestContext, afterDays = this.config.INVITATION_PURGE_AFTER_DAYS): Promise<number> {
    return this.db.transaction(ctx, async (tx) => {
      const cutoff = new Date(Date.now() - afterDays * DAY_MS);
      const expired = await this.db.repo(tx, Invitation).find({ where: { acceptedAt: IsNull(), expiresAt: LessThan(cutoff) }, lock: { mode: 'pessimistic_write', onLocked: 'skip_locked' }, take: 500 });
      for (const invitation of expired) {
        await this.audit.record(tx, { action: 'invitation.purged', entityType: 'invitation', entityId: invitation.id, organisationId: invitation.organisationId, before: view(invitation) });
      }
      if (expired.length > 0) await this.db.repo(tx, Invitation).delete(expired.map((i) => i.id));
      return expired.length;
    });
  }

  private async markRevoked(tx: RequestContext, invitation: Invitation, action: string): Promise<Invitation> {
    const before = view(invitation);
    invitation.revokedAt = new Date();
    await this.db.repo(tx, Invitation).save(invitation);
    await this.audit.record(tx, { action, entityType: 'invitation', entityId: invitation.id, organisationId: invitation.organisationId, before, after: view(invitation) });
    return invitation;
  }
}

function view(invitation: Invitation) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitation.status(),
    expiresAt: invitation.expiresAt,
    acceptedAt: invitation.acceptedAt,
    revokedAt: invitation.revokedAt,
  };
}
