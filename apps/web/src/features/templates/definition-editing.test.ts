import { validateTemplateDefinition } from '@ddp/definition';
import { describe, expect, it } from 'vitest';
import {
  addOption,
  addQuestion,
  addRange,
  addSection,
  emptyDefinition,
  errorsByField,
  moveOption,
  moveQuestion,
  moveSection,
  nextCode,
  placeErrors,
  removeOption,
  removeQuestion,
  removeRange,
  removeSection,
  setCondition,
  setDescription,
  setLanguages,
  setOptionColour,
  setOptionLabel,
  setOptionRedFlag,
  setOptionValue,
  setQuestionCode,
  setQuestionGuidance,
  setQuestionText,
  setQuestionType,
  setSectionDescription,
  setSectionTitle,
  setTitle,
} from './definition-editing';

/** A valid definition of one section with a yes/no question and a single-choice question. */
function sample() {
  let d = emptyDefinition(['fr', 'en']);
  d = setTitle(setTitle(d, 'fr', 'Titre'), 'en', 'Title');
  d = addSection(d);
  d = setSectionTitle(setSectionTitle(d, 0, 'fr', 'Section'), 0, 'en', 'Section');
  d = addQuestion(d, 0);
  d = setQuestionText(setQuestionText(d, 0, 0, 'fr', 'Question ?'), 0, 0, 'en', 'Question?');
  d = addQuestion(d, 0);
  d = setQuestionType(d, 0, 1, 'single_choice');
  d = setQuestionText(setQuestionText(d, 0, 1, 'fr', 'Choix ?'), 0, 1, 'en', 'Choice?');
  for (const o of [0, 1]) d = setOptionLabel(setOptionLabel(d, 0, 1, o, 'fr', `Option ${o}`), 0, 1, o, 'en', `Option ${o}`);
  return d;
}

