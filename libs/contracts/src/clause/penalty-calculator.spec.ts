import fc from 'fast-check';
import type { AmountRule, Cap, LateFineTerms, PenaltyTerms } from './clause.types';
import { DELIVERABLE_KINDS } from './clause.types';
import { computeLateFine, computePenalty, PenaltyInput } from './penalty-calculator';

const input = (terms: PenaltyTerms, overrides: Partial<PenaltyInput> = {}): PenaltyInput => ({
  terms,
  contractValueCents: 10_000_000, // 100 000.00
  daysUntilRemedied: 0,
  alreadyAppliedCents: 0,
  ...overrides,
});

describe('penalty for a default', () => {
  it('charges a fixed amount per default', () => {
    expect(computePenalty(input({ perDefault: { kind: 'fixed', amountCents: 50_000 } }))).toEqual({
      perDefaultCents: 50_000,
      perDayCents: 0,
      daysCounted: 0,
      perDayCapCents: null,
      cumulativeCapCents: null,
      remainingUnderCapCents: null,
      amountCents: 50_000,
      limitedBy: [],
    });
  });

  it('charges a share of the contract value between its minimum and maximum', () => {
    const percent = (minCents?: number, maxCents?: number): PenaltyTerms => ({ perDefault: { kind: 'percent', basisPoints: 100, minCents, maxCents } });
    expect(computePenalty(input(percent())).amountCents).toBe(100_000);
    expect(computePenalty(input(percent(150_000)))).toMatchObject({ amountCents: 150_000, limitedBy: ['minimum'] });
    expect(computePenalty(input(percent(undefined, 80_000)))).toMatchObject({ amountCents: 80_000, limitedBy: ['maximum'] });
    expect(computePenalty(input(percent(50_000, 150_000)))).toMatchObject({ amountCents: 100_000, limitedBy: [] });
    expect(computePenalty(input(percent(150_000, 120_000)))).toMatchObject({ amountCents: 120_000, limitedBy: ['minimum', 'maximum'] });
    expect(computePenalty(input(percent(), { contractValueCents: 12_345 })).amountCents).toBe(123); // 123.45
    expect(computePenalty(input(percent(), { contractValueCents: 12_350 })).amountCents).toBe(124); // 123.5 rounds up
  });

  it('charges each day until remedied, within the per-day cap', () => {
    const perDay = (cap?: Cap): PenaltyTerms => ({ perDay: { amountCents: 10_000, cap } });
    expect(computePenalty(input(perDay(), { daysUntilRemedied: 12 }))).toMatchObject({ perDayCents: 120_000, daysCounted: 12, amountCents: 120_000, limitedBy: [] });
    expect(computePenalty(input(perDay({ amountCents: 100_000 }), { daysUntilRemedied: 12 }))).toMatchObject({ perDayCents: 100_000, perDayCapCents: 100_000, limitedBy: ['per_day_cap'] });
    expect(computePenalty(input(perDay({ amountCents: 100_000, basisPoints: 50 }), { daysUntilRemedied: 12 }))).toMatchObject({ perDayCents: 50_000, perDayCapCents: 50_000 });
    expect(computePenalty(input(perDay({ amountCents: 120_000 }), { daysUntilRemedied: 12 }))).toMatchObject({ perDayCents: 120_000, limitedBy: [] });
    expect(computePenalty(input(perDay(), { daysUntilRemedied: 0 })).amountCents).toBe(0);
  });

  it('stays within what the cumulative cap leaves', () => {
    const terms: PenaltyTerms = {
      perDefault: { kind: 'fixed', amountCents: 100_000 },
      perDay: { amountCents: 5_000, cap: { amountCents: 30_000 } },
      cumulativeCap: { basisPoints: 1_000 }, // 10 %: 1 000 000
    };
    expect(computePenalty(input(terms, { daysUntilRemedied: 10, alreadyAppliedCents: 950_000 }))).toEqual({
      perDefaultCents: 100_000,
      perDayCents: 30_000,
      daysCounted: 10,
      perDayCapCents: 30_000,
      cumulativeCapCents: 1_000_000,
      remainingUnderCapCents: 50_000,
      amountCents: 50_000,
      limitedBy: ['per_day_cap', 'cumulative_cap'],
    });
    expect(computePenalty(input(terms, { daysUntilRemedied: 3, alreadyAppliedCents: 0 })).amountCents).toBe(115_000);
    expect(computePenalty(input(terms, { daysUntilRemedied: 3, alreadyAppliedCents: 1_200_000 }))).toMatchObject({ remainingUnderCapCents: 0, amountCents: 0 });
  });

  it('refuses impossible inputs', () => {
    expect(() => computePenalty(input({}, { daysUntilRemedied: -1 }))).toThrow(RangeError);
    expect(() => computePenalty(input({}, { contractValueCents: 1.5 }))).toThrow(RangeError);
    expect(() => computePenalty(input({}, { alreadyAppliedCents: -1 }))).toThrow(RangeError);
    expect(() => computePenalty(input({ perDefault: { kind: 'fixed', amountCents: -1 } }))).toThrow(RangeError);
    expect(() => computePenalty(input({ perDay: { amountCents: 1.5 } }))).toThrow(RangeError);
    expect(() => computePenalty(input({ perDay: { amountCents: Number.MAX_SAFE_INTEGER } }, { daysUntilRemedied: 2 }))).toThrow(RangeError);
  });

  const cents = fc.integer({ min: 0, max: 10_000_000 });
  const bp = fc.integer({ min: 0, max: 10_000 });
  const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });
  const cap: fc.Arbitrary<Cap | undefined> = optional(fc.record({ amountCents: optional(cents), basisPoints: optional(bp) }));
  const amountRule: fc.Arbitrary<AmountRule> = fc.oneof(
    fc.record({ kind: fc.constant('fixed' as const), amountCents: cents }),
    fc.record({ kind: fc.constant('percent' as const), basisPoints: bp, minCents: optional(cents), maxCents: optional(cents) }),
  );
  const terms: fc.Arbitrary<PenaltyTerms> = fc.record({
    perDefault: optional(amountRule),
    perDay: optional(fc.record({ amountCents: fc.integer({ min: 0, max: 1_000_000 }), cap })),
    cumulativeCap: cap,
  });
  const inputs: fc.Arbitrary<PenaltyInput> = fc.record({
    terms,
    contractValueCents: fc.integer({ min: 0, max: 1e13 }),
    daysUntilRemedied: fc.integer({ min: 0, max: 3_650 }),
    alreadyAppliedCents: fc.integer({ min: 0, max: 1e12 }),
  });

  it('is a whole, non-negative amount within every cap', () => {
    fc.assert(
      fc.property(inputs, (penaltyInput) => {
        const result = computePenalty(penaltyInput);
        const amounts = [result.perDefaultCents, result.perDayCents, result.amountCents];
        const max = penaltyInput.terms.perDefault?.kind === 'percent' ? penaltyInput.terms.perDefault.maxCents : undefined;
        return (
          amounts.every((amount) => Number.isSafeInteger(amount) && amount >= 0) &&
          (max === undefined || result.perDefaultCents <= max) &&
          (result.perDayCapCents === null || result.perDayCents <= result.perDayCapCents) &&
          result.amountCents <= result.perDefaultCents + result.perDayCents &&
          (result.remainingUnderCapCents === null || result.amountCents <= result.remainingUnderCapCents) &&
          (result.cumulativeCapCents === null ||
            penaltyInput.alreadyAppliedCents + result.amountCents <= Math.max(result.cumulativeCapCents, penaltyInput.alreadyAppliedCents))
        );
      }),
    );
  });

  it('never decreases with more days, never increases with more already applied', () => {
    fc.assert(
      fc.property(inputs, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 1e7 }), (penaltyInput, moreDays, moreApplied) => {
        const amount = computePenalty(penaltyInput).amountCents;
        const later = computePenalty({ ...penaltyInput, daysUntilRemedied: penaltyInput.daysUntilRemedied + moreDays }).amountCents;
        const afterMore = computePenalty({ ...penaltyInput, alreadyAppliedCents: penaltyInput.alreadyAppliedCents + moreApplied }).amountCents;
        return later >= amount && afterMore <= amount;
      }),
    );
  });
});

