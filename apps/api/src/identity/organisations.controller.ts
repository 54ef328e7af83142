import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequestContext, RequirePermission, ErrorCode } from '@ddp/core';
import { OrganisationsService, UsersService } from '@ddp/identity';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { CreateOrganisationDto, ListOrganisationsQuery, OrganisationDto, OrganisationPageDto } from './organisation.dto';
import { UpdateUserDto, UserDto } from './user.dto';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';

@ApiTags('organisations')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
  ) {}

  @Post()
  @RequirePermission(Permission.OrganisationsCreate)
  @ApiOperation({ summary: 'Create an organisation (platform admin)', description: 'Then invite its first admin with POST /organisations/{id}/invitations.' })
  @ApiCreatedResponse({ type: OrganisationDto })
  @ApiProblems(ErrorCode.RegistrationNumberTaken)
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateOrganisationDto): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.create(ctx, body));
  }

  @Get()
  @RequirePermission(Permission.OrganisationsRead)
  @ApiOperation({ summary: 'Organisations you may see, by name', description: 'The platform admin sees all; others their own. Keyset pagination: pass nextCursor as `after`.' })
  @ApiOkResponse({ type: OrganisationPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListOrganisationsQuery): Promise<OrganisationPageDto> {
    const page = await this.organisations.list(ctx, { ...query, limit: query.limit ?? 50 });
    return { items: page.items.map(OrganisationDto.of), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission(Permission.OrganisationsRead)
  @ApiOperation({ summary: 'One organisation' })
  @ApiOkResponse({ type: OrganisationDto })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<OrganisationDto> {
    return OrganisationDto.of(await this.organisations.get(ctx, id));
  }

  @Get(':id/users')
  @RequirePermission(Permission.UsersRead)
  @ApiOperation({ summary: 'The users of an organisation (your colleagues)' })
  @ApiOkResponse({ type: [UserDto] })
  async listUsers(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<UserDto[]> {
    return (await this.users.listForOrganisation(ctx, id)).map(UserDto.of);
  }

  @Patch(':id/users/:userId')
  @RequirePermission(Permission.UsersManage)
  @ApiOperation({ summary: 'Change a user’s role, or disable / re-enable them (organisation admin)', description: 'Disabling ends the user’s sessions at once. The organisation keeps at least one active admin (409 last_admin).' })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(ErrorCode.LastAdmin)
  async updateUser(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Param('userId', UuidPipe) userId: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    return UserDto.of(await this.users.update(ctx, id, userId, body));
  }
}
