/**
 * The reporting calendar of a contract: which periods a supplier reports on and by when.
 */
import type { ReportingFrequency } from './clause.types';
import { addDays, addMonths, daysFrom } from './deadlines';
import { assertNonNegativeInteger } from './money';

/** A reporting period, bounds inclusive, and the calendar date its report is due. */
export interface ReportPeriod {
  periodStart: string;
  periodEnd: string;
  dueDate: string;
}

/** Calendar months per period; periods start in January and every that many months after. */
const MONTHS_PER_PERIOD: Record<ReportingFrequency, number> = {
  monthly: 1,
  quarterly: 3,
  semi_annual: 6,
  annual: 12,
};

/** The last day of the calendar period (month, quarter, half year, year) holding `date`. */
function endOfCalendarPeriod(date: string, months: number): string {
  const month = Number(date.slice(5, 7));
  const firstMonth = Math.floor((month - 1) / months) * months + 1;
  const periodStart = `${date.slice(0, 4)}-${String(firstMonth).padStart(2, '0')}-01`;
  return addDays(addMonths(periodStart, months), -1);
}

/**
 * The periods a contract running from `contractStart` to `contractEnd` (inclusive) reports on:
 * calendar periods (quarters start in January, April, July, October; halves in January and
 * July), the first starting with the contract and the last cut at its end, each report due
 * `dueDays` calendar days after its period ends.
 */
export function reportPeriods(frequency: ReportingFrequency, dueDays: number, contractStart: string, contractEnd: string): ReportPeriod[] {
  assertNonNegativeInteger(dueDays, 'dueDays');
  if (daysFrom(contractStart, contractEnd) < 0) throw new RangeError(`the contract ends (${contractEnd}) before it starts (${contractStart})`);
  const months = MONTHS_PER_PERIOD[frequency];
  const periods: ReportPeriod[] = [];
  let periodStart = contractStart;
  for (;;) {
    const calendarEnd = endOfCalendarPeriod(periodStart, months);
    const periodEnd = calendarEnd < contractEnd ? calendarEnd : contractEnd;
    periods.push({ periodStart, periodEnd, dueDate: addDays(periodEnd, dueDays) });
    if (periodEnd === contractEnd) return periods;
    periodStart = addDays(periodEnd, 1);
  }
}

/** The periods starting on or after `date` (YYYY-MM-DD), e.g. those a new clause version governs. */
export function periodsFrom(periods: ReportPeriod[], date: string): ReportPeriod[] {
  return periods.filter((period) => period.periodStart >= date);
}
