import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, FileStore, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { QuestionnaireWorkbookService } from '@ddp/excel';
import { setEtag } from '../http/etag';
import { readUpload } from '../http/multipart';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { AssessmentDto } from './assessment.dto';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The offline questionnaire: an assessment as an Excel workbook, and its import as a draft save. */
@ApiTags('assessments')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('assessments')
export class AssessmentWorkbookController {
  constructor(
    private readonly workbooks: QuestionnaireWorkbookService,
    private readonly files: FileStore,
  ) {}

  @Get(':id/workbook')
  @RequirePermission(Permission.AssessmentsRead)
  @ApiOperation({
    summary: 'The assessment as an offline questionnaire (.xlsx), in the assessment’s language',
    description:
      'Sheets: Instructions (how to fill it in, legend of colours), Questions (one row per question: code, section, text, answer type, answer in column E with a drop-down for choices, comment in F, colour at download as text and fill, allowed values, guidance, required, condition, evidence file names), and a veryHidden Meta sheet naming the assessment, revision and template version under an HMAC-SHA256 checksum.',
  })
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async download(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const { fileName, content } = await this.workbooks.download(ctx, id);
    await reply
      .header('content-type', XLSX)
      .header('content-length', String(content.length))
      .header('content-disposition', `attachment; filename="${fileName}"`)
      .header('cache-control', 'no-store')
      .send(content);
  }

  @Post(':id/workbook')
  @HttpCode(200)
  @RequirePermission(Permission.AssessmentsAnswer)
  @ApiOperation({
    summary: 'Import a filled offline questionnaire as a draft save (the supplier, while the assessment is open)',
    description:
      'multipart/form-data with one `file`. The rows changed in the workbook are saved like PUT /assessments/{id}/answers (same checks, colours, audit); an unchanged workbook changes nothing. ' +
      'Every wrong cell comes back in one 422 (`errors: [{field: "Questions!E14", message: "FL-01: …"}]`) and nothing is saved. A formula is read as its saved (cached) value; a formula without one is refused. Dates: an Excel date, or text YYYY-MM-DD. ' +
      'A workbook of another assessment or template version, with changed hidden data (checksum) or renamed sheets/columns: 422. A workbook of an earlier revision, or an answer changed both online and in the workbook since the download: 409. ' +
      'Not an .xlsx, macros, old .xls: 415; a zip bomb or too many parts: 413. The ETag is the new version.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiOkResponse({ type: AssessmentDto })
  @ApiProblems(ErrorCode.Unprocessable, ErrorCode.Conflict, ErrorCode.InvalidState, ErrorCode.PreconditionFailed, ErrorCode.FileTooLarge, ErrorCode.UnsupportedFileType, ErrorCode.UnsupportedMediaType)
  async upload(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<AssessmentDto> {
    const upload = await readUpload(request, this.files, []);
    try {
      const view = await this.workbooks.upload(ctx, id, upload.file.tempPath);
      setEtag(reply, view.version);
      return AssessmentDto.ofView(view);
    } finally {
      await this.files.discard(upload.file);
    }
  }
}
