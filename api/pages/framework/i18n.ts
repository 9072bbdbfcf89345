import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import type { Language } from '../../../workflows/application/messages';

/** The page languages, in the order the switcher shows them. */
export const PAGE_LANGUAGES: readonly Language[] = ['fi', 'sv', 'en'];

/** Where the catalogs live: api/pages/locales/<language>/<namespace>.json. */
export const LOCALES_DIR = path.join(__dirname, '..', 'locales');

/** Reads every catalog of every language: { fi: { common: {...}, applicant: {...} }, ... }. */
export function readCatalogs(dir = LOCALES_DIR): Record<Language, Record<string, object>> {
  const out = {} as Record<Language, Record<string, object>>;
  for (const language of PAGE_LANGUAGES) {
    out[language] = {};
    for (const file of readdirSync(path.join(dir, language)).filter((f) => f.endsWith('.json'))) {
      out[language][file.slice(0, -'.json'.length)] = JSON.parse(readFileSync(path.join(dir, language, file), 'utf8')) as object;
    }
  }
  return out;
}

/**
 * One i18next instance for all pages, loaded synchronously at start from the JSON catalogs.
 * A key missing in a language falls back to Finnish (the test in test/pages keeps that from happening).
 */
export function createTranslations(dir = LOCALES_DIR) {
  const resources = readCatalogs(dir);
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: 'fi',
    fallbackLng: 'fi',
    supportedLngs: [...PAGE_LANGUAGES],
    ns: Object.keys(resources.fi),
    defaultNS: 'common',
    initAsync: false,
    // Nunjucks escapes on output; escaping here too would show &amp; on the page.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return {
    /** The translate function of one language; keys are `namespace:dotted.key` (common is the default namespace). */
    forLanguage: (language: Language): TFunction => instance.getFixedT(language),
  };
}

export type Translations = ReturnType<typeof createTranslations>;
