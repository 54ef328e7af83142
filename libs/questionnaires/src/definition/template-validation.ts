import type { DefinitionFieldError as FieldError } from './template-definition';
import { CHOICE_TYPES, CODE_PATTERN, OPTION_VALUE_PATTERN, TEMPLATE_LIMITS as LIMITS, isChoiceType, isCountryCode } from './definition-rules';
import { Field, JsonObject, JsonReader, allDefined, isRecord, withoutUndefined } from './json-reader';
import {
  ANSWER_TYPES,
  AnswerType,
  COLOURS,
  Colour,
  CountryRule,
  EvidenceRule,
  NumberRange,
  OptionDefinition,
  QuestionCondition,
  QuestionDefinition,
  ScoringDefinition,
  SectionDefinition,
  TEMPLATE_LANGUAGES,
  THEMES,
  TemplateDefinition,
  TemplateLanguage,
  Translated,
} from './template-definition';

export interface TemplateValidation {
  /** The clean copy (known keys only, texts trimmed); given only when there is no error. */
  definition?: TemplateDefinition;
  errors: FieldError[];
}

/**
 * Checks an untrusted template definition (JSON from a request body) and lists every problem,
 * each with the path of its field (`definition.sections[0].questions[2].options[1].colour`).
 */
export function validateTemplateDefinition(input: unknown): TemplateValidation {
  const reader = new JsonReader();
  const definition = readDefinition(reader, { value: input, path: 'definition' });
  const errors = reader.errors();
  if (errors.length > 0 || definition === undefined) return { errors };
  return { definition, errors };
}

const CODE_HINT = 'a code of a capital letter then up to 39 capitals, digits, _, . or - (such as HS_1)';
const OPTION_VALUE_HINT = 'a value of 1 to 40 lower-case letters, digits or _ (such as not_sure)';
const COUNTRY_HINT = 'an ISO 3166-1 alpha-2 country code in capitals (such as FR)';

const DEFINITION_KEYS = ['languages', 'title', 'description', 'scoring', 'sections'];
const SECTION_KEYS = ['code', 'title', 'description', 'questions'];
const QUESTION_KEYS = [
  'code',
  'theme',
  'type',
  'text',
  'guidance',
  'required',
  'notApplicableAllowed',
  'evidence',
  'condition',
  'options',
  'unit',
  'min',
  'max',
  'integer',
  'ranges',
  'countries',
  'weight',
];

/** Fields that only some answer types may have. */
const TYPE_SPECIFIC_FIELDS: ReadonlyArray<{ keys: readonly string[]; types: readonly AnswerType[] }> = [
  { keys: ['options'], types: CHOICE_TYPES },
  { keys: ['unit', 'min', 'max', 'integer', 'ranges'], types: ['number'] },
  { keys: ['countries'], types: ['country_list'] },
];

/** The reader and the template's languages, which every translated text must cover. */
interface Context {
  readonly r: JsonReader;
  readonly languages: readonly TemplateLanguage[];
}

/** What the checks across questions need of a question, even when the question itself is invalid. */
interface QuestionEntry {
  path: string;
  code?: string;
  type?: AnswerType;
  optionValues: string[];
  condition?: QuestionCondition;
}

type ValueAt = { path: string; value: string | undefined };

function readDefinition(r: JsonReader, field: Field): TemplateDefinition | undefined {
  const object = r.object(field, DEFINITION_KEYS);
  if (!object) return undefined;
  const context: Context = { r, languages: readLanguages(r, object.get('languages')) };
  const title = readTranslated(context, object.get('title'), LIMITS.titleLength);
  const description = r.optional(object.get('description'), (f) => readTranslated(context, f, LIMITS.textLength));
  const scoring = readScoring(r, object.get('scoring'));
  const { sections, entries } = readSections(context, object.get('sections'));
  r.distinct(entries.map((entry) => ({ path: `${entry.path}.code`, value: entry.code })));
  checkConditions(r, entries);
  if (!title || !scoring || !sections) return undefined;
  return withoutUndefined({ languages: [...context.languages], title, description, scoring, sections });
}

