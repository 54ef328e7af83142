import { describe, expect, it } from 'vitest';
import { centsToInput, parseAmountToCents } from './amount';

const cents = (input: string, lang: string) => {
  const r = parseAmountToCents(input, lang);
  return r.ok ? r.cents : r.reason;
};

describe('parseAmountToCents', () => {
  it('reads Dutch and French amounts (comma decimals, dot or space groups)', () => {
    expect(cents('1.234,56', 'nl')).toBe(123456);
    expect(cents('1 234,56', 'fr')).toBe(123456);
    expect(cents('1\u202f234,56', 'fr')).toBe(123456);
    expect(cents('1234,5', 'nl')).toBe(123450);
    expect(cents('1.234', 'nl')).toBe(123400);
    expect(cents('12.500.000', 'nl')).toBe(1250000000);
  });

  it('reads English amounts and a plain dot decimal in any language', () => {
    expect(cents('1234.56', 'en')).toBe(123456);
    expect(cents('1,234.56', 'en')).toBe(123456);
    expect(cents('1234.56', 'nl')).toBe(123456);
    expect(cents('1,234', 'en')).toBe(123400);
    expect(cents('0.07', 'en')).toBe(7);
    expect(cents('700', 'fr')).toBe(70000);
  });

  it('is exact where floats are not', () => {
    expect(cents('0,29', 'nl')).toBe(29); // 0.29 * 100 = 28.999999999999996
    expect(cents('1.005,10', 'nl')).toBe(100510);
    expect(cents('90071992547409,91', 'nl')).toBe(9007199254740991);
  });

  it('refuses three decimals, bad groups and other text', () => {
    expect(cents('1,234', 'nl')).toBe('decimals');
    expect(cents('1.234', 'en')).toBe('decimals');
    expect(cents('12,345.678', 'en')).toBe('decimals');
    expect(cents('1.23.4', 'nl')).toBe('format');
    expect(cents('12,34,56', 'en')).toBe('format');
    expect(cents('-5', 'en')).toBe('format');
    expect(cents('1e3', 'en')).toBe('format');
    expect(cents('', 'en')).toBe('empty');
    expect(cents('99999999999999999', 'en')).toBe('tooLarge');
  });

  it('writes cents back for the form', () => {
    expect(centsToInput(123456, 'nl')).toBe('1234,56');
    expect(centsToInput(7, 'en')).toBe('0.07');
  });
});
