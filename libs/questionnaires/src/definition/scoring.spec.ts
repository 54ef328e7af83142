import fc from 'fast-check';
import { validateAnswer } from './answer-validation';
import type { StoredAnswer } from './conditions';
import { isChoiceType, questionsOf } from './definition-rules';
import { AssessmentRating, rateAnswer, rateAssessment } from './scoring';
import {
  ANSWER_TYPES,
  AnswerType,
  AnswerValue,
  Colour,
  CountryRule,
  RatedColour,
  NumberRange,
  OptionDefinition,
  QuestionDefinition,
  ScoringDefinition,
  SectionDefinition,
  TemplateDefinition,
} from './template-definition';
import { validateTemplateDefinition } from './template-validation';

// ---------------------------------------------------------------- example builders

const label = (text: string) => ({ en: text });

function option(value: string, colour?: Colour, redFlag?: boolean): OptionDefinition {
  return { value, label: label(value), ...(colour && { colour }), ...(redFlag && { redFlag }) };
}

function question(code: string, type: AnswerType, extra: Partial<QuestionDefinition> = {}): QuestionDefinition {
  return { code, theme: 'other', type, text: label(code), required: true, ...extra };
}

const yesNo = (code: string, yes: Colour, no: Colour, extra: Partial<QuestionDefinition> = {}): QuestionDefinition =>
  question(code, 'yes_no', { options: [option('yes', yes), option('no', no)], ...extra });

function template(scoring: ScoringDefinition, ...sections: QuestionDefinition[][]): TemplateDefinition {
  return {
    languages: ['en'],
    title: label('Template'),
    scoring,
    sections: sections.map((questions, index) => ({ code: `S${index}`, title: label(`Section ${index}`), questions })),
  };
}

const WORST: ScoringDefinition = { method: 'worst' };
const WEIGHTED: ScoringDefinition = { method: 'weighted', amberBelow: 75, redBelow: 50 };

const given = (value: AnswerValue, notApplicable = false): StoredAnswer => ({ value, notApplicable });
const answers = (entries: Record<string, AnswerValue>): Map<string, StoredAnswer> =>
  new Map(Object.entries(entries).map(([code, value]) => [code, given(value)]));

// ---------------------------------------------------------------- rateAnswer