/** The valid, distinct languages given (possibly none, after recording why). */
function readLanguages(r: JsonReader, field: Field): TemplateLanguage[] {
  const items = r.list(field, { min: 1, max: TEMPLATE_LANGUAGES.length, noun: ['language', 'languages'] }) ?? [];
  const languages = items.map((item) => ({ path: item.path, value: r.oneOf(item, TEMPLATE_LANGUAGES) }));
  r.distinct(languages);
  return [...new Set(allGiven(languages))];
}

/** A text in every language of the template and no other. */
function readTranslated({ r, languages }: Context, field: Field, maxLength: number): Translated | undefined {
  // When the languages themselves are invalid, only the texts' shape can be checked.
  const allowed = languages.length > 0 ? languages : TEMPLATE_LANGUAGES;
  const object = r.object(field, allowed, `is not a language of this template (${allowed.join(', ')})`);
  if (!object) return undefined;
  const texts: Translated = {};
  for (const language of languages) {
    const text = object.get(language);
    const value = text.value === undefined ? r.fail(text.path, `is required: the template is in ${languages.join(', ')}`) : r.text(text, maxLength);
    if (value !== undefined) texts[language] = value;
  }
  return texts;
}

function readScoring(r: JsonReader, field: Field): ScoringDefinition | undefined {
  const object = r.object(field, ['method', 'amberBelow', 'redBelow']);
  if (!object) return undefined;
  const method = r.oneOf(object.get('method'), ['worst', 'weighted'] as const);
  if (method === 'worst') {
    for (const key of ['amberBelow', 'redBelow']) {
      if (object.has(key)) r.fail(object.get(key).path, 'is only allowed with the weighted method');
    }
    return { method };
  }
  if (method === undefined) return undefined;
  const amberBelow = r.number(object.get('amberBelow'), { min: 0, max: 100 });
  const redBelow = r.number(object.get('redBelow'), { min: 0, max: 100 });
  if (amberBelow === undefined || redBelow === undefined) return undefined;
  if (redBelow > amberBelow) r.fail(object.get('redBelow').path, `must not be greater than amberBelow (${amberBelow})`);
  return { method, amberBelow, redBelow };
}

function readSections(context: Context, field: Field): { sections?: SectionDefinition[]; entries: QuestionEntry[] } {
  const { r } = context;
  const items = r.list(field, { min: 1, max: LIMITS.sections, noun: ['section', 'sections'] });
  if (!items) return { entries: [] };
  const read = items.map((item) => readSection(context, item));
  r.distinct(read.map(({ path, code }) => ({ path: `${path}.code`, value: code })));
  const entries = read.flatMap((section) => section.entries);
  if (entries.length > LIMITS.questions) {
    r.fail(field.path, `must hold at most ${LIMITS.questions} questions in total (found ${entries.length})`);
  }
  return { sections: allDefined(read.map((section) => section.section)), entries };
}

function readSection(context: Context, field: Field): { path: string; code?: string; section?: SectionDefinition; entries: QuestionEntry[] } {
  const { r } = context;
  const object = r.object(field, SECTION_KEYS);
  if (!object) return { path: field.path, entries: [] };
  const code = r.code(object.get('code'), CODE_PATTERN, CODE_HINT);
  const title = readTranslated(context, object.get('title'), LIMITS.titleLength);
  const description = r.optional(object.get('description'), (f) => readTranslated(context, f, LIMITS.textLength));
  const items = r.list(object.get('questions'), { min: 1, max: LIMITS.questionsPerSection, noun: ['question', 'questions'] }) ?? [];
  const read = items.map((item) => readQuestion(context, item));
  const questions = items.length > 0 ? allDefined(read.map((question) => question.question)) : undefined;
  const entries = read.map((question) => question.entry);
  const section = code && title && questions ? withoutUndefined({ code, title, description, questions }) : undefined;
  return { path: field.path, code, section, entries };
}

