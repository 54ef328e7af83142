import {
  ANSWER_TYPES,
  THEMES,
  type QuestionDefinition,
  type TemplateDefinition,
  type Translated,
} from '../definition/template-definition';
import { validateTemplateDefinition } from '../definition/template-validation';
import { FULL_ASSESSMENT, ICT_QUICK_SCAN, REFERENCE_TEMPLATES } from './index';

const CODE_PATTERN = /^[A-Z][A-Z0-9_.-]{0,39}$/;
const OPTION_VALUE_PATTERN = /^[a-z0-9_]{1,40}$/;
const LANGUAGES = ['en', 'fr', 'nl'] as const;
const CHOICE_TYPES = ['yes_no', 'single_choice', 'multiple_choice'];

const questionsOf = (definition: TemplateDefinition): QuestionDefinition[] => definition.sections.flatMap((section) => section.questions);

/** Every translated text of the template, with where it is and its length limit. */
function translatedTexts(definition: TemplateDefinition): { path: string; text: Translated; max: number }[] {
  const texts = [
    { path: 'title', text: definition.title, max: 200 },
    ...(definition.description ? [{ path: 'description', text: definition.description, max: 2000 }] : []),
  ];
  for (const section of definition.sections) {
    texts.push({ path: `${section.code}.title`, text: section.title, max: 200 });
    if (section.description) texts.push({ path: `${section.code}.description`, text: section.description, max: 2000 });
    for (const question of section.questions) {
      texts.push({ path: `${question.code}.text`, text: question.text, max: 2000 });
      if (question.guidance) texts.push({ path: `${question.code}.guidance`, text: question.guidance, max: 5000 });
      for (const option of question.options ?? []) texts.push({ path: `${question.code}.${option.value}`, text: option.label, max: 200 });
    }
  }
  return texts;
}

const TEMPLATES: Array<{ name: string; definition: TemplateDefinition; count: [number, number]; prefix: string }> = [
  { name: 'ICT quick scan', definition: ICT_QUICK_SCAN, count: [22, 28], prefix: 'QS-' },
  { name: 'full assessment', definition: FULL_ASSESSMENT, count: [75, 90], prefix: 'FA-' },
];

describe.each(TEMPLATES)('reference template: $name', ({ definition, count: [min, max], prefix }) => {
  const questions = questionsOf(definition);

  it(`has between ${min} and ${max} questions`, () => {
    expect(questions.length).toBeGreaterThanOrEqual(min);
    expect(questions.length).toBeLessThanOrEqual(max);
  });

  it('is in English, French and Dutch', () => {
    expect([...definition.languages].sort()).toEqual(['en', 'fr', 'nl']);
    expect(definition.description).toBeDefined();
  });

  it('has unique section and question codes matching the pattern', () => {
    const codes = [...definition.sections.map((section) => section.code), ...questions.map((question) => question.code)];
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
    for (const question of questions) expect(question.code.startsWith(prefix)).toBe(true);
  });

  it('gives every text in en, fr and nl, non-empty and within its length limit', () => {
    const problems: string[] = [];
    for (const { path, text, max: limit } of translatedTexts(definition)) {
      for (const language of LANGUAGES) {
        const value = text[language];
        if (typeof value !== 'string' || value.trim() === '') problems.push(`${path}: ${language} missing`);
        else if (value.length > limit) problems.push(`${path}: ${language} longer than ${limit}`);
      }
      const extra = Object.keys(text).filter((language) => !(LANGUAGES as readonly string[]).includes(language));
      if (extra.length > 0) problems.push(`${path}: unexpected languages ${extra.join(', ')}`);
    }
    expect(problems).toEqual([]);
  });

  it('gives choice questions valid, distinct option values and yes_no questions exactly yes and no', () => {
    for (const question of questions) {
      if (!CHOICE_TYPES.includes(question.type)) {
        expect({ code: question.code, options: question.options }).toEqual({ code: question.code, options: undefined });
        continue;
      }
      const values = (question.options ?? []).map((option) => option.value);
      for (const value of values) expect(value).toMatch(OPTION_VALUE_PATTERN);
      expect(new Set(values).size).toBe(values.length);
      if (question.type === 'yes_no') {
        expect({ code: question.code, values }).toEqual({ code: question.code, values: ['yes', 'no'] });
        expect(question.options?.map((option) => option.label)).toEqual([
          { en: 'Yes', fr: 'Oui', nl: 'Ja' },
          { en: 'No', fr: 'Non', nl: 'Nee' },
        ]);
      } else {
        expect(values.length).toBeGreaterThanOrEqual(2);
      }
      for (const option of question.options ?? []) {
        if (option.redFlag) expect({ code: question.code, value: option.value, colour: option.colour }).toEqual({ code: question.code, value: option.value, colour: 'red' });
      }
    }
  });

  it('has conditions that point at existing choice questions with their option values, without cycles', () => {
    const byCode = new Map(questions.map((question) => [question.code, question]));
    for (const question of questions) {
      const condition = question.condition;
      if (!condition) continue;
      const target = byCode.get(condition.questionCode);
      expect({ code: question.code, target: target?.code }).toEqual({ code: question.code, target: condition.questionCode });
      expect(condition.questionCode).not.toBe(question.code);
      expect(CHOICE_TYPES).toContain(target?.type);
      const values = (target?.options ?? []).map((option) => option.value);
      expect(condition.anyOf.length).toBeGreaterThan(0);
      for (const value of condition.anyOf) expect({ code: question.code, value, known: values.includes(value) }).toEqual({ code: question.code, value, known: true });
    }
    for (const start of questions) {
      const seen = new Set<string>([start.code]);
      for (let next = start.condition?.questionCode; next !== undefined; next = byCode.get(next)?.condition?.questionCode) {
        expect(seen.has(next)).toBe(false);
        seen.add(next);
      }
    }
  });

  it('has evidence rules that fit the question type', () => {
    for (const question of questions) {
      const evidence = question.evidence;
      if (question.type === 'file') expect(evidence?.required).not.toBe('never');
      if (evidence?.required !== 'when') continue;
      expect(CHOICE_TYPES).toContain(question.type);
      const values = (question.options ?? []).map((option) => option.value);
      for (const value of evidence.anyOf) expect({ code: question.code, value, known: values.includes(value) }).toEqual({ code: question.code, value, known: true });
    }
  });

  it('has number questions with ordered bounds and ranges, and a colour rule for country lists', () => {
    for (const question of questions) {
      if (question.type === 'number') {
        if (question.min !== undefined && question.max !== undefined) expect(question.max).toBeGreaterThan(question.min);
        for (const range of question.ranges ?? []) {
          if (range.min !== undefined && range.max !== undefined) expect(range.max).toBeGreaterThan(range.min);
        }
      }
      if (question.type === 'country_list') expect(question.countries).toBeDefined();
    }
  });
});

