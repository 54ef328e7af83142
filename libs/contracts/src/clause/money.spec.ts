import fc from 'fast-check';
import { capOf, centsFromBigInt, multiplyCents, percentOfCents, sumCents } from './money';

const MAX = Number.MAX_SAFE_INTEGER;

describe('money', () => {
  it('takes a share in basis points, half up to the cent', () => {
    expect(percentOfCents(1, 5000)).toBe(1); // 0.5 cent
    expect(percentOfCents(3, 5000)).toBe(2); // 1.5 cents
    expect(percentOfCents(1, 4999)).toBe(0);
    expect(percentOfCents(1_234_567, 500)).toBe(61_728); // 61 728.35
    expect(percentOfCents(12_350, 100)).toBe(124); // 123.5
    expect(percentOfCents(MAX, 10_000)).toBe(MAX);
    expect(() => percentOfCents(MAX, 10_001)).toThrow(RangeError);
    expect(() => percentOfCents(-1, 100)).toThrow(RangeError);
    expect(() => percentOfCents(1.5, 100)).toThrow(RangeError);
    expect(() => percentOfCents(100, -1)).toThrow(RangeError);
  });

  it('rounds a share to the nearest cent, halves up', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e13 }), fc.integer({ min: 0, max: 20_000 }), (cents, bp) => {
        const result = BigInt(percentOfCents(cents, bp)) * 10_000n;
        const exact = BigInt(cents) * BigInt(bp);
        return result - 5_000n <= exact && exact < result + 5_000n;
      }),
    );
  });

  it('multiplies a decimal by a price, half away from zero', () => {
    expect(multiplyCents(5_000n, 1)).toBe(1); // 0.5 cent
    expect(multiplyCents(-5_000n, 1)).toBe(-1);
    expect(multiplyCents(4_999n, 1)).toBe(0);
    expect(Object.is(multiplyCents(-4_999n, 1), 0)).toBe(true); // never -0
    expect(multiplyCents(25_000n, 150)).toBe(375); // 2.5 x 1.50
    expect(multiplyCents(-12_345n, 100)).toBe(-123); // -123.45
    expect(() => multiplyCents(1n, -1)).toThrow(RangeError);
    expect(() => multiplyCents(10n ** 30n, 1)).toThrow(RangeError);
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.integer({ min: 0, max: 1e6 }), (scaled, price) => {
        const up = multiplyCents(scaled, price);
        const down = multiplyCents(-scaled, price);
        const result = BigInt(up) * 10_000n;
        const exact = scaled * BigInt(price);
        return down === -up && !Object.is(down, -0) && result - 5_000n <= exact && exact < result + 5_000n;
      }),
    );
  });

  it('takes the lower of a cap amount and a cap share', () => {
    expect(capOf(undefined, 1_000)).toBeNull();
    expect(capOf({}, 1_000)).toBeNull();
    expect(capOf({ amountCents: 100 }, 1_000)).toBe(100);
    expect(capOf({ basisPoints: 1_000 }, 12_345)).toBe(1_235); // 1 234.5
    expect(capOf({ amountCents: 1_000, basisPoints: 1_000 }, 12_345)).toBe(1_000);
    expect(capOf({ amountCents: 5_000, basisPoints: 1_000 }, 12_345)).toBe(1_235);
    expect(() => capOf({ amountCents: -1 }, 1_000)).toThrow(RangeError);
    expect(() => capOf({ amountCents: 1 }, -1)).toThrow(RangeError);
  });

  it('sums exactly, or refuses', () => {
    expect(sumCents([])).toBe(0);
    expect(sumCents([1, -2, 3])).toBe(2);
    expect(sumCents([MAX, 1, -1])).toBe(MAX); // exact past 2^53 on the way
    expect(() => sumCents([MAX, 1])).toThrow(RangeError);
    expect(() => sumCents([0.5])).toThrow(RangeError);
    expect(() => sumCents([NaN])).toThrow(RangeError);
    expect(centsFromBigInt(-BigInt(MAX))).toBe(-MAX);
    expect(() => centsFromBigInt(BigInt(MAX) + 1n)).toThrow(RangeError);
  });
});