function readQuestion(context: Context, field: Field): { question?: QuestionDefinition; entry: QuestionEntry } {
  const { r } = context;
  const object = r.object(field, QUESTION_KEYS);
  if (!object) return { entry: { path: field.path, optionValues: [] } };
  const code = r.code(object.get('code'), CODE_PATTERN, CODE_HINT);
  const theme = r.oneOf(object.get('theme'), THEMES);
  const type = r.oneOf(object.get('type'), ANSWER_TYPES);
  const text = readTranslated(context, object.get('text'), LIMITS.textLength);
  const guidance = r.optional(object.get('guidance'), (f) => readTranslated(context, f, LIMITS.guidanceLength));
  const required = r.boolean(object.get('required'));
  const notApplicableAllowed = r.optional(object.get('notApplicableAllowed'), (f) => r.boolean(f));
  const optionValues = givenOptionValues(object.get('options'));
  const evidence = r.optional(object.get('evidence'), (f) => readEvidence(r, f, type, optionValues));
  const condition = r.optional(object.get('condition'), (f) => readCondition(r, f));
  const answerFields = type === undefined ? {} : readAnswerFields(context, object, type);
  const weight = r.optional(object.get('weight'), (f) => r.number(f, { min: 0, max: LIMITS.weight }));
  const entry: QuestionEntry = { path: field.path, code, type, optionValues, condition };
  if (code === undefined || theme === undefined || type === undefined || text === undefined || required === undefined) return { entry };
  const question = { code, theme, type, text, guidance, required, notApplicableAllowed, evidence, condition, ...answerFields, weight };
  return { question: withoutUndefined(question), entry };
}

type AnswerFields = Pick<QuestionDefinition, 'options' | 'unit' | 'min' | 'max' | 'integer' | 'ranges' | 'countries'>;

/** The fields that depend on the answer type; those of other types are errors. */
function readAnswerFields(context: Context, object: JsonObject, type: AnswerType): AnswerFields {
  const { r } = context;
  for (const { keys, types } of TYPE_SPECIFIC_FIELDS) {
    if (types.includes(type)) continue;
    for (const key of keys) {
      if (object.has(key)) r.fail(object.get(key).path, `is only allowed for ${describeTypes(types)} questions`);
    }
  }
  if (isChoiceType(type)) return { options: readOptions(context, object.get('options'), type) };
  if (type === 'number') return readNumberFields(r, object);
  if (type === 'country_list') return { countries: r.optional(object.get('countries'), (f) => readCountries(r, f)) };
  return {};
}

function describeTypes(types: readonly AnswerType[], conjunction: 'and' | 'or' = 'and'): string {
  return types.length === 1 ? types[0] : `${types.slice(0, -1).join(', ')} ${conjunction} ${types[types.length - 1]}`;
}

function readOptions(context: Context, field: Field, type: AnswerType): OptionDefinition[] | undefined {
  const { r } = context;
  if (field.value === undefined) return r.fail(field.path, `is required for a ${type} question`);
  const yesNo = type === 'yes_no';
  if (yesNo && Array.isArray(field.value) && field.value.length !== 2) return r.fail(field.path, 'must hold exactly the two options yes and no');
  const items = r.list(field, { min: 2, max: LIMITS.options, noun: ['option', 'options'] });
  if (!items) return undefined;
  const read = items.map((item) => readOption(context, item, yesNo));
  r.distinct(read.map(({ path, value }) => ({ path: `${path}.value`, value })));
  return allDefined(read.map((option) => option.option));
}

function readOption({ r, languages }: Context, field: Field, yesNo: boolean): { path: string; value?: string; option?: OptionDefinition } {
  const object = r.object(field, ['value', 'label', 'colour', 'redFlag']);
  if (!object) return { path: field.path };
  const valueField = object.get('value');
  const value = yesNo ? r.oneOf(valueField, ['yes', 'no']) : r.code(valueField, OPTION_VALUE_PATTERN, OPTION_VALUE_HINT);
  const label = readTranslated({ r, languages }, object.get('label'), LIMITS.titleLength);
  const { colour, redFlag } = readColouring(r, object, false);
  const option = value && label ? withoutUndefined({ value, label, colour, redFlag }) : undefined;
  return { path: field.path, value, option };
}

/** `colour` and `redFlag` of an option or a range: a red flag is always red. */
function readColouring(r: JsonReader, object: JsonObject, colourRequired: boolean): { colour?: Colour; redFlag?: boolean } {
  const colourField = object.get('colour');
  const colour = colourRequired ? r.oneOf(colourField, COLOURS) : r.optional(colourField, (f) => r.oneOf(f, COLOURS));
  const redFlag = r.optional(object.get('redFlag'), (f) => r.boolean(f));
  if (redFlag === true && colour !== 'red' && (colour !== undefined || !colourRequired)) r.fail(colourField.path, 'must be red when redFlag is true');
  return { colour, redFlag };
}

