import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, ErrorCode } from '@ddp/core';
import { AccountPasswordService, AuthService, User } from '@ddp/identity';
import { LocalAuthGuard } from '../auth/local-auth.guard';
import { AuthRateLimitGuard } from '../auth/rate-limit.guard';
import { Ctx } from '../http/request-context.decorator';
import { LoginDto, PasswordResetConfirmDto, PasswordResetRequestDto, RefreshTokenDto, TokenPairDto } from './auth.dto';
import { ApiProblems } from '../http/problem.dto';

@ApiTags('auth')
@ApiProblems(ErrorCode.ValidationFailed, ErrorCode.InvalidJson, ErrorCode.RateLimited, ErrorCode.DatabaseUnavailable)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accountPasswords: AccountPasswordService,
  ) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard, LocalAuthGuard)
  @ApiOperation({ summary: 'Log in with email and password', description: 'Rate limited per address and email (429 with Retry-After).' })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCode.InvalidCredentials)
  login(@Ctx() ctx: RequestContext, @Req() request: { user: User }): Promise<TokenPairDto> {
    return this.auth.startSession(ctx, request.user);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({ summary: 'Exchange a refresh token for a new pair', description: 'The presented token is used up; presenting it again revokes the whole session.' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCode.InvalidToken)
  refresh(@Ctx() ctx: RequestContext, @Body() body: RefreshTokenDto): Promise<TokenPairDto> {
    return this.auth.refresh(ctx, body.refreshToken);
  }

  @Post('logout')
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the session of this refresh token (idempotent)' })
  @ApiNoContentResponse()
  async logout(@Ctx() ctx: RequestContext, @Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(ctx, body.refreshToken);
  }

  @Post('password-reset')
  @Public()
  @HttpCode(202)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({
    summary: 'Ask for a password-reset link by mail',
    description: 'Always 202, whether or not the email has an account, so the answer reveals nothing. The link works once and expires after PASSWORD_RESET_TTL_MINUTES (60).',
  })
  @ApiAcceptedResponse({ description: 'If the email belongs to an active account, a link is on its way' })
  async requestPasswordReset(@Ctx() ctx: RequestContext, @Body() body: PasswordResetRequestDto): Promise<void> {
    await this.accountPasswords.requestReset(ctx, body.email);
  }

  @Post('password-reset/confirm')
  @Public()
  @HttpCode(204)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({ summary: 'Set a new password with the mailed token', description: 'Ends every session of the user; log in again with the new password.' })
  @ApiNoContentResponse()
  @ApiProblems(ErrorCode.InvalidToken, ErrorCode.WeakPassword)
  async confirmPasswordReset(@Ctx() ctx: RequestContext, @Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.accountPasswords.confirmReset(ctx, body.token, body.password);
  }
}
