import type { Cell, Worksheet } from 'exceljs';

/** The value a cell shows: a constant, or the cached result of its formula (labels and look-ups are formulas). */
export type ShownValue = string | number | boolean | Date | { error: string } | null;

export function shownValue(cell: Cell): ShownValue {
  return unwrap(cell.value);
}

function unwrap(value: unknown): ShownValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if ('formula' in v || 'sharedFormula' in v) return 'result' in v ? unwrap(v.result) : null;
    if ('result' in v) return unwrap(v.result);
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text: string }>).map((r) => r.text).join('');
    if ('text' in v) return unwrap(v.text);
    if (typeof v.error === 'string') return { error: v.error };
  }
  return null;
}

/** The text of a cell, trimmed; null when empty or an error (e.g. a look-up's #N/A). */
export function cellText(sheet: Worksheet, address: string): string | null {
  const value = shownValue(sheet.getCell(address));
  if (value === null || typeof value === 'object') {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return null;
  }
  const text = String(value).trim();
  return text === '' ? null : text.slice(0, 2000);
}

export const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
}

/**
 * A calendar date from a date cell (YYYY-MM-DD): a real date, a date serial number, or text in
 * ISO form (YYYY-MM-DD). Anything else is an error message; empty is null.
 */
export function cellDate(sheet: Worksheet, address: string): { date: string | null; error?: string } {
  const value = shownValue(sheet.getCell(address));
  if (value === null || (typeof value === 'string' && value.trim() === '')) return { date: null };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { date: null, error: 'is not a valid date' } : { date: value.toISOString().slice(0, 10) };
  if (typeof value === 'number' && value > 0 && value < 2_958_466) return { date: new Date(EXCEL_EPOCH_MS + Math.floor(value) * 86_400_000).toISOString().slice(0, 10) };
  if (typeof value === 'string' && isCalendarDate(value.trim())) return { date: value.trim() };
  const found = typeof value === 'object' ? (value as { error: string }).error : String(value).slice(0, 50);
  return { date: null, error: `must be a date (a date cell, or text as YYYY-MM-DD); found "${found}"` };
}