describe('rateAnswer', () => {
  const choice = question('C', 'single_choice', { options: [option('good', 'green'), option('fair', 'amber'), option('bad', 'red', true), option('plain')] });

  it('is grey without answer, for not applicable and for a cleared answer', () => {
    expect(rateAnswer(choice, undefined)).toEqual({ questionCode: 'C', colour: 'grey', redFlag: false });
    expect(rateAnswer(choice, given(null, true))).toEqual({ questionCode: 'C', colour: 'grey', redFlag: false });
    expect(rateAnswer(choice, given(null))).toEqual({ questionCode: 'C', colour: 'grey', redFlag: false });
  });

  it.each<[string, string, boolean]>([
    ['good', 'green', false],
    ['fair', 'amber', false],
    ['bad', 'red', true],
    ['plain', 'grey', false],
    ['unknown', 'grey', false],
  ])('gives a single choice of %s the colour of its option', (value, colour, redFlag) => {
    expect(rateAnswer(choice, given(value))).toEqual({ questionCode: 'C', colour, redFlag });
  });

  it('gives a yes_no answer the colour of its option', () => {
    const q = question('Y', 'yes_no', { options: [option('yes', 'red', true), option('no', 'green')] });
    expect(rateAnswer(q, given('yes'))).toMatchObject({ colour: 'red', redFlag: true });
    expect(rateAnswer(q, given('no'))).toMatchObject({ colour: 'green', redFlag: false });
  });

  it('gives a multiple choice the worst colour of its options, ignoring those without colour', () => {
    const q = { ...choice, type: 'multiple_choice' as const };
    expect(rateAnswer(q, given(['good', 'plain']))).toMatchObject({ colour: 'green', redFlag: false });
    expect(rateAnswer(q, given(['good', 'fair']))).toMatchObject({ colour: 'amber', redFlag: false });
    expect(rateAnswer(q, given(['fair', 'bad', 'good']))).toMatchObject({ colour: 'red', redFlag: true });
    expect(rateAnswer(q, given(['plain']))).toMatchObject({ colour: 'grey', redFlag: false });
  });

  describe('a number', () => {
    const ranges: NumberRange[] = [
      { max: 10, colour: 'red', redFlag: true },
      { min: 10, max: 50, colour: 'amber' },
      { min: 40, max: 80, colour: 'red' },
      { min: 80, max: 100, colour: 'green' },
    ];
    const q = question('N', 'number', { ranges });

    it.each<[number, string, boolean]>([
      [-5, 'red', true],
      [9.999, 'red', true],
      [10, 'amber', false],
      [45, 'amber', false], // the first matching range wins over the overlapping [40, 80)
      [50, 'red', false],
      [79.5, 'red', false],
      [80, 'green', false],
      [99.99, 'green', false],
      [100, 'grey', false], // max is excluded and no range follows
    ])('rates %p as %s', (value, colour, redFlag) => {
      expect(rateAnswer(q, given(value))).toMatchObject({ colour, redFlag });
    });

    it('is grey without ranges', () => {
      expect(rateAnswer(question('N', 'number'), given(5))).toMatchObject({ colour: 'grey' });
    });
  });

  describe('a country list', () => {
    const rule: CountryRule = { amber: ['CN', 'IN'], red: ['KP'], otherwise: 'green' };
    const q = question('K', 'country_list', { countries: rule });

    it.each<[string[], string]>([
      [['FR'], 'green'],
      [['FR', 'CN'], 'amber'],
      [['CN', 'KP', 'FR'], 'red'],
      [['KP'], 'red'],
    ])('rates %j as %s', (countries, colour) => {
      expect(rateAnswer(q, given(countries))).toEqual({ questionCode: 'K', colour, redFlag: false });
    });

    it('is grey for other countries when the rule says nothing of them', () => {
      const noOtherwise = question('K', 'country_list', { countries: { amber: ['CN'] } });
      expect(rateAnswer(noOtherwise, given(['FR']))).toMatchObject({ colour: 'grey' });
      expect(rateAnswer(noOtherwise, given(['FR', 'CN']))).toMatchObject({ colour: 'amber' });
      expect(rateAnswer(question('K', 'country_list'), given(['KP']))).toMatchObject({ colour: 'grey' });
    });

    it('takes the worst colour of the countries, so "otherwise red" beats an amber country', () => {
      const allowList = question('K', 'country_list', { countries: { amber: ['CN'], otherwise: 'red' } });
      expect(rateAnswer(allowList, given(['CN']))).toMatchObject({ colour: 'amber' });
      expect(rateAnswer(allowList, given(['CN', 'FR']))).toMatchObject({ colour: 'red' });
    });
  });

  it.each<AnswerType>(['text', 'date', 'file'])('gives a %s answer no colour', (type) => {
    const value = type === 'text' ? 'words' : type === 'date' ? '2026-01-05' : null;
    expect(rateAnswer(question('T', type), given(value))).toEqual({ questionCode: 'T', colour: 'grey', redFlag: false });
  });
});

// ---------------------------------------------------------------- rateAssessment

