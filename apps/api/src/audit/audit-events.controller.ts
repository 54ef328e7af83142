import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNumberString, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { AuditService, isPlatformAdmin, Permission, RequestContext, RequirePermission, ErrorCode } from '@ddp/core';
import { Ctx } from '../http/request-context.decorator';
import { ApiAuthenticatedProblems } from '../http/problem.dto';

class AuditEventsQuery {
  @ApiPropertyOptional({ description: 'Cursor: the nextCursor of the previous page', example: '1042' })
  @IsOptional() @IsNumberString({ no_symbols: true }) @MaxLength(19)
  before?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

class AuditEventDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'Position in the chain', example: '1042' }) seq!: string;
  @ApiProperty({ example: '2026-11-29T08:00:00.000Z' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorUserId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorOrganisationId!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) organisationId!: string | null;
  @ApiProperty({ example: 'invitation.created' }) action!: string;
  @ApiProperty({ example: 'invitation' }) entityType!: string;
  @ApiProperty({ nullable: true, type: String }) entityId!: string | null;
  @ApiProperty({ nullable: true, type: Object, description: 'State before (secrets redacted)' }) before!: unknown;
  @ApiProperty({ nullable: true, type: Object, description: 'State after (secrets redacted)', example: { email: 'jan@gent.example', role: 'member', status: 'pending' } }) after!: unknown;
  @ApiProperty({ nullable: true, type: String }) requestId!: string | null;
}

class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `before` for the next page; null on the last', example: '992' }) nextCursor!: string | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@ApiAuthenticatedProblems()
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'Audit events about your organisation, newest first (platform admin: all)', description: 'Keyset pagination: pass nextCursor as `before`.' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: AuditEventsQuery): Promise<AuditPageDto> {
    const actor = ctx.requiredActor;
    return this.audit.list(ctx, isPlatformAdmin(actor) ? null : actor.organisationId, { before: query.before, limit: query.limit ?? 50 });
  }
}
