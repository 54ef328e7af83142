/** Whole days from today (the browser's calendar date) to a calendar date `YYYY-MM-DD`; negative when past. */
export function daysUntil(date: string, today: Date = new Date()): number {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  const due = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((due - now) / 86_400_000);
}