describe('rateAssessment', () => {
  describe('worst colour', () => {
    const definition = template(
      WORST,
      [yesNo('A', 'green', 'amber'), yesNo('B', 'green', 'red'), question('T', 'text')],
      [yesNo('C', 'green', 'amber', { notApplicableAllowed: true }), question('D', 'text')],
    );

    it('takes the worst answer colour per section and overall, without score', () => {
      const rating = rateAssessment(definition, answers({ A: 'no', B: 'yes', T: 'text', C: 'yes' }));
      expect(rating.sections).toEqual([
        { sectionCode: 'S0', colour: 'amber', score: null, answered: 3, total: 3 },
        { sectionCode: 'S1', colour: 'green', score: null, answered: 1, total: 2 },
      ]);
      expect(rating).toMatchObject({ colour: 'amber', score: null, redFlags: 0 });
    });

    it('is grey where no answer has a colour', () => {
      const rating = rateAssessment(definition, new Map([['C', given(null, true)]]));
      expect(rating.sections.map((section) => [section.colour, section.answered])).toEqual([
        ['grey', 0],
        ['grey', 1],
      ]);
      expect(rating.colour).toBe('grey');
    });

    it('lists every question of the template, in order', () => {
      const rating = rateAssessment(definition, answers({ B: 'no' }));
      expect(rating.answers).toEqual([
        { questionCode: 'A', colour: 'grey', redFlag: false },
        { questionCode: 'B', colour: 'red', redFlag: false },
        { questionCode: 'T', colour: 'grey', redFlag: false },
        { questionCode: 'C', colour: 'grey', redFlag: false },
        { questionCode: 'D', colour: 'grey', redFlag: false },
      ]);
      expect(rating.colour).toBe('red');
    });
  });

  describe('conditions', () => {
    const definition = template(
      WEIGHTED,
      [yesNo('GATE', 'green', 'green'), yesNo('HIDDEN', 'green', 'red', { condition: { questionCode: 'GATE', anyOf: ['yes'] } })],
      [yesNo('OTHER', 'green', 'amber')],
    );

    it('ignores a hidden question: grey, not counted, not scored', () => {
      const rating = rateAssessment(definition, answers({ GATE: 'no', HIDDEN: 'no', OTHER: 'yes' }));
      expect(rating.answers[1]).toEqual({ questionCode: 'HIDDEN', colour: 'grey', redFlag: false });
      expect(rating.sections[0]).toEqual({ sectionCode: 'S0', colour: 'green', score: 100, answered: 1, total: 1 });
      expect(rating).toMatchObject({ colour: 'green', score: 100 });
    });

    it('scores it once its condition is met', () => {
      const rating = rateAssessment(definition, answers({ GATE: 'yes', HIDDEN: 'no', OTHER: 'yes' }));
      expect(rating.sections[0]).toEqual({ sectionCode: 'S0', colour: 'amber', score: 50, answered: 2, total: 2 });
      expect(rating).toMatchObject({ colour: 'amber', score: 66.7 });
    });

    it('can raise the score when answering a condition question reveals good answers (why property (a) leaves those out)', () => {
      const reveal = template(
        WEIGHTED,
        [yesNo('GATE', 'green', 'red', { weight: 1 }), yesNo('SHOWN', 'green', 'red', { weight: 10, condition: { questionCode: 'GATE', anyOf: ['no'] } })],
        [yesNo('AMBER', 'amber', 'amber')],
      );
      const before = rateAssessment(reveal, answers({ SHOWN: 'yes', AMBER: 'yes' }));
      const after = rateAssessment(reveal, answers({ GATE: 'no', SHOWN: 'yes', AMBER: 'yes' }));
      expect([before.score, after.score]).toEqual([50, 87.5]);
    });
  });

  describe('weighted', () => {
    it('averages points by weight (default 1), to one decimal', () => {
      const definition = template(WEIGHTED, [yesNo('A', 'green', 'red'), yesNo('B', 'green', 'amber', { weight: 2 }), yesNo('C', 'green', 'red', { weight: 0.5 })]);
      // (1*100 + 2*50 + 0.5*0) / 3.5 = 57.142…
      const rating = rateAssessment(definition, answers({ A: 'yes', B: 'no', C: 'no' }));
      expect(rating.sections[0]).toMatchObject({ score: 57.1, colour: 'amber' });
      expect(rating).toMatchObject({ score: 57.1, colour: 'amber' });
    });

    it('leaves out answers without colour and questions of weight 0; null when nothing is left', () => {
      const definition = template(WEIGHTED, [yesNo('A', 'green', 'red', { weight: 0 }), question('T', 'text')], [yesNo('B', 'amber', 'red')]);
      const rating = rateAssessment(definition, answers({ A: 'no', T: 'words', B: 'yes' }));
      expect(rating.sections).toEqual([
        { sectionCode: 'S0', colour: 'grey', score: null, answered: 2, total: 2 },
        { sectionCode: 'S1', colour: 'amber', score: 50, answered: 1, total: 1 },
      ]);
      expect(rating).toMatchObject({ score: 50, colour: 'amber' });
      expect(rateAssessment(definition, new Map())).toMatchObject({ score: null, colour: 'grey' });
    });

    it('averages over all answers, not over the sections', () => {
      const definition = template(WEIGHTED, [yesNo('A', 'green', 'red')], [yesNo('B', 'green', 'red'), yesNo('C', 'green', 'red'), yesNo('D', 'green', 'red')]);
      const rating = rateAssessment(definition, answers({ A: 'yes', B: 'no', C: 'no', D: 'no' }));
      expect(rating.sections.map((section) => section.score)).toEqual([100, 0]);
      expect(rating.score).toBe(25);
    });

    it.each<[string, Array<[Colour, number]>, number, string]>([
      ['exactly redBelow is amber', [['green', 1], ['red', 1]], 50, 'amber'],
      ['just under redBelow is red', [['green', 499], ['red', 501]], 49.9, 'red'],
      ['exactly amberBelow is green', [['green', 3], ['amber', 2]], 80, 'green'],
      ['just under amberBelow is amber', [['green', 598], ['amber', 402]], 79.9, 'amber'],
      ['100 is green', [['green', 1]], 100, 'green'],
      ['0 is red', [['red', 1]], 0, 'red'],
    ])('colours the score by the thresholds: %s', (_case, parts, score, colour) => {
      const questions = parts.map(([answerColour, weight], index) => yesNo(`Q${index}`, answerColour, answerColour, { weight }));
      const definition = template({ method: 'weighted', amberBelow: 80, redBelow: 50 }, questions);
      const rating = rateAssessment(definition, answers(Object.fromEntries(questions.map((q) => [q.code, 'yes']))));
      expect(rating.sections[0]).toMatchObject({ score, colour });
      expect(rating).toMatchObject({ score, colour });
    });
  });

  describe('red flags', () => {
    const flagged = (weight: number): QuestionDefinition =>
      question('FLAG', 'yes_no', { options: [option('yes', 'red', true), option('no', 'green')], weight });
    const greens = ['G1', 'G2', 'G3', 'G4'].map((code) => yesNo(code, 'green', 'green', { weight: 10 }));

    it.each<[ScoringDefinition, number]>([
      [WEIGHTED, 1],
      [WEIGHTED, 0],
      [WORST, 1],
    ])('make the section and the whole assessment red whatever the score (%j, weight %p)', (scoring, weight) => {
      const definition = template(scoring, [flagged(weight), ...greens], [yesNo('OK', 'green', 'green')]);
      const rating = rateAssessment(definition, answers({ FLAG: 'yes', G1: 'yes', G2: 'yes', G3: 'yes', G4: 'yes', OK: 'yes' }));
      expect(rating.sections.map((section) => section.colour)).toEqual(['red', 'green']);
      expect(rating.colour).toBe('red');
      expect(rating.redFlags).toBe(1);
      if (scoring.method === 'weighted') expect(rating.score).toBeGreaterThanOrEqual(97.5);
    });

    it('come from number ranges too', () => {
      const definition = template(WEIGHTED, [question('N', 'number', { ranges: [{ max: 1, colour: 'red', redFlag: true }, { min: 1, colour: 'green' }] }), ...greens]);
      const rating = rateAssessment(definition, answers({ N: 0, G1: 'yes' }));
      expect(rating).toMatchObject({ colour: 'red', redFlags: 1 });
    });
  });
});

