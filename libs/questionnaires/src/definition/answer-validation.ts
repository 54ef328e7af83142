import { TEMPLATE_LIMITS, isCountryCode } from './definition-rules';
import type { AnswerInput, AnswerType, AnswerValue, QuestionDefinition } from './template-definition';

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const FIRST_DATE = '1900-01-01';
const LAST_DATE = '2100-12-31';

type ValueCheck = (question: QuestionDefinition, value: unknown) => string | null;

/**
 * Checks an answer to `question`: null when it may be stored, else what is wrong with it.
 *
 * A null value without notApplicable is accepted for every type. For a `file` question it is the
 * answer itself (the uploaded evidence is what counts); for any other type it means "clear my
 * answer", and the question is then unanswered (see `isAnswered`).
 */
export function validateAnswer(question: QuestionDefinition, answer: AnswerInput): string | null {
  if (answer.notApplicable !== undefined && typeof answer.notApplicable !== 'boolean') return 'notApplicable must be true or false';
  if (answer.notApplicable) {
    if (!question.notApplicableAllowed) return 'notApplicable is not allowed for this question';
    return answer.value === null ? null : 'value must be null when notApplicable is true';
  }
  if (answer.value === null) return null;
  return VALUE_CHECKS[question.type](question, answer.value);
}

/** The form an answer is stored in: text trimmed, lists without repeats in option (or alphabetical) order. */
export function normaliseAnswerValue(question: QuestionDefinition, value: AnswerValue): AnswerValue {
  if (question.type === 'text' && typeof value === 'string') return value.trim();
  if (question.type === 'multiple_choice' && Array.isArray(value)) return inOptionOrder(question, value);
  if (question.type === 'country_list' && Array.isArray(value)) return [...new Set(value)].sort();
  return value;
}

const VALUE_CHECKS: Record<AnswerType, ValueCheck> = {
  yes_no: (_question, value) => (value === 'yes' || value === 'no' ? null : 'value must be one of yes, no'),
  single_choice: checkSingleChoice,
  multiple_choice: checkMultipleChoice,
  number: checkNumber,
  text: checkText,
  date: checkDate,
  file: () => 'value must not be given for a file question: upload evidence instead',
  country_list: checkCountryList,
};

function optionValues(question: QuestionDefinition): string[] {
  return (question.options ?? []).map((option) => option.value);
}

function checkSingleChoice(question: QuestionDefinition, value: unknown): string | null {
  const values = optionValues(question);
  return typeof value === 'string' && values.includes(value) ? null : `value must be one of ${values.join(', ')}`;
}

function checkMultipleChoice(question: QuestionDefinition, value: unknown): string | null {
  const values = optionValues(question);
  if (!Array.isArray(value) || value.length === 0) return `value must be a non-empty list of values among ${values.join(', ')}`;
  const unknown = value.find((item) => typeof item !== 'string' || !values.includes(item));
  if (unknown !== undefined) return `value must hold only values among ${values.join(', ')}: ${JSON.stringify(unknown)} is not one`;
  return repeatedItem(value);
}

function checkNumber(question: QuestionDefinition, value: unknown): string | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'value must be a number';
  const { min, max } = question;
  const tooLow = min !== undefined && value < min;
  const tooHigh = max !== undefined && value > max;
  if (tooLow || tooHigh) {
    if (min !== undefined && max !== undefined) return `value must be a number between ${min} and ${max}`;
    return min !== undefined ? `value must be a number of at least ${min}` : `value must be a number of at most ${max}`;
  }
  return question.integer && !Number.isInteger(value) ? 'value must be a whole number' : null;
}

function checkText(_question: QuestionDefinition, value: unknown): string | null {
  const length = typeof value === 'string' ? value.trim().length : 0;
  return length >= 1 && length <= TEMPLATE_LIMITS.answerTextLength ? null : `value must be a text of 1 to ${TEMPLATE_LIMITS.answerTextLength} characters`;
}

function checkDate(_question: QuestionDefinition, value: unknown): string | null {
  if (typeof value !== 'string' || !isRealDate(value)) return 'value must be a date YYYY-MM-DD';
  return value >= FIRST_DATE && value <= LAST_DATE ? null : `value must be a date between ${FIRST_DATE} and ${LAST_DATE}`;
}

/** A date written YYYY-MM-DD that exists in the calendar (2026-02-30 does not). */
function isRealDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkCountryList(_question: QuestionDefinition, value: unknown): string | null {
  const limit = TEMPLATE_LIMITS.countries;
  if (!Array.isArray(value) || value.length === 0 || value.length > limit) return `value must be a list of 1 to ${limit} country codes`;
  const invalid = value.find((item) => typeof item !== 'string' || !isCountryCode(item));
  if (invalid !== undefined) return `value must hold ISO 3166-1 alpha-2 country codes in capitals (such as FR): ${JSON.stringify(invalid)} is not one`;
  return repeatedItem(value);
}

function repeatedItem(values: readonly unknown[]): string | null {
  const repeated = values.find((item, index) => values.indexOf(item) !== index);
  return repeated === undefined ? null : `value must not repeat ${JSON.stringify(repeated)}`;
}

function inOptionOrder(question: QuestionDefinition, selected: readonly string[]): string[] {
  const order = optionValues(question);
  const rank = (value: string): number => (order.includes(value) ? order.indexOf(value) : order.length);
  return [...new Set(selected)].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
}
