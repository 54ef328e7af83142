import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { IsNull, LessThan } from 'typeorm';
import { Actor, APP_CONFIG, AppConfig, AuditService, Database, DomainException, ErrorCode, RequestContext } from '@ddp/core';
import { Organisation } from '../organisations/organisation.entity';
import { PasswordService } from '../passwords/password.service';
import { findUserWithCredentials } from '../users/user-credentials';
import { User } from '../users/user.entity';
import { hashOpaqueToken, newOpaqueToken } from './opaque-token';
import { RefreshToken } from './refresh-token.entity';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Lifetime of the access token, in seconds. */
  expiresIn: number;
  tokenType: 'Bearer';
}

/** The claims of an access token; `sub` is the user id. */
export interface AccessClaims {
  sub: string;
  /** The session (refresh-token family): the token dies with it (logout, password change, disable). */
  sid: string;
  org: string;
  kind: Actor['organisationKind'];
  role: Actor['role'];
}

const DAY_MS = 86_400_000;

@Injectable()
export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly audit: AuditService,
    private readonly passwords: PasswordService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Unknown email and wrong password fail alike, after the same argon2 work. */
  async verifyCredentials(ctx: RequestContext, email: string, password: string): Promise<User> {
    const user = await findUserWithCredentials(this.db, ctx, { email });
    const valid = await this.passwords.verify(user?.passwordHash, password);
    if (!user || !valid || user.status !== 'active') throw new DomainException(ErrorCode.InvalidCredentials);
    return user;
  }

  /** Opens a session (a new refresh-token family) for a user whose credentials were verified. */
  async startSession(ctx: RequestContext, user: User): Promise<TokenPair> {
    return this.db.transaction(ctx, async (tx) => {
      await this.db.repo(tx, User).update({ id: user.id }, { lastLoginAt: new Date() });
      const actorCtx = tx.withActor(actorOf(user, user.organisation!));
      await this.audit.record(actorCtx, { action: 'user.logged_in', entityType: 'user', entityId: user.id, organisationId: user.organisationId });
      return this.issue(actorCtx, user, user.organisation!);
    });
  }

  /**
   * Rotates a refresh token. Presenting one that was already rotated revokes its whole family, unless
   * it was rotated less than REFRESH_REUSE_GRACE_SECONDS ago and the family is live: then the
   * session gets one more token (the one issued before stays live too).
   */
  async refresh(ctx: RequestContext, presented: string): Promise<TokenPair> {
    const outcome = await this.db.transaction(ctx, async (tx) => {
      const repo = this.db.repo(tx, RefreshToken);
      const found = await repo.findOneBy({ tokenHash: hashOpaqueToken(presented) });
      if (!found) return { error: true as const };
      // Lock order everywhere: the user, then their tokens (password change, reset and disable do the same).
      await this.db.query(tx, 'SELECT 1 FROM users WHERE id = $1 FOR SHARE', [found.userId]);
      const token = await repo.findOne({ where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!token || token.revokedAt || token.expiresAt <= new Date()) return { error: true as const };
      if (token.rotatedAt) {
        // Rotated moments ago while its session is live: the same browser again (two tabs refreshing at
        // once, or the answer lost to a navigation). Later: a stolen token replayed (or the legitimate
        // one, after the thief used it): end the session everywhere.
        const sameBrowser = Date.now() - token.rotatedAt.getTime() < this.config.REFRESH_REUSE_GRACE_SECONDS * 1000 && (await this.isLive(tx, token.familyId));
        if (!sameBrowser) {
          if ((await this.revokeFamily(tx, token.familyId)) > 0) {
            await this.audit.record(tx, { action: 'refresh_token.reuse_detected', entityType: 'user', entityId: token.userId, organisationId: await this.organisationOf(tx, token.userId), after: { familyId: token.familyId } });
          }
          return { error: true as const };
        }
      }
      const user = await this.db.repo(tx, User).findOne({ where: { id: token.userId }, relations: { organisation: true } });
      if (!user || user.status !== 'active') return { error: true as const };
      // Within the grace the token issued before stays live too: whichever the browser keeps works.
      if (!token.rotatedAt) await repo.update({ id: token.id }, { rotatedAt: new Date() });
      return { pair: await this.issue(tx, user, user.organisation!, token.familyId) };
    });
    // Thrown after commit: the family revocation must persist.
    if ('error' in outcome) throw new DomainException(ErrorCode.InvalidToken, 'The refresh token is invalid, expired or revoked');
    return outcome.pair;
  }

  /** Whether the session (family) still has a live token: not ended by logout, reuse, password change or expiry. */
  private async isLive(ctx: RequestContext, familyId: string): Promise<boolean> {
    const [live] = await this.db.query(ctx, 'SELECT 1 FROM refresh_tokens WHERE family_id = $1 AND rotated_at IS NULL AND revoked_at IS NULL AND expires_at > now() LIMIT 1', [familyId]);
    return live !== undefined;
  }

  /** Revokes the session (the token's whole family). Unknown tokens are ignored: logout is idempotent. */
  async logout(ctx: RequestContext, presented: string): Promise<void> {
    await this.db.transaction(ctx, async (tx) => {
      const token = await this.db.repo(tx, RefreshToken).findOneBy({ tokenHash: hashOpaqueToken(presented) });
      if (!token) return;
      if ((await this.revokeFamily(tx, token.familyId)) > 0) {
        await this.audit.record(tx, { action: 'user.logged_out', entityType: 'user', entityId: token.userId, organisationId: await this.organisationOf(tx, token.userId) });
      }
    });
  }

  /**
   * Ends every session of the user; returns how many were live. Only each family's current token
   * (not rotated, not revoked) is touched: rotated ones are dead already.
   */
  async revokeAllSessions(ctx: RequestContext, userId: string): Promise<number> {
    const result = await this.db.repo(ctx, RefreshToken).update({ userId, rotatedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Deletes refresh tokens expired for more than a day (the worker calls it). */
  async purgeExpiredTokens(ctx: RequestContext): Promise<number> {
    const result = await this.db.repo(ctx, RefreshToken).delete({ expiresAt: LessThan(new Date(Date.now() - DAY_MS)) });
    return result.affected ?? 0;
  }

  private async revokeFamily(ctx: RequestContext, familyId: string): Promise<number> {
    const result = await this.db.repo(ctx, RefreshToken).update({ familyId, rotatedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    return result.affected ?? 0;
  }

  /** Tokens for a user who just proved who they are (login, invitation acceptance). */
  async issue(ctx: RequestContext, user: User, organisation: Organisation, familyId: string = randomUUID()): Promise<TokenPair> {
    const claims: AccessClaims = { sub: user.id, sid: familyId, org: organisation.id, kind: organisation.kind, role: user.role };
    const accessToken = await this.jwt.signAsync(claims);
    const { token, hash } = newOpaqueToken();
    const repo = this.db.repo(ctx, RefreshToken);
    await repo.insert(
      repo.create({ userId: user.id, familyId, tokenHash: hash, expiresAt: new Date(Date.now() + this.config.REFRESH_TOKEN_TTL_DAYS * DAY_MS), rotatedAt: null, revokedAt: null }),
    );
    return { accessToken, refreshToken: token, expiresIn: this.config.ACCESS_TOKEN_TTL_SECONDS, tokenType: 'Bearer' };
  }

  private async organisationOf(ctx: RequestContext, userId: string): Promise<string | null> {
    return (await this.db.repo(ctx, User).findOneBy({ id: userId }))?.organisationId ?? null;
  }
}

export function actorOf(user: User, organisation: Organisation): Actor {
  return { userId: user.id, organisationId: organisation.id, organisationKind: organisation.kind, role: user.role };
}
