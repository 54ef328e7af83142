import fc from 'fast-check';
import { calendarDateIn, daysBetween, isCalendarDate, isTimeZone } from './calendar-date';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('1899-12-31')).toBe(false);
    expect(isCalendarDate(20260101)).toBe(false);
  });

  it('reads the date in the contract time zone', () => {
    // 23:30 UTC on 31 December is already 1 January in Brussels, still 31 December in New York.
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(calendarDateIn('Europe/Brussels', instant)).toBe('2027-01-01');
    expect(calendarDateIn('America/New_York', instant)).toBe('2026-12-31');
  });

  it('knows time zones', () => {
    expect(isTimeZone('Europe/Brussels')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('counts days across daylight-saving changes exactly', () => {
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    fc.assert(
      fc.property(fc.date({ min: new Date('1950-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }), fc.integer({ min: -3000, max: 3000 }), (date, days) => {
        const from = date.toISOString().slice(0, 10);
        const to = new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        return daysBetween(from, to) === days && isCalendarDate(from);
      }),
    );
  });
});
