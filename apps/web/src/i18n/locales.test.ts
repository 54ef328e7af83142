import { describe, expect, it } from 'vitest';

const features = import.meta.glob<{ default: Record<string, Record<string, string>> }>('./locales/*.ts', { eager: true });

describe('translations', () => {
  it.each(Object.entries(features))('%s has every key in fr, nl and en, none empty', (_file, { default: texts }) => {
    const keys = Object.keys(texts.en).sort();
    expect(keys.length).toBeGreaterThan(0);
    for (const lang of ['fr', 'nl'] as const) expect(Object.keys(texts[lang]).sort()).toEqual(keys);
    for (const lang of ['fr', 'nl', 'en'] as const) for (const key of keys) expect(texts[lang][key]?.trim(), `${lang} ${key}`).toBeTruthy();
  });

  it('no key is defined by two features', () => {
    const seen = new Map<string, string>();
    for (const [file, { default: texts }] of Object.entries(features)) {
      for (const key of Object.keys(texts.en)) {
        expect(seen.get(key), `${key} in ${file}`).toBeUndefined();
        seen.set(key, file);
      }
    }
  });
});
