import type { Schemas } from '../../api/client';

export type Kpi = Schemas['KpiDefinitionDto'];
export type KpiUnit = Kpi['unit'];

/** The unit rules the API applies (range and decimals), so that a wrong value is flagged before saving. */
const RULES: Record<KpiUnit, { max: number; decimals: number }> = {
  percent: { max: 100, decimals: 2 },
  count: { max: 1_000_000_000_000, decimals: 0 },
  days: { max: 1_000_000_000, decimals: 2 },
  hours: { max: 1_000_000_000, decimals: 2 },
  ratio: { max: 1, decimals: 4 },
};

/** The decimal text the API expects ("92,5" → "92.5"), trimmed. */
export function normaliseKpiValue(text: string): string {
  return text.trim().replace(',', '.');
}

/** Null when `text` is a valid value for `unit`, else the reason ('format' | 'range' | 'decimals'). */
export function kpiValueProblem(unit: KpiUnit, text: string): 'format' | 'range' | 'decimals' | null {
  const value = normaliseKpiValue(text);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) return 'format';
  const rule = RULES[unit];
  if ((match[2] ?? '').replace(/0+$/, '').length > rule.decimals) return 'decimals';
  if (Number(value) > rule.max) return 'range';
  return null;
}

export function kpiMax(unit: KpiUnit): number {
  return RULES[unit].max;
}

export function kpiDecimals(unit: KpiUnit): number {
  return RULES[unit].decimals;
}
