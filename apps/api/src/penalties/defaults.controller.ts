import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ErrorCode, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { DefaultsService, DefaultView, LedgerService, SettlementsService } from '@ddp/penalties';
import { IfMatch, setEtag } from '../http/etag';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import {
  CorrectionDto,
  DecisionDto,
  DefaultDto,
  DefaultPageDto,
  DismissDto,
  LedgerDto,
  LedgerQuery,
  ListDefaultsQuery,
  NoticeDto,
  RecordDefaultDto,
  ResponseDto,
  SettlementDecisionDto,
  SettlementDto,
  SettlementsQuery,
} from './penalty.dto';

const IF_MATCH = { name: 'If-Match', required: false, example: '"2"' };

function withEtag(reply: FastifyReply, view: DefaultView): DefaultDto {
  setEtag(reply, view.version);
  return DefaultDto.of(view);
}

@ApiTags('defaults')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('defaults')
export class DefaultsController {
  constructor(private readonly defaults: DefaultsService) {}

  @Get()
  @RequirePermission(Permission.DefaultsRead)
  @ApiOperation({
    summary: 'Defaults of the contracts you follow, newest first',
    description: 'The worker proposes one for each missed deadline; buyers also record broken execution conditions. Suppliers see only those notified to them. Keyset pagination: pass nextCursor as `after`.',
  })
  @ApiOkResponse({ type: DefaultPageDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: ListDefaultsQuery): Promise<DefaultPageDto> {
    const page = await this.defaults.list(ctx, { ...query, contractId: query.contractId?.toLowerCase(), limit: query.limit ?? 50 });
    return { items: page.items.map(DefaultDto.of), nextCursor: page.nextCursor };
  }

  @Post()
  @RequirePermission(Permission.DefaultsManage)
  @ApiOperation({ summary: 'Record a default of an execution condition (the contract’s authority): a failed audit, an expired label…', description: 'It is proposed; send a notice to put the supplier in default.' })
  @ApiCreatedResponse({ type: DefaultDto })
  async record(@Ctx() ctx: RequestContext, @Body() body: RecordDefaultDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<DefaultDto> {
    return withEtag(reply, await this.defaults.record(ctx, { ...body, contractId: body.contractId.toLowerCase() }));
  }

  @Get(':id')
  @RequirePermission(Permission.DefaultsRead)
  @ApiOperation({ summary: 'One default with its notice, the supplier’s answer, the decision, and (for the buyer while pending) the penalty it would carry today' })
  @ApiOkResponse({ type: DefaultDto })
  async get(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) reply: FastifyReply): Promise<DefaultDto> {
    return withEtag(reply, await this.defaults.get(ctx, id));
  }

  @Post(':id/notice')
  @HttpCode(200)
  @RequirePermission(Permission.DefaultsManage)
  @ApiOperation({
    summary: 'Confirm a proposed default into a notice of default, mailed to the supplier',
    description:
      'Numbers it (ND-year-sequence), states the failing, the clause article, the deadline to remedy and the deadline to answer (sent date + the clause’s response period, 15 calendar days by default, ending 23:59:59 in the contract’s time zone).',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DefaultDto })
  @ApiProblems(ErrorCode.InvalidState, ErrorCode.PreconditionFailed, ErrorCode.Forbidden)
  async notice(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: NoticeDto, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<DefaultDto> {
    return withEtag(reply, await this.defaults.sendNotice(ctx, id, body, version));
  }

  @Post(':id/dismiss')
  @HttpCode(200)
  @RequirePermission(Permission.DefaultsManage)
  @ApiOperation({ summary: 'Set aside a proposed default, with reasons' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DefaultDto })
  @ApiProblems(ErrorCode.InvalidState, ErrorCode.PreconditionFailed, ErrorCode.Forbidden)
  async dismiss(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: DismissDto, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<DefaultDto> {
    return withEtag(reply, await this.defaults.dismiss(ctx, id, body.reasons, version));
  }

  @Post(':id/response')
  @HttpCode(200)
  @RequirePermission(Permission.DefaultsRespond)
  @ApiOperation({ summary: 'Answer a notice of default (the supplier), until the end of the response period', description: 'Once; 409 response_period_ended after 23:59:59 of its last day (contract time zone).' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DefaultDto })
  @ApiProblems(ErrorCode.InvalidState, ErrorCode.ResponsePeriodEnded, ErrorCode.PreconditionFailed, ErrorCode.Forbidden)
  async respond(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: ResponseDto, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<DefaultDto> {
    return withEtag(reply, await this.defaults.respond(ctx, id, body.text, version));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission(Permission.DefaultsManage)
  @ApiOperation({
    summary: 'Decide the penalty of a notice: applied, reduced or waived, with reasons (once)',
    description:
      'After the supplier answered or its response period ended (409 response_period_open before). The penalty is computed by the clause in force on the default’s date: fixed or % of the contract value per default, plus an amount per calendar day from the remedy deadline until remedied, capped, within the contract’s cumulative cap; integer cents, half up. The ledger entry is immutable.',
  })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: DefaultDto })
  @ApiProblems(ErrorCode.InvalidState, ErrorCode.ResponsePeriodOpen, ErrorCode.PreconditionFailed, ErrorCode.Forbidden)
  async decide(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: DecisionDto, @IfMatch() version: number | undefined, @Res({ passthrough: true }) reply: FastifyReply): Promise<DefaultDto> {
    return withEtag(reply, await this.defaults.decide(ctx, id, body, version));
  }
}

@ApiTags('penalties')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('penalties')
export class PenaltiesController {
  constructor(private readonly ledger: LedgerService) {}

  @Get()
  @RequirePermission(Permission.PenaltiesRead)
  @ApiOperation({ summary: 'The money ledger of a contract: penalties, late fines, bonus and malus, with net totals in cents', description: 'Newest first. Entries never change: corrections are reversals plus new entries.' })
  @ApiOkResponse({ type: LedgerDto })
  async list(@Ctx() ctx: RequestContext, @Query() query: LedgerQuery): Promise<LedgerDto> {
    return LedgerDto.of(await this.ledger.list(ctx, query.contractId.toLowerCase(), query.kind));
  }

  @Post(':id/correction')
  @HttpCode(200)
  @RequirePermission(Permission.PenaltiesManage)
  @ApiOperation({ summary: 'Correct a ledger entry (the contract’s authority): it is reversed and the corrected amount entered anew; 0 waives it (e.g. a late fine), always with reasons' })
  @ApiOkResponse({ type: LedgerDto })
  @ApiProblems(ErrorCode.InvalidState, ErrorCode.Forbidden)
  async correct(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: CorrectionDto): Promise<LedgerDto> {
    return LedgerDto.of(await this.ledger.correct(ctx, id, body.amountCents, body.reasons));
  }
}

@ApiTags('penalties')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('bonus-malus')
export class BonusMalusController {
  constructor(private readonly settlements: SettlementsService) {}

  @Get()
  @RequirePermission(Permission.PenaltiesRead)
  @ApiOperation({ summary: 'Bonus/malus per accepted report of a contract, proposed by the worker from the KPI results and the clause', description: 'Suppliers see decided ones only.' })
  @ApiOkResponse({ type: [SettlementDto] })
  async list(@Ctx() ctx: RequestContext, @Query() query: SettlementsQuery): Promise<SettlementDto[]> {
    return this.settlements.list(ctx, query.contractId.toLowerCase());
  }

  @Post(':id/decision')
  @HttpCode(200)
  @RequirePermission(Permission.PenaltiesManage)
  @ApiOperation({ summary: 'Decide a bonus/malus (the contract’s authority): applied, reduced or waived, with reasons; once' })
  @ApiOkResponse({ type: SettlementDto })
  @ApiProblems(ErrorCode.InvalidState, ErrorCode.Forbidden)
  async decide(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Body() body: SettlementDecisionDto): Promise<SettlementDto> {
    return this.settlements.decide(ctx, id, body);
  }
}
