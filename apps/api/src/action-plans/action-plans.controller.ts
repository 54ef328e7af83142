import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, FileStore, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { ActionPlansService, ActionResult, PlanView } from '@ddp/remediation';
import { EvidenceDto } from '../assessments/assessment.dto';
import { IfMatch, setEtag } from '../http/etag';
import { readUpload } from '../http/multipart';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { ActionEvidenceUploadDto, CreatePlanDto, ListPlansQuery, PlanActionResultDto, PlanDto, PlanPageDto, PlanSummaryDto, RejectPlanDto, UpdatePlanActionDto, UpdatePlanDto } from './action-plan.dto';

const PLAN_IF_MATCH = { name: 'If-Match', required: false, description: 'The plan’s ETag (version) you read: 412 when it changed since', example: '"3"' };
const ACTION_IF_MATCH = { name: 'If-Match', required: false, description: 'The action’s ETag (its version) you read: 412 when it changed since', example: '"2"' };

function send(reply: FastifyReply, view: PlanView): PlanDto {
  setEtag(reply, view.version);
  return PlanDto.ofView(view);
}

function sendAction(reply: FastifyReply, result: ActionResult): PlanActionResultDto {
  setEtag(reply, result.version);
  return PlanActionResultDto.of(result);
}

@ApiTags('action-plans')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('action-plans')
export class ActionPlansController {
  constructor(
    private readonly plans: ActionPlansService,
    private readonly files: FileStore,
  ) {}

