import fc from 'fast-check';
import { addDays, addMonths, daysFrom, endOfDayInstant, reminderStage, REMINDER_STAGES, todayIn } from './deadlines';

const isoDate = (epochDay: number) => new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
const anyDate = fc.integer({ min: -25_567, max: 47_482 }).map(isoDate); // 1900-01-01 .. 2099-12-31

describe('calendar arithmetic', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29');
    expect(addDays('2100-02-28', 1)).toBe('2100-03-01');
    expect(addDays('0001-01-01', 0)).toBe('0001-01-01');
    expect(() => addDays('0001-01-01', -1)).toThrow(RangeError);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-1-01', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });

  it('adds months, clamping the day to the end of the month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
    expect(addMonths('2026-05-31', 1)).toBe('2026-06-30');
    expect(addMonths('2026-12-15', 1)).toBe('2027-01-15');
    expect(addMonths('2026-01-15', -13)).toBe('2024-12-15');
    expect(addMonths('2026-05-31', 12)).toBe('2027-05-31');
    expect(() => addMonths('2026-05-31', 1.5)).toThrow(RangeError);
  });

  it('agrees with UTC day counting', () => {
    expect(daysFrom('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysFrom('2026-10-26', '2026-10-24')).toBe(-2);
    fc.assert(
      fc.property(fc.integer({ min: -25_567, max: 47_482 }), fc.integer({ min: -5_000, max: 5_000 }), (day, days) => {
        const from = isoDate(day);
        const to = isoDate(day + days);
        return daysFrom(from, to) === days && addDays(from, days) === to && addDays(to, -days) === from;
      }),
    );
  });

  it('moves months by the calendar', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -600, max: 600 }), (date, months) => {
        const result = addMonths(date, months);
        const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
        const day = Number(result.slice(8));
        const clamped = day < Number(date.slice(8)) && addDays(result, 1).slice(8) === '01';
        return monthIndex(result) - monthIndex(date) === months && (day === Number(date.slice(8)) || clamped);
      }),
    );
  });
});

describe('end of a calendar day in a time zone', () => {
  const end = (date: string, timeZone: string) => endOfDayInstant(date, timeZone).toISOString();

  it('ends at the next local midnight, across Brussels DST changes', () => {
    expect(end('2026-03-28', 'Europe/Brussels')).toBe('2026-03-28T23:00:00.000Z');
    expect(end('2026-03-29', 'Europe/Brussels')).toBe('2026-03-29T22:00:00.000Z'); // a 23-hour day
    expect(end('2026-10-24', 'Europe/Brussels')).toBe('2026-10-24T22:00:00.000Z');
    expect(end('2026-10-25', 'Europe/Brussels')).toBe('2026-10-25T23:00:00.000Z'); // a 25-hour day
    expect(end('2026-12-31', 'Europe/Brussels')).toBe('2026-12-31T23:00:00.000Z');
  });

  it('handles other zones: New York, Tokyo, Chatham (+12:45/+13:45)', () => {
    expect(end('2026-03-07', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(end('2026-03-08', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
    expect(end('2026-10-31', 'America/New_York')).toBe('2026-11-01T04:00:00.000Z');
    expect(end('2026-11-01', 'America/New_York')).toBe('2026-11-02T05:00:00.000Z');
    expect(end('2026-06-15', 'Asia/Tokyo')).toBe('2026-06-15T15:00:00.000Z');
    expect(end('2026-04-04', 'Pacific/Chatham')).toBe('2026-04-04T10:15:00.000Z');
    expect(end('2026-04-05', 'Pacific/Chatham')).toBe('2026-04-05T11:15:00.000Z');
    expect(end('2026-09-26', 'Pacific/Chatham')).toBe('2026-09-26T11:15:00.000Z');
    expect(end('2026-09-27', 'Pacific/Chatham')).toBe('2026-09-27T10:15:00.000Z');
    expect(end('2026-06-15', 'UTC')).toBe('2026-06-16T00:00:00.000Z');
  });

  it('takes the jump when midnight is skipped, the first midnight when it repeats', () => {
    // Santiago skips from 24:00 on 5 September to 01:00 on the 6th.
    expect(end('2026-09-05', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    // Havana skips 00:00-01:00 on 8 March and repeats it on 1 November.
    expect(end('2026-03-07', 'America/Havana')).toBe('2026-03-08T05:00:00.000Z');
    expect(end('2026-10-31', 'America/Havana')).toBe('2026-11-01T04:00:00.000Z');
  });

  it('refuses unknown zones and impossible dates', () => {
    expect(() => endOfDayInstant('2026-01-01', 'Mars/Olympus')).toThrow(RangeError);
    expect(() => endOfDayInstant('2026-02-29', 'UTC')).toThrow(RangeError);
  });

  it('is the first instant of the next local day, in any of these zones', () => {
    const zones = ['Europe/Brussels', 'America/New_York', 'Asia/Tokyo', 'Pacific/Chatham', 'America/Santiago', 'America/Havana', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24_837 }).map(isoDate), fc.constantFrom(...zones), (date, zone) => {
        const instant = endOfDayInstant(date, zone).getTime();
        return todayIn(zone, new Date(instant)) === addDays(date, 1) && todayIn(zone, new Date(instant - 1)) === date;
      }),
      { numRuns: 500 },
    );
  });

  it('reads today in a zone', () => {
    const instant = new Date('2026-12-31T23:30:00Z');
    expect(todayIn('Europe/Brussels', instant)).toBe('2027-01-01');
    expect(todayIn('America/New_York', instant)).toBe('2026-12-31');
    expect(todayIn('Pacific/Chatham', new Date('2026-06-15T11:14:59Z'))).toBe('2026-06-15');
    expect(todayIn('Pacific/Chatham', new Date('2026-06-15T11:15:00Z'))).toBe('2026-06-16');
  });
});

describe('reminder stages', () => {
  it('follows the days left', () => {
    const due = '2026-06-15';
    const stages = Array.from({ length: 21 }, (_, i) => 10 - i).map((daysLeft) => [daysLeft, reminderStage(addDays(due, -daysLeft), due)]);
    expect(stages).toEqual([
      [10, null], [9, null], [8, null],
      [7, 'due_in_7'], [6, 'due_in_7'], [5, 'due_in_7'], [4, 'due_in_7'],
      [3, 'due_in_3'], [2, 'due_in_3'],
      [1, 'due_in_1'],
      [0, null],
      [-1, 'missed'], [-2, 'missed'], [-3, 'missed'], [-4, 'missed'], [-5, 'missed'], [-6, 'missed'], [-7, 'missed'],
      [-8, null], [-9, null], [-10, null],
    ]);
    expect(REMINDER_STAGES).toEqual(['due_in_7', 'due_in_3', 'due_in_1', 'missed']);
  });
});
