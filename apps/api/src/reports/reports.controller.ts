import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, FileStore, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { ReportObligationsService, ReportsService, ReportView } from '@ddp/monitoring';
import { EvidenceDto } from '../assessments/assessment.dto';
import { IfMatch, setEtag } from '../http/etag';
import { readUpload } from '../http/multipart';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { AcceptReportDto, CreateReportDto, ListReportsQuery, ObligationDto, ReportAttachmentUploadDto, ReportDto, ReportPageDto, ReportSummaryDto, ReturnReportDto, UpdateReportDto } from './report.dto';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The ETag (version) you read; 412 when someone wrote since', example: '"3"' };

function send(reply: FastifyReply, view: ReportView): ReportDto {
  setEtag(reply, view.version);
  return ReportDto.ofView(view);
}

/** Periodic reports, and the reporting calendar of a contract (`/contracts/{id}/report-obligations`). */
@ApiTags('reports')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller()
export class ReportsController {
  constructor(
    private readonly obligations: ReportObligationsService,
    private readonly reports: ReportsService,
    private readonly files: FileStore,
  ) {}

  @Get('contracts/:id/report-obligations')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({
    summary: 'The reporting calendar of a contract: one obligation per period, in period order',
    description: 'Generated from the clause versions; a period set under an earlier version keeps its rules. States are computed for today in the contract time zone.',
  })
  @ApiOkResponse({ type: [ObligationDto] })
  async listObligations(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<ObligationDto[]> {
    return (await this.obligations.list(ctx, id)).map(ObligationDto.of);
  }

  @Post('reports')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: 'Start the report of an obligation (the supplier, from the first day of its period)', description: 'One report per obligation: a second is a 409 naming the existing one.' })
  @ApiCreatedResponse({ type: ReportDto })
  @ApiProblems(ErrorCode.Conflict, ErrorCode.InvalidState)
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateReportDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReportDto> {
    return send(reply, await this.reports.create(ctx, body.obligationId.toLowerCase()));
  }

  @Get('reports')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: 'Reports of the contracts you have a part in, newest first', description: 'Keyset pagination: pass nextCursor as `after`.' })
  @ApiOkResponse({ type: ReportPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListReportsQuery): Promise<ReportPageDto> {
    const page = await this.reports.list(ctx, { ...query, contractId: query.contractId?.toLowerCase(), limit: query.limit ?? 50 });
    return { items: page.items.map(ReportSummaryDto.of), nextCursor: page.nextCursor };
  }

  @Get('reports/:id')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: 'One report: its obligation, the KPIs, current values, latest results with colours, every submission and the attachments', description: 'The ETag header is the version.' })
  @ApiOkResponse({ type: ReportDto })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReportDto> {
    return send(reply, await this.reports.get(ctx, id));
  }

  @Patch('reports/:id')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({
    summary: 'Save the narrative and/or the KPI values of a draft or returned report (the supplier)',
    description: 'Each KPI value must be a KPI of the period’s clause version, in its unit and precision: else 422 `invalid_kpi_value` naming `kpiValues.N.code|value|unit`.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReportDto })
  @ApiProblems(ErrorCode.Unprocessable, ErrorCode.PreconditionFailed, ErrorCode.InvalidState)
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateReportDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportDto> {
    return send(reply, await this.reports.update(ctx, id, body, version));
  }

  @Post('reports/:id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({
    summary: 'Submit the report (the supplier)',
    description: 'Every KPI needs a value (422 `report_incomplete` naming `kpiValues.<CODE>`). Records the KPI results and the days late; the buyer’s admins are mailed.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReportDto })
  @ApiProblems(ErrorCode.ReportIncomplete, ErrorCode.PreconditionFailed, ErrorCode.InvalidState)
  async submit(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<ReportDto> {
    return send(reply, await this.reports.submit(ctx, id, version));
  }

  @Post('reports/:id/accept')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: 'Accept a submitted report (the awarding authority)', description: 'The supplier’s admins are mailed.' })
  @ApiHeader(IF_MATCH)
  @ApiBody({ type: AcceptReportDto, required: false })
  @ApiOkResponse({ type: ReportDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState)
  async accept(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: AcceptReportDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportDto> {
    return send(reply, await this.reports.decide(ctx, id, 'accepted', body?.comments, version));
  }

  @Post('reports/:id/return')
  @HttpCode(200)
  @RequirePermission(Permission.ReportsReview)
  @ApiOperation({ summary: 'Return a submitted report to the supplier with comments (the awarding authority)', description: 'The supplier may correct and resubmit it; its lateness stays that of the first submission.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: ReportDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState)
  async returnReport(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReturnReportDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ReportDto> {
    return send(reply, await this.reports.decide(ctx, id, 'returned', body.comments, version));
  }

  @Get('reports/:id/attachments')
  @RequirePermission(Permission.ReportsRead)
  @ApiOperation({ summary: 'The attachments of a report', description: 'Download each through GET /evidence/{id}.' })
  @ApiOkResponse({ type: [EvidenceDto] })
  async attachments(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<EvidenceDto[]> {
    return this.reports.attachments(ctx, id);
  }

  @Post('reports/:id/attachments')
  @RequirePermission(Permission.ReportsWrite)
  @ApiOperation({ summary: 'Attach a document to a draft or returned report (the supplier)', description: 'PDF, images or office documents, recognised by content. Stored with its SHA-256.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ReportAttachmentUploadDto })
  @ApiCreatedResponse({ type: EvidenceDto })
  @ApiProblems(ErrorCode.FileTooLarge, ErrorCode.UnsupportedFileType, ErrorCode.UnsupportedMediaType, ErrorCode.InvalidState, ErrorCode.StorageUnavailable)
  async attach(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest): Promise<EvidenceDto> {
    const upload = await readUpload(request, this.files, ['documentDate']);
    return this.reports.attach(ctx, id, { file: upload.file, fileName: upload.fileName, documentDate: upload.fields.documentDate });
  }
}
