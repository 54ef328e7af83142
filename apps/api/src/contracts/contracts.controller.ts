import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ClauseService, ContractsService } from '@ddp/contracts';
import { ErrorCode, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { setEtag, IfMatch } from '../http/etag';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import {
  ContractDetailDto,
  ContractPageDto,
  CreateContractDto,
  CreatedContractDto,
  CreateLabelDto,
  CreateSiteDto,
  LabelDto,
  ListContractsQuery,
  RegisteredOrganisationDto,
  RevokeAuditorQuery,
  SiteDto,
  UpdateContractDto,
} from './contract.dto';
import { ClauseDto, PutClauseDto } from './clause.dto';

@ApiTags('contracts')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('contracts')
export class ContractsController {
  constructor(
    private readonly contracts: ContractsService,
    private readonly clauses: ClauseService,
  ) {}

  @Get(':id/clause')
  @RequirePermission(Permission.ContractsRead)
  @ApiOperation({ summary: 'The due-diligence clause: the version in force today and every version', description: 'The ETag is the latest version number ("0" before any clause).' })
  @ApiOkResponse({ type: ClauseDto })
  async getClause(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ClauseDto> {
    const state = await this.clauses.get(ctx, id);
    setEtag(reply, state.versions.at(-1)?.versionNumber ?? 0);
    return ClauseDto.of(state);
  }

  @Put(':id/clause')
  @RequirePermission(Permission.ContractsManage)
  @ApiOperation({
    summary: 'Write a new version of the due-diligence clause (the awarding authority)',
    description:
      'A change never rewrites the past: the first version applies from the contract start, each later one from `effectiveFrom` (today or later, default today), and events are judged by the version in force on their date. Report obligations of future periods are regenerated. Send If-Match with the ETag you read to refuse a stale change (412).',
  })
  @ApiHeader({ name: 'If-Match', required: false, example: '"1"' })
  @ApiOkResponse({ type: ClauseDto })
  @ApiProblems(ErrorCode.PreconditionFailed, ErrorCode.Forbidden)
  async putClause(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: PutClauseDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ClauseDto> {
    const state = await this.clauses.change(ctx, id, { effectiveFrom: body.effectiveFrom, terms: body.terms.toTerms() }, version);
    setEtag(reply, state.versions.at(-1)?.versionNumber ?? 0);
    return ClauseDto.of(state);
  }

  @Post()
  @RequirePermission(Permission.ContractsManage)
  @ApiOperation({
    summary: 'Register a contract your authority awarded',
    description:
      'Name the supplier by `supplierId` (one of your suppliers) or by `supplier` {name, country, registrationNumber, contactEmail}: a supplier already on the platform is matched by its registration number; a new one is created and its contact invited by mail.',
  })
  @ApiCreatedResponse({ type: CreatedContractDto })
  @ApiProblems(ErrorCode.ContractReferenceTaken)
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateContractDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<CreatedContractDto> {
    const { contract, supplierOnboarding } = await this.contracts.create(ctx, body);
    setEtag(reply, contract.version);
    return { ...ContractDetailDto.ofDetail(contract), supplierOnboarding };
  }

  @Get()
  @RequirePermission(Permission.ContractsRead)
  @ApiOperation({ summary: 'Contracts your organisation is party to, participates in or audits, newest first', description: 'Keyset pagination: pass nextCursor as `after`.' })
  @ApiOkResponse({ type: ContractPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListContractsQuery): Promise<ContractPageDto> {
    const page = await this.contracts.list(ctx, { ...query, limit: query.limit ?? 50 });
    return { items: page.items.map((c) => ContractDetailDto.of(c)), nextCursor: page.nextCursor };
  }

  @Get(':id')
  @RequirePermission(Permission.ContractsRead)
  @ApiOperation({ summary: 'One contract with its lots, participants, auditors, production sites and labels' })
  @ApiOkResponse({ type: ContractDetailDto, headers: { ETag: { description: 'The version, for If-Match' } } })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<ContractDetailDto> {
    const contract = await this.contracts.get(ctx, id);
    setEtag(reply, contract.version);
    return ContractDetailDto.ofDetail(contract);
  }

  @Patch(':id')
  @RequirePermission(Permission.ContractsManage)
  @ApiOperation({ summary: 'Change a contract (its awarding authority)', description: 'Send If-Match with the ETag you read to refuse a stale change (412).' })
  @ApiHeader({ name: 'If-Match', required: false, example: '"1"' })
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiProblems(ErrorCode.PreconditionFailed)
  async update(
    @Ctx() ctx: RequestContext,
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdateContractDto,
    @IfMatch() version: number | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ContractDetailDto> {
    const contract = await this.contracts.update(ctx, id, body, version);
    setEtag(reply, contract.version);
    return ContractDetailDto.ofDetail(contract);
  }

  @Post(':id/participants')
  @HttpCode(200)
  @RequirePermission(Permission.ContractsManage)
  @ApiOperation({ summary: 'Let another contracting authority buy under a framework agreement', description: 'It then reads the agreement’s monitoring and may issue its own questionnaires.' })
  @ApiOkResponse({ type: ContractDetailDto })
  @ApiProblems(ErrorCode.InvalidState)
  async addParticipant(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: RegisteredOrganisationDto): Promise<ContractDetailDto> {
    return ContractDetailDto.ofDetail(await this.contracts.addParticipant(ctx, id, body));
  }

  @Post(':id/auditors')
  @HttpCode(200)
  @RequirePermission(Permission.ContractsManage)
  @ApiOperation({ summary: 'Assign an audit body to the contract', description: 'Its users read everything of the contract and write nothing but findings.' })
  @ApiOkResponse({ type: ContractDetailDto })
  async assignAuditor(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: RegisteredOrganisationDto): Promise<ContractDetailDto> {
    return ContractDetailDto.ofDetail(await this.contracts.assignAuditor(ctx, id, body));
  }

  @Delete(':id/auditors')
  @RequirePermission(Permission.ContractsManage)
  @ApiOperation({ summary: 'Revoke an audit body’s assignment' })
  @ApiOkResponse({ type: ContractDetailDto })
  async revokeAuditor(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Query() query: RevokeAuditorQuery): Promise<ContractDetailDto> {
    return ContractDetailDto.ofDetail(await this.contracts.revokeAuditor(ctx, id, query.organisationId.toLowerCase()));
  }

  @Post(':id/sites')
  @RequirePermission(Permission.ContractDisclosuresWrite)
  @ApiOperation({ summary: 'Disclose a production site (the contract’s supplier)', description: 'Tier 1 is final assembly; higher tiers make components. Shown to the contract’s buyers and auditors only.' })
  @ApiCreatedResponse({ type: SiteDto })
  async addSite(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: CreateSiteDto): Promise<SiteDto> {
    return SiteDto.of(await this.contracts.addSite(ctx, id, body));
  }

  @Get(':id/sites')
  @RequirePermission(Permission.ContractsRead)
  @ApiOperation({ summary: 'The production sites of the contract, by tier' })
  @ApiOkResponse({ type: [SiteDto] })
  async listSites(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<SiteDto[]> {
    return (await this.contracts.listSites(ctx, id)).map(SiteDto.of);
  }

  @Post(':id/labels')
  @RequirePermission(Permission.ContractLabelsWrite)
  @ApiOperation({ summary: 'Record a product label certificate (the supplier, or the buyer)', description: '`expiresBeforeContractEnd` flags a certificate that lapses during the contract.' })
  @ApiCreatedResponse({ type: LabelDto })
  async addLabel(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: CreateLabelDto): Promise<LabelDto> {
    return LabelDto.of(await this.contracts.addLabel(ctx, id, body));
  }

  @Get(':id/labels')
  @RequirePermission(Permission.ContractsRead)
  @ApiOperation({ summary: 'The product labels held for the contract, soonest expiry first' })
  @ApiOkResponse({ type: [LabelDto] })
  async listLabels(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string): Promise<LabelDto[]> {
    return (await this.contracts.listLabels(ctx, id)).map(LabelDto.of);
  }
}
