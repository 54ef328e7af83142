import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

/** The portal's languages (the API also knows `de`, for mails; the portal offers these three). */
export const LANGUAGES = ['fr', 'nl', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const LANGUAGE_NAMES: Record<Language, string> = { fr: 'Français', nl: 'Nederlands', en: 'English' };

/**
 * Texts live per feature in `locales/<feature>.ts`, each exporting `{ en, fr, nl }` of flat keys
 * (`'auth.login.title'`); every file found there is loaded, so a feature adds its file and nothing else.
 */
type Feature = { default: Record<Language, Record<string, string>> };
const features = import.meta.glob<Feature>('./locales/*.ts', { eager: true });
const resources = Object.fromEntries(
  LANGUAGES.map((lang) => [lang, { translation: Object.assign({}, ...Object.values(features).map((f) => f.default[lang])) as Record<string, string> }]),
);

const STORAGE_KEY = 'ddp.language';

/** The language chosen here before, else the browser's first offered one; null when neither. */
export function initialLanguage(): Language | null {
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag?.slice(0, 2).toLowerCase();
    if (isLanguage(base)) return base;
  }
  return null;
}

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** A language the user picked: kept in this browser. */
export async function chooseLanguage(lang: Language): Promise<void> {
  safeStorage()?.setItem(STORAGE_KEY, lang);
  await i18n.changeLanguage(lang);
}

/** After login: the organisation's language, unless the user or the browser already gave one. */
export async function organisationLanguage(lang: string): Promise<void> {
  if (initialLanguage() === null && isLanguage(lang)) await i18n.changeLanguage(lang);
}

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage() ?? 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});
i18n.on('languageChanged', (lang) => document.documentElement.setAttribute('lang', lang));
document.documentElement.setAttribute('lang', i18n.language);

export default i18n;
