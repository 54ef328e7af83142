/**
 * Registration numbers. Belgian enterprise numbers (KBO/BCE) are checked with their mod-97
 * check digits and stored as `0123.456.789`; other countries' are trimmed and upper-cased.
 */
export function normaliseRegistrationNumber(country: string, value: string): { value?: string; error?: string } {
  const trimmed = value.trim();
  if (country === 'BE') {
    const digits = trimmed.replace(/^BE/i, '').replace(/[\s.]/g, '');
    if (!/^[01]\d{9}$/.test(digits)) return { error: 'must be a Belgian enterprise number: 10 digits starting with 0 or 1 (e.g. 0123.456.749)' };
    if (97 - (Number(digits.slice(0, 8)) % 97) !== Number(digits.slice(8))) return { error: 'has wrong check digits for a Belgian enterprise number' };
    return { value: `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}` };
  }
  const normalised = trimmed.toUpperCase().replace(/\s+/g, ' ');
  if (!/^[A-Z0-9][A-Z0-9 ./-]{1,39}$/.test(normalised)) return { error: 'must be 2 to 40 letters, digits, spaces, dots, slashes or dashes' };
  return { value: normalised };
}
