import type { FieldError } from '@ddp/core';
import { MAX_ERRORS } from './json-reader';
import type { TemplateDefinition, Translated } from './template-definition';
import { validateTemplateDefinition } from './template-validation';

const t = (text: string): Translated => ({ fr: `${text} (fr)`, en: text });

/** A valid template with every answer type; tests change one field of a copy. */
function validTemplate(): TemplateDefinition {
  return {
    languages: ['fr', 'en'],
    title: t('Supplier questionnaire'),
    description: t('Due diligence of ICT hardware suppliers'),
    scoring: { method: 'weighted', amberBelow: 80, redBelow: 50 },
    sections: [
      {
        code: 'LABOUR',
        title: t('Labour'),
        description: t('Labour rights'),
        questions: [
          {
            code: 'Q1',
            theme: 'forced_labour',
            type: 'yes_no',
            text: t('Did an audit find forced labour?'),
            required: true,
            options: [
              { value: 'yes', label: t('Yes'), colour: 'red', redFlag: true },
              { value: 'no', label: t('No'), colour: 'green' },
            ],
          },
          {
            code: 'Q2',
            theme: 'child_labour',
            type: 'single_choice',
            text: t('How do you check ages?'),
            guidance: t('Describe the usual check'),
            required: false,
            notApplicableAllowed: true,
            evidence: { required: 'when', anyOf: ['documents'] },
            condition: { questionCode: 'Q1', anyOf: ['no'] },
            options: [
              { value: 'documents', label: t('Documents'), colour: 'green' },
              { value: 'interviews', label: t('Interviews'), colour: 'amber' },
              { value: 'none', label: t('None') },
            ],
            weight: 2,
          },
          {
            code: 'Q3',
            theme: 'health_safety',
            type: 'multiple_choice',
            text: t('Which certificates do you hold?'),
            required: true,
            options: [
              { value: 'iso_45001', label: t('ISO 45001'), colour: 'green' },
              { value: 'sa8000', label: t('SA8000'), colour: 'green' },
              { value: 'other', label: t('Other') },
            ],
          },
          {
            code: 'Q4',
            theme: 'working_hours_wages',
            type: 'number',
            text: t('Share of workers above living wage'),
            required: true,
            unit: '%',
            min: 0,
            max: 100,
            integer: true,
            ranges: [
              { max: 20, colour: 'red', redFlag: true },
              { min: 20, max: 80, colour: 'amber' },
              { min: 80, colour: 'green' },
            ],
          },
        ],
      },
      {
        code: 'SITES',
        title: t('Sites'),
        questions: [
          { code: 'Q5', theme: 'site_disclosure', type: 'text', text: t('Where are your sites?'), required: false },
          { code: 'Q6', theme: 'management_system', type: 'date', text: t('Date of the last audit'), required: false, evidence: { required: 'always' } },
          { code: 'Q7', theme: 'labels', type: 'file', text: t('Your code of conduct'), required: true },
          {
            code: 'Q8',
            theme: 'minerals',
            type: 'country_list',
            text: t('Origin of minerals'),
            required: true,
            countries: { amber: ['CN'], red: ['KP', 'CD'], otherwise: 'green' },
            weight: 0,
          },
        ],
      },
    ],
  };
}

