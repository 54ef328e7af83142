/**
 * Legal deadlines are calendar dates (`YYYY-MM-DD`, proleptic Gregorian, years 0001-9999) read in
 * the contract's IANA time zone: "due on D" means until the end of D where the contract is
 * executed. Date arithmetic is integer day counting; only `endOfDayInstant` and `todayIn` touch
 * instants, through Intl.DateTimeFormat, so this module runs unchanged in a browser.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function parseDate(date: string): CivilDate {
  const match = DATE.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new RangeError(`not a calendar date YYYY-MM-DD: ${date}`);
  }
  return { year, month, day };
}

function formatDate({ year, month, day }: CivilDate): string {
  if (year < 1 || year > 9999) throw new RangeError(`year ${year} is outside 0001-9999`);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
function epochDay({ year, month, day }: CivilDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The inverse of `epochDay` (H. Hinnant's civil_from_days). */
function civilDate(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function assertInteger(value: number, what: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${what} must be a whole number, got ${value}`);
}

/** `date` plus `days` calendar days (negative to go back). */
export function addDays(date: string, days: number): string {
  assertInteger(days, 'days');
  return formatDate(civilDate(epochDay(parseDate(date)) + days));
}

/** `date` plus `months` calendar months, the day clamped to the month's last day (2026-01-31 + 1 month = 2026-02-28). */
export function addMonths(date: string, months: number): string {
  assertInteger(months, 'months');
  const { year, month, day } = parseDate(date);
  const index = year * 12 + (month - 1) + months;
  const target = { year: Math.floor(index / 12), month: (((index % 12) + 12) % 12) + 1 };
  return formatDate({ ...target, day: Math.min(day, daysInMonth(target.year, target.month)) });
}

/** Calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysFrom(from: string, to: string): number {
  return epochDay(parseDate(to)) - epochDay(parseDate(from));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock fields at an instant in a zone; throws a RangeError for an unknown zone. */
function wallClock(timeZone: string, epochMs: number): CivilDate & { secondOfDay: number } {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US-u-ca-gregory-nu-latn', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  const fields: Record<string, number> = {};
  for (const part of formatter.formatToParts(epochMs)) fields[part.type] = Number(part.value);
  return {
    year: fields.year,
    month: fields.month,
    day: fields.day,
    secondOfDay: fields.hour * 3600 + fields.minute * 60 + fields.second,
  };
}

/** The zone's UTC offset in ms at an instant (wall clock minus UTC, whole seconds). */
function offsetAt(timeZone: string, epochMs: number): number {
  const wall = wallClock(timeZone, epochMs);
  const wallMs = epochDay(wall) * MS_PER_DAY + wall.secondOfDay * 1000;
  return wallMs - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The first instant of the calendar day after `date` in `timeZone`: a deadline on `date` passes
 * at that instant, so a response is in time while `instant < endOfDayInstant(date, timeZone)`.
 * Usually local midnight; when a DST change skips midnight, the instant the clock jumps; when
 * midnight happens twice, the earlier one.
 */
export function endOfDayInstant(date: string, timeZone: string): Date {
  const midnight = (epochDay(parseDate(date)) + 1) * MS_PER_DAY; // next day 00:00 wall clock, as if UTC
  // The offsets in force a day either side bracket any change around midnight.
  const before = offsetAt(timeZone, midnight - MS_PER_DAY);
  const after = offsetAt(timeZone, midnight + MS_PER_DAY);
  const exact = [midnight - before, midnight - after].filter((instant) => offsetAt(timeZone, instant) === midnight - instant);
  if (exact.length > 0) return new Date(Math.min(...exact));
  // Midnight falls in a gap (the clock jumps forward over it): find the jump, to the second.
  let lo = Math.floor((midnight - after) / 1000); // still the old offset
  let hi = Math.ceil((midnight - before) / 1000); // already the new offset
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(timeZone, mid * 1000) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi * 1000);
}

/** The calendar date in `timeZone` at `instant`. */
export function todayIn(timeZone: string, instant: Date): string {
  return formatDate(wallClock(timeZone, instant.getTime()));
}

export const REMINDER_STAGES = ['due_in_7', 'due_in_3', 'due_in_1', 'missed'] as const;
export type ReminderStage = (typeof REMINDER_STAGES)[number];

/**
 * The reminder a deliverable due on `due` calls for on `today`: 'due_in_7' 4 to 7 days ahead,
 * 'due_in_3' 2 or 3 days ahead, 'due_in_1' the day before, nothing on the day itself, 'missed'
 * during the 7 days after, nothing otherwise. A caller records each (item, stage) once, so a
 * worker that was down on D-7 and runs on D-5 still sends the 7-day stage, once.
 */
export function reminderStage(today: string, due: string): ReminderStage | null {
  const daysLeft = daysFrom(today, due);
  if (daysLeft >= 4 && daysLeft <= 7) return 'due_in_7';
  if (daysLeft >= 2 && daysLeft <= 3) return 'due_in_3';
  if (daysLeft === 1) return 'due_in_1';
  if (daysLeft >= -7 && daysLeft <= -1) return 'missed';
  return null;
}