function readNumberFields(r: JsonReader, object: JsonObject): AnswerFields {
  const min = r.optional(object.get('min'), (f) => r.number(f));
  const max = r.optional(object.get('max'), (f) => r.number(f));
  if (min !== undefined && max !== undefined && max < min) r.fail(object.get('max').path, `must not be less than min (${min})`);
  const integer = r.optional(object.get('integer'), (f) => r.boolean(f));
  const unit = r.optional(object.get('unit'), (f) => r.text(f, LIMITS.unitLength));
  const ranges = r.optional(object.get('ranges'), (f) => readRanges(r, f));
  return { unit, min, max, integer, ranges };
}

function readRanges(r: JsonReader, field: Field): NumberRange[] | undefined {
  const items = r.list(field, { min: 0, max: LIMITS.ranges, noun: ['range', 'ranges'] });
  return items && allDefined(items.map((item) => readRange(r, item)));
}

function readRange(r: JsonReader, field: Field): NumberRange | undefined {
  const object = r.object(field, ['min', 'max', 'colour', 'redFlag']);
  if (!object) return undefined;
  const min = r.optional(object.get('min'), (f) => r.number(f));
  const max = r.optional(object.get('max'), (f) => r.number(f));
  if (min !== undefined && max !== undefined && max <= min) r.fail(object.get('max').path, `must be greater than min (${min})`);
  const { colour, redFlag } = readColouring(r, object, true);
  return colour && withoutUndefined({ min, max, colour, redFlag });
}

function readCountries(r: JsonReader, field: Field): CountryRule | undefined {
  const object = r.object(field, ['amber', 'red', 'otherwise']);
  if (!object) return undefined;
  const amber = r.optional(object.get('amber'), (f) => readCountryCodes(r, f));
  const red = r.optional(object.get('red'), (f) => readCountryCodes(r, f));
  const otherwise = r.optional(object.get('otherwise'), (f) => r.oneOf(f, COLOURS));
  const amberCodes = allGiven(amber ?? []);
  for (const { path, value } of red ?? []) {
    if (value !== undefined && amberCodes.includes(value)) r.fail(path, `must not repeat ${value}, which amber lists: a country has one colour`);
  }
  return withoutUndefined({ amber: amber && allDefined(amber.map(({ value }) => value)), red: red && allDefined(red.map(({ value }) => value)), otherwise });
}

function readCountryCodes(r: JsonReader, field: Field): ValueAt[] | undefined {
  const items = r.list(field, { min: 0, max: LIMITS.countries, noun: ['country', 'countries'] });
  if (!items) return undefined;
  const codes = items.map((item) => ({ path: item.path, value: readCountryCode(r, item) }));
  r.distinct(codes);
  return codes;
}

function readCountryCode(r: JsonReader, field: Field): string | undefined {
  const code = r.code(field, /^[A-Z]{2}$/, COUNTRY_HINT);
  if (code !== undefined && !isCountryCode(code)) return r.fail(field.path, `must be an ISO 3166-1 country code: ${code} is not one`);
  return code;
}

function readEvidence(r: JsonReader, field: Field, type: AnswerType | undefined, optionValues: readonly string[]): EvidenceRule | undefined {
  const object = r.object(field, ['required', 'anyOf']);
  if (!object) return undefined;
  const requiredField = object.get('required');
  const required = r.oneOf(requiredField, ['never', 'always', 'when'] as const);
  if (required === 'never' && type === 'file') r.fail(requiredField.path, 'must not be never for a file question: the file is the answer');
  if (required !== 'when') {
    if (object.has('anyOf')) r.fail(object.get('anyOf').path, 'is only allowed when required is when');
    return required && { required };
  }
  const choice = type !== undefined && isChoiceType(type);
  if (type !== undefined && !choice) r.fail(requiredField.path, `can be when only for ${describeTypes(CHOICE_TYPES)} questions`);
  const anyOf = readAnyOf(r, object.get('anyOf'));
  for (const { path, value } of anyOf ?? []) {
    if (choice && value !== undefined && !optionValues.includes(value)) r.fail(path, `must be an option value of this question (${optionValues.join(', ')})`);
  }
  const values = anyOf && allDefined(anyOf.map(({ value }) => value));
  return values && { required, anyOf: values };
}

