import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, MaxLength, Min } from 'class-validator';
import { AuditService, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { Ctx } from '../http/request-context.decorator';
import { ApiAuthenticatedProblems } from '../http/problem.dto';

class AuditEventsQuery {
  @ApiPropertyOptional({ description: 'Cursor: the nextCursor of the previous page', example: '1042' })
  @IsOptional() @Matches(/^[1-9][0-9]{0,17}$/, { message: 'before must be a cursor returned by this list' })
  before?: string;

  @ApiPropertyOptional({ description: 'Only events about records of this type', example: 'assessment' })
  @IsOptional() @Matches(/^[a-z][a-z_]{0,39}$/, { message: 'entityType must be a record type such as assessment or action_plan' })
  entityType?: string;

  @ApiPropertyOptional({ description: 'Only events about this record (with entityType: the audit trail of one record)', example: '0f7b7b1e-55a8-4a4e-8c5e-3f1c2d9e8a77' })
  @IsOptional() @MaxLength(100)
  entityId?: string;

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
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'State before (secrets redacted): the record’s own fields, as free-form JSON; null when there was none', example: null }) before!: unknown;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: 'State after (secrets redacted): the record’s own fields, as free-form JSON; null when there is none', example: { email: 'jan@gent.example', role: 'member', status: 'pending' } }) after!: unknown;
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
  @ApiOperation({ summary: 'Audit events about your organisation, newest first (platform admin: all)', description: 'Keyset pagination: pass nextCursor as `before`. With entityType and entityId: the audit trail of one record.' })
  @ApiOkResponse({ type: AuditPageDto })
  list(@Ctx() ctx: RequestContext, @Query() query: AuditEventsQuery): Promise<AuditPageDto> {
    return this.audit.list(ctx, { before: query.before, limit: query.limit ?? 50, entityType: query.entityType, entityId: query.entityId });
  }
}
