import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Database, ErrorCode, Public } from '@ddp/core';
import { ApiProblems } from '../http/problem.dto';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'The process is up' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOperation({ summary: 'The process can serve: the database answers' })
  @ApiOkResponse({ schema: { example: { status: 'ok', database: 'up' } } })
  @ApiProblems(ErrorCode.DatabaseUnavailable)
  async ready(): Promise<{ status: 'ok'; database: 'up' }> {
    await this.db.ping();
    return { status: 'ok', database: 'up' };
  }
}
