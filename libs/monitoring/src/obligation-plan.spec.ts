import { ClauseTerms, ClauseVersion, DEFAULT_CLAUSE_TERMS, ReportingTerms } from '@ddp/contracts';
import { ExistingObligation, planObligations, PlannedObligation } from './obligation-plan';

const TERM = { startDate: '2026-01-01', endDate: '2027-12-31' };
const quarterly: ReportingTerms = { frequency: 'quarterly', dueDays: 30, kpis: [] };
const monthly: ReportingTerms = { frequency: 'monthly', dueDays: 10, kpis: [] };

function version(n: number, effectiveFrom: string, reporting?: ReportingTerms): ClauseVersion {
  const terms: ClauseTerms = { ...DEFAULT_CLAUSE_TERMS, ...(reporting ? { reporting } : {}) };
  return { id: `v${n}`, contractId: 'c', versionNumber: n, effectiveFrom, terms, createdAt: new Date(0) };
}

/** What applying a plan leaves: the kept obligations and the created ones, as existing rows. */
function apply(existing: ExistingObligation[], plan: { supersede: string[]; create: PlannedObligation[] }): ExistingObligation[] {
  const created = plan.create.map((p, i) => ({ id: `new-${p.periodStart}-${i}`, clauseId: p.clauseId, periodStart: p.periodStart, periodEnd: p.periodEnd, hasReport: false }));
  return [...existing.filter((o) => !plan.supersede.includes(o.id)), ...created].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
}

describe('planObligations', () => {
  it('covers the whole term with the first version', () => {
    const plan = planObligations(TERM, [version(1, '2026-01-01', quarterly)], []);
    expect(plan.supersede).toEqual([]);
    expect(plan.create.map((p) => [p.periodStart, p.periodEnd, p.dueDate])).toEqual([
      ['2026-01-01', '2026-03-31', '2026-04-30'],
      ['2026-04-01', '2026-06-30', '2026-07-30'],
      ['2026-07-01', '2026-09-30', '2026-10-30'],
      ['2026-10-01', '2026-12-31', '2027-01-30'],
      ['2027-01-01', '2027-03-31', '2027-04-30'],
      ['2027-04-01', '2027-06-30', '2027-07-30'],
      ['2027-07-01', '2027-09-30', '2027-10-30'],
      ['2027-10-01', '2027-12-31', '2028-01-30'],
    ]);
  });

  it('plans nothing more once applied (idempotent)', () => {
    const versions = [version(1, '2026-01-01', quarterly), version(2, '2026-08-15', monthly)];
    const once = apply([], planObligations(TERM, versions, []));
    expect(planObligations(TERM, versions, once)).toEqual({ supersede: [], create: [] });
  });

  it('keeps past periods, supersedes the future ones of the old version and starts the new one after the last kept period', () => {
    const v1 = version(1, '2026-01-01', quarterly);
    const existing = apply([], planObligations(TERM, [v1], []));
    const v2 = version(2, '2026-08-15', monthly);
    const plan = planObligations(TERM, [v1, v2], existing);
    // Q3 2026 started before 15 August: kept although it runs past it; Q4 onwards superseded.
    expect(plan.supersede.sort()).toEqual(existing.filter((o) => o.periodStart >= '2026-10-01').map((o) => o.id).sort());
    expect(plan.create[0]).toEqual({ clauseId: 'v2', periodStart: '2026-10-01', periodEnd: '2026-10-31', dueDate: '2026-11-10' });
    expect(plan.create).toHaveLength(15);
    expect(plan.create.every((p) => p.clauseId === 'v2')).toBe(true);
  });

  it('never supersedes an obligation with a report, and plans nothing over it', () => {
    const v1 = version(1, '2026-01-01', quarterly);
    const existing = apply([], planObligations(TERM, [v1], [])).map((o) => (o.periodStart === '2026-10-01' ? { ...o, hasReport: true } : o));
    const plan = planObligations(TERM, [v1, version(2, '2026-10-01', monthly)], existing);
    expect(plan.supersede).not.toContain(existing.find((o) => o.periodStart === '2026-10-01')!.id);
    expect(plan.create[0].periodStart).toBe('2027-01-01');
  });

  it('cuts a version at the next one when nothing was generated before', () => {
    const plan = planObligations(TERM, [version(1, '2026-01-01', quarterly), version(2, '2026-08-15', monthly)], []);
    expect(plan.create.filter((p) => p.clauseId === 'v1').at(-1)).toEqual({ clauseId: 'v1', periodStart: '2026-07-01', periodEnd: '2026-08-14', dueDate: '2026-09-13' });
    expect(plan.create.find((p) => p.clauseId === 'v2')).toEqual({ clauseId: 'v2', periodStart: '2026-08-15', periodEnd: '2026-08-31', dueDate: '2026-09-10' });
  });

  it('supersedes the future obligations of a version when the next one drops reporting', () => {
    const v1 = version(1, '2026-01-01', quarterly);
    const existing = apply([], planObligations(TERM, [v1], []));
    const plan = planObligations(TERM, [v1, version(2, '2027-01-01')], existing);
    expect(plan.create).toEqual([]);
    expect(plan.supersede).toHaveLength(4);
  });
});
