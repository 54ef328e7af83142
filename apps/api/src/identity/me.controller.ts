import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission, RequestContext, RequirePermission, ErrorCode } from '@ddp/core';
import { UsersService } from '@ddp/identity';
import { Ctx } from '../http/request-context.decorator';
import { MeDto } from './user.dto';
import { ApiAuthenticatedProblems } from '../http/problem.dto';

@ApiTags('identity')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('me')
export class MeController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission(Permission.Authenticated)
  @ApiOperation({ summary: 'The authenticated user and their organisation' })
  @ApiOkResponse({ type: MeDto })
  async me(@Ctx() ctx: RequestContext): Promise<MeDto> {
    return MeDto.of(await this.users.me(ctx));
  }
}