describe('definition editing', () => {
  it('builds a definition the API accepts', () => {
    const d = sample();
    expect(validateTemplateDefinition(d).errors).toEqual([]);
    expect(d.sections[0].questions.map((q) => q.code)).toEqual(['S1-1', 'S1-2']);
    expect(d.sections[0].questions[0].options?.map((o) => [o.value, o.label.fr])).toEqual([
      ['yes', 'Oui'],
      ['no', 'Non'],
    ]);
  });

  it('never changes its input', () => {
    const d = sample();
    const before = JSON.stringify(d);
    addSection(d);
    addQuestion(d, 0);
    addOption(d, 0, 1);
    removeQuestion(d, 0, 0);
    moveQuestion(d, 0, 0, 1);
    setOptionColour(d, 0, 1, 0, 'red');
    setLanguages(d, ['nl']);
    expect(JSON.stringify(d)).toBe(before);
  });

  it('adds, moves and removes sections, questions and options', () => {
    let d = addSection(sample());
    expect(d.sections.map((s) => s.code)).toEqual(['S1', 'S2']);
    d = moveSection(d, 1, 0);
    expect(d.sections.map((s) => s.code)).toEqual(['S2', 'S1']);
    expect(moveSection(d, 0, -1)).toEqual(d);
    d = removeSection(d, 0);
    expect(d.sections.map((s) => s.code)).toEqual(['S1']);

    d = moveQuestion(d, 0, 1, 0);
    expect(d.sections[0].questions.map((q) => q.code)).toEqual(['S1-2', 'S1-1']);
    d = addOption(d, 0, 0);
    expect(d.sections[0].questions[0].options?.map((o) => o.value)).toEqual(['option_1', 'option_2', 'option_3']);
    expect(d.sections[0].questions[0].options?.[2].label).toEqual({ fr: '', en: '' });
    d = moveOption(d, 0, 0, 2, 0);
    expect(d.sections[0].questions[0].options?.map((o) => o.value)).toEqual(['option_3', 'option_1', 'option_2']);
    d = removeOption(d, 0, 0, 0);
    expect(d.sections[0].questions[0].options?.map((o) => o.value)).toEqual(['option_1', 'option_2']);
    d = removeQuestion(d, 0, 0);
    expect(d.sections[0].questions.map((q) => q.code)).toEqual(['S1-1']);
  });

  it('keeps codes unique', () => {
    expect(nextCode('S', ['S1', 'S3'])).toBe('S2');
    let d = addQuestion(sample(), 0);
    d = removeQuestion(d, 0, 0);
    d = addQuestion(d, 0);
    expect(d.sections[0].questions.map((q) => q.code)).toEqual(['S1-2', 'S1-3', 'S1-1']);
  });

  it('changes the languages of every text', () => {
    const d = setLanguages(setQuestionGuidance(sample(), 0, 0, 'fr', 'Aide'), ['nl', 'fr']);
    expect(d.languages).toEqual(['fr', 'nl']);
    expect(d.title).toEqual({ fr: 'Titre', nl: '' });
    expect(d.sections[0].questions[0].guidance).toEqual({ fr: 'Aide', nl: '' });
    expect(d.sections[0].questions[1].options?.[0].label).toEqual({ fr: 'Option 0', nl: '' });
    const errors = errorsByField(validateTemplateDefinition(d).errors);
    expect(Object.keys(errors)).toContain('title.nl');
  });

  it('drops optional texts when emptied', () => {
    let d = setDescription(sample(), 'fr', 'Desc');
    expect(d.description).toEqual({ fr: 'Desc', en: '' });
    d = setDescription(d, 'fr', '');
    expect(d.description).toBeUndefined();
    d = setSectionDescription(d, 0, 'en', 'Intro');
    expect(d.sections[0].description).toEqual({ fr: '', en: 'Intro' });
    expect(setSectionDescription(d, 0, 'en', '').sections[0].description).toBeUndefined();
    expect(setQuestionGuidance(setQuestionGuidance(d, 0, 0, 'en', 'x'), 0, 0, 'en', '').sections[0].questions[0].guidance).toBeUndefined();
  });

  it('changes the answer type, dropping fields the new type may not have', () => {
    let d = addRange(setQuestionType(sample(), 0, 0, 'number'), 0, 0);
    expect(d.sections[0].questions[0].options).toBeUndefined();
    expect(d.sections[0].questions[0].ranges).toEqual([{ colour: 'green' }]);
    d = setQuestionType(d, 0, 0, 'yes_no');
    expect(d.sections[0].questions[0].ranges).toBeUndefined();
    expect(d.sections[0].questions[0].options?.map((o) => o.value)).toEqual(['yes', 'no']);
    d = setQuestionType(d, 0, 0, 'file');
    expect(d.sections[0].questions[0].evidence).toEqual({ required: 'always' });
    expect(removeRange(addRange(d, 0, 0), 0, 0, 0).sections[0].questions[0].ranges).toBeUndefined();
  });

  it('keeps colours and red flags consistent', () => {
    let d = setOptionRedFlag(sample(), 0, 0, 0, true);
    expect(d.sections[0].questions[0].options?.[0]).toMatchObject({ colour: 'red', redFlag: true });
    d = setOptionColour(d, 0, 0, 0, 'amber');
    expect(d.sections[0].questions[0].options?.[0].redFlag).toBeUndefined();
    d = setOptionColour(d, 0, 0, 0, undefined);
    expect(d.sections[0].questions[0].options?.[0]).toEqual({ value: 'yes', label: { fr: 'Oui', en: 'Yes' } });
  });

  it('renames conditions with the question and the option they name', () => {
    let d = setCondition(sample(), 0, 1, { questionCode: 'S1-1', anyOf: ['yes'] });
    expect(validateTemplateDefinition(d).errors).toEqual([]);
    d = setQuestionCode(d, 0, 0, 'Q1');
    expect(d.sections[0].questions[1].condition).toEqual({ questionCode: 'Q1', anyOf: ['yes'] });
    d = setCondition(d, 0, 0, { questionCode: 'S1-2', anyOf: ['option_1'] });
    d = setCondition(d, 0, 1, undefined);
    d = setOptionValue(d, 0, 1, 0, 'maybe');
    expect(d.sections[0].questions[0].condition).toEqual({ questionCode: 'S1-2', anyOf: ['maybe'] });
    expect(d.sections[0].questions[1].condition).toBeUndefined();
  });

  it('places API errors next to the fields of the editor', () => {
    const d = sample();
    const errors = errorsByField([
      { field: 'definition.sections[0].questions[1].options[1].colour', message: 'must be red' },
      { field: 'definition.sections[0].questions[0].evidence.anyOf[0]', message: 'must be an option' },
      { field: 'definition.title.en', message: 'is required' },
      { field: 'definition', message: 'give a definition' },
      { field: 'definition.sections[0].questions[0].evidence.anyOf[0]', message: 'second message is dropped' },
    ]);
    const { placed, unplaced } = placeErrors(d, errors);
    expect(placed).toEqual({
      'sections[0].questions[1].options[1].colour': 'must be red',
      'sections[0].questions[0].evidence.anyOf': 'must be an option',
      'title.en': 'is required',
    });
    expect(unplaced).toEqual([{ field: '', message: 'give a definition' }]);
  });
});
