import { describe, expect, it } from 'vitest';
import { basisPointsToInput, centsToAmountInput, formToTerms, kpiValueToApi, kpiValueToInput, percentToBasisPoints, termsToForm, type Terms } from './clause-form';

const bp = (input: string, lang = 'fr') => {
  const r = percentToBasisPoints(input, lang);
  return r.ok ? r.basisPoints : r.reason;
};

const full: Terms = {
  articles: { report: 'Art. 12.3', execution_condition: 'Art. 12.2' },
  reporting: {
    frequency: 'quarterly',
    dueDays: 30,
    kpis: [
      { code: 'AUDITED_SITES', name: 'Tier-1 sites audited', unit: 'percent', direction: 'higher', target: '90', amberThreshold: '75.5' },
      { code: 'OPEN_GRIEVANCES', name: 'Grievances open', unit: 'count', direction: 'lower', target: '0' },
    ],
  },
  reassessment: { intervalMonths: 12, responseDays: 30 },
  noticeResponseDays: 15,
  noticeRemedyDays: 30,
  planDeadlineDays: 30,
  penalties: { perDefault: { kind: 'fixed', amountCents: 50_000 }, perDay: { amountCents: 5_001, cap: { basisPoints: 100 } }, cumulativeCap: { basisPoints: 1_000 } },
  lateFines: { ratePerDayBasisPoints: 10, capBasisPoints: 750, deliverableValueCents: { report: 200_000, action: 100_000 } },
  bonusMalus: [{ kpiCode: 'AUDITED_SITES', bonusCentsPerUnit: 10_000, malusCentsPerUnit: 20_000, capCents: 250_000 }],
};

describe('percentages → basis points', () => {
  it('reads the edge cases exactly', () => {
    expect(bp('0')).toBe(0);
    expect(bp('0,01')).toBe(1);
    expect(bp('7,5')).toBe(750);
    expect(bp('7,5 %')).toBe(750);
    expect(bp('100')).toBe(10_000);
    expect(bp('0,29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floats
    expect(bp('0.1', 'en')).toBe(10);
  });

  it('refuses rather than rounds a third decimal, and refuses text', () => {
    expect(bp('0,005')).toBe('decimals');
    expect(bp('1,005')).toBe('decimals');
    expect(bp('')).toBe('required');
    expect(bp('-1')).toBe('format');
    expect(bp('abc')).toBe('format');
  });

  it('round-trips every basis point from 0 to 10000', () => {
    for (let n = 0; n <= 10_000; n++) {
      expect(bp(basisPointsToInput(n, 'fr'))).toBe(n);
      expect(bp(basisPointsToInput(n, 'en'), 'en')).toBe(n);
    }
    expect(basisPointsToInput(750, 'fr')).toBe('7,5');
    expect(basisPointsToInput(1, 'nl')).toBe('0,01');
    expect(basisPointsToInput(1000, 'fr')).toBe('10');
  });
});

describe('amounts and KPI values', () => {
  it('shows cents without needless zeros and reads them back', () => {
    expect(centsToAmountInput(50_000, 'fr')).toBe('500');
    expect(centsToAmountInput(5, 'fr')).toBe('0,05');
    expect(centsToAmountInput(123_456, 'nl')).toBe('1234,56');
    expect(centsToAmountInput(0, 'fr')).toBe('0');
  });

  it('writes KPI decimals with a dot for the API and a comma for the reader', () => {
    expect(kpiValueToApi(' 12,5 ', 'fr')).toBe('12.5');
    expect(kpiValueToApi('12.5', 'en')).toBe('12.5');
    expect(kpiValueToInput('75.5', 'nl')).toBe('75,5');
  });
});

describe('form ↔ terms', () => {
  it('prefills from the clause in force and gives the same terms back', () => {
    const form = termsToForm(full, 'fr');
    expect(form.perDayAmount).toBe('50,01');
    expect(form.cumulativeCapRate).toBe('10');
    expect(form.lateRate).toBe('0,1');
    expect(form.kpis[0].amberThreshold).toBe('75,5');
    const back = formToTerms(form, 'fr');
    expect(back).toEqual({ ok: true, terms: full });
  });

  it('starts a first clause from the legal defaults', () => {
    const result = formToTerms(termsToForm(undefined, 'nl'), 'nl');
    expect(result).toEqual({ ok: true, terms: { articles: {}, reporting: { frequency: 'quarterly', dueDays: 30, kpis: [] }, noticeResponseDays: 15, noticeRemedyDays: 30, planDeadlineDays: 30 } });
  });

  it('converts typed euros and percentages, and names the fields it cannot read by their API path', () => {
    const form = { ...termsToForm(undefined, 'fr'), perDefaultKind: 'fixed' as const, perDefaultAmount: '1.234,56', cumulativeCapRate: '12,5', perDayAmount: '10,001', noticeResponseDays: '1,5' };
    expect(formToTerms(form, 'fr')).toEqual({ ok: false, errors: { 'terms.penalties.perDay.amountCents': 'decimals', 'terms.noticeResponseDays': 'integer' } });
    const fixed = formToTerms({ ...form, perDayAmount: '10', noticeResponseDays: '20' }, 'fr');
    expect(fixed.ok && fixed.terms.penalties).toEqual({ perDefault: { kind: 'fixed', amountCents: 123_456 }, perDay: { amountCents: 1_000 }, cumulativeCap: { basisPoints: 1_250 } });
  });

  it('requires the amounts a chosen rule needs', () => {
    const form = { ...termsToForm(undefined, 'fr'), perDefaultKind: 'percent' as const, perDayCapRate: '1', lateFines: true };
    const result = formToTerms(form, 'fr');
    expect(result.ok ? {} : result.errors).toEqual({
      'terms.penalties.perDefault.basisPoints': 'required',
      'terms.penalties.perDay.amountCents': 'required',
      'terms.lateFines.ratePerDayBasisPoints': 'required',
      'terms.lateFines.capBasisPoints': 'required',
    });
  });
});
