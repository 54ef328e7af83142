import { normaliseAnswerValue, validateAnswer } from './answer-validation';
import type { AnswerType, AnswerValue, QuestionDefinition } from './template-definition';

function question(type: AnswerType, extra: Partial<QuestionDefinition> = {}): QuestionDefinition {
  return { code: 'Q1', theme: 'other', type, text: { en: 'Question' }, required: true, ...extra };
}

const choices = (...values: string[]): Partial<QuestionDefinition> => ({ options: values.map((value) => ({ value, label: { en: value } })) });

const answer = (value: AnswerValue, notApplicable?: boolean) => ({ questionCode: 'Q1', value, notApplicable });

describe('validateAnswer', () => {
  describe.each<[AnswerType, Partial<QuestionDefinition>, AnswerValue[], Array<[AnswerValue, string]>]>([
    ['yes_no', choices('yes', 'no'), ['yes', 'no'], [['maybe', 'value must be one of yes, no'], [['yes'], 'value must be one of yes, no'], [1, 'value must be one of yes, no']]],
    [
      'single_choice',
      choices('low', 'high'),
      ['low', 'high'],
      [
        ['medium', 'value must be one of low, high'],
        [['low'], 'value must be one of low, high'],
      ],
    ],
    [
      'multiple_choice',
      choices('a', 'b', 'c'),
      [['a'], ['c', 'a'], ['a', 'b', 'c']],
      [
        [[], 'value must be a non-empty list of values among a, b, c'],
        ['a', 'value must be a non-empty list of values among a, b, c'],
        [['a', 'z'], 'value must hold only values among a, b, c: "z" is not one'],
        [['a', 'b', 'a'], 'value must not repeat "a"'],
      ],
    ],
    [
      'number',
      { min: 0, max: 100, integer: true },
      [0, 100, 42],
      [
        [-1, 'value must be a number between 0 and 100'],
        [100.5, 'value must be a number between 0 and 100'],
        [4.5, 'value must be a whole number'],
        ['42', 'value must be a number'],
      ],
    ],
    ['text', {}, ['x', ` ${'t'.repeat(5000)} `], [['   ', 'value must be a text of 1 to 5000 characters'], ['t'.repeat(5001), 'value must be a text of 1 to 5000 characters'], [3, 'value must be a text of 1 to 5000 characters']]],
    [
      'date',
      {},
      ['2026-02-28', '2024-02-29', '1900-01-01', '2100-12-31'],
      [
        ['2026-02-30', 'value must be a date YYYY-MM-DD'],
        ['2025-02-29', 'value must be a date YYYY-MM-DD'],
        ['2026-13-01', 'value must be a date YYYY-MM-DD'],
        ['2026-1-5', 'value must be a date YYYY-MM-DD'],
        ['2026-01-05T00:00:00Z', 'value must be a date YYYY-MM-DD'],
        ['1899-12-31', 'value must be a date between 1900-01-01 and 2100-12-31'],
        ['2101-01-01', 'value must be a date between 1900-01-01 and 2100-12-31'],
      ],
    ],
    ['file', {}, [], [['report.pdf', 'value must not be given for a file question: upload evidence instead']]],
    [
      'country_list',
      {},
      [['FR'], ['FR', 'BE', 'CN']],
      [
        [[], 'value must be a list of 1 to 250 country codes'],
        ['FR', 'value must be a list of 1 to 250 country codes'],
        [['fr'], 'value must hold ISO 3166-1 alpha-2 country codes in capitals (such as FR): "fr" is not one'],
        [['FR', 'XX'], 'value must hold ISO 3166-1 alpha-2 country codes in capitals (such as FR): "XX" is not one'],
        [['FR', 'BE', 'FR'], 'value must not repeat "FR"'],
      ],
    ],
  ])('a %s question', (type, extra, valid, invalid) => {
    const q = question(type, extra);

    if (valid.length > 0) {
      it.each(valid.map((value) => [value]))('accepts %j', (value) => {
        expect(validateAnswer(q, answer(value))).toBeNull();
      });
    }

    it.each(invalid)('rejects %j', (value, message) => {
      expect(validateAnswer(q, answer(value))).toBe(message);
    });

    it('accepts null: no answer (file) or a cleared answer (other types)', () => {
      expect(validateAnswer(q, answer(null))).toBeNull();
    });
  });

  it('rejects a non-finite number', () => {
    expect(validateAnswer(question('number'), answer(Number.NaN))).toBe('value must be a number');
    expect(validateAnswer(question('number'), answer(Number.POSITIVE_INFINITY))).toBe('value must be a number');
  });

  it('names the one bound a number has', () => {
    expect(validateAnswer(question('number', { min: 1 }), answer(0))).toBe('value must be a number of at least 1');
    expect(validateAnswer(question('number', { max: 9 }), answer(10))).toBe('value must be a number of at most 9');
    expect(validateAnswer(question('number'), answer(1e9 + 0.5))).toBeNull();
  });

  it('rejects more than 250 countries', () => {
    expect(validateAnswer(question('country_list'), answer(Array.from({ length: 251 }, () => 'FR')))).toBe('value must be a list of 1 to 250 country codes');
  });

  describe('not applicable', () => {
    const allowed = question('yes_no', { ...choices('yes', 'no'), notApplicableAllowed: true });

    it('is accepted with a null value when the question allows it', () => {
      expect(validateAnswer(allowed, answer(null, true))).toBeNull();
    });

    it('is refused when the question does not allow it', () => {
      expect(validateAnswer(question('yes_no', choices('yes', 'no')), answer(null, true))).toBe('notApplicable is not allowed for this question');
    });

    it('is refused together with a value', () => {
      expect(validateAnswer(allowed, answer('yes', true))).toBe('value must be null when notApplicable is true');
    });

    it('is accepted on a file question that allows it', () => {
      expect(validateAnswer(question('file', { notApplicableAllowed: true }), answer(null, true))).toBeNull();
    });

    it('false is the same as not given', () => {
      expect(validateAnswer(allowed, answer('no', false))).toBeNull();
      expect(validateAnswer(allowed, answer('maybe', false))).toBe('value must be one of yes, no');
    });
  });
});

describe('normaliseAnswerValue', () => {
  it('trims text', () => {
    expect(normaliseAnswerValue(question('text'), '  hello \n')).toBe('hello');
  });

  it('orders multiple choices as the options are, without repeats', () => {
    expect(normaliseAnswerValue(question('multiple_choice', choices('c', 'a', 'b')), ['b', 'c', 'b'])).toEqual(['c', 'b']);
  });

  it('sorts countries alphabetically, without repeats', () => {
    expect(normaliseAnswerValue(question('country_list'), ['FR', 'BE', 'CN', 'BE'])).toEqual(['BE', 'CN', 'FR']);
  });

  it('leaves other values as they are', () => {
    expect(normaliseAnswerValue(question('number'), 4.5)).toBe(4.5);
    expect(normaliseAnswerValue(question('single_choice', choices('a')), 'a')).toBe('a');
    expect(normaliseAnswerValue(question('date'), '2026-01-05')).toBe('2026-01-05');
    expect(normaliseAnswerValue(question('text'), null)).toBeNull();
  });

  it('does not change the array it was given', () => {
    const value = ['FR', 'BE'];
    normaliseAnswerValue(question('country_list'), value);
    expect(value).toEqual(['FR', 'BE']);
  });
});
