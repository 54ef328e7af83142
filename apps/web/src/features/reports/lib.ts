import { downloadFile } from '../../api/files';

/** The If-Match header for a record's version (its ETag). */
export function ifMatch(version: number): { 'If-Match': string } {
  return { 'If-Match': `"${version}"` };
}

/** Today's calendar date (YYYY-MM-DD) in `timeZone` (the contract's; Europe/Brussels by default). */
export function todayIn(timeZone = 'Europe/Brussels', now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Calendar days from `from` to `to` (both YYYY-MM-DD); negative when `to` is before `from`. */
export function daysBetween(from: string, to: string): number {
  const utc = (d: string) => {
    const [y, m, day] = d.slice(0, 10).split('-').map(Number);
    return Date.UTC(y, m - 1, day);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** Days left until a calendar deadline, counted in the contract's time zone (negative: late). */
export function daysUntil(deadline: string, timeZone?: string): number {
  return daysBetween(todayIn(timeZone), deadline);
}

/** Downloads an evidence file through the session (bearer), as a blob URL the browser saves. */
export async function downloadEvidence(id: string, fileName: string): Promise<void> {
  await downloadFile(`/api/v1/evidence/${encodeURIComponent(id)}`, { fileName, fallbackName: fileName });
}

/** "400,50" or "400.50" (euros) → 40050 cents, exactly; null when not a valid amount. */
export function parseMoneyInput(text: string): number | null {
  const match = /^\s*(\d{1,12})(?:[.,](\d{1,2}))?\s*$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
