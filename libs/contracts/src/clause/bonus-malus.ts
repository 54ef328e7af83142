/**
 * KPI results against their targets, and the bonus or malus they earn for a reporting period.
 * Values are exact decimals (decimal.ts), amounts integer cents rounded half up once.
 */
import type { BonusMalusRule, KpiDefinition, KpiDirection } from './clause.types';
import { formatDecimal, parseDecimal } from './decimal';
import { assertNonNegativeInteger, multiplyCents, sumCents } from './money';

export type KpiColour = 'green' | 'amber' | 'red';

export interface KpiResult {
  code: string;
  value: string;
  target: string;
  direction: KpiDirection;
  /** Signed units by which the result beats (+) or misses (-) the target, canonical decimal. */
  margin: string;
  colour: KpiColour;
}

function decimal(text: string, what: string): bigint {
  const scaled = parseDecimal(text);
  if (scaled === null) throw new RangeError(`${what} is not a decimal with at most 4 decimals: ${text}`);
  return scaled;
}

/** How far `value` beats `reference` (negative when it falls short), given which direction is better. */
function beats(direction: KpiDirection, value: bigint, reference: bigint): bigint {
  return direction === 'higher' ? value - reference : reference - value;
}

/**
 * A KPI result: green when at least as good as the target, amber when worse but at least as good
 * as the amber threshold, red otherwise (red right away without a threshold).
 */
export function evaluateKpi(definition: KpiDefinition, value: string): KpiResult {
  const { code, direction } = definition;
  const scaledValue = decimal(value, `the value of ${code}`);
  const target = decimal(definition.target, `the target of ${code}`);
  const margin = beats(direction, scaledValue, target);
  const amber = definition.amberThreshold === undefined ? null : decimal(definition.amberThreshold, `the amber threshold of ${code}`);
  const colour: KpiColour = margin >= 0n ? 'green' : amber !== null && beats(direction, scaledValue, amber) >= 0n ? 'amber' : 'red';
  return { code, value: formatDecimal(scaledValue), target: formatDecimal(target), direction, margin: formatDecimal(margin), colour };
}

export interface BonusMalusLine {
  kpiCode: string;
  margin: string;
  /** + bonus, - malus. */
  amountCents: number;
  /** Whether the per-period cap cut the amount. */
  capped: boolean;
}

/**
 * The bonus (margin above target x bonusCentsPerUnit) or malus (shortfall x malusCentsPerUnit),
 * each rounded half up to the cent and capped at `capCents` per period, for every rule whose KPI
 * has a result (the first result of a code counts); rules without a result are skipped.
 */
export function computeBonusMalus(rules: BonusMalusRule[], results: KpiResult[]): { lines: BonusMalusLine[]; totalCents: number } {
  const resultByCode = new Map<string, KpiResult>();
  for (const result of results) if (!resultByCode.has(result.code)) resultByCode.set(result.code, result);
  const lines: BonusMalusLine[] = [];
  for (const rule of rules) {
    const result = resultByCode.get(rule.kpiCode);
    if (!result) continue;
    assertNonNegativeInteger(rule.bonusCentsPerUnit, `the bonus per unit of ${rule.kpiCode}`);
    assertNonNegativeInteger(rule.malusCentsPerUnit, `the malus per unit of ${rule.kpiCode}`);
    assertNonNegativeInteger(rule.capCents, `the cap of ${rule.kpiCode}`);
    const margin = decimal(result.margin, `the margin of ${rule.kpiCode}`);
    const uncapped = margin >= 0n ? multiplyCents(margin, rule.bonusCentsPerUnit) : multiplyCents(-margin, rule.malusCentsPerUnit);
    const amount = Math.min(uncapped, rule.capCents);
    lines.push({ kpiCode: rule.kpiCode, margin: formatDecimal(margin), amountCents: margin < 0n && amount !== 0 ? -amount : amount, capped: uncapped > rule.capCents });
  }
  return { lines, totalCents: sumCents(lines.map((line) => line.amountCents)) };
}
