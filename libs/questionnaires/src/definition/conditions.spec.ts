import { StoredAnswer, answerMatches, isAnswered, visibleQuestionCodes } from './conditions';
import type { AnswerType, AnswerValue, QuestionCondition, QuestionDefinition, TemplateDefinition } from './template-definition';

function question(code: string, type: AnswerType, condition?: QuestionCondition): QuestionDefinition {
  const options = type === 'yes_no' ? ['yes', 'no'] : type === 'number' ? [] : ['a', 'b', 'c'];
  return {
    code,
    theme: 'other',
    type,
    text: { en: code },
    required: true,
    ...(options.length > 0 && { options: options.map((value) => ({ value, label: { en: value } })) }),
    ...(condition && { condition }),
  };
}

function template(...sections: QuestionDefinition[][]): TemplateDefinition {
  return {
    languages: ['en'],
    title: { en: 'Template' },
    scoring: { method: 'worst' },
    sections: sections.map((questions, index) => ({ code: `S${index}`, title: { en: `Section ${index}` }, questions })),
  };
}

const given = (value: AnswerValue, notApplicable = false): StoredAnswer => ({ value, notApplicable });
const answers = (entries: Record<string, StoredAnswer>): Map<string, StoredAnswer> => new Map(Object.entries(entries));
const sorted = (codes: Set<string>): string[] => [...codes].sort();

describe('visibleQuestionCodes', () => {
  const definition = template(
    [question('A', 'yes_no'), question('B', 'single_choice', { questionCode: 'A', anyOf: ['yes'] })],
    [question('C', 'multiple_choice', { questionCode: 'B', anyOf: ['b', 'c'] }), question('D', 'number')],
  );

  it('shows questions without condition, and hides the others while unanswered', () => {
    expect(sorted(visibleQuestionCodes(definition, new Map()))).toEqual(['A', 'D']);
  });

  it('shows a question when its condition question has a matching answer', () => {
    expect(sorted(visibleQuestionCodes(definition, answers({ A: given('yes') })))).toEqual(['A', 'B', 'D']);
  });

  it('hides it when the answer does not match', () => {
    expect(sorted(visibleQuestionCodes(definition, answers({ A: given('no') })))).toEqual(['A', 'D']);
  });

  it('follows a chain across sections', () => {
    expect(sorted(visibleQuestionCodes(definition, answers({ A: given('yes'), B: given('c') })))).toEqual(['A', 'B', 'C', 'D']);
  });

  it('hides a question whose condition question is hidden, whatever that hidden answer says', () => {
    expect(sorted(visibleQuestionCodes(definition, answers({ A: given('no'), B: given('c') })))).toEqual(['A', 'D']);
  });

  it('does not match a not-applicable or cleared answer', () => {
    expect(sorted(visibleQuestionCodes(definition, answers({ A: given(null, true) })))).toEqual(['A', 'D']);
    expect(sorted(visibleQuestionCodes(definition, answers({ A: given(null) })))).toEqual(['A', 'D']);
  });

  it('follows a condition on a later question', () => {
    const forward = template([question('X', 'text', { questionCode: 'Y', anyOf: ['a'] }), question('Y', 'multiple_choice')]);
    expect(sorted(visibleQuestionCodes(forward, answers({ Y: given(['c', 'a']) })))).toEqual(['X', 'Y']);
    expect(sorted(visibleQuestionCodes(forward, answers({ Y: given(['b', 'c']) })))).toEqual(['Y']);
  });

  it('hides the questions of a cycle or with a missing condition question (templates that skipped validation)', () => {
    const broken = template([
      question('P', 'yes_no', { questionCode: 'Q', anyOf: ['yes'] }),
      question('Q', 'yes_no', { questionCode: 'P', anyOf: ['yes'] }),
      question('R', 'yes_no', { questionCode: 'GONE', anyOf: ['yes'] }),
      question('S', 'yes_no'),
    ]);
    expect(sorted(visibleQuestionCodes(broken, answers({ P: given('yes'), Q: given('yes'), GONE: given('yes') })))).toEqual(['S']);
  });
});

describe('answerMatches', () => {
  it('matches a single value or any value of a list', () => {
    expect(answerMatches(given('a'), ['a', 'b'])).toBe(true);
    expect(answerMatches(given(['c', 'b']), ['a', 'b'])).toBe(true);
    expect(answerMatches(given(['c']), ['a', 'b'])).toBe(false);
    expect(answerMatches(undefined, ['a'])).toBe(false);
  });
});

describe('isAnswered', () => {
  it('counts a value or not applicable; null counts only for a file question', () => {
    expect(isAnswered(question('T', 'text'), given('x'))).toBe(true);
    expect(isAnswered(question('T', 'text'), given(null, true))).toBe(true);
    expect(isAnswered(question('T', 'text'), given(null))).toBe(false);
    expect(isAnswered(question('F', 'file'), given(null))).toBe(true);
    expect(isAnswered(question('F', 'file'), undefined)).toBe(false);
  });
});
