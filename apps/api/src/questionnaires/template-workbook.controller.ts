import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ErrorCode, FileStore, Permission, RequestContext, RequirePermission } from '@ddp/core';
import { TemplateWorkbookService, XLSX_CONTENT_TYPE } from '@ddp/excel';
import { setEtag } from '../http/etag';
import { readUpload } from '../http/multipart';
import { ApiAuthenticatedProblems, ApiProblems } from '../http/problem.dto';
import { Ctx } from '../http/request-context.decorator';
import { UuidPipe } from '../http/uuid.pipe';
import { TemplateDto } from './template.dto';

class TemplateWorkbookUploadDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'An .xlsx workbook in the layout of docs/template-workbook.md (as exported by GET /questionnaire-templates/{id}/workbook)' })
  file!: unknown;
}

@ApiTags('questionnaire templates')
@ApiBearerAuth()
@ApiAuthenticatedProblems(ErrorCode.NotFound)
@Controller('questionnaire-templates')
export class TemplateWorkbookController {
  constructor(
    private readonly workbooks: TemplateWorkbookService,
    private readonly files: FileStore,
  ) {}

  @Get(':id/workbook')
  @RequirePermission(Permission.TemplatesRead)
  @ApiOperation({
    summary: 'A template as an Excel workbook',
    description:
      'Sheets Read me, Template, Sections, Questions, Options and Ranges (docs/template-workbook.md). Importing the workbook unchanged gives back the same definition. Readable like GET /questionnaire-templates/{id}.',
  })
  @ApiProduces(XLSX_CONTENT_TYPE)
  @ApiOkResponse({ description: 'The workbook', schema: { type: 'string', format: 'binary' } })
  async export(@Ctx() ctx: RequestContext, @Param('id', UuidPipe) id: string, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.workbooks.export(ctx, id);
    await reply
      .header('content-type', XLSX_CONTENT_TYPE)
      .header('content-length', String(file.content.length))
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(file.content);
  }

  @Post('import')
  @RequirePermission(Permission.TemplatesManage)
  @ApiOperation({
    summary: 'Create a draft template from an Excel workbook (buyer admin)',
    description:
      'multipart/form-data with one `file` part. The workbook is checked before it is read (415 not an .xlsx or with macros, 413 too large or a zip bomb); ' +
      'then every problem is listed by cell in a 422 (`errors[].field` such as `Questions!C7`, or `Options!1:1` for a header row) and nothing is created. ' +
      'Formulas are read by their computed value; blank rows are skipped.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: TemplateWorkbookUploadDto })
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiProblems(ErrorCode.Unprocessable, ErrorCode.FileTooLarge, ErrorCode.UnsupportedFileType, ErrorCode.UnsupportedMediaType)
  async import(@Ctx() ctx: RequestContext, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<TemplateDto> {
    const upload = await readUpload(request, this.files, []);
    try {
      const template = await this.workbooks.import(ctx, upload.file.tempPath);
      setEtag(reply, template.version);
      void reply.header('location', `/api/v1/questionnaire-templates/${template.id}`);
      return TemplateDto.ofTemplate(template);
    } finally {
      await this.files.discard(upload.file);
    }
  }
}
