/**
 * A decimal amount typed by a person ("1.234,56" in Dutch or French, "1,234.56" or "1234.56" in
 * English) → integer cents, read digit by digit from the string: never through a float, so that
 * no amount is ever off by a cent.
 */
export type AmountResult = { ok: true; cents: number } | { ok: false; reason: 'empty' | 'format' | 'decimals' | 'tooLarge' };

/** The decimal separator of the portal's languages (Belgian usage: a comma in French and Dutch). */
export function decimalSeparator(language: string): '.' | ',' {
  return language.startsWith('en') ? '.' : ',';
}

export function parseAmountToCents(input: string, language: string): AmountResult {
  // Spaces (also no-break and narrow no-break) and apostrophes only group thousands.
  const s = input.replace(/[\s\u00a0\u202f']/g, '');
  if (s === '') return { ok: false, reason: 'empty' };
  if (!/^[0-9.,]+$/.test(s) || !/[0-9]/.test(s)) return { ok: false, reason: 'format' };

  const decimal = findDecimal(s, decimalSeparator(language));
  let whole = s;
  let fraction = '';
  if (decimal !== null) {
    const at = s.lastIndexOf(decimal);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (!/^[0-9]*$/.test(fraction)) return { ok: false, reason: 'format' };
    if (fraction.length > 2) return { ok: false, reason: 'decimals' };
  }
  if (whole === '') whole = '0';
  if (/[.,]/.test(whole)) {
    // Grouped thousands: one separator kind, groups of exactly three digits.
    const group = whole.includes('.') ? '.' : ',';
    if (whole.includes(group === '.' ? ',' : '.')) return { ok: false, reason: 'format' };
    const pattern = new RegExp(`^[0-9]{1,3}(\\${group}[0-9]{3})+$`);
    if (!pattern.test(whole)) return { ok: false, reason: 'format' };
    whole = whole.split(group).join('');
  }
  const digits = (whole + fraction.padEnd(2, '0')).replace(/^0+(?=[0-9])/, '');
  const cents = Number(digits);
  if (!Number.isSafeInteger(cents)) return { ok: false, reason: 'tooLarge' };
  return { ok: true, cents };
}

/**
 * Which separator marks the decimals, or null when there are none: with both kinds, the last one;
 * a single separator followed by other than three digits is decimal; "1.234" follows the language.
 */
function findDecimal(s: string, languageDecimal: '.' | ','): '.' | ',' | null {
  const dots = s.split('.').length - 1;
  const commas = s.split(',').length - 1;
  if (dots > 0 && commas > 0) return s.lastIndexOf('.') > s.lastIndexOf(',') ? '.' : ',';
  const sep = dots > 0 ? '.' : commas > 0 ? ',' : null;
  if (sep === null) return null;
  if ((sep === '.' ? dots : commas) > 1) return null;
  const after = s.length - s.lastIndexOf(sep) - 1;
  if (after !== 3) return sep;
  return sep === languageDecimal ? sep : null;
}

/** Cents back to the decimal string the form shows (no grouping), e.g. 123456 → "1234,56" in Dutch. */
export function centsToInput(cents: number, language: string): string {
  const whole = Math.trunc(cents / 100);
  const rest = String(cents % 100).padStart(2, '0');
  return `${whole}${decimalSeparator(language)}${rest}`;
}
