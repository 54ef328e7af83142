import fc from 'fast-check';
import { ClauseVersion, DEFAULT_CLAUSE_TERMS } from './clause/clause.types';
import { inForceOn, termsErrors } from './clause.service';

const version = (versionNumber: number, effectiveFrom: string): ClauseVersion => ({
  id: `v${versionNumber}`,
  contractId: 'c',
  versionNumber,
  effectiveFrom,
  terms: DEFAULT_CLAUSE_TERMS,
  createdAt: new Date(0),
});

describe('the clause in force on a date', () => {
  const versions = [version(1, '2027-01-01'), version(2, '2027-07-01'), version(3, '2028-01-01')];

  it('is the latest version effective on or before the date, the first before its start', () => {
    expect(inForceOn(versions, '2026-12-31')?.versionNumber).toBe(1);
    expect(inForceOn(versions, '2027-06-30')?.versionNumber).toBe(1);
    expect(inForceOn(versions, '2027-07-01')?.versionNumber).toBe(2);
    expect(inForceOn(versions, '2027-12-31')?.versionNumber).toBe(2);
    expect(inForceOn(versions, '2030-01-01')?.versionNumber).toBe(3);
    expect(inForceOn([], '2027-01-01')).toBeNull();
  });

  it('never answers a version that starts after the date, unless it is the first', () => {
    const day = fc.integer({ min: 0, max: 2000 }).map((n) => new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, (date) => {
        const found = inForceOn(versions, date)!;
        return found.effectiveFrom <= date || found.versionNumber === 1;
      }),
    );
  });
});

describe('cross-field rules of the terms', () => {
  it('names the duplicate KPI, the target out of its unit and the bonus/malus on an unknown KPI', () => {
    const errors = termsErrors({
      ...DEFAULT_CLAUSE_TERMS,
      reporting: {
        frequency: 'quarterly',
        dueDays: 30,
        kpis: [
          { code: 'A', name: 'a', unit: 'percent', direction: 'higher', target: '101' },
          { code: 'A', name: 'b', unit: 'count', direction: 'lower', target: '1.5', amberThreshold: '-1' },
        ],
      },
      bonusMalus: [{ kpiCode: 'B', bonusCentsPerUnit: 1, malusCentsPerUnit: 1, capCents: 1 }],
      penalties: { perDefault: { kind: 'percent', basisPoints: 10, minCents: 500, maxCents: 100 } },
    });
    expect(errors.map((e) => e.field)).toEqual([
      'terms.reporting.kpis.0.target',
      'terms.reporting.kpis.1.code',
      'terms.reporting.kpis.1.target',
      'terms.reporting.kpis.1.amberThreshold',
      'terms.bonusMalus.0.kpiCode',
      'terms.penalties.perDefault.maxCents',
    ]);
    expect(termsErrors(DEFAULT_CLAUSE_TERMS)).toEqual([]);
  });
});