describe('ICT quick scan', () => {
  it('rolls up worst-of', () => {
    expect(ICT_QUICK_SCAN.scoring).toEqual({ method: 'worst' });
  });
});

describe('full assessment', () => {
  const questions = questionsOf(FULL_ASSESSMENT);

  it('is weighted with amber below 75 and red below 50, weights 1 to 5', () => {
    expect(FULL_ASSESSMENT.scoring).toEqual({ method: 'weighted', amberBelow: 75, redBelow: 50 });
    for (const question of questions) {
      if (question.weight === undefined) continue;
      expect(Number.isInteger(question.weight)).toBe(true);
      expect(question.weight).toBeGreaterThanOrEqual(1);
      expect(question.weight).toBeLessThanOrEqual(5);
    }
  });

  it('weighs forced labour and child labour most', () => {
    const weightsOf = (theme: string) => questions.filter((q) => q.theme === theme && q.weight !== undefined).map((q) => q.weight as number);
    const others = questions.filter((q) => q.theme !== 'forced_labour' && q.theme !== 'child_labour' && q.weight !== undefined).map((q) => q.weight as number);
    expect(Math.max(...weightsOf('forced_labour'))).toBe(5);
    expect(Math.max(...weightsOf('child_labour'))).toBe(5);
    expect(Math.max(...others)).toBeLessThan(5);
  });

  it('covers every theme except other', () => {
    const covered = new Set(questions.map((question) => question.theme));
    expect(THEMES.filter((theme) => theme !== 'other' && !covered.has(theme))).toEqual([]);
  });

  it('uses every answer type', () => {
    const used = new Set(questions.map((question) => question.type));
    expect(ANSWER_TYPES.filter((type) => !used.has(type))).toEqual([]);
  });

  it('marks the answers that must always be red as red flags', () => {
    const flagged = questions.filter((question) => question.options?.some((option) => option.redFlag)).map((question) => question.code);
    expect(flagged).toEqual(expect.arrayContaining(['FA-FL-01', 'FA-FL-02', 'FA-FL-04', 'FA-CL-02']));
  });
});

describe('REFERENCE_TEMPLATES', () => {
  it('lists both templates under stable keys', () => {
    expect(REFERENCE_TEMPLATES.map(({ key }) => key)).toEqual(['ict-quick-scan', 'ict-full-assessment']);
    expect(REFERENCE_TEMPLATES[0].definition).toBe(ICT_QUICK_SCAN);
    expect(REFERENCE_TEMPLATES[1].definition).toBe(FULL_ASSESSMENT);
  });

  it('are plain JSON data', () => {
    for (const { definition } of REFERENCE_TEMPLATES) expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
  });
});

describe('template validation', () => {
  it.each(REFERENCE_TEMPLATES.map(({ key, definition }) => ({ key, definition })))('$key validates with no errors and unchanged', ({ definition }) => {
    const result = validateTemplateDefinition(JSON.parse(JSON.stringify(definition)));
    expect(result.errors).toEqual([]);
    expect(result.definition).toEqual(definition);
  });
});
