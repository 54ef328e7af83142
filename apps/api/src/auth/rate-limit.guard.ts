import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';

/** The throttlers of the auth endpoints, by what they count (see api.module.ts for the limits). */
export const AUTH_THROTTLERS = {
  /** One client address trying one email: the ordinary brute force. */
  perAddressAndEmail: 'default',
  /** One client address trying many emails (password spraying). */
  perAddress: 'per-address',
  /** Many addresses trying one email (a distributed attack on one account). */
  perAccount: 'per-account',
} as const;

/**
 * Rate limit for login, token refresh and invitation acceptance. Three budgets count each
 * attempt; the first exhausted answers 429 with Retry-After.
 */
@Injectable()
export class AuthRateLimitGuard extends ThrottlerGuard {
  /** `address|account`: the account is the email in the body, or the authenticated user (password change). */
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req.body as { email?: unknown } | undefined;
    const user = req.user as { userId?: string } | undefined;
    const account = typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 320) : user?.userId ? `user:${user.userId}` : '';
    return `${String(req.ip)}|${account}`;
  }

  protected override generateKey(context: ExecutionContext, tracker: string, throttlerName: string): string {
    const [address, email] = [tracker.slice(0, tracker.indexOf('|')), tracker.slice(tracker.indexOf('|') + 1)];
    const key =
      throttlerName === AUTH_THROTTLERS.perAddress ? address
      : throttlerName === AUTH_THROTTLERS.perAccount ? (email ? `email:${email}` : `address:${address}`)
      : tracker;
    return super.generateKey(context, key, throttlerName);
  }

  /** Named throttlers would answer `Retry-After-<name>`; clients expect the standard header. */
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    void reply.header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}
