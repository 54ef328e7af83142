import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG, AppConfig, Clock, DomainException, ErrorCode, FieldError, RequestContext } from '@ddp/core';
import { AssessmentsService, AssessmentView, OPEN_STATUSES } from '@ddp/assessments';
import { AnswerInput, TEMPLATE_LANGUAGES, TemplateLanguage, TemplatesService } from '@ddp/questionnaires';
import { inspectXlsx } from '../xlsx-guard';
import { readAnswers } from './questionnaire-answers';
import { COLUMN_LETTERS, COLUMNS, fingerprint, META_KEYS, SHEETS, sealOf, WORKBOOK_FORMAT, WorkbookIdentity } from './questionnaire-layout';
import { cellText, readQuestionnaireWorkbook, ReadWorkbook } from './questionnaire-reader';
import { QUESTIONNAIRE_TEXTS } from './questionnaire-texts';
import { writeQuestionnaireWorkbook } from './questionnaire-writer';

/**
 * The offline questionnaire round trip: the supplier downloads its assessment as a workbook,
 * answers offline, and uploads it back as a draft save (the same rules, colours and audit as
 * `PUT /assessments/{id}/answers`, through `AssessmentsService.saveAnswers`).
 *
 * Only the rows the supplier changed in the workbook are saved: each question's answer at download
 * is fingerprinted in the sealed Meta sheet, so an unchanged workbook changes nothing, and an
 * answer changed both online and in the workbook since the download is a 409 conflict, not a
 * silent overwrite.
 */
@Injectable()
export class QuestionnaireWorkbookService {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly templates: TemplatesService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The workbook of an assessment the actor may read (404 otherwise), in the assessment's language. */
  async download(ctx: RequestContext, id: string): Promise<{ fileName: string; content: Buffer }> {
    const assessment = await this.assessments.get(ctx, id);
    const definition = await this.templates.publishedDefinition(ctx, assessment.template.id);
    const content = await writeQuestionnaireWorkbook({ assessment, definition, secret: this.secret, createdAt: this.clock.now() });
    // Read through a share, the issuing buyer's contract is not the reader's to know: no reference in the name.
    const reference = (assessment.contract?.reference ?? 'shared').replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    return { fileName: `questionnaire-${reference}-r${assessment.revision}.xlsx`, content };
  }

  /**
   * Imports a filled workbook (a file already received on disk) as a draft save: the supplier only
   * (403), while the assessment is open (409), nothing saved if any row is wrong (422 listing every
   * cell). A workbook of another assessment, another template version or with changed hidden data
   * is a 422; one of an earlier revision a 409 (download a new one).
   */
  async upload(ctx: RequestContext, id: string, path: string): Promise<AssessmentView> {
    const assessment = await this.assessments.get(ctx, id);
    if (assessment.access !== 'supplier') throw new DomainException(ErrorCode.Forbidden, 'Only the supplier answers its assessment');
    if (!OPEN_STATUSES.includes(assessment.status)) throw new DomainException(ErrorCode.InvalidState, `The assessment is ${assessment.status}: its answers can no longer change`);
    await inspectXlsx(path);
    const definition = await this.templates.publishedDefinition(ctx, assessment.template.id);
    const questionCount = definition.sections.reduce((n, s) => n + s.questions.length, 0);
    const workbook = await readQuestionnaireWorkbook(path, questionCount + 100);
    const identity = this.checkIdentity(workbook, assessment);
    checkHeader(workbook, identity.language as TemplateLanguage);

    const { answers, errors } = readAnswers(workbook.rows, definition, identity.language as TemplateLanguage);
    if (errors.length > 0) throw unprocessable(`${errors.length} problem${errors.length > 1 ? 's' : ''} in the workbook: nothing was saved`, errors);

    const base = new Map(identity.answers);
    const current = new Map(assessment.answers.map((a) => [a.questionCode, fingerprint(a)]));
    const changes: AnswerInput[] = [];
    const conflicts: FieldError[] = [];
    for (const { questionCode, cell, answer } of answers) {
      const print = fingerprint(answer);
      const was = base.get(questionCode) ?? fingerprint(undefined);
      const now = current.get(questionCode) ?? fingerprint(undefined);
      if (print === was || print === now) continue; // untouched in the workbook, or already so
      if (now !== was) {
        conflicts.push({ field: cell, message: `${questionCode}: the answer was changed in the portal since this workbook was downloaded; download a new workbook or change it online` });
        continue;
      }
      changes.push({ questionCode, value: answer.value, notApplicable: answer.notApplicable || undefined, comment: answer.comment });
    }
    if (conflicts.length > 0) throw new DomainException(ErrorCode.Conflict, `${conflicts.length} answer${conflicts.length > 1 ? 's were' : ' was'} changed both online and in the workbook: nothing was saved`, conflicts);
    if (changes.length === 0) return assessment;
    return this.assessments.saveAnswers(ctx, id, { answers: changes }, assessment.version);
  }

