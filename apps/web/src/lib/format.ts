import i18n from '../i18n/i18n';

const locale = (): string => ({ fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' })[i18n.language] ?? 'en-GB';

/** A calendar date (`YYYY-MM-DD`, e.g. a legal deadline) as written in the chosen language; never shifted by time zones. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
}

/** An instant, in `timeZone` (the contract's) when given, else the browser's. */
export function formatDateTime(value: string | Date | null | undefined, timeZone?: string): string {
  if (!value) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(value));
}

/** Integer cents with their currency, e.g. 70000 EUR → "€ 700,00" in Dutch. */
export function formatMoney(cents: number, currency: string): string {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(cents / 100);
}

export function formatNumber(value: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(), options).format(value);
}

/** A country's name in the chosen language (e.g. VN → "Vietnam" in Dutch); the ISO code when the browser has no name for it. */
export function formatCountry(code: string): string {
  try {
    return new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' }).of(code) ?? code;
  } catch {
    return code;
  }
}
