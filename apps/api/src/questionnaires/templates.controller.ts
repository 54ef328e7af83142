import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DomainException, ErrorCode, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { TemplatesService } from '@ddp/questionnaires';
import { IfMatch, setEtag } from '../http/etag';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { CreateTemplateDto, ListTemplatesQuery, TemplateDto, TemplatePageDto, TemplateSummaryDto, UpdateTemplateDto } from './template.dto';

@ApiTags('questionnaire templates')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('questionnaire-templates')
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Post()
  @RequirePermission(Permission.TemplatesManage)
  @ApiOperation({
    summary: 'Create a draft template (buyer admin)',
    description: 'From a `definition`, or as a copy of a template you may read (`copyOf`, e.g. a reference template). Every problem of the definition is listed by field path.',
  })
  @ApiCreatedResponse({ type: TemplateDto })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateTemplateDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<TemplateDto> {
    if ((body.definition === undefined) === (body.copyOf === undefined)) throw DomainException.validation([{ field: 'definition', message: 'definition: give either definition or copyOf' }]);
    const template = await this.templates.create(ctx, body.copyOf ? { copyOf: body.copyOf.toLowerCase() } : { definition: body.definition });
    setEtag(reply, template.version);
    return TemplateDto.ofTemplate(template);
  }

  @Get()
  @RequirePermission(Permission.TemplatesRead)
  @ApiOperation({ summary: 'Your templates and the platform reference templates, by title' })
  @ApiOkResponse({ type: TemplatePageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListTemplatesQuery): Promise<TemplatePageDto> {
    const page = await this.templates.list(ctx, { status: query.status, referenceOnly: query.reference, after: query.after, limit: query.limit ?? 50 });
    return { items: page.items.map(TemplateSummaryDto.of), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission(Permission.TemplatesRead)
  @ApiOperation({ summary: 'One template version with its definition', description: 'Readable by its owner, by any buyer for reference templates, and by whoever may read an assessment issued with it (the supplier sees the colour rules).' })
  @ApiOkResponse({ type: TemplateDto })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<TemplateDto> {
    const template = await this.templates.get(ctx, id);
    setEtag(reply, template.version);
    return TemplateDto.ofTemplate(template);
  }

  @Put(':id')
  @RequirePermission(Permission.TemplatesManage)
  @ApiOperation({
    summary: 'Edit a draft, or start the next version of a published template',
    description: 'A draft is replaced (If-Match required: 428 without, 412 when stale). A published version never changes: the new definition becomes the family’s next draft version (201).',
  })
  @ApiHeader({ name: 'If-Match', required: false, example: '"1"' })
  @ApiOkResponse({ type: TemplateDto, description: 'The draft, edited' })
  @ApiCreatedResponse({ type: TemplateDto, description: 'A new draft version of a published template' })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.PreconditionRequired, ErrorCode.InvalidState)
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateTemplateDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TemplateDto> {
    const { template, created } = await this.templates.update(ctx, id, body.definition, version);
    setEtag(reply, template.version);
    if (created) void reply.status(201).header('location', `/api/v1/questionnaire-templates/${template.id}`);
    return TemplateDto.ofTemplate(template);
  }

  @Post(':id/publish')
  @HttpCode(200)
  @RequirePermission(Permission.TemplatesManage)
  @ApiOperation({ summary: 'Publish a draft: it becomes an immutable version that can be issued' })
  @ApiHeader({ name: 'If-Match', required: false, example: '"2"' })
  @ApiOkResponse({ type: TemplateDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.InvalidState)
  async publish(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<TemplateDto> {
    const template = await this.templates.publish(ctx, id, version);
    setEtag(reply, template.version);
    return TemplateDto.ofTemplate(template);
  }
}