/** Sets (or, with undefined, deletes) the value at a path such as `sections[0].questions[1].code`. */
function setAt(root: object, path: string, value: unknown): void {
  const keys = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  let node = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function errorsAfter(...changes: Array<[path: string, value: unknown]>): FieldError[] {
  const template = validTemplate();
  for (const [path, value] of changes) setAt(template, path, value);
  const result = validateTemplateDefinition(template);
  expect(result.definition).toBeUndefined();
  return result.errors;
}

const QUESTION = (section: number, question: number): string => `sections[${section}].questions[${question}]`;

describe('validateTemplateDefinition', () => {
  describe('a valid template', () => {
    it('passes and comes back as an equal, separate copy', () => {
      const input = validTemplate();
      const result = validateTemplateDefinition(input);
      expect(result.errors).toEqual([]);
      expect(result.definition).toEqual(input);
      expect(result.definition).not.toBe(input);
      expect(result.definition?.sections[0]).not.toBe(input.sections[0]);
    });

    it('passes when read back from JSON', () => {
      const result = validateTemplateDefinition(JSON.parse(JSON.stringify(validTemplate())));
      expect(result.errors).toEqual([]);
    });

    it('trims texts in the copy', () => {
      const template = validTemplate();
      setAt(template, 'title.en', '  Questionnaire  ');
      expect(validateTemplateDefinition(template).definition?.title.en).toBe('Questionnaire');
    });

    it('accepts yes_no options in any order, worst scoring and equal min and max', () => {
      const template = validTemplate();
      template.scoring = { method: 'worst' };
      template.sections[0].questions[0].options?.reverse();
      setAt(template, `${QUESTION(0, 3)}.min`, 100);
      const result = validateTemplateDefinition(template);
      expect(result.errors).toEqual([]);
      expect(result.definition?.sections[0].questions[0].options?.map((option) => option.value)).toEqual(['no', 'yes']);
    });

    it('accepts the longest texts allowed', () => {
      const result = validateTemplateDefinition({
        ...validTemplate(),
        title: { fr: 'a'.repeat(200), en: 'a'.repeat(200) },
        description: { fr: 'd'.repeat(2000), en: 'd'.repeat(2000) },
      });
      expect(result.errors).toEqual([]);
    });
  });

  describe('the whole definition', () => {
    it.each([null, 'text', 42, [], undefined])('rejects %p', (input) => {
      expect(validateTemplateDefinition(input).errors).toEqual([
        { field: 'definition', message: input === undefined ? 'definition is required' : 'definition must be an object' },
      ]);
    });

    it('names an unknown property at any depth', () => {
      expect(errorsAfter(['extra', 1], [`${QUESTION(0, 2)}.options[1].shade`, 'dark'])).toEqual([
        { field: 'definition.extra', message: 'extra is not a known property' },
        { field: 'definition.sections[0].questions[2].options[1].shade', message: 'shade is not a known property' },
      ]);
    });

    it('treats __proto__ from JSON as an unknown property, not as a prototype', () => {
      const input: unknown = JSON.parse(JSON.stringify(validTemplate()).replace('{', '{"__proto__":{"x":1},'));
      expect(validateTemplateDefinition(input).errors).toEqual([{ field: 'definition.__proto__', message: '__proto__ is not a known property' }]);
    });

    it('reports every error, not only the first', () => {
      const errors = errorsAfter(['title.en', ''], [`${QUESTION(0, 1)}.theme`, 'slavery'], [`${QUESTION(1, 3)}.weight`, -1], ['scoring.redBelow', 90]);
      expect(errors.map((error) => error.field)).toEqual([
        'definition.title.en',
        'definition.scoring.redBelow',
        'definition.sections[0].questions[1].theme',
        'definition.sections[1].questions[3].weight',
      ]);
    });

    it(`lists at most ${MAX_ERRORS} errors and says how many there were`, () => {
      const input: Record<string, unknown> = { ...validTemplate() };
      for (let i = 0; i < 1500; i++) input[`x${i}`] = i;
      const errors = validateTemplateDefinition(input).errors;
      expect(errors).toHaveLength(MAX_ERRORS + 1);
      expect(errors[MAX_ERRORS]).toEqual({ field: 'definition', message: `definition has 1500 errors; only the first ${MAX_ERRORS} are listed` });
    });

    it('cuts a very long unknown key in the field path', () => {
      const [error] = errorsAfter(['k'.repeat(10_000), true]);
      expect(error.field).toBe(`definition.${'k'.repeat(40)}…`);
    });
  });

  describe('languages and texts', () => {
    it.each<[string, unknown, string, string]>([
      ['missing', undefined, 'definition.languages', 'languages is required'],
      ['not a list', 'fr', 'definition.languages', 'languages must be a list'],
      ['empty', [], 'definition.languages', 'languages must hold at least one language'],
      ['unknown', ['fr', 'de'], 'definition.languages[1]', 'languages[1] must be one of fr, nl, en'],
      ['repeated', ['fr', 'fr'], 'definition.languages[1]', 'languages[1] repeats "fr", already given at languages[0]'],
      ['too many', ['fr', 'nl', 'en', 'fr'], 'definition.languages', 'languages must hold at most 3 languages'],
    ])('rejects languages %s', (_case, languages, field, message) => {
      expect(errorsAfter(['languages', languages])).toContainEqual({ field, message });
    });

    it.each<[string, string, unknown, string, string]>([
      ['a missing language', 'title.en', undefined, 'definition.title.en', 'title.en is required: the template is in fr, en'],
      ['a blank text', 'title.fr', '   ', 'definition.title.fr', 'title.fr must not be empty'],
      ['a text that is not a string', 'description.en', 12, 'definition.description.en', 'description.en must be a text'],
      ['an undeclared language', 'title.nl', 'Titel', 'definition.title.nl', 'title.nl is not a language of this template (fr, en)'],
      ['a text instead of translations', 'title', 'Title', 'definition.title', 'title must be an object'],
      ['a title over 200 characters', 'title.en', 'a'.repeat(201), 'definition.title.en', 'title.en must be at most 200 characters long'],
      ['a description over 2000 characters', 'description.fr', 'a'.repeat(2001), 'definition.description.fr', 'description.fr must be at most 2000 characters long'],
      ['a section title over 200', 'sections[1].title.en', 'a'.repeat(201), 'definition.sections[1].title.en', 'title.en must be at most 200 characters long'],
      ['a missing section title', 'sections[1].title', undefined, 'definition.sections[1].title', 'title is required'],
      ['a section description in an undeclared language', 'sections[0].description.nl', 'x', 'definition.sections[0].description.nl', 'description.nl is not a language of this template (fr, en)'],
      ['a question text over 2000', `${QUESTION(0, 0)}.text.en`, 'a'.repeat(2001), 'definition.sections[0].questions[0].text.en', 'text.en must be at most 2000 characters long'],
      ['guidance over 5000', `${QUESTION(0, 1)}.guidance.fr`, 'a'.repeat(5001), 'definition.sections[0].questions[1].guidance.fr', 'guidance.fr must be at most 5000 characters long'],
      ['an option label over 200', `${QUESTION(0, 2)}.options[1].label.en`, 'a'.repeat(201), 'definition.sections[0].questions[2].options[1].label.en', 'label.en must be at most 200 characters long'],
      ['an option label missing a language', `${QUESTION(0, 2)}.options[0].label.fr`, undefined, 'definition.sections[0].questions[2].options[0].label.fr', 'label.fr is required: the template is in fr, en'],
    ])('rejects %s', (_case, path, value, field, message) => {
      expect(errorsAfter([path, value])).toEqual([{ field, message }]);
    });

    it('accepts guidance of exactly 5000 characters', () => {
      const template = validTemplate();
      setAt(template, `${QUESTION(0, 1)}.guidance.fr`, 'a'.repeat(5000));
      expect(validateTemplateDefinition(template).errors).toEqual([]);
    });
  });

  describe('scoring', () => {
    it.each<[string, unknown, string, string]>([
      ['an unknown method', { method: 'best' }, 'definition.scoring.method', 'scoring.method must be one of worst, weighted'],
      ['weighted without thresholds', { method: 'weighted', redBelow: 10 }, 'definition.scoring.amberBelow', 'scoring.amberBelow is required'],
      ['a threshold above 100', { method: 'weighted', amberBelow: 101, redBelow: 10 }, 'definition.scoring.amberBelow', 'scoring.amberBelow must be a number between 0 and 100'],
      ['a negative threshold', { method: 'weighted', amberBelow: 50, redBelow: -1 }, 'definition.scoring.redBelow', 'scoring.redBelow must be a number between 0 and 100'],
      ['redBelow above amberBelow', { method: 'weighted', amberBelow: 40, redBelow: 60 }, 'definition.scoring.redBelow', 'scoring.redBelow must not be greater than amberBelow (40)'],
      ['thresholds with worst', { method: 'worst', amberBelow: 40 }, 'definition.scoring.amberBelow', 'scoring.amberBelow is only allowed with the weighted method'],
      ['an unknown property', { method: 'worst', bonus: 1 }, 'definition.scoring.bonus', 'scoring.bonus is not a known property'],
      ['no scoring', undefined, 'definition.scoring', 'scoring is required'],
    ])('rejects %s', (_case, scoring, field, message) => {
      expect(errorsAfter(['scoring', scoring])).toEqual([{ field, message }]);
    });

    it('accepts equal thresholds, 0 and 100', () => {
      const template = validTemplate();
      template.scoring = { method: 'weighted', amberBelow: 100, redBelow: 100 };
      expect(validateTemplateDefinition(template).errors).toEqual([]);
      template.scoring = { method: 'weighted', amberBelow: 0, redBelow: 0 };
      expect(validateTemplateDefinition(template).errors).toEqual([]);
    });
  });

  describe('sections and sizes', () => {
    it('rejects an empty template, naming the field', () => {
      expect(errorsAfter(['sections', []])).toEqual([{ field: 'definition.sections', message: 'sections must hold at least one section' }]);
    });

    it('rejects a section without questions', () => {
      expect(errorsAfter(['sections[1].questions', []])).toEqual([
        { field: 'definition.sections[1].questions', message: 'questions must hold at least one question' },
      ]);
    });

    it('rejects more than 100 sections', () => {
      const template = validTemplate();
      const sections = Array.from({ length: 101 }, (_, i) => ({ ...template.sections[1], code: `S${i}`, questions: [] }));
      expect(errorsAfter(['sections', sections])).toEqual([{ field: 'definition.sections', message: 'sections must hold at most 100 sections' }]);
    });

    it('rejects more than 300 questions in a section', () => {
      const questions = Array.from({ length: 301 }, (_, i) => ({ ...validTemplate().sections[1].questions[0], code: `T${i}` }));
      expect(errorsAfter(['sections[1].questions', questions])).toEqual([
        { field: 'definition.sections[1].questions', message: 'questions must hold at most 300 questions' },
      ]);
    });

    it('rejects more than 1000 questions in the template', () => {
      const base = validTemplate();
      const text = base.sections[1].questions[0];
      const sections = Array.from({ length: 4 }, (_, s) => ({
        code: `S${s}`,
        title: t('Section'),
        questions: Array.from({ length: 251 }, (_, q) => ({ ...text, code: `T${s}_${q}` })),
      }));
      expect(errorsAfter(['sections', sections])).toEqual([
        { field: 'definition.sections', message: 'sections must hold at most 1000 questions in total (found 1004)' },
      ]);
    });

    it.each<[string, string, unknown, string, string]>([
      ['a lower-case section code', 'sections[0].code', 'labour', 'definition.sections[0].code', 'code must be a code of a capital letter then up to 39 capitals, digits, _, . or - (such as HS_1)'],
      ['a section code over 40 characters', 'sections[0].code', `S${'1'.repeat(40)}`, 'definition.sections[0].code', 'code must be a code of a capital letter then up to 39 capitals, digits, _, . or - (such as HS_1)'],
      ['a repeated section code', 'sections[1].code', 'LABOUR', 'definition.sections[1].code', 'code repeats "LABOUR", already given at sections[0].code'],
      ['a section that is not an object', 'sections[1]', 'SITES', 'definition.sections[1]', 'sections[1] must be an object'],
      ['a question that is not an object', 'sections[1].questions[0]', 3, 'definition.sections[1].questions[0]', 'questions[0] must be an object'],
    ])('rejects %s', (_case, path, value, field, message) => {
      expect(errorsAfter([path, value])).toEqual([{ field, message }]);
    });

    it('accepts a 40-character code with digits, _, . and -', () => {
      const template = validTemplate();
      setAt(template, 'sections[0].code', `A1_.-${'B'.repeat(35)}`);
      expect(validateTemplateDefinition(template).errors).toEqual([]);
    });
  });

  describe('common question fields', () => {
    it.each<[string, string, unknown, string]>([
      ['a question code starting with a digit', 'code', '1Q', 'code must be a code of a capital letter then up to 39 capitals, digits, _, . or - (such as HS_1)'],
      ['a missing code', 'code', undefined, 'code is required'],
      ['an unknown theme', 'theme', 'slavery', 'theme must be one of forced_labour, child_labour, freedom_of_association, non_discrimination, working_hours_wages, health_safety, minerals, environment, circularity, management_system, site_disclosure, labels, other'],
      ['required that is not a boolean', 'required', 'yes', 'required must be true or false'],
      ['a missing required', 'required', undefined, 'required is required'],
      ['notApplicableAllowed that is not a boolean', 'notApplicableAllowed', 1, 'notApplicableAllowed must be true or false'],
      ['a negative weight', 'weight', -0.5, 'weight must be a number between 0 and 1000'],
      ['a weight above 1000', 'weight', 1000.5, 'weight must be a number between 0 and 1000'],
      ['a weight that is not finite', 'weight', Number.POSITIVE_INFINITY, 'weight must be a number between 0 and 1000'],
      ['a weight given as text', 'weight', '2', 'weight must be a number between 0 and 1000'],
    ])('rejects %s', (_case, key, value, message) => {
      expect(errorsAfter([`${QUESTION(0, 1)}.${key}`, value])).toEqual([{ field: `definition.sections[0].questions[1].${key}`, message }]);
    });

    it('rejects an unknown type without checking its type-specific fields', () => {
      expect(errorsAfter([`${QUESTION(0, 1)}.type`, 'essay'])).toEqual([
        { field: 'definition.sections[0].questions[1].type', message: 'type must be one of yes_no, single_choice, multiple_choice, number, text, date, file, country_list' },
      ]);
    });

    it('rejects a question code used twice in the template, on the later question', () => {
      expect(errorsAfter([`${QUESTION(1, 0)}.code`, 'Q3'])).toEqual([
        { field: 'definition.sections[1].questions[0].code', message: 'code repeats "Q3", already given at sections[0].questions[2].code' },
      ]);
    });
  });

  describe('options', () => {
    it.each<[string, string, unknown, string, string]>([
      ['a single choice without options', `${QUESTION(0, 1)}.options`, undefined, 'definition.sections[0].questions[1].options', 'options is required for a single_choice question'],
      ['a single option', `${QUESTION(0, 2)}.options`, [{ value: 'a', label: t('A') }], 'definition.sections[0].questions[2].options', 'options must hold at least 2 options'],
      ['an option value with capitals', `${QUESTION(0, 2)}.options[2].value`, 'Other', 'definition.sections[0].questions[2].options[2].value', 'value must be a value of 1 to 40 lower-case letters, digits or _ (such as not_sure)'],
      ['a repeated option value', `${QUESTION(0, 2)}.options[2].value`, 'sa8000', 'definition.sections[0].questions[2].options[2].value', 'value repeats "sa8000", already given at sections[0].questions[2].options[1].value'],
      ['an unknown colour', `${QUESTION(0, 2)}.options[1].colour`, 'purple', 'definition.sections[0].questions[2].options[1].colour', 'colour must be one of green, amber, red'],
      ['a redFlag that is not a boolean', `${QUESTION(0, 2)}.options[1].redFlag`, 'true', 'definition.sections[0].questions[2].options[1].redFlag', 'redFlag must be true or false'],
      ['a red flag on a green option', `${QUESTION(0, 2)}.options[1].redFlag`, true, 'definition.sections[0].questions[2].options[1].colour', 'colour must be red when redFlag is true'],
      ['a red flag on an option without colour', `${QUESTION(0, 2)}.options[2].redFlag`, true, 'definition.sections[0].questions[2].options[2].colour', 'colour must be red when redFlag is true'],
      ['yes_no with three options', `${QUESTION(0, 0)}.options[2]`, { value: 'maybe', label: t('Maybe') }, 'definition.sections[0].questions[0].options', 'options must hold exactly the two options yes and no'],
      ['yes_no with another value', `${QUESTION(0, 0)}.options[1].value`, 'nope', 'definition.sections[0].questions[0].options[1].value', 'value must be one of yes, no'],
      ['yes_no with yes twice', `${QUESTION(0, 0)}.options[1].value`, 'yes', 'definition.sections[0].questions[0].options[1].value', 'value repeats "yes", already given at sections[0].questions[0].options[0].value'],
      ['options on a text question', `${QUESTION(1, 0)}.options`, [], 'definition.sections[1].questions[0].options', 'options is only allowed for yes_no, single_choice and multiple_choice questions'],
    ])('rejects %s', (_case, path, value, field, message) => {
      expect(errorsAfter([path, value])).toContainEqual({ field, message });
    });

    it('rejects more than 100 options', () => {
      const options = Array.from({ length: 101 }, (_, i) => ({ value: `o${i}`, label: t(`Option ${i}`) }));
      expect(errorsAfter([`${QUESTION(0, 2)}.options`, options])).toEqual([
        { field: 'definition.sections[0].questions[2].options', message: 'options must hold at most 100 options' },
      ]);
    });
  });

  describe('number questions', () => {
    const q = QUESTION(0, 3);
    const at = `definition.${q}`;
    it.each<[string, string, unknown, string, string]>([
      ['min above max', 'min', 101, `${at}.max`, 'max must not be less than min (101)'],
      ['a min that is not a number', 'min', '0', `${at}.min`, 'min must be a finite number'],
      ['an integer that is not a boolean', 'integer', 'yes', `${at}.integer`, 'integer must be true or false'],
      ['an empty unit', 'unit', ' ', `${at}.unit`, 'unit must not be empty'],
      ['a unit over 20 characters', 'unit', 'u'.repeat(21), `${at}.unit`, 'unit must be at most 20 characters long'],
      ['ranges that are not a list', 'ranges', {}, `${at}.ranges`, 'ranges must be a list'],
      ['a range with min equal to max', 'ranges[1].max', 20, `${at}.ranges[1].max`, 'max must be greater than min (20)'],
      ['a range without colour', 'ranges[2].colour', undefined, `${at}.ranges[2].colour`, 'colour is required'],
      ['a red-flag range that is not red', 'ranges[1].redFlag', true, `${at}.ranges[1].colour`, 'colour must be red when redFlag is true'],
      ['a range with an unknown property', 'ranges[0].label', 'low', `${at}.ranges[0].label`, 'label is not a known property'],
      ['options on a number question', 'options', [], `${at}.options`, 'options is only allowed for yes_no, single_choice and multiple_choice questions'],
      ['countries on a number question', 'countries', {}, `${at}.countries`, 'countries is only allowed for country_list questions'],
    ])('rejects %s', (_case, key, value, field, message) => {
      expect(errorsAfter([`${q}.${key}`, value])).toEqual([{ field, message }]);
    });

    it('rejects more than 50 ranges', () => {
      const ranges = Array.from({ length: 51 }, (_, i) => ({ min: i, max: i + 1, colour: 'green' }));
      expect(errorsAfter([`${q}.ranges`, ranges])).toEqual([{ field: `${at}.ranges`, message: 'ranges must hold at most 50 ranges' }]);
    });

    it.each(['unit', 'min', 'max', 'integer', 'ranges'])('rejects %s on a non-number question', (key) => {
      expect(errorsAfter([`${QUESTION(0, 0)}.${key}`, key === 'unit' ? '%' : key === 'integer' ? true : key === 'ranges' ? [] : 1])).toEqual([
        { field: `definition.${QUESTION(0, 0)}.${key}`, message: `${key} is only allowed for number questions` },
      ]);
    });
  });

  describe('country_list questions', () => {
    const q = QUESTION(1, 3);
    const at = `definition.${q}`;
    it.each<[string, string, unknown, string, string]>([
      ['a lower-case code', 'countries.amber[0]', 'cn', `${at}.countries.amber[0]`, 'countries.amber[0] must be an ISO 3166-1 alpha-2 country code in capitals (such as FR)'],
      ['a code of three letters', 'countries.red[0]', 'PRK', `${at}.countries.red[0]`, 'countries.red[0] must be an ISO 3166-1 alpha-2 country code in capitals (such as FR)'],
      ['a code of no country', 'countries.red[0]', 'XX', `${at}.countries.red[0]`, 'countries.red[0] must be an ISO 3166-1 country code: XX is not one'],
      ['a code in both lists', 'countries.red[1]', 'CN', `${at}.countries.red[1]`, 'countries.red[1] must not repeat CN, which amber lists: a country has one colour'],
      ['a code twice in a list', 'countries.red[1]', 'KP', `${at}.countries.red[1]`, 'countries.red[1] repeats "KP", already given at sections[1].questions[3].countries.red[0]'],
      ['an unknown otherwise colour', 'countries.otherwise', 'grey', `${at}.countries.otherwise`, 'countries.otherwise must be one of green, amber, red'],
      ['an unknown property', 'countries.blue', [], `${at}.countries.blue`, 'countries.blue is not a known property'],
      ['a list that is not a list', 'countries.amber', 'CN', `${at}.countries.amber`, 'countries.amber must be a list'],
    ])('rejects %s', (_case, key, value, field, message) => {
      expect(errorsAfter([`${q}.${key}`, value])).toEqual([{ field, message }]);
    });

    it('rejects countries on another type', () => {
      expect(errorsAfter([`${QUESTION(1, 0)}.countries`, { red: ['KP'] }])).toEqual([
        { field: `definition.${QUESTION(1, 0)}.countries`, message: 'countries is only allowed for country_list questions' },
      ]);
    });

    it('accepts a country list without rule', () => {
      const template = validTemplate();
      setAt(template, `${q}.countries`, undefined);
      expect(validateTemplateDefinition(template).errors).toEqual([]);
    });
  });

  describe('evidence', () => {
    const at = (s: number, q: number): string => `definition.${QUESTION(s, q)}.evidence`;
    it.each<[string, number, number, unknown, string, string]>([
      ['an unknown rule', 0, 0, { required: 'sometimes' }, `${at(0, 0)}.required`, 'evidence.required must be one of never, always, when'],
      ['when without anyOf', 0, 1, { required: 'when' }, `${at(0, 1)}.anyOf`, 'evidence.anyOf is required'],
      ['when with an empty anyOf', 0, 1, { required: 'when', anyOf: [] }, `${at(0, 1)}.anyOf`, 'evidence.anyOf must hold at least one value'],
      ['when with a value that is not an option', 0, 1, { required: 'when', anyOf: ['documents', 'photos'] }, `${at(0, 1)}.anyOf[1]`, 'evidence.anyOf[1] must be an option value of this question (documents, interviews, none)'],
      ['when with a repeated value', 0, 1, { required: 'when', anyOf: ['none', 'none'] }, `${at(0, 1)}.anyOf[1]`, 'evidence.anyOf[1] repeats "none", already given at sections[0].questions[1].evidence.anyOf[0]'],
      ['when on a question without options', 1, 1, { required: 'when', anyOf: ['x'] }, `${at(1, 1)}.required`, 'evidence.required can be when only for yes_no, single_choice and multiple_choice questions'],
      ['anyOf with always', 0, 0, { required: 'always', anyOf: ['yes'] }, `${at(0, 0)}.anyOf`, 'evidence.anyOf is only allowed when required is when'],
      ['never on a file question', 1, 2, { required: 'never' }, `${at(1, 2)}.required`, 'evidence.required must not be never for a file question: the file is the answer'],
      ['an unknown property', 0, 0, { required: 'always', count: 2 }, `${at(0, 0)}.count`, 'evidence.count is not a known property'],
      ['a rule that is not an object', 0, 0, 'always', at(0, 0), 'evidence must be an object'],
    ])('rejects %s', (_case, s, q, evidence, field, message) => {
      expect(errorsAfter([`${QUESTION(s, q)}.evidence`, evidence])).toEqual([{ field, message }]);
    });

    it('accepts always on a file question and when on a yes_no question', () => {
      const template = validTemplate();
      setAt(template, `${QUESTION(1, 2)}.evidence`, { required: 'always' });
      setAt(template, `${QUESTION(0, 0)}.evidence`, { required: 'when', anyOf: ['yes'] });
      expect(validateTemplateDefinition(template).errors).toEqual([]);
    });
  });

  describe('conditions', () => {
    const at = (s: number, q: number): string => `definition.${QUESTION(s, q)}.condition`;
    it.each<[string, number, number, unknown, string, string]>([
      ['a question that does not exist', 1, 0, { questionCode: 'Q99', anyOf: ['yes'] }, `${at(1, 0)}.questionCode`, 'condition.questionCode must name a question of this template'],
      ['the question itself', 0, 0, { questionCode: 'Q1', anyOf: ['yes'] }, `${at(0, 0)}.questionCode`, 'condition.questionCode must not name the question itself'],
      ['a question without options', 1, 0, { questionCode: 'Q4', anyOf: ['yes'] }, `${at(1, 0)}.questionCode`, 'condition.questionCode must name a yes_no, single_choice or multiple_choice question (Q4 is number)'],
      ['a value that is not an option of that question', 1, 0, { questionCode: 'Q2', anyOf: ['interviews', 'yes'] }, `${at(1, 0)}.anyOf[1]`, 'condition.anyOf[1] must be an option value of Q2 (documents, interviews, none)'],
      ['an empty anyOf', 1, 0, { questionCode: 'Q1', anyOf: [] }, `${at(1, 0)}.anyOf`, 'condition.anyOf must hold at least one value'],
      ['a malformed question code', 1, 0, { questionCode: 'q1', anyOf: ['yes'] }, `${at(1, 0)}.questionCode`, 'condition.questionCode must be a code of a capital letter then up to 39 capitals, digits, _, . or - (such as HS_1)'],
      ['an unknown property', 1, 0, { questionCode: 'Q1', anyOf: ['yes'], not: true }, `${at(1, 0)}.not`, 'condition.not is not a known property'],
    ])('rejects a condition on %s', (_case, s, q, condition, field, message) => {
      expect(errorsAfter([`${QUESTION(s, q)}.condition`, condition])).toEqual([{ field, message }]);
    });

    it('accepts a condition on a later question and on a multiple choice', () => {
      const template = validTemplate();
      setAt(template, `${QUESTION(0, 0)}.condition`, { questionCode: 'Q3', anyOf: ['other', 'sa8000'] });
      expect(validateTemplateDefinition(template).errors).toEqual([]);
    });

    it('reports a cycle of two on each of its questions', () => {
      // Q2 is shown when Q1 is no; now Q1 is shown when Q2 is documents.
      expect(errorsAfter([`${QUESTION(0, 0)}.condition`, { questionCode: 'Q2', anyOf: ['documents'] }])).toEqual([
        { field: at(0, 0), message: 'condition forms a cycle: Q1 -> Q2 -> Q1' },
        { field: at(0, 1), message: 'condition forms a cycle: Q2 -> Q1 -> Q2' },
      ]);
    });

    it('reports a longer cycle across sections, but not on a question that only leads into it', () => {
      const errors = errorsAfter(
        [`${QUESTION(0, 2)}.condition`, { questionCode: 'Q2', anyOf: ['none'] }],
        [`${QUESTION(0, 0)}.condition`, { questionCode: 'Q3', anyOf: ['other'] }],
        [`${QUESTION(1, 0)}.condition`, { questionCode: 'Q1', anyOf: ['yes'] }],
      );
      expect(errors).toEqual([
        { field: at(0, 0), message: 'condition forms a cycle: Q1 -> Q3 -> Q2 -> Q1' },
        { field: at(0, 1), message: 'condition forms a cycle: Q2 -> Q1 -> Q3 -> Q2' },
        { field: at(0, 2), message: 'condition forms a cycle: Q3 -> Q2 -> Q1 -> Q3' },
      ]);
    });
  });
});
