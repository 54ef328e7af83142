import fc from 'fast-check';
import { KPI_UNITS } from './clause.types';
import { DECIMAL_SCALE, formatDecimal, parseDecimal, parseKpiValue } from './decimal';

describe('exact decimals', () => {
  it('parses up to 4 decimals, scaled by 10^4', () => {
    expect(parseDecimal('95')).toBe(950_000n);
    expect(parseDecimal('2.5')).toBe(25_000n);
    expect(parseDecimal('-0.0001')).toBe(-1n);
    expect(parseDecimal('007.10')).toBe(71_000n);
    expect(parseDecimal('123456789012345678901234567890')).toBe(123456789012345678901234567890n * DECIMAL_SCALE);
    for (const text of ['0.12345', '1.', '.5', '+1', '1e3', '', ' 1', '1 ', '1,5', '--1', '0x10', 'NaN']) {
      expect(parseDecimal(text)).toBeNull();
    }
  });

  it('formats canonically', () => {
    expect(formatDecimal(950_000n)).toBe('95');
    expect(formatDecimal(25_000n)).toBe('2.5');
    expect(formatDecimal(-1n)).toBe('-0.0001');
    expect(formatDecimal(-10_000n)).toBe('-1');
    expect(formatDecimal(0n)).toBe('0');
    expect(formatDecimal(parseDecimal('-0.000') as bigint)).toBe('0');
  });

  it('round-trips every scaled value through its canonical text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), (scaled) => {
        const text = formatDecimal(scaled);
        return parseDecimal(text) === scaled && !/\.\d*0$|\.$|^-0$/.test(text);
      }),
    );
  });
});

describe('KPI values', () => {
  it('checks each unit', () => {
    expect(parseKpiValue('percent', '95.5')).toEqual({ ok: true, value: '95.5' });
    expect(parseKpiValue('percent', 95.5)).toEqual({ ok: true, value: '95.5' });
    expect(parseKpiValue('percent', '100.00')).toEqual({ ok: true, value: '100' });
    expect(parseKpiValue('percent', '-0')).toEqual({ ok: true, value: '0' });
    expect(parseKpiValue('count', 1e12)).toEqual({ ok: true, value: '1000000000000' });
    expect(parseKpiValue('count', '0')).toEqual({ ok: true, value: '0' });
    expect(parseKpiValue('days', '2.25')).toEqual({ ok: true, value: '2.25' });
    expect(parseKpiValue('hours', '1000000000')).toEqual({ ok: true, value: '1000000000' });
    expect(parseKpiValue('ratio', '0.1234')).toEqual({ ok: true, value: '0.1234' });
    expect(parseKpiValue('ratio', 1)).toEqual({ ok: true, value: '1' });
  });

  it('refuses values out of range, too precise, or not numbers, with one sentence per unit', () => {
    const percent = { ok: false, message: 'must be a percentage between 0 and 100 with at most 2 decimals' };
    for (const raw of ['100.01', '-1', '95.555', 0.1 + 0.2, NaN, Infinity, null, undefined, true, {}, [95], '', ' 95', '9'.repeat(40)]) {
      expect(parseKpiValue('percent', raw)).toEqual(percent);
    }
    expect(parseKpiValue('count', '12.5')).toEqual({ ok: false, message: 'must be a whole number between 0 and 1000000000000' });
    expect(parseKpiValue('count', '1000000000001').ok).toBe(false);
    expect(parseKpiValue('count', 1e21).ok).toBe(false); // String(1e21) is '1e+21'
    expect(parseKpiValue('days', '1000000000.01')).toEqual({ ok: false, message: 'must be a number of days between 0 and 1000000000 with at most 2 decimals' });
    expect(parseKpiValue('hours', '1.001').ok).toBe(false);
    expect(parseKpiValue('ratio', '1.0001')).toEqual({ ok: false, message: 'must be a ratio between 0 and 1 with at most 4 decimals' });
    expect(parseKpiValue('ratio', 1e-7).ok).toBe(false);
  });

  it('accepts exactly the values in range with the allowed precision, canonically', () => {
    const rules = { percent: [100n, 2], count: [10n ** 12n, 0], days: [10n ** 9n, 2], hours: [10n ** 9n, 2], ratio: [1n, 4] } as const;
    fc.assert(
      fc.property(fc.constantFrom(...KPI_UNITS), fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (unit, scaled) => {
        const [max, decimals] = rules[unit];
        const expected = scaled >= 0n && scaled <= max * DECIMAL_SCALE && scaled % 10n ** BigInt(4 - decimals) === 0n;
        const result = parseKpiValue(unit, formatDecimal(scaled));
        return result.ok === expected && (!result.ok || result.value === formatDecimal(scaled));
      }),
    );
  });
});
