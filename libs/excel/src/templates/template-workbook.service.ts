import { Injectable, Logger } from '@nestjs/common';
import { DomainException, ErrorCode, RequestContext } from '@ddp/core';
import { Template, TemplatesService } from '@ddp/questionnaires';
import { inspectXlsx } from '../xlsx-guard';
import { readTemplateWorkbook } from './template-workbook.reader';
import { writeTemplateWorkbook } from './template-workbook.writer';

export interface TemplateWorkbookFile {
  fileName: string;
  content: Buffer;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Questionnaire templates as workbooks (docs/template-workbook.md): export of any template the
 * actor may read, and import of a workbook as a new draft template.
 */
@Injectable()
export class TemplateWorkbookService {
  private readonly logger = new Logger(TemplateWorkbookService.name);

  constructor(private readonly templates: TemplatesService) {}

  async export(ctx: RequestContext, id: string): Promise<TemplateWorkbookFile> {
    const template = await this.templates.get(ctx, id);
    const content = await writeTemplateWorkbook(template.definition);
    return { fileName: `${slug(template.title)}-v${template.versionNumber}.xlsx`, content };
  }

  /**
   * A new draft template from an uploaded workbook (the file at `path`, already received).
   * 415/413 from the guard before anything parses it; 422 listing every problem by cell;
   * nothing is created when there is any.
   */
  async import(ctx: RequestContext, path: string): Promise<Template> {
    await inspectXlsx(path);
    let result: Awaited<ReturnType<typeof readTemplateWorkbook>>;
    try {
      result = await readTemplateWorkbook(path);
    } catch (error) {
      this.logger.warn(`unreadable template workbook: ${error instanceof Error ? error.message : String(error)}`);
      const message = 'The workbook could not be read: save it again as an Excel workbook (.xlsx)';
      throw new DomainException(ErrorCode.Unprocessable, message, [{ field: 'file', message }]);
    }
    const { definition, errors } = result;
    if (!definition || errors.length > 0) {
      throw new DomainException(ErrorCode.Unprocessable, `The workbook has ${errors.length === 1 ? 'a problem' : `${errors.length} problems`}: nothing was imported`, errors);
    }
    return this.templates.create(ctx, { definition });
  }
}

function slug(title: string): string {
  const ascii = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return ascii.slice(0, 60).replace(/-+$/, '') || 'template';
}