/** The shape of a condition; whether it names a suitable question is checked across the template. */
function readCondition(r: JsonReader, field: Field): QuestionCondition | undefined {
  const object = r.object(field, ['questionCode', 'anyOf']);
  if (!object) return undefined;
  const questionCode = r.code(object.get('questionCode'), CODE_PATTERN, CODE_HINT);
  const anyOf = readAnyOf(r, object.get('anyOf'));
  const values = anyOf && allDefined(anyOf.map(({ value }) => value));
  return questionCode && values ? { questionCode, anyOf: values } : undefined;
}

function readAnyOf(r: JsonReader, field: Field): ValueAt[] | undefined {
  const items = r.list(field, { min: 1, max: LIMITS.options, noun: ['value', 'values'] });
  if (!items) return undefined;
  const values = items.map((item) => ({ path: item.path, value: r.code(item, OPTION_VALUE_PATTERN, OPTION_VALUE_HINT) }));
  r.distinct(values);
  return values;
}

/** The option values as given, valid or not, so that conditions on this question can be checked. */
function givenOptionValues(field: Field): string[] {
  if (!Array.isArray(field.value) || field.value.length > LIMITS.options) return [];
  return field.value.flatMap((option: unknown) => {
    const value = isRecord(option) && Object.hasOwn(option, 'value') ? option.value : undefined;
    return typeof value === 'string' ? [value] : [];
  });
}

function allGiven<T extends string>(items: ReadonlyArray<{ value: T | undefined }>): T[] {
  return items.flatMap(({ value }) => (value === undefined ? [] : [value]));
}

/** Conditions must name another choice question of the template, with its option values, and must not form cycles. */
function checkConditions(r: JsonReader, entries: readonly QuestionEntry[]): void {
  const byCode = new Map<string, QuestionEntry>();
  for (const entry of entries) if (entry.code !== undefined && !byCode.has(entry.code)) byCode.set(entry.code, entry);
  for (const entry of entries) if (entry.condition) checkConditionTarget(r, entry, entry.condition, byCode);
  const next = new Map<string, string>();
  for (const [code, entry] of byCode) {
    const target = entry.condition?.questionCode;
    if (target !== undefined && target !== code && byCode.has(target)) next.set(code, target);
  }
  for (const [code, entry] of byCode) {
    const cycle = cycleFrom(code, next);
    if (cycle) r.fail(`${entry.path}.condition`, `forms a cycle: ${cycle.join(' -> ')}`);
  }
}

function checkConditionTarget(r: JsonReader, entry: QuestionEntry, condition: QuestionCondition, byCode: ReadonlyMap<string, QuestionEntry>): void {
  const at = `${entry.path}.condition`;
  const target = byCode.get(condition.questionCode);
  if (condition.questionCode === entry.code) {
    r.fail(`${at}.questionCode`, 'must not name the question itself');
  } else if (!target) {
    r.fail(`${at}.questionCode`, 'must name a question of this template');
  } else if (target.type !== undefined && !isChoiceType(target.type)) {
    r.fail(`${at}.questionCode`, `must name a ${describeTypes(CHOICE_TYPES, 'or')} question (${condition.questionCode} is ${target.type})`);
  } else if (target.type !== undefined) {
    condition.anyOf.forEach((value, index) => {
      if (!target.optionValues.includes(value)) {
        r.fail(`${at}.anyOf[${index}]`, `must be an option value of ${condition.questionCode} (${target.optionValues.join(', ')})`);
      }
    });
  }
}

/** The cycle through `start` when following each question to the question its condition names: [A, B, A]. */
function cycleFrom(start: string, next: ReadonlyMap<string, string>): string[] | undefined {
  const path = [start];
  const seen = new Set(path);
  for (let current = next.get(start); current !== undefined; current = next.get(current)) {
    if (current === start) return [...path, start];
    if (seen.has(current)) return undefined;
    seen.add(current);
    path.push(current);
  }
  return undefined;
}
