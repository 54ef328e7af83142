import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EXPORT_CONTENT_TYPE, ExportsService } from '@ddp/excel';
import { ErrorCode, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { CreateExportDto, ExportDto } from './export.dto';

@ApiTags('exports')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Post()
  @HttpCode(202)
  @RequirePermission(Permission.ExportsCreate)
  @ApiOperation({
    summary: 'Ask for an auditor workbook (.xlsx) of some contracts or of the whole portfolio',
    description:
      'Queued, then written by the worker: Summary, Contracts, Suppliers and sites, Assessments, Answers, Findings, Action plans and actions, Reports and KPIs, Defaults and penalties, Audit events (administrators only). Only what your organisation may read goes in; questions in your organisation’s language. Only you can follow and download it; it is removed after 7 days.',
  })
  @ApiAcceptedResponse({ type: ExportDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateExportDto): Promise<ExportDto> {
    return ExportDto.of(await this.exports.create(ctx, body));
  }

  @Get(':id')
  @RequirePermission(Permission.ExportsCreate)
  @ApiOperation({ summary: 'The status and progress of one of your exports' })
  @ApiOkResponse({ type: ExportDto })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<ExportDto> {
    return ExportDto.of(await this.exports.get(ctx, id));
  }

  @Get(':id/file')
  @RequirePermission(Permission.ExportsCreate)
  @ApiOperation({ summary: 'Download a finished export (as an attachment)' })
  @ApiProduces(EXPORT_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(ErrorCode.InvalidState, ErrorCode.StorageUnavailable)
  async download(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.exports.file(ctx, id);
    await reply
      .header('content-type', EXPORT_CONTENT_TYPE)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'private, no-store')
      .send(file.stream);
  }
}