// ---------------------------------------------------------------- properties

const COUNTRIES = ['FR', 'BE', 'CN', 'KP', 'CD', 'IN'];
type Kind = Colour | 'flag' | 'none';
const kindArb = fc.constantFrom<Kind>('green', 'amber', 'red', 'flag', 'none');

function colouring(kind: Kind): Pick<OptionDefinition, 'colour' | 'redFlag'> {
  if (kind === 'none') return {};
  return kind === 'flag' ? { colour: 'red', redFlag: true } : { colour: kind };
}

const optionsArb = (values: readonly string[]): fc.Arbitrary<OptionDefinition[]> =>
  fc.tuple(...values.map(() => kindArb)).map((kinds) => values.map((value, i) => ({ value, label: label(value), ...colouring(kinds[i]) })));

const boundArb = fc.option(fc.integer({ min: -10, max: 110 }), { nil: undefined });
const rangeArb: fc.Arbitrary<NumberRange> = fc
  .record({ a: boundArb, b: boundArb, kind: fc.constantFrom<Colour | 'flag'>('green', 'amber', 'red', 'flag') })
  .map(({ a, b, kind }) => {
    const [min, max] = a !== undefined && b !== undefined ? [Math.min(a, b), Math.max(a, b) + 1] : [a, b];
    const bounds = { ...(min !== undefined && { min }), ...(max !== undefined && { max }) };
    return kind === 'flag' ? { ...bounds, colour: 'red', redFlag: true } : { ...bounds, colour: kind };
  });

