import { answerShapeErrors } from './answer-shape';

describe('answerShapeErrors', () => {
  it('accepts well-formed answers of every value type', () => {
    expect(answerShapeErrors([{ questionCode: 'QS-FL-01', value: 'no' }, { questionCode: 'HW-01', value: 48, comment: ' ok ' }, { questionCode: 'X', value: null, notApplicable: true, comment: null }])).toEqual([]);
  });

  it('names every problem by index and field', () => {
    expect(
      answerShapeErrors([
        'yes',
        { questionCode: 'qs-1', value: 1 },
        { questionCode: 'A', value: 1, notApplicable: 'yes', comment: 7, organisationId: 'x' },
        { questionCode: 'B', value: 1, comment: 'x'.repeat(5001) },
        { questionCode: 'C', value: 1, comment: 'nul\u0000' },
        null,
      ]),
    ).toEqual([
      { field: 'answers[0]', message: 'answers[0] must be an object' },
      { field: 'answers[1].questionCode', message: 'questionCode must be a question code such as QS-FL-01' },
      { field: 'answers[2].organisationId', message: 'property organisationId should not exist' },
      { field: 'answers[2].notApplicable', message: 'notApplicable must be a boolean value' },
      { field: 'answers[2].comment', message: 'comment must be a string' },
      { field: 'answers[3].comment', message: 'comment must be shorter than or equal to 5000 characters' },
      { field: 'answers[4].comment', message: 'comment must not contain control characters' },
      { field: 'answers[5]', message: 'answers[5] must be an object' },
    ]);
  });
});
