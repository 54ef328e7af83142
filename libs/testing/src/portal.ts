import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import { TestActor } from './factories';

/** The portal's languages as its browser tests use them, with the browser locale that picks each. */
export type PortalLanguage = 'fr' | 'nl' | 'en';
export const PORTAL_LOCALE: Record<PortalLanguage, 'fr-BE' | 'nl-BE' | 'en-GB'> = { fr: 'fr-BE', nl: 'nl-BE', en: 'en-GB' };
export const PORTAL_LANGUAGE_NAMES: Record<PortalLanguage, string> = { fr: 'Français', nl: 'Nederlands', en: 'English' };

type Locale = Record<PortalLanguage, Record<string, string>>;
const LOCALES = join(__dirname, '../../../apps/web/src/i18n/locales');

/**
 * The portal's own text for `key` in `lang`, with `{{name}}` filled in as i18next does: tests find
 * buttons and headings by what the user reads, and follow the texts when they change. Every
 * feature's file in apps/web/src/i18n/locales is loaded, as the portal loads them.
 */
export function portalTexts(lang: PortalLanguage): (key: string, vars?: Record<string, string | number>) => string {
  const all: Record<string, string> = {};
  for (const file of readdirSync(LOCALES).filter((f) => f.endsWith('.ts'))) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const locale = (require(join(LOCALES, file)) as { default: Locale }).default;
    Object.assign(all, locale[lang]);
  }
  return (key, vars = {}) => {
    const text = all[key];
    if (text === undefined) throw new Error(`no ${lang} text for ${key}`);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(vars[name] ?? ''));
  };
}

/** `text` as a regular expression matching it literally. */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A field label as Mantine renders it (a required field's label ends with an asterisk). */
export const fieldLabel = (text: string): RegExp => new RegExp(`^${escapeRegExp(text)}( \\*)?$`);

/** A calendar date `days` from today (UTC), as date inputs take it (YYYY-MM-DD). */
export const isoDateInDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The smallest valid PDF: evidence and attachments in browser tests. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

/**
 * Logs `actor` in through the login page and waits for the page they land on: suppliers on what
 * is due, buyers and auditors on their dashboard, the platform admin on the organisations.
 */
export async function logInToPortal(page: Page, actor: Pick<TestActor, 'password'> & { user: { email: string }; organisation: { kind: string } }, lang: PortalLanguage): Promise<void> {
  const tr = portalTexts(lang);
  await page.goto('/');
  await page.getByRole('heading', { level: 1, name: tr('auth.login.title') }).waitFor();
  await page.getByLabel(tr('auth.login.email')).fill(actor.user.email);
  await page.getByLabel(tr('auth.login.password')).fill(actor.password);
  await page.getByRole('button', { name: tr('auth.login.submit') }).click();
  const kind = actor.organisation.kind;
  const landing = kind === 'supplier' ? tr('home.title') : kind === 'platform' ? tr('nav.organisations') : tr('nav.dashboard');
  await page.getByRole('heading', { level: 1, name: landing }).waitFor();
}
