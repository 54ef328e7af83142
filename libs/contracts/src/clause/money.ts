/**
 * Money is integer cents of the contract's currency and rates are integer basis points
 * (1 bp = 0.01 %). Products are computed in BigInt, so they are exact beyond 2^53, and each
 * result is rounded once, half up to the cent.
 */
import type { Cap } from './clause.types';

const BASIS_POINTS = 10_000n;

/** Throws a RangeError unless `value` is a safe integer >= 0 (cents, basis points, days). */
export function assertNonNegativeInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} must be a whole number >= 0, got ${value}`);
}

/** A BigInt amount of cents as a number; a RangeError when it is not a safe integer (beyond 2^53 - 1). */
export function centsFromBigInt(value: bigint, what = 'amount'): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} exceeds the largest exact amount of cents`);
  }
  return Number(value);
}

/** `basisPoints` of `cents`, rounded half up to the cent (1 cent at 5000 bp is 0.5, so 1). */
export function percentOfCents(cents: number, basisPoints: number): number {
  assertNonNegativeInteger(cents, 'cents');
  assertNonNegativeInteger(basisPoints, 'basisPoints');
  return centsFromBigInt((BigInt(cents) * BigInt(basisPoints) + BASIS_POINTS / 2n) / BASIS_POINTS, 'percentOfCents');
}

/**
 * A decimal quantity (scaled by 10^4, see decimal.ts) times a price per unit, rounded half up to
 * the cent; the result has the decimal's sign, and half up means away from zero for a negative
 * quantity (-0.5 cent becomes -1 cent), so a loss is rounded exactly like the matching gain.
 */
export function multiplyCents(scaledDecimal: bigint, centsPerUnit: number): number {
  assertNonNegativeInteger(centsPerUnit, 'centsPerUnit');
  const magnitude = scaledDecimal < 0n ? -scaledDecimal : scaledDecimal;
  const rounded = centsFromBigInt((magnitude * BigInt(centsPerUnit) + BASIS_POINTS / 2n) / BASIS_POINTS, 'multiplyCents');
  return scaledDecimal < 0n && rounded !== 0 ? -rounded : rounded;
}

/** The cap in cents: the lower of its absolute amount and its share of the contract value; null when the cap sets neither. */
export function capOf(cap: Cap | undefined, contractValueCents: number): number | null {
  assertNonNegativeInteger(contractValueCents, 'contractValueCents');
  const limits: number[] = [];
  if (cap?.amountCents !== undefined) {
    assertNonNegativeInteger(cap.amountCents, 'cap.amountCents');
    limits.push(cap.amountCents);
  }
  if (cap?.basisPoints !== undefined) limits.push(percentOfCents(contractValueCents, cap.basisPoints));
  return limits.length === 0 ? null : Math.min(...limits);
}

/** The exact sum of signed integer cents; a RangeError if any value is not a safe integer or the sum is not one. */
export function sumCents(values: number[]): number {
  let total = 0n;
  for (const value of values) {
    if (!Number.isSafeInteger(value)) throw new RangeError(`cents must be whole numbers, got ${value}`);
    total += BigInt(value);
  }
  return centsFromBigInt(total, 'sumCents');
}
