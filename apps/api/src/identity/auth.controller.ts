import { Body, Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, RequestContext, ErrorCode } from '@ddp/core';
import { AuthService, User } from '@ddp/identity';
import { LocalAuthGuard } from '../auth/local-auth.guard';
import { AuthRateLimitGuard } from '../auth/rate-limit.guard';
import { Ctx } from '../http/request-context.decorator';
import { LoginDto, RefreshTokenDto, TokenPairDto } from './auth.dto';
import { ApiProblems } from '../http/problem.dto';

@ApiTags('auth')
@ApiProblems(ErrorCode.ValidationFailed, ErrorCode.InvalidJson, ErrorCode.RateLimited, ErrorCode.DatabaseUnavailable)
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
}
