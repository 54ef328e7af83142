import fc from 'fast-check';
import { REPORTING_FREQUENCIES } from './clause.types';
import { addDays, daysFrom } from './deadlines';
import { periodsFrom, reportPeriods } from './report-schedule';

const isoDate = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);

describe('report periods', () => {
  it('follows calendar quarters, the first from the contract start', () => {
    expect(reportPeriods('quarterly', 30, '2026-02-15', '2026-12-31')).toEqual([
      { periodStart: '2026-02-15', periodEnd: '2026-03-31', dueDate: '2026-04-30' },
      { periodStart: '2026-04-01', periodEnd: '2026-06-30', dueDate: '2026-07-30' },
      { periodStart: '2026-07-01', periodEnd: '2026-09-30', dueDate: '2026-10-30' },
      { periodStart: '2026-10-01', periodEnd: '2026-12-31', dueDate: '2027-01-30' },
    ]);
  });

  it('clips the last period to the contract end', () => {
    expect(reportPeriods('monthly', 0, '2026-01-31', '2026-03-10')).toEqual([
      { periodStart: '2026-01-31', periodEnd: '2026-01-31', dueDate: '2026-01-31' },
      { periodStart: '2026-02-01', periodEnd: '2026-02-28', dueDate: '2026-02-28' },
      { periodStart: '2026-03-01', periodEnd: '2026-03-10', dueDate: '2026-03-10' },
    ]);
    expect(reportPeriods('semi_annual', 15, '2026-03-01', '2027-08-15')).toEqual([
      { periodStart: '2026-03-01', periodEnd: '2026-06-30', dueDate: '2026-07-15' },
      { periodStart: '2026-07-01', periodEnd: '2026-12-31', dueDate: '2027-01-15' },
      { periodStart: '2027-01-01', periodEnd: '2027-06-30', dueDate: '2027-07-15' },
      { periodStart: '2027-07-01', periodEnd: '2027-08-15', dueDate: '2027-08-30' },
    ]);
    expect(reportPeriods('annual', 60, '2026-05-05', '2026-05-05')).toEqual([{ periodStart: '2026-05-05', periodEnd: '2026-05-05', dueDate: '2026-07-04' }]);
    expect(reportPeriods('annual', 60, '2026-05-05', '2028-01-01').map((period) => period.periodEnd)).toEqual(['2026-12-31', '2027-12-31', '2028-01-01']);
  });

  it('refuses a contract that ends before it starts, or negative due days', () => {
    expect(() => reportPeriods('monthly', 30, '2026-05-05', '2026-05-04')).toThrow(RangeError);
    expect(() => reportPeriods('monthly', -1, '2026-05-05', '2026-06-04')).toThrow(RangeError);
    expect(() => reportPeriods('monthly', 30, '2026-02-30', '2026-06-04')).toThrow(RangeError);
  });

  it('selects the periods starting on or after a date', () => {
    const periods = reportPeriods('quarterly', 30, '2026-02-15', '2026-12-31');
    expect(periodsFrom(periods, '2026-04-01').map((period) => period.periodStart)).toEqual(['2026-04-01', '2026-07-01', '2026-10-01']);
    expect(periodsFrom(periods, '2026-04-02').map((period) => period.periodStart)).toEqual(['2026-07-01', '2026-10-01']);
    expect(periodsFrom(periods, '2027-01-01')).toEqual([]);
  });

  it('tiles the contract with contiguous calendar periods', () => {
    const monthsPer = { monthly: 1, quarterly: 3, semi_annual: 6, annual: 12 } as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...REPORTING_FREQUENCIES),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 18_000, max: 30_000 }),
        fc.integer({ min: 0, max: 3_000 }),
        (frequency, dueDays, startDay, length) => {
          const start = isoDate(startDay);
          const end = isoDate(startDay + length);
          const periods = reportPeriods(frequency, dueDays, start, end);
          const calendarPeriod = (date: string) => Number(date.slice(0, 4)) * 12 + Math.floor((Number(date.slice(5, 7)) - 1) / monthsPer[frequency]) * monthsPer[frequency];
          const covered = periods.reduce((days, period) => days + daysFrom(period.periodStart, period.periodEnd) + 1, 0);
          return (
            periods[0].periodStart === start &&
            periods[periods.length - 1].periodEnd === end &&
            covered === length + 1 &&
            periods.length === (calendarPeriod(end) - calendarPeriod(start)) / monthsPer[frequency] + 1 &&
            periods.every(
              (period, i) =>
                daysFrom(period.periodStart, period.periodEnd) >= 0 &&
                calendarPeriod(period.periodStart) === calendarPeriod(period.periodEnd) &&
                period.dueDate === addDays(period.periodEnd, dueDays) &&
                period.dueDate >= period.periodEnd &&
                (i === 0 || periods[i - 1].periodEnd === addDays(period.periodStart, -1)),
            )
          );
        },
      ),
    );
  });
});
