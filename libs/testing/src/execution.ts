/** A complete clause as a buyer writes it (quarterly reports with two KPIs, every money rule). */
export function fullTerms(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    articles: { report: 'Art. 12.3', assessment: 'Art. 12.1', action_plan: 'Art. 12.4', action: 'Art. 12.4', execution_condition: 'Art. 12.2' },
    reporting: {
      frequency: 'quarterly',
      dueDays: 30,
      kpis: [
        { code: 'AUDITED_SITES', name: 'Tier-1 sites audited', unit: 'percent', direction: 'higher', target: '90', amberThreshold: '75' },
        { code: 'OPEN_GRIEVANCES', name: 'Worker grievances open over 60 days', unit: 'count', direction: 'lower', target: '0' },
      ],
    },
    reassessment: { intervalMonths: 12, responseDays: 30 },
    noticeResponseDays: 15,
    noticeRemedyDays: 30,
    planDeadlineDays: 30,
    penalties: { perDefault: { kind: 'fixed', amountCents: 50_000 }, perDay: { amountCents: 5_000, cap: { basisPoints: 100 } }, cumulativeCap: { basisPoints: 1_000 } },
    lateFines: { ratePerDayBasisPoints: 10, capBasisPoints: 750, deliverableValueCents: { report: 200_000, action: 100_000 } },
    bonusMalus: [{ kpiCode: 'AUDITED_SITES', bonusCentsPerUnit: 10_000, malusCentsPerUnit: 20_000, capCents: 250_000 }],
    ...overrides,
  };
}
