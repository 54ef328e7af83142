/**
 * KPI values are exact decimals: a value is held as a BigInt scaled by 10^4 ("95.5" is 955000n),
 * so comparing a result with its target never suffers from binary floating point.
 */
import type { KpiUnit } from './clause.types';

/** The scale of a decimal: 4 fractional digits, enough for every KPI unit (ratio has 4). */
export const DECIMAL_SCALE = 10_000n;

const DECIMAL = /^(-?)(\d+)(?:\.(\d{1,4}))?$/;

/** `text` times 10^4, or null unless it is an optional '-', digits, and optionally '.' plus 1 to 4 digits. */
export function parseDecimal(text: string): bigint | null {
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const [, sign, whole, fraction = ''] = match;
  const scaled = BigInt(whole) * DECIMAL_SCALE + BigInt(fraction.padEnd(4, '0'));
  return sign === '-' ? -scaled : scaled;
}

/** The canonical text of a scaled decimal: no trailing zeros, no trailing '.', never "-0". */
export function formatDecimal(scaled: bigint): string {
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  const whole = (magnitude / DECIMAL_SCALE).toString();
  const fraction = (magnitude % DECIMAL_SCALE).toString().padStart(4, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

interface UnitRule {
  max: bigint;
  decimals: number;
  message: string;
}

const UNIT_RULES: Record<KpiUnit, UnitRule> = {
  percent: { max: 100n, decimals: 2, message: 'must be a percentage between 0 and 100 with at most 2 decimals' },
  count: { max: 1_000_000_000_000n, decimals: 0, message: 'must be a whole number between 0 and 1000000000000' },
  days: { max: 1_000_000_000n, decimals: 2, message: 'must be a number of days between 0 and 1000000000 with at most 2 decimals' },
  hours: { max: 1_000_000_000n, decimals: 2, message: 'must be a number of hours between 0 and 1000000000 with at most 2 decimals' },
  ratio: { max: 1n, decimals: 4, message: 'must be a ratio between 0 and 1 with at most 4 decimals' },
};

/** Longer input is never a valid KPI value; the bound keeps BigInt parsing cheap. */
const MAX_TEXT_LENGTH = 32;

/**
 * A reported KPI value (a finite JSON number or a numeric string) checked against its unit's
 * range and precision, as canonical decimal text. A number is read through its shortest JS
 * representation, so 0.1 + 0.2 (0.30000000000000004) is refused as too precise, never rounded.
 */
export function parseKpiValue(unit: KpiUnit, raw: unknown): { ok: true; value: string } | { ok: false; message: string } {
  const rule = UNIT_RULES[unit];
  const refused = { ok: false as const, message: rule.message };
  const text = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
  if (typeof text !== 'string' || text.length > MAX_TEXT_LENGTH) return refused;
  const scaled = parseDecimal(text);
  if (scaled === null || scaled < 0n || scaled > rule.max * DECIMAL_SCALE) return refused;
  if (scaled % 10n ** BigInt(4 - rule.decimals) !== 0n) return refused;
  return { ok: true, value: formatDecimal(scaled) };
}
