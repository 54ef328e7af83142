import { Body, Controller, Get, Param, Patch, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { EvidenceService, FindingsService } from '@ddp/assessments';
import { ErrorCode, FileStore, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { EvidenceDto, FindingEvidenceUploadDto } from '../assessments/assessment.dto';
import { readUpload } from '../http/multipart';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { CreateFindingDto, FindingDto, FindingPageDto, ListFindingsQuery, UpdateFindingDto } from './finding.dto';

@ApiTags('findings')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('findings')
export class FindingsController {
  constructor(
    private readonly findings: FindingsService,
    private readonly evidence: EvidenceService,
    private readonly files: FileStore,
  ) {}

  @Get()
  @RequirePermission(Permission.FindingsRead)
  @ApiOperation({ summary: 'Findings of the contracts you have a part in, newest first', description: 'Red answers make high findings, amber ones medium; plus those recorded by hand.' })
  @ApiOkResponse({ type: FindingPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListFindingsQuery): Promise<FindingPageDto> {
    const page = await this.findings.list(ctx, { ...query, contractId: query.contractId?.toLowerCase(), assessmentId: query.assessmentId?.toLowerCase(), limit: query.limit ?? 50 });
    return { items: page.items.map(FindingDto.of), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.FindingsCreate)
  @ApiOperation({ summary: 'Record a finding by hand (a buyer or the assigned auditor), e.g. from an on-site audit' })
  @ApiCreatedResponse({ type: FindingDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateFindingDto): Promise<FindingDto> {
    return FindingDto.of(await this.findings.create(ctx, { ...body, contractId: body.contractId.toLowerCase() }));
  }

  @Get(':id')
  @RequirePermission(Permission.FindingsRead)
  @ApiOperation({ summary: 'One finding' })
  @ApiOkResponse({ type: FindingDto })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<FindingDto> {
    return FindingDto.of(await this.findings.get(ctx, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.PlansReview)
  @ApiOperation({
    summary: 'Set the date by which a corrective action plan is due (the contract’s authority)',
    description: 'Red findings get today + the clause’s planDeadlineDays (30 without a clause) when they are recorded; the buyer may move it to any date from today on while the finding is open. Audited.',
  })
  @ApiOkResponse({ type: FindingDto })
  @ApiProblems(ErrorCode.InvalidState, ErrorCode.Unprocessable)
  async update(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: UpdateFindingDto): Promise<FindingDto> {
    return FindingDto.of(await this.findings.setPlanDueDate(ctx, id, body.planDueDate));
  }

  @Get(':id/evidence')
  @RequirePermission(Permission.FindingsRead)
  @ApiOperation({ summary: 'The evidence attached to a finding' })
  @ApiOkResponse({ type: [EvidenceDto] })
  async listEvidence(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<EvidenceDto[]> {
    return this.evidence.listForFinding(ctx, id);
  }

  @Post(':id/evidence')
  @RequirePermission(Permission.FindingsCreate)
  @ApiOperation({ summary: 'Attach evidence to a finding (e.g. the audit report)' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: FindingEvidenceUploadDto })
  @ApiCreatedResponse({ type: EvidenceDto })
  @ApiProblems(ErrorCode.FileTooLarge, ErrorCode.UnsupportedFileType, ErrorCode.UnsupportedMediaType, ErrorCode.StorageUnavailable)
  async uploadEvidence(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest): Promise<EvidenceDto> {
    const upload = await readUpload(request, this.files, ['documentDate']);
    return this.evidence.attachToFinding(ctx, id, { file: upload.file, fileName: upload.fileName, documentDate: upload.fields.documentDate });
  }
}