const countriesArb: fc.Arbitrary<CountryRule> = fc
  .record({ status: fc.tuple(...COUNTRIES.map(() => fc.constantFrom('amber', 'red', 'none'))), otherwise: fc.option(fc.constantFrom<Colour>('green', 'amber', 'red'), { nil: undefined }) })
  .map(({ status, otherwise }) => ({
    amber: COUNTRIES.filter((_, i) => status[i] === 'amber'),
    red: COUNTRIES.filter((_, i) => status[i] === 'red'),
    ...(otherwise && { otherwise }),
  }));

function typeFieldsArb(type: AnswerType): fc.Arbitrary<Partial<QuestionDefinition>> {
  switch (type) {
    case 'yes_no':
      return optionsArb(['yes', 'no']).map((options) => ({ options }));
    case 'single_choice':
    case 'multiple_choice':
      return fc.integer({ min: 2, max: 4 }).chain((n) => optionsArb(['a', 'b', 'c', 'd'].slice(0, n))).map((options) => ({ options }));
    case 'number':
      return fc.array(rangeArb, { maxLength: 4 }).map((ranges) => ({ ranges }));
    case 'country_list':
      return fc.option(countriesArb, { nil: undefined }).map((countries) => (countries ? { countries } : {}));
    default:
      return fc.constant({});
  }
}

const questionArb: fc.Arbitrary<Omit<QuestionDefinition, 'code'>> = fc.constantFrom(...ANSWER_TYPES).chain((type) =>
  fc
    .record({
      fields: typeFieldsArb(type),
      weight: fc.option(fc.constantFrom(0, 0.5, 1, 2, 7, 1000), { nil: undefined }),
      notApplicableAllowed: fc.boolean(),
      required: fc.boolean(),
    })
    .map(({ fields, weight, notApplicableAllowed, required }) => ({
      theme: 'other' as const,
      type,
      text: label(type),
      required,
      ...(notApplicableAllowed && { notApplicableAllowed }),
      ...fields,
      ...(weight !== undefined && { weight }),
    })),
);

const scoringArb: fc.Arbitrary<ScoringDefinition> = fc.oneof(
  fc.constant<ScoringDefinition>({ method: 'worst' }),
  fc.tuple(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 100 })).map(([a, b]): ScoringDefinition => ({ method: 'weighted', amberBelow: Math.max(a, b), redBelow: Math.min(a, b) })),
);

/** Conditions only point at questions of a lower rank, so they never form a cycle (but point forward and backward). */
function withConditions(questions: QuestionDefinition[], ranks: number[], picks: Array<{ target: number; values: number[] } | null>): QuestionDefinition[] {
  return questions.map((q, i) => {
    const pick = picks[i];
    const candidates = questions.filter((target, j) => ranks[j] < ranks[i] && isChoiceType(target.type));
    if (!pick || candidates.length === 0) return q;
    const target = candidates[pick.target % candidates.length];
    const values = target.options?.map((o) => o.value) ?? [];
    const anyOf = [...new Set(pick.values.map((v) => values[v % values.length]))];
    return { ...q, condition: { questionCode: target.code, anyOf } };
  });
}