  private get secret(): string {
    return this.config.JWT_SECRET!;
  }

  /** The Meta sheet: present, sealed, of this assessment, template version and revision. */
  private checkIdentity(workbook: ReadWorkbook, assessment: AssessmentView): WorkbookIdentity {
    for (const sheet of [SHEETS.questions, SHEETS.meta]) {
      if (!workbook.sheetNames.includes(sheet)) {
        const found = workbook.sheetNames.map((n) => `"${n}"`).join(', ') || 'none';
        throw unprocessable(`The workbook has no sheet named "${sheet}" (sheets found: ${found}): use the workbook downloaded from the portal without renaming its sheets`, [
          { field: sheet, message: `the sheet "${sheet}" is missing` },
        ]);
      }
    }
    const meta = workbook.meta;
    const identity: WorkbookIdentity = {
      format: meta.get('format') ?? '',
      assessmentId: meta.get('assessmentId') ?? '',
      revision: meta.get('revision') ?? '',
      templateId: meta.get('templateId') ?? '',
      templateVersion: meta.get('templateVersion') ?? '',
      language: meta.get('language') ?? '',
      answers: workbook.metaAnswers,
    };
    if (identity.format !== WORKBOOK_FORMAT || META_KEYS.some((key) => !meta.get(key))) {
      throw unprocessable('The workbook is not an offline questionnaire downloaded from the portal (its hidden Meta data is missing)', [{ field: SHEETS.meta, message: 'the questionnaire metadata is missing' }]);
    }
    const expected = Buffer.from(sealOf(this.secret, identity), 'utf8');
    const given = Buffer.from(meta.get('checksum')!, 'utf8');
    if (expected.length !== given.length || !timingSafeEqual(expected, given) || !(TEMPLATE_LANGUAGES as readonly string[]).includes(identity.language)) {
      throw unprocessable('The hidden data of the workbook was changed (checksum mismatch): download a new workbook', [{ field: SHEETS.meta, message: 'the checksum does not match' }]);
    }
    if (identity.assessmentId !== assessment.id) {
      throw unprocessable(`This workbook belongs to another assessment (${identity.assessmentId}): download the workbook of this assessment`, [
        { field: `${SHEETS.meta}!B2`, message: 'the workbook is of another assessment' },
      ]);
    }
    if (identity.templateId !== assessment.template.id || identity.templateVersion !== String(assessment.template.versionNumber)) {
      throw unprocessable(`This workbook is of template version ${identity.templateVersion}, the assessment uses version ${assessment.template.versionNumber}: download a new workbook`, [
        { field: `${SHEETS.meta}!B5`, message: 'the workbook is of another template version' },
      ]);
    }
    if (identity.revision !== String(assessment.revision)) {
      throw new DomainException(ErrorCode.Conflict, `This workbook was made for revision ${identity.revision}; the assessment is at revision ${assessment.revision}: download a new workbook`, [
        { field: `${SHEETS.meta}!B3`, message: `the workbook is of revision ${identity.revision}, not ${assessment.revision}` },
      ]);
    }
    return identity;
  }
}

/** The columns the reader relies on still hold their headers (no column was inserted or moved). */
function checkHeader(workbook: ReadWorkbook, language: TemplateLanguage): void {
  const headers = QUESTIONNAIRE_TEXTS[language].headers;
  const errors: FieldError[] = [];
  for (const key of ['code', 'answer', 'comment'] as const) {
    const found = cellText(workbook.header.get(COLUMNS[key])?.value ?? null);
    if (found !== headers[key]) errors.push({ field: `${SHEETS.questions}!${COLUMN_LETTERS[key]}1`, message: `column ${COLUMN_LETTERS[key]} must be "${headers[key]}"${found ? `, not "${found}"` : ''}: do not insert, delete or move columns` });
  }
  if (errors.length > 0) throw unprocessable('The columns of the Questions sheet were changed: nothing was saved', errors);
}

function unprocessable(detail: string, errors: FieldError[]): DomainException {
  return new DomainException(ErrorCode.Unprocessable, detail, errors);
}
