import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EvidenceService } from '@ddp/assessments';
import { ErrorCode, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';

@ApiTags('assessments')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('evidence')
export class EvidenceController {
  constructor(private readonly evidence: EvidenceService) {}

  @Get(':id')
  @RequirePermission(Permission.AssessmentsRead)
  @ApiOperation({ summary: 'Download an evidence file (as an attachment)', description: 'Repr-Digest carries its SHA-256.' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(ErrorCode.StorageUnavailable)
  async download(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.evidence.download(ctx, id);
    const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
    await reply
      .header('content-type', file.contentType)
      .header('content-length', String(file.sizeBytes))
      .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
      .header('repr-digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`)
      .send(file.stream);
  }
}