const templateArb: fc.Arbitrary<TemplateDefinition> = fc
  .record({ scoring: scoringArb, sizes: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }) })
  .chain(({ scoring, sizes }) => {
    const count = sizes.reduce((sum, size) => sum + size, 0);
    return fc
      .record({
        questions: fc.array(questionArb, { minLength: count, maxLength: count }),
        ranks: fc.uniqueArray(fc.nat(1000), { minLength: count, maxLength: count }),
        picks: fc.array(fc.option(fc.record({ target: fc.nat(), values: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }), { freq: 2 }), {
          minLength: count,
          maxLength: count,
        }),
      })
      .map(({ questions, ranks, picks }) => {
        const coded = withConditions(questions.map((q, i) => ({ code: `Q${i}`, ...q })), ranks, picks);
        let next = 0;
        const sections: SectionDefinition[] = sizes.map((size, s) => ({ code: `S${s}`, title: label(`S${s}`), questions: coded.slice(next, (next += size)) }));
        return { languages: ['en'], title: label('Generated'), scoring, sections };
      });
  });

/** Answers that validateAnswer accepts for the question (a sample, for the generators and for "worse" answers). */
function sampleValues(q: QuestionDefinition): AnswerValue[] {
  const values = q.options?.map((o) => o.value) ?? [];
  switch (q.type) {
    case 'yes_no':
    case 'single_choice':
      return values;
    case 'multiple_choice':
      return [...values.map((v) => [v]), values, values.slice(0, 2)];
    case 'number':
      return [-11, -10, -1, 0, 1, 9, 10, 49, 50, 51, 99, 100, 110, 111, 2.5];
    case 'country_list':
      return [...COUNTRIES.map((c) => [c]), COUNTRIES.slice(0, 3), COUNTRIES.slice(3)];
    case 'text':
      return ['words'];
    case 'date':
      return ['2026-01-05'];
    case 'file':
      return [null];
  }
}

function answerArb(q: QuestionDefinition): fc.Arbitrary<StoredAnswer> {
  const value = fc.constantFrom(...sampleValues(q)).map((v) => given(v));
  const extra = [...(q.notApplicableAllowed ? [fc.constant(given(null, true))] : []), fc.constant(given(null))];
  return fc.oneof({ arbitrary: value, weight: 6 }, ...extra.map((arbitrary) => ({ arbitrary, weight: 1 })));
}

/** A template with answers to some of its questions, in template order. */
const assessmentArb = templateArb.chain((definition) =>
  fc
    .tuple(...questionsOf(definition).map((q) => fc.option(answerArb(q), { nil: undefined, freq: 3 })))
    .map((picked) => {
      const map = new Map<string, StoredAnswer>();
      questionsOf(definition).forEach((q, i) => picked[i] && map.set(q.code, picked[i]));
      return { definition, answers: map };
    }),
);

/** The test's own order of colours, from best to worst (grey: no colour). */
const RANK: Record<RatedColour, number> = { grey: 0, green: 1, amber: 2, red: 3 };
const severityOf = (colour: RatedColour): number => RANK[colour];
const worstOf = (colours: RatedColour[]): RatedColour => colours.reduce((worst, colour) => (RANK[colour] > RANK[worst] ? colour : worst), 'grey');

const targetsOf = (definition: TemplateDefinition): Set<string> =>
  new Set(questionsOf(definition).flatMap((q) => (q.condition ? [q.condition.questionCode] : [])));

function notBetter(before: AssessmentRating, after: AssessmentRating): void {
  expect(severityOf(after.colour)).toBeGreaterThanOrEqual(severityOf(before.colour));
  if (before.score !== null) {
    expect(after.score).not.toBeNull();
    expect(after.score ?? Number.NaN).toBeLessThanOrEqual(before.score);
  }
}

