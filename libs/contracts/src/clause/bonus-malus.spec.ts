import fc from 'fast-check';
import type { BonusMalusRule, KpiDefinition, KpiDirection } from './clause.types';
import { computeBonusMalus, evaluateKpi, KpiResult } from './bonus-malus';
import { formatDecimal, parseDecimal } from './decimal';

const kpi = (direction: KpiDirection, target: string, amberThreshold?: string): KpiDefinition => ({
  code: 'AUDITED_SITES',
  name: 'Audited sites',
  unit: 'percent',
  direction,
  target,
  amberThreshold,
});

describe('KPI results', () => {
  it('colours a higher-is-better KPI', () => {
    expect(evaluateKpi(kpi('higher', '95', '90'), '97.5')).toEqual({ code: 'AUDITED_SITES', value: '97.5', target: '95', direction: 'higher', margin: '2.5', colour: 'green' });
    expect(evaluateKpi(kpi('higher', '95', '90'), '95.00')).toMatchObject({ value: '95', margin: '0', colour: 'green' });
    expect(evaluateKpi(kpi('higher', '95', '90'), '93')).toMatchObject({ margin: '-2', colour: 'amber' });
    expect(evaluateKpi(kpi('higher', '95', '90'), '90')).toMatchObject({ margin: '-5', colour: 'amber' });
    expect(evaluateKpi(kpi('higher', '95', '90'), '89.99')).toMatchObject({ margin: '-5.01', colour: 'red' });
    expect(evaluateKpi(kpi('higher', '95'), '94.99')).toMatchObject({ margin: '-0.01', colour: 'red' });
  });

  it('colours a lower-is-better KPI', () => {
    expect(evaluateKpi(kpi('lower', '2', '4'), '1.5')).toMatchObject({ margin: '0.5', colour: 'green' });
    expect(evaluateKpi(kpi('lower', '2', '4'), '3')).toMatchObject({ margin: '-1', colour: 'amber' });
    expect(evaluateKpi(kpi('lower', '2', '4'), '4')).toMatchObject({ margin: '-2', colour: 'amber' });
    expect(evaluateKpi(kpi('lower', '2', '4'), '4.5')).toMatchObject({ margin: '-2.5', colour: 'red' });
  });

  it('refuses values that are not decimals', () => {
    expect(() => evaluateKpi(kpi('higher', '95'), 'high')).toThrow(RangeError);
    expect(() => evaluateKpi(kpi('higher', '95%'), '95')).toThrow(RangeError);
    expect(() => evaluateKpi(kpi('higher', '95', 'x'), '95')).toThrow(RangeError);
  });
});

describe('bonus and malus', () => {
  const rule: BonusMalusRule = { kpiCode: 'AUDITED_SITES', bonusCentsPerUnit: 10_000, malusCentsPerUnit: 20_000, capCents: 50_000 };
  const result = (margin: string, code = 'AUDITED_SITES'): KpiResult => ({ code, value: '0', target: '0', direction: 'higher', margin, colour: 'green' });

  it('pays a bonus for beating the target and charges a malus for missing it, each capped', () => {
    expect(computeBonusMalus([rule], [result('2.5')])).toEqual({ lines: [{ kpiCode: 'AUDITED_SITES', margin: '2.5', amountCents: 25_000, capped: false }], totalCents: 25_000 });
    expect(computeBonusMalus([rule], [result('7')]).lines[0]).toMatchObject({ amountCents: 50_000, capped: true });
    expect(computeBonusMalus([rule], [result('-2')]).lines[0]).toMatchObject({ amountCents: -40_000, capped: false });
    expect(computeBonusMalus([rule], [result('-3')]).lines[0]).toMatchObject({ amountCents: -50_000, capped: true });
    expect(computeBonusMalus([rule], [result('0')]).lines[0]).toMatchObject({ amountCents: 0, capped: false });
  });

  it('rounds half a cent away from zero, and never yields -0', () => {
    const cent: BonusMalusRule = { kpiCode: 'A', bonusCentsPerUnit: 1, malusCentsPerUnit: 1, capCents: 100 };
    expect(computeBonusMalus([cent], [result('0.5', 'A')]).totalCents).toBe(1);
    expect(computeBonusMalus([cent], [result('-0.5', 'A')]).totalCents).toBe(-1);
    expect(Object.is(computeBonusMalus([cent], [result('-0.4999', 'A')]).lines[0].amountCents, 0)).toBe(true);
  });

  it('skips rules without a result and totals the rest', () => {
    const other: BonusMalusRule = { kpiCode: 'LEAD_TIME', bonusCentsPerUnit: 100, malusCentsPerUnit: 1_000, capCents: 5_000 };
    const unreported: BonusMalusRule = { kpiCode: 'MISSING', bonusCentsPerUnit: 100, malusCentsPerUnit: 100, capCents: 100 };
    const { lines, totalCents } = computeBonusMalus([rule, other, unreported], [result('1'), result('-1.25', 'LEAD_TIME'), result('9', 'AUDITED_SITES')]);
    expect(lines.map((line) => [line.kpiCode, line.amountCents])).toEqual([['AUDITED_SITES', 10_000], ['LEAD_TIME', -1_250]]);
    expect(totalCents).toBe(8_750);
    expect(computeBonusMalus([], [result('1')])).toEqual({ lines: [], totalCents: 0 });
    expect(() => computeBonusMalus([{ ...rule, capCents: -1 }], [result('1')])).toThrow(RangeError);
  });

  const scaled = fc.bigInt({ min: 0n, max: 1_000_000n }); // 0 .. 100 with 4 decimals
  const rules = fc.record({
    kpiCode: fc.constant('AUDITED_SITES'),
    bonusCentsPerUnit: fc.integer({ min: 0, max: 1_000_000 }),
    malusCentsPerUnit: fc.integer({ min: 0, max: 1_000_000 }),
    capCents: fc.integer({ min: 0, max: 100_000_000 }),
  });
  const line = (bonusRule: BonusMalusRule, direction: KpiDirection, target: bigint, value: bigint) =>
    computeBonusMalus([bonusRule], [evaluateKpi(kpi(direction, formatDecimal(target)), formatDecimal(value))]).lines[0];

  it('stays within the cap, with the sign of the margin', () => {
    fc.assert(
      fc.property(rules, fc.constantFrom<KpiDirection>('higher', 'lower'), scaled, scaled, (bonusRule, direction, target, value) => {
        const { amountCents, margin } = line(bonusRule, direction, target, value);
        const sign = Math.sign(Number(parseDecimal(margin)));
        return Number.isSafeInteger(amountCents) && Math.abs(amountCents) <= bonusRule.capCents && (amountCents === 0 || Math.sign(amountCents) === sign);
      }),
    );
  });

  it('pays more, or charges less, as the value improves', () => {
    fc.assert(
      fc.property(rules, fc.constantFrom<KpiDirection>('higher', 'lower'), scaled, scaled, scaled, (bonusRule, direction, target, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const [worse, better] = direction === 'higher' ? [low, high] : [high, low];
        return line(bonusRule, direction, target, better).amountCents >= line(bonusRule, direction, target, worse).amountCents;
      }),
    );
  });
});
