import { answerShapeErrors, readSaveAnswersBody } from './answer-shape';

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

describe('readSaveAnswersBody', () => {
  it('reads a valid body', () => {
    const body = { answers: [{ questionCode: 'A', value: 'yes' }], language: 'nl' };
    expect(readSaveAnswersBody(body)).toEqual({ input: body, errors: [] });
  });

  it('refuses what the DTO would refuse, naming the field', () => {
    expect(readSaveAnswersBody(undefined).errors).toEqual([{ field: 'body', message: 'the body must be a JSON object' }]);
    expect(readSaveAnswersBody([]).errors).toEqual([{ field: 'body', message: 'the body must be a JSON object' }]);
    expect(readSaveAnswersBody({ answers: [], status: 'accepted', language: 'de' }).errors).toEqual([
      { field: 'status', message: 'property status should not exist' },
      { field: 'answers', message: 'answers must contain at least 1 elements' },
      { field: 'language', message: 'language must be one of the following values: fr, nl, en' },
    ]);
    expect(readSaveAnswersBody({ answers: 'yes' }).errors).toEqual([{ field: 'answers', message: 'answers must be an array' }]);
    const many = Array.from({ length: 1001 }, () => ({ questionCode: 'A', value: 1 }));
    expect(readSaveAnswersBody({ answers: many }).errors).toEqual([{ field: 'answers', message: 'answers must contain no more than 1000 elements' }]);
    expect(readSaveAnswersBody({ answers: [{ questionCode: 'a' }] }).errors).toEqual([{ field: 'answers[0].questionCode', message: 'questionCode must be a question code such as QS-FL-01' }]);
  });
});