  @Post()
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({
    summary: 'Propose a corrective action plan for findings of a contract',
    description:
      'The contract’s supplier proposes a draft (its actions planned); the contract’s authority may draft one for the supplier (its actions proposed, for the supplier to accept; the supplier’s admins are mailed). The findings must be open findings of that contract in no other plan that is not rejected, and every action due today or later (contract time zone): 422 naming `findingIds` or `actions.N.dueDate` otherwise.',
  })
  @ApiCreatedResponse({ type: PlanDto, description: 'The ETag header is the plan’s version' })
  @ApiProblems(ErrorCode.Unprocessable)
  async create(@Ctx() ctx: RequestContext, @Body() body: CreatePlanDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<PlanDto> {
    return send(reply, await this.plans.create(ctx, { ...body, contractId: body.contractId.toLowerCase(), findingIds: body.findingIds.map((id) => id.toLowerCase()) }));
  }

  @Get()
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: 'Plans of the contracts you are the authority, the supplier or an assigned auditor of, newest first', description: 'Keyset pagination: pass nextCursor as `after`.' })
  @ApiOkResponse({ type: PlanPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListPlansQuery): Promise<PlanPageDto> {
    const page = await this.plans.list(ctx, {
      contractId: query.contractId?.toLowerCase(),
      status: query.status,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      after: query.after,
      limit: query.limit ?? 50,
    });
    return { items: page.items.map(PlanSummaryDto.of), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: 'One plan: its findings, actions with their evidence, and the overdue flags', description: 'The ETag header is the version to send as If-Match.' })
  @ApiOkResponse({ type: PlanDto })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<PlanDto> {
    return send(reply, await this.plans.get(ctx, id));
  }

  @Patch(':id')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({
    summary: 'Revise a plan (the supplier) or propose actions (the buyer)',
    description:
      'The supplier, while the plan is a draft or rejected: rootCause, findingIds and the whole list of actions (ids sent are kept). The contract’s authority, until the plan is verified: proposedActions, appended as proposed (the supplier is mailed).',
  })
  @ApiHeader(PLAN_IF_MATCH)
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState, ErrorCode.Unprocessable)
  async update(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: UpdatePlanDto, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<PlanDto> {
    return send(reply, await this.plans.update(ctx, id, { ...body, findingIds: body.findingIds?.map((f) => f.toLowerCase()) }, version));
  }

  @Post(':id/submit')
  @HttpCode(200)
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: 'Submit a draft or rejected plan (the supplier)', description: 'It needs at least one action and none still proposed (422 plan_incomplete). The buyer’s admins are mailed.' })
  @ApiHeader(PLAN_IF_MATCH)
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState, ErrorCode.PlanIncomplete, ErrorCode.Unprocessable)
  async submit(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<PlanDto> {
    return send(reply, await this.plans.submit(ctx, id, version));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission(Permission.PlansReview)
  @ApiOperation({ summary: 'Approve a submitted plan (the contract’s authority)', description: 'No action may still be proposed. The supplier’s admins are mailed.' })
  @ApiHeader(PLAN_IF_MATCH)
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState, ErrorCode.PlanIncomplete)
  async approve(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<PlanDto> {
    return send(reply, await this.plans.approve(ctx, id, version));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission(Permission.PlansReview)
  @ApiOperation({ summary: 'Reject a submitted plan with comments (the contract’s authority)', description: 'The supplier revises and resubmits it; its admins are mailed the comments.' })
  @ApiHeader(PLAN_IF_MATCH)
  @ApiOkResponse({ type: PlanDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState)
  async reject(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: RejectPlanDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanDto> {
    return send(reply, await this.plans.reject(ctx, id, body.comments, version));
  }

  @Patch(':id/actions/:actionId')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({
    summary: 'Work on an action (the supplier)',
    description:
      '`accept`: a proposed action becomes planned (any time before verification). `status`: planned → in_progress → done, one step at a time, once the plan is approved (409 otherwise); done records the date. description, owner, dueDate: while the plan is a draft or rejected, or while the action is proposed.',
  })
  @ApiHeader(ACTION_IF_MATCH)
  @ApiOkResponse({ type: PlanActionResultDto, description: 'The ETag header is the action’s version' })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState, ErrorCode.Unprocessable)
  async updateAction(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Param('actionId', UuidPipe) actionId: string,
    @Body() body: UpdatePlanActionDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanActionResultDto> {
    return sendAction(reply, await this.plans.updateAction(ctx, id, actionId, body, version));
  }

  @Post(':id/actions/:actionId/verify')
  @HttpCode(200)
  @RequirePermission(Permission.PlansReview)
  @ApiOperation({
    summary: 'Verify a done action (the contract’s authority)',
    description: 'When every action is verified, the plan is verified and its findings are closed in the same step; the supplier’s admins are mailed.',
  })
  @ApiHeader(ACTION_IF_MATCH)
  @ApiOkResponse({ type: PlanActionResultDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState)
  async verifyAction(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Param('actionId', UuidPipe) actionId: string,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PlanActionResultDto> {
    return sendAction(reply, await this.plans.verifyAction(ctx, id, actionId, version));
  }

  @Get(':id/actions/:actionId/evidence')
  @RequirePermission(Permission.PlansRead)
  @ApiOperation({ summary: 'The evidence of an action', description: 'Download a file with GET /evidence/{id}.' })
  @ApiOkResponse({ type: [EvidenceDto] })
  async listEvidence(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Param('actionId', UuidPipe) actionId: string): Promise<EvidenceDto[]> {
    return this.plans.listEvidence(ctx, id, actionId);
  }

  @Post(':id/actions/:actionId/evidence')
  @RequirePermission(Permission.PlansWrite)
  @ApiOperation({ summary: 'Attach evidence to an action (the supplier, until the plan is verified)', description: 'PDF, images or office documents, recognised by content. Stored with its SHA-256.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ActionEvidenceUploadDto })
  @ApiCreatedResponse({ type: EvidenceDto })
  @ApiProblems(ErrorCode.FileTooLarge, ErrorCode.UnsupportedFileType, ErrorCode.UnsupportedMediaType, ErrorCode.InvalidState, ErrorCode.StorageUnavailable)
  async uploadEvidence(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Param('actionId', UuidPipe) actionId: string, @Req() request: FastifyRequest): Promise<EvidenceDto> {
    const upload = await readUpload(request, this.files, ['documentDate']);
    return this.plans.attachEvidence(ctx, id, actionId, { file: upload.file, fileName: upload.fileName, documentDate: upload.fields.documentDate });
  }
}
