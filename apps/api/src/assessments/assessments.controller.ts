import { Body, Controller, Delete, Get, Headers, HttpCode, Param, ParseIntPipe, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AssessmentsService, AssessmentView, EvidenceService, SharingService } from '@ddp/assessments';
import { DomainException, ErrorCode, FileStore, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { IdempotencyKey, IfMatch, setEtag } from '../http/etag';
import { readSaveAnswersBody } from './answer-shape';
import { readUpload } from '../http/multipart';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import {
  AdoptDto,
  AssessmentDto,
  AssessmentPageDto,
  AssessmentSummaryDto,
  BulkIssueAssessmentDto,
  EvidenceDto,
  EvidenceUploadDto,
  IssueAssessmentDto,
  ListAssessmentsQuery,
  ReviewDto,
  RevokeShareQuery,
  SaveAnswersDto,
  ShareDto,
} from './assessment.dto';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The ETag (version) you read; 428 without it, 412 when someone wrote since', example: '"3"' };

function send(reply: FastifyReply, view: AssessmentView): AssessmentDto {
  setEtag(reply, view.version);
  return AssessmentDto.ofView(view);
}

@ApiTags('assessments')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('assessments')
export class AssessmentsController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly evidence: EvidenceService,
    private readonly sharing: SharingService,
    private readonly files: FileStore,
  ) {}

  @Post()
  @RequirePermission(Permission.AssessmentsIssue)
  @ApiOperation({ summary: 'Issue a published template version to the supplier of a contract', description: 'The supplier’s admins are mailed.' })
  @ApiCreatedResponse({ type: AssessmentDto })
  async issue(@Ctx() ctx: RequestContext, @Body() body: IssueAssessmentDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentDto> {
    return send(reply, await this.assessments.issue(ctx, { ...body, contractId: body.contractId.toLowerCase(), templateId: body.templateId.toLowerCase() }));
  }

  @Post('bulk')
  @RequirePermission(Permission.AssessmentsIssue)
  @ApiOperation({ summary: 'Issue one template version to the suppliers of several contracts at once (all or nothing)' })
  @ApiCreatedResponse({ type: [AssessmentSummaryDto] })
  async issueBulk(@Ctx() ctx: RequestContext, @Body() body: BulkIssueAssessmentDto): Promise<AssessmentSummaryDto[]> {
    const issued = await this.assessments.issueBulk(ctx, { ...body, contractIds: body.contractIds.map((id) => id.toLowerCase()), templateId: body.templateId.toLowerCase() });
    return issued.map(AssessmentSummaryDto.of);
  }

  @Get()
  @RequirePermission(Permission.AssessmentsRead)
  @ApiOperation({ summary: 'Assessments you may read, newest first', description: 'Keyset pagination: pass nextCursor as `after`.' })
  @ApiOkResponse({ type: AssessmentPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListAssessmentsQuery): Promise<AssessmentPageDto> {
    const page = await this.assessments.list(ctx, { ...query, contractId: query.contractId?.toLowerCase(), limit: query.limit ?? 50 });
    return { items: page.items.map(AssessmentSummaryDto.of), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission(Permission.AssessmentsRead)
  @ApiOperation({ summary: 'One assessment: answers with colours, section and overall rating, evidence, comments, revisions', description: 'The ETag header is the version to send as If-Match.' })
  @ApiOkResponse({ type: AssessmentDto })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentDto> {
    return send(reply, await this.assessments.get(ctx, id));
  }

  @Get(':id/revisions/:number')
  @RequirePermission(Permission.AssessmentsRead)
  @ApiOperation({ summary: 'A revision as it was (the history of clarification rounds stays readable)' })
  @ApiOkResponse({ type: AssessmentDto })
  async revision(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Param('number', ParseIntPipe) revision: number): Promise<AssessmentDto> {
    return AssessmentDto.ofView(await this.assessments.getRevision(ctx, id, revision));
  }

  @Put(':id/answers')
  @RequirePermission(Permission.AssessmentsAnswer)
  @ApiOperation({
    summary: 'Save answers (a draft: partial saves welcome)',
    description: 'Each answer is checked against its question; colours and the rating are computed and stored. The other answers stay as they are.',
  })
  @ApiBody({ type: SaveAnswersDto })
  @ApiHeader(IF_MATCH)
  @ApiHeader({ name: 'Prefer', required: false, description: '`return=minimal`: answer 204 with the new ETag and no body (for autosave)', example: 'return=minimal' })
  @ApiOkResponse({ type: AssessmentDto })
  @ApiNoContentResponse({ description: 'Saved, with `Prefer: return=minimal`; the ETag header is the new version' })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.PreconditionRequired, ErrorCode.InvalidState)
  async saveAnswers(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() raw: unknown,
    @IfMatch() version: number | undefined,
    @Headers('prefer') prefer: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssessmentDto | undefined> {
    // Checked by a plain function rather than the global ValidationPipe (see answer-shape.ts).
    const { input: body, errors } = readSaveAnswersBody(raw);
    if (!body) throw DomainException.validation(errors);
    // An autosaving form has the answers and computes their colours itself: it may ask for no body (RFC 7240).
    if (/\breturn=minimal\b/.test(String(prefer ?? ''))) {
      const { version: saved } = await this.assessments.saveAnswers(ctx, id, body, version, { view: false });
      setEtag(reply, saved);
      void reply.status(204).header('preference-applied', 'return=minimal');
      return undefined;
    }
    return send(reply, await this.assessments.saveAnswers(ctx, id, body, version));
  }

  @Post(':id/evidence')
  @RequirePermission(Permission.AssessmentsAnswer)
  @ApiOperation({ summary: 'Upload evidence for an answer', description: 'PDF, images or office documents, at most 25 MB, recognised by content (not name). Stored with its SHA-256.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: EvidenceUploadDto })
  @ApiCreatedResponse({ type: EvidenceDto })
  @ApiProblems(ErrorCode.FileTooLarge, ErrorCode.UnsupportedFileType, ErrorCode.UnsupportedMediaType, ErrorCode.InvalidState, ErrorCode.StorageUnavailable)
  async uploadEvidence(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest): Promise<EvidenceDto> {
    const upload = await readUpload(request, this.files, ['questionCode', 'documentDate']);
    return this.evidence.attachToAnswer(ctx, id, upload.fields.questionCode, { file: upload.file, fileName: upload.fileName, documentDate: upload.fields.documentDate });
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentsAnswer)
  @ApiOperation({
    summary: 'Submit the open revision',
    description: 'Missing required answers and evidence come back as 422 with one entry per question code. With an Idempotency-Key, a replay returns the first response.',
  })
  @ApiHeader(IF_MATCH)
  @ApiHeader({ name: 'Idempotency-Key', required: false, example: '5d1c1a8e-submit-1' })
  @ApiOkResponse({ type: AssessmentDto })
  @ApiProblems(ErrorCode.AssessmentIncomplete, ErrorCode.PreconditionFailed, ErrorCode.PreconditionRequired, ErrorCode.InvalidState, ErrorCode.IdempotencyKeyReused)
  async submit(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @IfMatch() version: number | undefined,
    @IdempotencyKey() key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssessmentDto> {
    return send(reply, await this.assessments.submit(ctx, id, version, key));
  }

  @Post(':id/review')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentsReview)
  @ApiOperation({ summary: 'Accept a submitted assessment, or ask for clarification with comments per answer', description: 'Clarification opens a new revision; the submitted one stays readable.' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AssessmentDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.PreconditionRequired, ErrorCode.InvalidState)
  async review(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: ReviewDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AssessmentDto> {
    return send(reply, await this.assessments.review(ctx, id, { decision: body.decision, comments: body.comments ?? [] }, version));
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentsIssue)
  @ApiOperation({ summary: 'Withdraw an assessment not yet accepted (the issuer)' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: AssessmentDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.PreconditionRequired, ErrorCode.InvalidState)
  async withdraw(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentDto> {
    return send(reply, await this.assessments.withdraw(ctx, id, version));
  }

  @Post(':id/shares')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentsShare)
  @ApiOperation({ summary: 'Share an accepted assessment with another buyer of yours (supplier admin)', description: 'It may then read it and adopt it for its own contract with you.' })
  @ApiOkResponse({ type: AssessmentDto })
  @ApiProblems(ErrorCode.InvalidState)
  async share(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: ShareDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentDto> {
    return send(reply, await this.sharing.share(ctx, id, body.authorityId.toLowerCase()));
  }

  @Delete(':id/shares')
  @RequirePermission(Permission.AssessmentsShare)
  @ApiOperation({ summary: 'Revoke a share' })
  @ApiOkResponse({ type: AssessmentDto })
  async revokeShare(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Query() query: RevokeShareQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentDto> {
    return send(reply, await this.sharing.revoke(ctx, id, query.authorityId.toLowerCase()));
  }

  @Post(':id/adopt')
  @RequirePermission(Permission.AssessmentsIssue)
  @ApiOperation({ summary: 'Accept an assessment shared with you as your own, for your contract with the same supplier', description: 'Instead of issuing the same template version again.' })
  @ApiCreatedResponse({ type: AssessmentDto })
  @ApiProblems(ErrorCode.InvalidState)
  async adopt(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: AdoptDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentDto> {
    return send(reply, await this.sharing.adopt(ctx, id, body.contractId.toLowerCase()));
  }
}
