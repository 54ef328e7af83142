import fc from 'fast-check';
import { normaliseRegistrationNumber } from './registration-number';

describe('normaliseRegistrationNumber (BE)', () => {
  it.each([
    ['0207.045.510', '0207.045.510'],
    ['BE0207045510', '0207.045.510'],
    ['be 0207 045 510', '0207.045.510'],
    ['0412027195', '0412.027.195'],
  ])('accepts %p as %p', (input, expected) => {
    expect(normaliseRegistrationNumber('BE', input)).toEqual({ value: expected });
  });

  it.each(['0207.045.511', '2207.045.510', '207.045.510', 'abc', ''])('refuses %p', (input) => {
    expect(normaliseRegistrationNumber('BE', input).error).toBeDefined();
  });

  it('accepts exactly the numbers whose check digits are 97 - (first eight mod 97)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19_999_999 }), fc.integer({ min: 0, max: 99 }), (base, check) => {
        const digits = `${String(base).padStart(8, '0')}${String(check).padStart(2, '0')}`;
        const valid = 97 - (base % 97) === check;
        expect(normaliseRegistrationNumber('BE', digits).value !== undefined).toBe(valid);
      }),
    );
  });
});

describe('normaliseRegistrationNumber (elsewhere)', () => {
  it('trims and upper-cases', () => {
    expect(normaliseRegistrationNumber('NL', ' kvk 12345678 ')).toEqual({ value: 'KVK 12345678' });
  });

  it('refuses control characters and over-long values', () => {
    expect(normaliseRegistrationNumber('FR', 'abc\u0000def').error).toBeDefined();
    expect(normaliseRegistrationNumber('FR', 'A'.repeat(41)).error).toBeDefined();
  });
});
