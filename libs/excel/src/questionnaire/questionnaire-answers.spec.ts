import type ExcelJS from 'exceljs';
import type { TemplateDefinition } from '@ddp/questionnaires';
import { readAnswers } from './questionnaire-answers';
import { ReadQuestionRow } from './questionnaire-reader';

const t = (en: string, fr = `${en} (fr)`) => ({ en, fr });

const DEFINITION: TemplateDefinition = {
  languages: ['en', 'fr'],
  title: t('Check'),
  scoring: { method: 'worst' },
  sections: [
    {
      code: 'S',
      title: t('Section'),
      questions: [
        { code: 'YN', theme: 'other', type: 'yes_no', required: true, text: t('Yes or no?'), notApplicableAllowed: true, options: [{ value: 'yes', label: t('Yes', 'Oui'), colour: 'green' }, { value: 'no', label: t('No', 'Non'), colour: 'red' }] },
        { code: 'MC', theme: 'other', type: 'multiple_choice', required: false, text: t('Which?'), options: [{ value: 'a', label: t('Alpha; first') }, { value: 'b', label: t('Beta') }, { value: 'c', label: t('Gamma') }] },
        { code: 'NUM', theme: 'other', type: 'number', required: false, text: t('How many?'), min: 0, max: 100 },
        { code: 'DATE', theme: 'other', type: 'date', required: false, text: t('When?') },
        { code: 'CTRY', theme: 'other', type: 'country_list', required: false, text: t('Where?') },
        { code: 'TXT', theme: 'other', type: 'text', required: false, text: t('Say') },
        { code: 'FILE', theme: 'other', type: 'file', required: false, text: t('Upload') },
      ],
    },
  ],
};

let rowNumber = 1;
/** A Questions row: code in A, answer in E, comment in F. */
function row(code: ExcelJS.CellValue, answer: ExcelJS.CellValue, comment: ExcelJS.CellValue = null, numFmt?: string): ReadQuestionRow {
  const n = ++rowNumber;
  return {
    row: n,
    code: { address: `Questions!A${n}`, value: code, numFmt: undefined },
    answer: { address: `Questions!E${n}`, value: answer, numFmt },
    comment: { address: `Questions!F${n}`, value: comment, numFmt: undefined },
  };
}

describe('readAnswers: the Questions rows as the answers a save would store', () => {
  beforeEach(() => (rowNumber = 1));

  it('reads labels in the workbook language, option values, not applicable, several choices, numbers, dates, countries and text', () => {
    const { answers, errors } = readAnswers(
      [
        row('YN', ' non ', '  seen on site  '),
        row('MC', 'Gamma (fr); beta (fr)'),
        row('NUM', '62,5'),
        row('DATE', { formula: 'DATE(2026,11,3)', result: 46329 } as ExcelJS.CellFormulaValue, null, 'yyyy-mm-dd'),
        row('CTRY', 'be, fr;DE'),
        row('TXT', { richText: [{ text: 'Paid ' }, { text: 'monthly' }] }),
        row('FILE', null, 'see the portal'),
      ],
      DEFINITION,
      'fr',
    );
    expect(errors).toEqual([]);
    expect(Object.fromEntries(answers.map((a) => [a.questionCode, a.answer]))).toEqual({
      YN: { value: 'no', notApplicable: false, comment: 'seen on site' },
      MC: { value: ['b', 'c'], notApplicable: false, comment: null },
      NUM: { value: 62.5, notApplicable: false, comment: null },
      DATE: { value: '2026-11-03', notApplicable: false, comment: null },
      CTRY: { value: ['BE', 'DE', 'FR'], notApplicable: false, comment: null },
      TXT: { value: 'Paid monthly', notApplicable: false, comment: null },
      FILE: { value: null, notApplicable: false, comment: 'see the portal' },
    });
  });

  it('splits several choices on ";" or new lines unless the whole text is one label, and keeps the option order', () => {
    const whole = readAnswers([row('MC', 'Alpha; first')], DEFINITION, 'en');
    expect(whole.answers[0].answer.value).toEqual(['a']);
    const several = readAnswers([row('MC', 'Gamma;\nBeta')], DEFINITION, 'en');
    expect(several.answers[0].answer.value).toEqual(['b', 'c']);
    // The same rules as PUT: a choice given twice (by label and by value) is refused.
    expect(readAnswers([row('MC', 'Beta; b')], DEFINITION, 'en').errors[0].message).toBe('MC: the answer must not repeat "b"');
  });

  it('accepts "not applicable" in any of the languages where the question allows it', () => {
    for (const spelling of ['Not applicable', 'sans objet', 'Niet van toepassing', 'N/A']) {
      expect(readAnswers([row('YN', spelling)], DEFINITION, 'en').answers[0].answer).toEqual({ value: null, notApplicable: true, comment: null });
    }
  });

  it('reports each wrong cell with the question code', () => {
    const { answers, errors } = readAnswers(
      [
        row('YN', 'Maybe'),
        row('NUM', 101),
        row('NUM', 5),
        row('DATE', '3/11/2026'),
        row('DATE', '2026-02-30'),
        row('TXT', { formula: 'A1' } as ExcelJS.CellFormulaValue),
        row('TXT', { formula: 'A1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue),
        row('FILE', 'policy.pdf'),
        row('CTRY', 'France'),
        row('NOPE', 'yes'),
        row(null, 'orphan'),
        row('MC', 'Beta', 'bad\u0007comment'),
        row('MC', 'Beta', 'x'.repeat(5001)),
      ],
      DEFINITION,
      'en',
    );
    expect(answers).toEqual([]);
    expect(errors.map((e) => [e.field, e.message.replace(/:.*/s, '')])).toEqual([
      ['Questions!E2', 'YN'],
      ['Questions!E3', 'NUM'],
      ['Questions!A4', 'NUM appears twice (rows 3 and 4)'],
      ['Questions!E5', 'DATE'],
      ['Questions!A6', 'DATE appears twice (rows 5 and 6)'],
      ['Questions!E7', 'TXT'],
      ['Questions!A8', 'TXT appears twice (rows 7 and 8)'],
      ['Questions!E9', 'FILE'],
      ['Questions!E10', 'CTRY'],
      ['Questions!A11', 'NOPE is not a question of this questionnaire'],
      ['Questions!A12', 'row 12 has an answer or a comment but no question code in column A'],
      ['Questions!F13', 'MC'],
      ['Questions!A14', 'MC appears twice (rows 13 and 14)'],
    ]);
    expect(errors.find((e) => e.field === 'Questions!E2')!.message).toBe('YN: "Maybe" is not one of "Yes", "No"');
    expect(errors.find((e) => e.field === 'Questions!E3')!.message).toBe('NUM: the answer must be a number between 0 and 100');
    expect(errors.find((e) => e.field === 'Questions!E7')!.message).toMatch(/no saved value/);
  });

  it('refuses an invalid calendar date typed as text and a formula that gives an error', () => {
    expect(readAnswers([row('DATE', '2026-02-30')], DEFINITION, 'en').errors[0].message).toBe('DATE: the answer must be a date YYYY-MM-DD');
    expect(readAnswers([row('TXT', { formula: 'A1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellFormulaValue)], DEFINITION, 'en').errors[0].message).toBe('TXT: the formula gives the error #DIV/0!');
    expect(readAnswers([row('MC', 'Beta', 'x'.repeat(5001))], DEFINITION, 'en').errors[0]).toEqual({ field: 'Questions!F4', message: 'MC: the comment must be at most 5000 characters' });
  });
});
