import { findIncomplete } from './completeness';
import type { StoredAnswer } from './conditions';
import type { AnswerType, AnswerValue, QuestionDefinition, TemplateDefinition } from './template-definition';

function question(code: string, type: AnswerType, extra: Partial<QuestionDefinition> = {}): QuestionDefinition {
  const options = type === 'yes_no' ? { options: ['yes', 'no'].map((value) => ({ value, label: { en: value } })) } : {};
  return { code, theme: 'other', type, text: { en: code }, required: true, ...options, ...extra };
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
const none = new Set<string>();

describe('findIncomplete', () => {
  it('lists required questions without answer in template order, not optional ones', () => {
    const definition = template(
      [question('B', 'text'), question('A', 'text', { required: false })],
      [question('C', 'number'), question('D', 'date')],
    );
    expect(findIncomplete(definition, answers({ C: given(3) }), none)).toEqual({ missingAnswers: ['B', 'D'], missingEvidence: [] });
  });

  it('counts not applicable as an answer, and a cleared (null) answer as none', () => {
    const definition = template([question('A', 'text', { notApplicableAllowed: true }), question('B', 'text')]);
    expect(findIncomplete(definition, answers({ A: given(null, true), B: given(null) }), none).missingAnswers).toEqual(['B']);
  });

  it('takes the evidence of a file question as its answer', () => {
    const definition = template([question('F', 'file'), question('G', 'file', { notApplicableAllowed: true }), question('H', 'file', { required: false })]);
    expect(findIncomplete(definition, answers({ F: given(null) }), none)).toEqual({ missingAnswers: ['F', 'G'], missingEvidence: [] });
    expect(findIncomplete(definition, answers({ G: given(null, true) }), new Set(['F']))).toEqual({ missingAnswers: [], missingEvidence: [] });
  });

  it('asks evidence of an answer whose rule is always, unless the evidence is there', () => {
    const definition = template([question('A', 'text', { evidence: { required: 'always' } }), question('B', 'date', { evidence: { required: 'always' } })]);
    const answered = answers({ A: given('x'), B: given('2026-01-05') });
    expect(findIncomplete(definition, answered, none).missingEvidence).toEqual(['A', 'B']);
    expect(findIncomplete(definition, answered, new Set(['B'])).missingEvidence).toEqual(['A']);
  });

  it('asks evidence of a `when` rule only when the answer matches', () => {
    const definition = template([
      question('A', 'yes_no', { evidence: { required: 'when', anyOf: ['yes'] } }),
      question('B', 'yes_no', { evidence: { required: 'when', anyOf: ['yes'] } }),
    ]);
    expect(findIncomplete(definition, answers({ A: given('yes'), B: given('no') }), none).missingEvidence).toEqual(['A']);
  });

  it('never asks evidence of a not-applicable answer, an unanswered question or a `never` rule', () => {
    const definition = template([
      question('A', 'text', { evidence: { required: 'always' }, notApplicableAllowed: true }),
      question('B', 'text', { evidence: { required: 'always' }, required: false }),
      question('C', 'text', { evidence: { required: 'never' } }),
      question('D', 'text'),
    ]);
    expect(findIncomplete(definition, answers({ A: given(null, true), C: given('x'), D: given('y') }), none)).toEqual({ missingAnswers: [], missingEvidence: [] });
  });

  it('ignores questions hidden by their condition, even answered ones', () => {
    const definition = template([
      question('A', 'yes_no'),
      question('B', 'text', { condition: { questionCode: 'A', anyOf: ['yes'] } }),
      question('C', 'text', { condition: { questionCode: 'A', anyOf: ['yes'] }, evidence: { required: 'always' } }),
    ]);
    expect(findIncomplete(definition, answers({ A: given('no'), C: given('x') }), none)).toEqual({ missingAnswers: [], missingEvidence: [] });
    expect(findIncomplete(definition, answers({ A: given('yes'), C: given('x') }), none)).toEqual({ missingAnswers: ['B'], missingEvidence: ['C'] });
  });
});
