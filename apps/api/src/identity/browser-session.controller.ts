import { Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBody, ApiCookieAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig, DomainException, ErrorCode, Public, RequestContext } from '@ddp/core';
import { AuthService, TokenPair, User } from '@ddp/identity';
import { LocalAuthGuard } from '../auth/local-auth.guard';
import { AuthRateLimitGuard } from '../auth/rate-limit.guard';
import { Ctx } from '../http/request-context.decorator';
import { ApiProblems } from '../http/problem.dto';
import { AccessTokenDto, LoginDto } from './auth.dto';

/** The browser session's refresh token: httpOnly (no script reads it), sent only to these routes. */
export const REFRESH_COOKIE = 'ddp_refresh';
export const REFRESH_COOKIE_PATH = '/api/v1/auth/browser';

/**
 * Sessions of the web portal: the refresh token lives in an httpOnly, SameSite=Strict cookie
 * scoped to these three routes (Secure when PUBLIC_URL is https), and only the short-lived access
 * token reaches the page, which keeps it in memory. A cross-site page cannot use the cookie:
 * SameSite=Strict keeps it off cross-site requests, and the routes take JSON only (a form post
 * cannot send it without a CORS preflight, which the api refuses).
 */
@ApiTags('auth')
@ApiProblems(ErrorCode.ValidationFailed, ErrorCode.InvalidJson, ErrorCode.RateLimited, ErrorCode.DatabaseUnavailable)
@Controller('auth/browser')
export class BrowserSessionController {
  constructor(
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Log in from the web portal', description: 'Sets the refresh token as an httpOnly cookie and answers the access token only. Rate limited like /auth/login.' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(ErrorCode.InvalidCredentials)
  async login(@Ctx() ctx: RequestContext, @Req() request: { user: User }, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenDto> {
    return this.answer(reply, await this.auth.startSession(ctx, request.user));
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  // Not rate limited like the login: the portal refreshes at every page load and every 14 minutes
  // per tab, so the login's budget per client address would log out an office behind one address;
  // a refresh token (256 random bits, single use) cannot be guessed.
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'Renew the access token with the session cookie', description: 'Rotates the cookie. Without a valid cookie: 401 and the cookie is cleared.' })
  @ApiOkResponse({ type: AccessTokenDto })
  @ApiProblems(ErrorCode.InvalidToken)
  async refresh(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AccessTokenDto> {
    const presented = request.cookies?.[REFRESH_COOKIE];
    try {
      if (!presented) throw new DomainException(ErrorCode.InvalidToken, 'No session: log in');
      return this.answer(reply, await this.auth.refresh(ctx, presented));
    } catch (error) {
      if (error instanceof DomainException && error.code === ErrorCode.InvalidToken) this.clear(reply);
      throw error;
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiCookieAuth(REFRESH_COOKIE)
  @ApiOperation({ summary: 'End the browser session (idempotent)', description: 'Revokes the session of the cookie and clears it.' })
  @ApiNoContentResponse()
  async logout(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    const presented = request.cookies?.[REFRESH_COOKIE];
    if (presented) await this.auth.logout(ctx, presented);
    this.clear(reply);
  }

  private answer(reply: FastifyReply, pair: TokenPair): AccessTokenDto {
    void reply.setCookie(REFRESH_COOKIE, pair.refreshToken, { ...this.cookieOptions(), maxAge: this.config.REFRESH_TOKEN_TTL_DAYS * 86_400 });
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn, tokenType: 'Bearer' };
  }

  private clear(reply: FastifyReply): void {
    void reply.clearCookie(REFRESH_COOKIE, this.cookieOptions());
  }

  private cookieOptions() {
    return { path: REFRESH_COOKIE_PATH, httpOnly: true, sameSite: 'strict' as const, secure: this.config.PUBLIC_URL.startsWith('https:') };
  }
}