describe('rateAssessment properties', () => {
  const runs = { numRuns: 300 };

  it('generated templates and answers are valid (so the properties below test real assessments)', () => {
    fc.assert(
      fc.property(assessmentArb, ({ definition, answers: map }) => {
        expect(validateTemplateDefinition(JSON.parse(JSON.stringify(definition))).errors).toEqual([]);
        for (const q of questionsOf(definition)) {
          const stored = map.get(q.code);
          if (stored) expect(validateAnswer(q, { questionCode: q.code, ...stored })).toBeNull();
        }
      }),
      runs,
    );
  });

  it('(a) answering an unanswered question with a red answer never improves the colour nor raises the score', () => {
    fc.assert(
      fc.property(assessmentArb, fc.nat(), fc.nat(), ({ definition, answers: map }, pickQuestion, pickValue) => {
        const targets = targetsOf(definition);
        const candidates = questionsOf(definition).filter((q) => !targets.has(q.code) && redValues(q).length > 0);
        fc.pre(candidates.length > 0);
        const q = candidates[pickQuestion % candidates.length];
        const reds = redValues(q);
        const before = new Map(map);
        before.delete(q.code);
        const after = new Map(before).set(q.code, given(reds[pickValue % reds.length]));
        notBetter(rateAssessment(definition, before), rateAssessment(definition, after));
      }),
      runs,
    );
  });

  it('(b) changing an answer to a worse colour never improves the colour nor raises the score', () => {
    fc.assert(
      fc.property(assessmentArb, fc.nat(), ({ definition, answers: map }, pick) => {
        const targets = targetsOf(definition);
        // Every pair (from, to) of sample answers to a question that is no condition's question, where `to` has a worse colour.
        const changes = questionsOf(definition).flatMap((q) => {
          if (targets.has(q.code)) return [];
          const coloured = sampleValues(q).map((value) => ({ value, severity: severityOf(rateAnswer(q, given(value)).colour) }));
          return coloured.flatMap((from) => coloured.filter((to) => from.severity > 0 && to.severity > from.severity).map((to) => ({ q, from: from.value, to: to.value })));
        });
        fc.pre(changes.length > 0);
        const { q, from, to } = changes[pick % changes.length];
        const before = new Map(map).set(q.code, given(from));
        const after = new Map(map).set(q.code, given(to));
        notBetter(rateAssessment(definition, before), rateAssessment(definition, after));
      }),
      runs,
    );
  });

  it('(c) is deterministic and does not depend on the order of the answers', () => {
    fc.assert(
      fc.property(
        assessmentArb.chain(({ definition, answers: map }) =>
          fc.shuffledSubarray([...map], { minLength: map.size }).map((shuffled) => ({ definition, map, shuffled: new Map(shuffled) })),
        ),
        ({ definition, map, shuffled }) => {
          const first = rateAssessment(definition, map);
          expect(rateAssessment(definition, map)).toEqual(first);
          expect(rateAssessment(definition, shuffled)).toEqual(first);
        },
      ),
      runs,
    );
  });

  it('(d) scores are within 0..100 (null with worst), and the roll-up is consistent', () => {
    fc.assert(
      fc.property(assessmentArb, ({ definition, answers: map }) => {
        const rating = rateAssessment(definition, map);
        for (const score of [rating.score, ...rating.sections.map((section) => section.score)]) {
          if (definition.scoring.method === 'worst') expect(score).toBeNull();
          else if (score !== null) {
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(100);
            expect(Math.round(score * 10) / 10).toBe(score);
          }
        }
        for (const section of rating.sections) expect(section.answered).toBeLessThanOrEqual(section.total);
        expect(rating.answers.map((answer) => answer.questionCode)).toEqual(questionsOf(definition).map((q) => q.code));
        expect(rating.redFlags).toBe(rating.answers.filter((answer) => answer.redFlag).length);
        if (definition.scoring.method === 'worst') expect(rating.colour).toBe(worstOf(rating.sections.map((section) => section.colour)));
        if (rating.redFlags > 0) expect(rating.colour).toBe('red');
      }),
      runs,
    );
  });
});

/** The sample values that make the question red. */
function redValues(q: QuestionDefinition): AnswerValue[] {
  return sampleValues(q).filter((value) => rateAnswer(q, given(value)).colour === 'red');
}
