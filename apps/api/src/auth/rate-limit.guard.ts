import { Injectable } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';

/**
 * Rate limit for login, token refresh and invitation acceptance: per client address and, for
 * login, per email, so that one attacker cannot lock everyone out and cannot spray one account.
 */
@Injectable()
export class AuthRateLimitGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const body = req.body as { email?: unknown } | undefined;
    const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 320) : '';
    return `${String(req.ip)}|${email}`;
  }
}
