import { FULL_ASSESSMENT, ICT_QUICK_SCAN, rateAnswer, TemplateDefinition } from '@ddp/questionnaires';
import { answerRevision, planTemplate } from './answers';
import { DEFAULT_OPTIONS, Plan } from './plan';
import { generatedId, randomFor } from './random';
import { belgianEnterpriseNumber } from './realism';

describe('generator: deterministic ids and draws', () => {
  it('derives the same version-8 UUID from the same (seed, kind, index), another from anything else', () => {
    const id = generatedId(1, 'contract', 42);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(generatedId(1, 'contract', 42)).toBe(id);
    expect(new Set([id, generatedId(2, 'contract', 42), generatedId(1, 'assessment', 42), generatedId(1, 'contract', 43)]).size).toBe(4);
  });

  it('replays the same draws for the same (seed, kind, index)', () => {
    const draws = (seed: number, index: number) => Array.from({ length: 5 }, randomFor(seed, 'x', index).next);
    expect(draws(1, 7)).toEqual(draws(1, 7));
    expect(draws(1, 7)).not.toEqual(draws(1, 8));
    expect(draws(1, 7)).not.toEqual(draws(2, 7));
  });

  it('draws weighted choices in their proportions', () => {
    const r = randomFor(1, 'weights', 0);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 20_000; i++) counts[r.weighted({ a: 85, b: 11, c: 4 })]++;
    expect(counts.a / 20_000).toBeCloseTo(0.85, 1);
    expect(counts.c / 20_000).toBeCloseTo(0.04, 1);
  });
});

describe('generator: the plan', () => {
  const plan = new Plan({ ...DEFAULT_OPTIONS, authorities: 7, suppliers: 30, contracts: 50, assessments: 120, chunk: 16 }, '2026-06-15');

  it('gives every contract as many assessments as the total asks, with consecutive cycles', () => {
    const cycles = new Map<number, number[]>();
    for (let i = 0; i < 120; i++) {
      const { contract, cycle, cycles: n } = plan.contractOfAssessment(i);
      expect(cycle).toBeLessThan(n);
      cycles.set(contract, [...(cycles.get(contract) ?? []), cycle]);
    }
    expect([...cycles.values()].reduce((n, c) => n + c.length, 0)).toBe(120);
    for (const list of cycles.values()) expect(list).toEqual(list.map((_, k) => k));
  });

  it('gives every supplier a contract and keeps indexes in range', () => {
    const suppliers = new Set(Array.from({ length: 50 }, (_, c) => plan.supplierOfContract(c)));
    expect(suppliers.size).toBeGreaterThanOrEqual(30);
    for (let c = 0; c < 50; c++) expect(plan.authorityOfContract(c)).toBeLessThan(7);
  });

  it('cuts the work into chunks covering every index once', () => {
    expect(plan.chunks(50)).toEqual([{ from: 0, to: 16 }, { from: 16, to: 32 }, { from: 32, to: 48 }, { from: 48, to: 50 }]);
  });

  it('writes valid Belgian enterprise numbers', () => {
    const number = belgianEnterpriseNumber(123);
    expect(97 - (Number(number.slice(0, 8)) % 97)).toBe(Number(number.slice(8)));
  });
});

describe('generator: answers', () => {
  it.each([
    ['quick scan', ICT_QUICK_SCAN],
    ['full assessment', FULL_ASSESSMENT],
  ])('answers the %s with the colours the app computes, mostly green', (_, reference) => {
    const template = planTemplate(reference as unknown as TemplateDefinition);
    const questions = new Map(template.questions.map((q) => [q.question.code, q.question]));
    const colours = { green: 0, amber: 0, red: 0, grey: 0 };
    for (let i = 0; i < 200; i++) {
      const { answers, rating } = answerRevision(template, 'medium', randomFor(1, 'test', i), 1);
      for (const [code, answer] of answers) {
        const rated = rating.answers.find((a) => a.questionCode === code)!;
        expect(rated).toEqual(rateAnswer(questions.get(code)!, answer));
        colours[rated.colour]++;
      }
    }
    const coloured = colours.green + colours.amber + colours.red;
    expect(colours.green / coloured).toBeGreaterThan(0.75);
    expect(colours.red / coloured).toBeGreaterThan(0.01);
    expect(colours.red / coloured).toBeLessThan(0.12);
  });
});
