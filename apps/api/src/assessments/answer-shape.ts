import { FieldError } from '@ddp/core';
import type { SaveAnswersInput } from '@ddp/assessments';
import { isPrintable } from '../http/clean-text.decorator';

const CODE = /^[A-Z][A-Z0-9_.-]{0,39}$/;
const BODY_KEYS = new Set(['answers', 'language']);
const LANGUAGES = ['fr', 'nl', 'en'];
const MAX_ANSWERS = 1000;

/**
 * The body of `PUT /assessments/{id}/answers` (documented by `SaveAnswersDto`), checked without
 * class-transformer: copying and validating 300 nested objects through it costs more than the rest
 * of the request's own work. The same rules and messages as the DTO decorators elsewhere.
 */
export function readSaveAnswersBody(body: unknown): { input?: SaveAnswersInput; errors: FieldError[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { errors: [{ field: 'body', message: 'the body must be a JSON object' }] };
  const record = body as Record<string, unknown>;
  const errors: FieldError[] = [];
  for (const key of Object.keys(record)) if (!BODY_KEYS.has(key)) errors.push({ field: key, message: `property ${key} should not exist` });
  const { answers, language } = record;
  if (!Array.isArray(answers)) errors.push({ field: 'answers', message: 'answers must be an array' });
  else if (answers.length < 1) errors.push({ field: 'answers', message: 'answers must contain at least 1 elements' });
  else if (answers.length > MAX_ANSWERS) errors.push({ field: 'answers', message: `answers must contain no more than ${MAX_ANSWERS} elements` });
  else errors.push(...answerShapeErrors(answers));
  if (language !== undefined && !LANGUAGES.includes(language as string)) errors.push({ field: 'language', message: `language must be one of the following values: ${LANGUAGES.join(', ')}` });
  return errors.length > 0 ? { errors } : { input: record as unknown as SaveAnswersInput, errors };
}
const KEYS = new Set(['questionCode', 'value', 'notApplicable', 'comment']);

/**
 * The shape of each answer, in one plain loop: a save carries up to 1000 answers, and
 * class-validator's nested DTOs cost about 8 µs each. The rules `AnswerDto` documents; the values
 * themselves are checked against their questions by the service.
 */
export function answerShapeErrors(answers: unknown[]): FieldError[] {
  const errors: FieldError[] = [];
  answers.forEach((answer, i) => {
    const at = `answers[${i}]`;
    if (typeof answer !== 'object' || answer === null || Array.isArray(answer)) return void errors.push({ field: at, message: `${at} must be an object` });
    const item = answer as Record<string, unknown>;
    for (const key of Object.keys(item)) if (!KEYS.has(key)) errors.push({ field: `${at}.${key}`, message: `property ${key} should not exist` });
    if (typeof item.questionCode !== 'string' || !CODE.test(item.questionCode)) errors.push({ field: `${at}.questionCode`, message: 'questionCode must be a question code such as QS-FL-01' });
    if (item.notApplicable !== undefined && typeof item.notApplicable !== 'boolean') errors.push({ field: `${at}.notApplicable`, message: 'notApplicable must be a boolean value' });
    const comment = item.comment;
    if (comment !== undefined && comment !== null) {
      if (typeof comment !== 'string') errors.push({ field: `${at}.comment`, message: 'comment must be a string' });
      else if (comment.trim().length > 5000) errors.push({ field: `${at}.comment`, message: 'comment must be shorter than or equal to 5000 characters' });
      else if (!isPrintable(comment)) errors.push({ field: `${at}.comment`, message: 'comment must not contain control characters' });
    }
  });
  return errors;
}
