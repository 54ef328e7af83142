import type ExcelJS from 'exceljs';
import { FieldError } from '@ddp/core';
import { isChoiceType, normaliseAnswerValue, QuestionDefinition, TEMPLATE_LIMITS, TemplateDefinition, TemplateLanguage, validateAnswer, AnswerValue } from '@ddp/questionnaires';
import { ComparableAnswer } from './questionnaire-layout';
import { ReadCell, ReadQuestionRow } from './questionnaire-reader';
import { NOT_APPLICABLE_SPELLINGS } from './questionnaire-texts';
import { optionLabel } from './questionnaire-writer';

/** A row of the Questions sheet read as the answer a save would store. */
export interface WorkbookAnswer {
  questionCode: string;
  /** The answer cell, e.g. Questions!E14. */
  cell: string;
  answer: ComparableAnswer;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const NUMBER_TEXT = /^[-+]?\d+(?:[.,]\d+)?$/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

type Resolved = { value: string | number | boolean | Date | null } | { error: string };

/**
 * Reads the answers of the Questions sheet's rows, matched by the code in column A. Every problem
 * is reported at its cell (`Questions!E14`) with the question code in the message; the values are
 * checked by the same `validateAnswer` as `PUT /assessments/{id}/answers`.
 */
export function readAnswers(rows: ReadQuestionRow[], definition: TemplateDefinition, language: TemplateLanguage): { answers: WorkbookAnswer[]; errors: FieldError[] } {
  const questions = new Map(definition.sections.flatMap((s) => s.questions.map((q) => [q.code, q] as const)));
  const errors: FieldError[] = [];
  const answers: WorkbookAnswer[] = [];
  const seen = new Map<string, number>();
  for (const row of rows) {
    const code = plainText(row.code);
    if (!code) {
      errors.push({ field: row.code.address, message: `row ${row.row} has an answer or a comment but no question code in column A` });
      continue;
    }
    const question = questions.get(code);
    if (!question) {
      errors.push({ field: row.code.address, message: `${code} is not a question of this questionnaire` });
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      errors.push({ field: row.code.address, message: `${code} appears twice (rows ${first} and ${row.row})` });
      continue;
    }
    seen.set(code, row.row);

    const comment = readComment(row.comment);
    if ('error' in comment) errors.push({ field: row.comment.address, message: `${code}: ${comment.error}` });
    const answer = readAnswer(question, row.answer, language);
    if ('error' in answer) {
      errors.push({ field: row.answer.address, message: `${code}: ${answer.error}` });
      continue;
    }
    const problem = validateAnswer(question, { questionCode: code, value: answer.value, notApplicable: answer.notApplicable });
    if (problem) {
      errors.push({ field: row.answer.address, message: `${code}: ${problem.replace(/^value /, 'the answer ')}` });
      continue;
    }
    if ('error' in comment) continue;
    const value = answer.notApplicable || answer.value === null ? null : normaliseAnswerValue(question, answer.value);
    answers.push({ questionCode: code, cell: row.answer.address, answer: { value, notApplicable: answer.notApplicable, comment: comment.text } });
  }
  return { answers, errors };
}

function readComment(cell: ReadCell): { text: string | null } | { error: string } {
  const resolved = resolve(cell);
  if ('error' in resolved) return resolved;
  const value = resolved.value;
  const text = value === null ? '' : value instanceof Date ? isoDate(value) : String(value).trim();
  if (text.length > TEMPLATE_LIMITS.answerTextLength) return { error: `the comment must be at most ${TEMPLATE_LIMITS.answerTextLength} characters` };
  if (CONTROL.test(text)) return { error: 'the comment must not contain control characters' };
  return { text: text || null };
}

function readAnswer(question: QuestionDefinition, cell: ReadCell, language: TemplateLanguage): { value: AnswerValue; notApplicable: boolean } | { error: string } {
  const resolved = resolve(cell);
  if ('error' in resolved) return resolved;
  let value = resolved.value;
  if (typeof value === 'string') value = value.trim();
  if (value === null || value === '') return { value: null, notApplicable: false };
  if (typeof value === 'string' && question.notApplicableAllowed && NOT_APPLICABLE_SPELLINGS.has(value.toLowerCase())) return { value: null, notApplicable: true };

  switch (question.type) {
    case 'file':
      return { error: 'a file question is answered by uploading the file in the portal: leave this cell empty' };
    case 'yes_no':
    case 'single_choice': {
      const text = typeof value === 'boolean' && question.type === 'yes_no' ? (value ? 'yes' : 'no') : textOf(value);
      const chosen = matchOption(question, text, language);
      return chosen === undefined ? { error: `"${text}" is not one of ${choices(question, language)}` } : { value: chosen, notApplicable: false };
    }
    case 'multiple_choice': {
      const text = textOf(value);
      const whole = matchOption(question, text, language);
      if (whole !== undefined) return { value: [whole], notApplicable: false };
      const chosen: string[] = [];
      for (const part of text.split(/[;\n]+/).map((p) => p.trim()).filter(Boolean)) {
        const match = matchOption(question, part, language);
        if (match === undefined) return { error: `"${part}" is not one of ${choices(question, language)} (separate several with ";")` };
        chosen.push(match);
      }
      return { value: chosen, notApplicable: false };
    }
    case 'number': {
      if (typeof value === 'number') return { value, notApplicable: false };
      const text = textOf(value).replace(/[\s\u00a0\u202f]/g, '');
      return typeof value === 'string' && NUMBER_TEXT.test(text) ? { value: Number(text.replace(',', '.')), notApplicable: false } : { error: `a number is expected, not "${textOf(value)}"` };
    }
    case 'date': {
      if (value instanceof Date) return { value: isoDate(value), notApplicable: false };
      if (typeof value === 'number' && isDateFormat(cell.numFmt)) return { value: isoDate(serialToDate(value)), notApplicable: false };
      const text = textOf(value);
      return ISO_DATE.test(text) ? { value: text, notApplicable: false } : { error: `a date is expected, as an Excel date or as text YYYY-MM-DD, not "${text}"` };
    }
    case 'country_list':
      return { value: textOf(value).split(/[;,\s]+/).filter(Boolean).map((c) => c.toUpperCase()), notApplicable: false };
    case 'text':
      return { value: value instanceof Date ? isoDate(value) : String(value), notApplicable: false };
    default:
      return { error: 'this question cannot be answered in the workbook' };
  }
}

/** The value a cell holds: a formula's cached result (an absent result is refused), rich text as text. */
function resolve(cell: ReadCell): Resolved {
  const value = cell.value;
  if (value === null || value === undefined) return { value: null };
  if (typeof value !== 'object' || value instanceof Date) return { value };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    if (result === undefined || result === null || (typeof result === 'number' && Number.isNaN(result))) return { error: 'the formula has no saved value: type the value, or save the file in Excel or LibreOffice first' };
    if (typeof result === 'object' && !(result instanceof Date)) return { error: `the formula gives the error ${(result as ExcelJS.CellErrorValue).error ?? ''}`.trim() };
    return { value: result };
  }
  if ('error' in value) return { error: `the cell holds the error ${value.error}` };
  if ('richText' in value) return { value: value.richText.map((r) => r.text).join('') };
  if ('text' in value && typeof value.text === 'string') return { value: value.text };
  return { error: 'the cell holds something that is not a value' };
}

function plainText(cell: ReadCell): string {
  const resolved = resolve(cell);
  return 'error' in resolved || resolved.value === null ? '' : textOf(resolved.value).trim();
}

function textOf(value: string | number | boolean | Date): string {
  return value instanceof Date ? isoDate(value) : String(value).trim();
}

function matchOption(question: QuestionDefinition, text: string, language: TemplateLanguage): string | undefined {
  if (!isChoiceType(question.type)) return undefined;
  const wanted = text.trim().toLowerCase();
  const options = question.options ?? [];
  return (options.find((o) => optionLabel(o, language).toLowerCase() === wanted) ?? options.find((o) => o.value === wanted))?.value;
}

function choices(question: QuestionDefinition, language: TemplateLanguage): string {
  return (question.options ?? []).map((o) => `"${optionLabel(o, language)}"`).join(', ');
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** An Excel serial day number (1900 system, as exceljs reads it) to a UTC date. */
function serialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function isDateFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const stripped = numFmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmy]/i.test(stripped) && !/^[#0.,%\s]*$/.test(stripped);
}
