import { Controller, Get, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, FileStore, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { MineralsService } from '@ddp/excel';
import { readUpload } from '../http/multipart';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { ListMineralsReportsQuery, MineralsReportDto, MineralsReportPageDto, MineralsUploadDto, SmelterRollupItemDto, SmelterRollupPageDto, SmelterRollupQuery } from './minerals.dto';

@ApiTags('minerals')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller()
export class MineralsController {
  constructor(
    private readonly minerals: MineralsService,
    private readonly files: FileStore,
  ) {}

  @Post('contracts/:id/minerals-reports')
  @RequirePermission(Permission.MineralsWrite)
  @ApiOperation({
    summary: 'Upload the filled RMI CMRT (6.x) or EMRT (2.x) for a contract (its supplier)',
    description:
      'Read by cell address (labels are formulas in ten languages; formula cells give their cached value). The declaration, smelter list and (EMRT) mine list are stored; the previous report of the contract is kept as superseded; findings are created by the rules of docs/minerals.md. Problems come back as 422 with one entry per cell (`Declaration!D8`, `Smelter List!D7`); unsupported versions are refused with the version found and those supported; nothing is stored on any problem.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: MineralsUploadDto })
  @ApiCreatedResponse({ type: MineralsReportDto })
  @ApiProblems(ErrorCode.Unprocessable, ErrorCode.FileTooLarge, ErrorCode.UnsupportedFileType, ErrorCode.UnsupportedMediaType)
  async upload(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest): Promise<MineralsReportDto> {
    const upload = await readUpload(request, this.files, []);
    try {
      return MineralsReportDto.of(await this.minerals.import(ctx, id, { file: upload.file, fileName: upload.fileName }));
    } finally {
      await this.files.discard(upload.file);
    }
  }

  @Get('contracts/:id/minerals-reports')
  @RequirePermission(Permission.MineralsRead)
  @ApiOperation({ summary: 'The minerals reports of a contract, newest first, superseded ones included (authority, supplier, assigned auditors)' })
  @ApiOkResponse({ type: MineralsReportPageDto })
  async list(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Query() query: ListMineralsReportsQuery): Promise<MineralsReportPageDto> {
    const page = await this.minerals.list(ctx, id, query.after, query.limit ?? 20);
    return { items: page.items.map(MineralsReportDto.of), nextCursor: page.nextCursor };
  }

  @Get('smelters')
  @RequirePermission(Permission.MineralsRead)
  @ApiOperation({
    summary: 'Smelters named by the current minerals reports of the contracts you may read, with the suppliers naming each',
    description: 'Grouped by smelter identification when given, else by normalised name and metal; ordered by that key and paged with `after`.',
  })
  @ApiOkResponse({ type: SmelterRollupPageDto })
  async smelters(@Ctx() ctx: RequestContext, @Query() query: SmelterRollupQuery): Promise<SmelterRollupPageDto> {
    const page = await this.minerals.rollup(ctx, { contractId: query.contractId?.toLowerCase(), after: query.after, limit: query.limit ?? 100 });
    return { items: page.items.map(SmelterRollupItemDto.of), nextCursor: page.nextCursor };
  }
}
