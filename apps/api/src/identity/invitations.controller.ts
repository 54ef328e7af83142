import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Permission, Public, RequestContext, RequirePermission, ErrorCode } from '@ddp/core';
import { AuthService, InvitationsService } from '@ddp/identity';
import { AuthRateLimitGuard } from '../auth/rate-limit.guard';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { TokenPairDto } from './auth.dto';
import { AcceptInvitationDto, CreateInvitationDto, InvitationDto } from './invitation.dto';
import { UserDto } from './user.dto';
import { ApiProblems } from '../http/problem.dto';

class AcceptedInvitationDto {
  @ApiProperty({ type: UserDto }) user!: UserDto;
  @ApiProperty({ type: TokenPairDto }) tokens!: TokenPairDto;
}

@ApiTags('invitations')
@ApiProblems(ErrorCode.ValidationFailed, ErrorCode.DatabaseUnavailable)
@Controller()
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly auth: AuthService,
  ) {}

  @Post('organisations/:id/invitations')
  @ApiBearerAuth()
  @RequirePermission(Permission.InvitationsManage)
  @ApiOperation({ summary: 'Invite a user by email', description: 'Mails a single-use link valid 7 days. Earlier pending invitations of the address to this organisation are revoked.' })
  @ApiCreatedResponse({ type: InvitationDto })
  @ApiProblems(ErrorCode.Unauthorized, ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.EmailTaken)
  async create(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) organisationId: string, @Body() body: CreateInvitationDto): Promise<InvitationDto> {
    return InvitationDto.of(await this.invitations.create(ctx, organisationId, body));
  }

  @Get('organisations/:id/invitations')
  @ApiBearerAuth()
  @RequirePermission(Permission.InvitationsManage)
  @ApiOperation({ summary: 'Invitations of an organisation, newest first' })
  @ApiOkResponse({ type: [InvitationDto] })
  @ApiProblems(ErrorCode.Unauthorized, ErrorCode.Forbidden, ErrorCode.NotFound)
  async list(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) organisationId: string): Promise<InvitationDto[]> {
    return (await this.invitations.list(ctx, organisationId)).map(InvitationDto.of);
  }

  @Delete('organisations/:id/invitations/:invitationId')
  @ApiBearerAuth()
  @RequirePermission(Permission.InvitationsManage)
  @ApiOperation({ summary: 'Revoke a pending invitation' })
  @ApiProblems(ErrorCode.Unauthorized, ErrorCode.Forbidden, ErrorCode.NotFound, ErrorCode.Conflict)
  @ApiOkResponse({ type: InvitationDto })
  async revoke(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) organisationId: string,
    @Param('invitationId', UuidPipe) invitationId: string,
  ): Promise<InvitationDto> {
    return InvitationDto.of(await this.invitations.revoke(ctx, organisationId, invitationId));
  }

  @Post('invitations/accept')
  @Public()
  @HttpCode(201)
  @UseGuards(AuthRateLimitGuard)
  @ApiOperation({ summary: 'Accept an invitation: set name and password, get logged in', description: 'Rate limited (429 with Retry-After).' })
  @ApiCreatedResponse({ type: AcceptedInvitationDto })
  @ApiProblems(ErrorCode.WeakPassword, ErrorCode.InvitationInvalid, ErrorCode.EmailTaken, ErrorCode.RateLimited)
  async accept(@Ctx() ctx: RequestContext, @Body() body: AcceptInvitationDto): Promise<AcceptedInvitationDto> {
    const user = await this.invitations.accept(ctx, body);
    return { user: UserDto.of(user), tokens: await this.auth.startSession(ctx, user) };
  }
}
