import { afterEach, describe, expect, it } from 'vitest';
import i18n from '../i18n/i18n';
import { formatDate, formatDateTime, formatMoney } from './format';

describe('formatting for the chosen language', () => {
  afterEach(() => i18n.changeLanguage('en'));

  it('writes calendar dates without shifting them by a time zone', async () => {
    await i18n.changeLanguage('nl');
    expect(formatDate('2027-04-30')).toBe('30 apr 2027');
    await i18n.changeLanguage('fr');
    expect(formatDate('2027-01-01')).toBe('1 janv. 2027');
    expect(formatDate(null)).toBe('—');
  });

  it('writes money from integer cents with the currency of the language', async () => {
    await i18n.changeLanguage('nl');
    expect(formatMoney(7_000_000, 'EUR').replace(/\s/g, ' ')).toBe('€ 70.000,00');
    await i18n.changeLanguage('fr');
    expect(formatMoney(-82_000, 'EUR').replace(/\s/g, ' ')).toBe('-820,00 €');
  });

  it('writes instants in the contract’s time zone', async () => {
    await i18n.changeLanguage('en');
    // 22:59:59 UTC on 30 April is 00:59 on 1 May in Brussels (summer time).
    expect(formatDateTime('2027-04-30T22:59:59Z', 'Europe/Brussels')).toContain('1 May 2027');
  });
});
