import { Inject, Injectable } from '@nestjs/common';
import { IsNull, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig, AuditService, Database, DomainException, ErrorCode, MailOutbox, RequestContext } from '@ddp/core';
import { AuthService, TokenPair } from '../auth/auth.service';
import { hashOpaqueToken, newOpaqueToken } from '../auth/opaque-token';
import { findUserWithCredentials } from '../users/user-credentials';
import { User } from '../users/user.entity';
import { PasswordReset } from './password-reset.entity';
import { passwordResetMail } from './password-reset-mail';
import { PasswordService } from './password.service';

const MINUTE_MS = 60_000;

/** A user's own password: change it (knowing the current one) or reset it through a mailed link. */
@Injectable()
export class AccountPasswordService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly auth: AuthService,
    private readonly mail: MailOutbox,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Changes the password and ends every other session; returns tokens for a fresh one. */
  async change(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<TokenPair> {
    const actor = ctx.requiredActor;
    return this.db.transaction(ctx, async (tx) => {
      // Locked: two changes at once are applied one after the other, each checking the password then current.
      const user = await findUserWithCredentials(this.db, tx, { id: actor.userId }, true);
      if (!user) throw DomainException.notFound();
      if (!(await this.passwords.verify(user.passwordHash, currentPassword))) {
        throw new DomainException(ErrorCode.InvalidCredentials, 'The current password is wrong', [{ field: 'currentPassword', message: 'is wrong' }]);
      }
      this.passwords.assertStrong(newPassword, user.email, 'newPassword');
      await this.db.repo(tx, User).update({ id: user.id }, { passwordHash: await this.passwords.hash(newPassword) });
      const revoked = await this.auth.revokeAllSessions(tx, user.id);
      await this.audit.record(tx, { action: 'user.password_changed', entityType: 'user', entityId: user.id, organisationId: user.organisationId, after: { sessionsEnded: revoked } });
      return this.auth.issue(tx, user, user.organisation!);
    });
  }

  /**
   * Mails a single-use reset link when the email belongs to an active user. The caller always
   * gets the same answer, so the endpoint does not reveal which emails have accounts.
   */
  async requestReset(ctx: RequestContext, email: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.db.transaction(ctx, async (tx) => {
      const user = await this.db.repo(tx, User).findOne({ where: { email: address, status: 'active' }, relations: { organisation: true } });
      if (!user) return;
      const { token, hash } = newOpaqueToken();
      const repo = this.db.repo(tx, PasswordReset);
      const reset = await repo.save(
        repo.create({ userId: user.id, tokenHash: hash, expiresAt: new Date(Date.now() + this.config.PASSWORD_RESET_TTL_MINUTES * MINUTE_MS), usedAt: null }),
      );
      await this.audit.record(tx, { action: 'user.password_reset_requested', entityType: 'user', entityId: user.id, organisationId: user.organisationId, after: { resetId: reset.id, expiresAt: reset.expiresAt } });
      const link = this.config.publicLink('/password-reset', { token });
      const mail = passwordResetMail(user.organisation!.preferredLanguage, link, this.config.PASSWORD_RESET_TTL_MINUTES);
      await this.mail.enqueue(tx, { organisationId: user.organisationId, template: 'password_reset', to: user.email, ...mail });
    });
  }

  /** Sets a new password with a reset token; uses up every open reset of the user and ends their sessions. */
  async confirmReset(ctx: RequestContext, token: string, newPassword: string): Promise<void> {
    const invalid = () => new DomainException(ErrorCode.InvalidToken, 'The reset link is invalid, expired or already used');
    await this.db.transaction(ctx, async (tx) => {
      const resets = this.db.repo(tx, PasswordReset);
      const found = await resets.findOneBy({ tokenHash: hashOpaqueToken(token) });
      if (!found) throw invalid();
      // Lock order: the user, then the reset. Two links of one user confirmed at once then queue
      // on the user row instead of deadlocking; the second sees its reset used up.
      const user = await this.db.repo(tx, User).findOne({ where: { id: found.userId, status: 'active' }, lock: { mode: 'pessimistic_write' } });
      const reset = user && (await resets.findOne({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } }));
      if (!user || !reset || reset.usedAt || reset.expiresAt <= new Date()) throw invalid();
      this.passwords.assertStrong(newPassword, user.email);
      await this.db.repo(tx, User).update({ id: user.id }, { passwordHash: await this.passwords.hash(newPassword) });
      await resets.update({ userId: user.id, usedAt: IsNull() }, { usedAt: new Date() });
      const revoked = await this.auth.revokeAllSessions(tx, user.id);
      await this.audit.record(tx, { action: 'user.password_reset', entityType: 'user', entityId: user.id, organisationId: user.organisationId, after: { resetId: reset.id, sessionsEnded: revoked } });
    });
  }

  /** Deletes reset tokens expired for more than a day (the worker calls it). */
  async purgeExpired(ctx: RequestContext): Promise<number> {
    const result = await this.db.repo(ctx, PasswordReset).delete({ expiresAt: LessThan(new Date(Date.now() - 1440 * MINUTE_MS)) });
    return result.affected ?? 0;
  }
}
