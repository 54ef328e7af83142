/**
 * Penalties for a default the supplier did not remedy in time, and late fines for late
 * deliverables, as the clause sets them. Amounts are integer cents, rounded half up once.
 */
import type { AmountRule, DeliverableKind, LateFineTerms, PenaltyTerms } from './clause.types';
import { assertNonNegativeInteger, capOf, centsFromBigInt, percentOfCents, sumCents } from './money';

export interface PenaltyInput {
  terms: PenaltyTerms;
  contractValueCents: number;
  /** Calendar days from the day after the remedy deadline until the remedy (or the decision) date, >= 0. */
  daysUntilRemedied: number;
  /** Net penalties already applied on the contract, >= 0. */
  alreadyAppliedCents: number;
}

export type PenaltyLimit = 'minimum' | 'maximum' | 'per_day_cap' | 'cumulative_cap';

export interface PenaltyBreakdown {
  perDefaultCents: number;
  perDayCents: number;
  daysCounted: number;
  perDayCapCents: number | null;
  cumulativeCapCents: number | null;
  remainingUnderCapCents: number | null;
  amountCents: number;
  limitedBy: PenaltyLimit[];
}

function perDefaultAmount(rule: AmountRule | undefined, contractValueCents: number, limitedBy: PenaltyLimit[]): number {
  if (!rule) return 0;
  if (rule.kind === 'fixed') {
    assertNonNegativeInteger(rule.amountCents, 'perDefault.amountCents');
    return rule.amountCents;
  }
  const { minCents, maxCents } = rule;
  if (minCents !== undefined) assertNonNegativeInteger(minCents, 'perDefault.minCents');
  if (maxCents !== undefined) assertNonNegativeInteger(maxCents, 'perDefault.maxCents');
  let amount = percentOfCents(contractValueCents, rule.basisPoints);
  if (minCents !== undefined && amount < minCents) {
    amount = minCents;
    limitedBy.push('minimum');
  }
  if (maxCents !== undefined && amount > maxCents) {
    amount = maxCents;
    limitedBy.push('maximum');
  }
  return amount;
}

/**
 * The penalty due for one default: the per-default amount (a percentage is raised to its minimum,
 * then lowered to its maximum, so the maximum wins if they cross), plus the per-day amount for each
 * day until remedied within its cap, the total limited to what the contract's cumulative cap
 * leaves after the penalties already applied. Never negative.
 */
export function computePenalty(input: PenaltyInput): PenaltyBreakdown {
  const { terms, contractValueCents, daysUntilRemedied, alreadyAppliedCents } = input;
  assertNonNegativeInteger(contractValueCents, 'contractValueCents');
  assertNonNegativeInteger(daysUntilRemedied, 'daysUntilRemedied');
  assertNonNegativeInteger(alreadyAppliedCents, 'alreadyAppliedCents');
  const limitedBy: PenaltyLimit[] = [];

  const perDefaultCents = perDefaultAmount(terms.perDefault, contractValueCents, limitedBy);

  const daysCounted = terms.perDay ? daysUntilRemedied : 0;
  const perDayCapCents = terms.perDay ? capOf(terms.perDay.cap, contractValueCents) : null;
  let perDayCents = 0;
  if (terms.perDay) {
    assertNonNegativeInteger(terms.perDay.amountCents, 'perDay.amountCents');
    const uncapped = BigInt(terms.perDay.amountCents) * BigInt(daysCounted);
    if (perDayCapCents !== null && uncapped > BigInt(perDayCapCents)) {
      perDayCents = perDayCapCents;
      limitedBy.push('per_day_cap');
    } else {
      perDayCents = centsFromBigInt(uncapped, 'perDay');
    }
  }

  const cumulativeCapCents = capOf(terms.cumulativeCap, contractValueCents);
  const remainingUnderCapCents = cumulativeCapCents === null ? null : Math.max(0, cumulativeCapCents - alreadyAppliedCents);
  let amountCents = sumCents([perDefaultCents, perDayCents]);
  if (remainingUnderCapCents !== null && amountCents > remainingUnderCapCents) {
    amountCents = remainingUnderCapCents;
    limitedBy.push('cumulative_cap');
  }

  return { perDefaultCents, perDayCents, daysCounted, perDayCapCents, cumulativeCapCents, remainingUnderCapCents, amountCents, limitedBy };
}

export interface LateFine {
  deliverable: DeliverableKind;
  valueCents: number;
  ratePerDayBasisPoints: number;
  daysLate: number;
  uncappedCents: number;
  capCents: number;
  amountCents: number;
}

/**
 * The late fine for a deliverable `daysLate` days late (Belgian RD 14 Jan 2013 art. 46: it runs
 * by itself, without notice): value x rate x days / 10 000, rounded half up once over all the days
 * (not day by day), capped at `capBasisPoints` of the value. Null when the kind has no value in
 * the terms or the deliverable is not late.
 */
export function computeLateFine(terms: LateFineTerms, deliverable: DeliverableKind, daysLate: number): LateFine | null {
  assertNonNegativeInteger(daysLate, 'daysLate');
  const valueCents = terms.deliverableValueCents[deliverable];
  if (valueCents === undefined || daysLate === 0) return null;
  assertNonNegativeInteger(valueCents, `deliverableValueCents.${deliverable}`);
  assertNonNegativeInteger(terms.ratePerDayBasisPoints, 'ratePerDayBasisPoints');
  const product = BigInt(valueCents) * BigInt(terms.ratePerDayBasisPoints) * BigInt(daysLate);
  const uncappedCents = centsFromBigInt((product + 5_000n) / 10_000n, 'late fine');
  const capCents = percentOfCents(valueCents, terms.capBasisPoints);
  return {
    deliverable,
    valueCents,
    ratePerDayBasisPoints: terms.ratePerDayBasisPoints,
    daysLate,
    uncappedCents,
    capCents,
    amountCents: Math.min(uncappedCents, capCents),
  };
}