describe('late fines', () => {
  const terms = (valueCents: number, ratePerDayBasisPoints: number, capBasisPoints: number): LateFineTerms => ({
    ratePerDayBasisPoints,
    capBasisPoints,
    deliverableValueCents: { report: valueCents },
  });

  it('charges value x rate x days, rounded once', () => {
    // 1 234 567 x 10 x 17 / 10 000 = 20 987.639 cents; cap 5 % = 61 728.35
    expect(computeLateFine(terms(1_234_567, 10, 500), 'report', 17)).toEqual({
      deliverable: 'report',
      valueCents: 1_234_567,
      ratePerDayBasisPoints: 10,
      daysLate: 17,
      uncappedCents: 20_988,
      capCents: 61_728,
      amountCents: 20_988,
    });
    // 0.5 cent a day: 1.5 over three days rounds to 2, not 3 from rounding each day.
    expect(computeLateFine(terms(1_000, 5, 500), 'report', 3)?.amountCents).toBe(2);
    expect(computeLateFine(terms(1_000, 5, 500), 'report', 1)?.amountCents).toBe(1); // 0.5
    expect(computeLateFine(terms(1, 5_000, 10_000), 'report', 1)?.amountCents).toBe(1); // 0.5
    expect(computeLateFine(terms(1_000, 4, 500), 'report', 1)?.amountCents).toBe(0); // 0.4
  });

  it('stops at the cap', () => {
    // 0.1 % a day for 100 days is 10 %, capped at 5 %.
    expect(computeLateFine(terms(1_000_000, 10, 500), 'report', 100)).toMatchObject({ uncappedCents: 100_000, capCents: 50_000, amountCents: 50_000 });
  });

  it('is null for a kind without a value, or when not late', () => {
    expect(computeLateFine(terms(1_000_000, 10, 500), 'action', 3)).toBeNull();
    expect(computeLateFine(terms(1_000_000, 10, 500), 'report', 0)).toBeNull();
    expect(() => computeLateFine(terms(1_000_000, 10, 500), 'report', -1)).toThrow(RangeError);
    expect(() => computeLateFine(terms(1_000_000, 10, 500), 'report', 1.5)).toThrow(RangeError);
    expect(() => computeLateFine(terms(-5, 10, 500), 'report', 1)).toThrow(RangeError);
  });

  const lateFineTerms: fc.Arbitrary<LateFineTerms> = fc.record({
    ratePerDayBasisPoints: fc.integer({ min: 0, max: 1_000 }),
    capBasisPoints: fc.integer({ min: 0, max: 10_000 }),
    deliverableValueCents: fc.record({ report: fc.integer({ min: 0, max: 1e12 }), action: fc.integer({ min: 0, max: 1e12 }) }, { requiredKeys: [] }),
  });

  it('is whole, non-negative, within the cap and rounded once', () => {
    fc.assert(
      fc.property(lateFineTerms, fc.constantFrom(...DELIVERABLE_KINDS), fc.integer({ min: 0, max: 3_650 }), (fineTerms, kind, days) => {
        const fine = computeLateFine(fineTerms, kind, days);
        if (fine === null) return days === 0 || fineTerms.deliverableValueCents[kind] === undefined;
        const exact = BigInt(fine.valueCents) * BigInt(fine.ratePerDayBasisPoints) * BigInt(days);
        const rounded = BigInt(fine.uncappedCents) * 10_000n;
        return (
          Number.isSafeInteger(fine.amountCents) &&
          fine.amountCents >= 0 &&
          fine.amountCents <= fine.capCents &&
          fine.amountCents <= fine.uncappedCents &&
          rounded - 5_000n <= exact &&
          exact < rounded + 5_000n
        );
      }),
    );
  });

  it('never decreases with more days late', () => {
    fc.assert(
      fc.property(lateFineTerms, fc.integer({ min: 1, max: 3_650 }), fc.integer({ min: 0, max: 400 }), (fineTerms, days, more) => {
        const amount = (d: number) => computeLateFine(fineTerms, 'report', d)?.amountCents ?? 0;
        return amount(days + more) >= amount(days);
      }),
    );
  });
});
