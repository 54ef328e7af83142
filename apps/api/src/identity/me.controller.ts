import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequestContext, RequirePermission, ErrorCode } from '@ddp/core';
import { AccountPasswordService, UsersService } from '@ddp/identity';
import { AuthRateLimitGuard } from '../auth/rate-limit.guard';
import { ChangePasswordDto, TokenPairDto } from './auth.dto';
import { Ctx } from '../http/request-context.decorator';
import { MeDto } from './user.dto';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';

@ApiTags('identity')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly accountPasswords: AccountPasswordService,
  ) {}

  @Get()
  @RequirePermission(Permission.Authenticated)
  @ApiOperation({ summary: 'The authenticated user and their organisation' })
  @ApiOkResponse({ type: MeDto })
  async me(@Ctx() ctx: RequestContext): Promise<MeDto> {
    return MeDto.of(await this.users.me(ctx));
  }

  @Post('password')
  @HttpCode(200)
  @RequirePermission(Permission.Authenticated)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({ summary: 'Change your password', description: 'Ends every other session of yours and returns tokens for this one.' })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(ErrorCode.InvalidCredentials, ErrorCode.WeakPassword, ErrorCode.RateLimited)
  changePassword(@Ctx() ctx: RequestContext, @Body() body: ChangePasswordDto): Promise<TokenPairDto> {
    return this.accountPasswords.change(ctx, body.currentPassword, body.newPassword);
  }
}
