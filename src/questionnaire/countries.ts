/**
 * Countries as ISO 3166-1 alpha-2 codes, with names in the respondent's language from
 * i18n-iso-countries (a maintained package that follows the standard's updates). A language's
 * names are loaded the first time they are asked for.
 */
import countries from 'i18n-iso-countries';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const loaded = new Map<string, boolean>();

/** Base language of a BCP-47 tag: `ru-RU` -> `ru`. */
function base(language: string): string {
  return language.split('-')[0]!.toLowerCase();
}

function ensureLocale(language: string): boolean {
  const code = base(language);
  let ok = loaded.get(code);
  if (ok === undefined) {
    ok = /^[a-z]{2,3}$/.test(code);
    if (ok) {
      try {
        countries.registerLocale(
          require(`i18n-iso-countries/langs/${code}.json`) as countries.LocaleData,
        );
      } catch {
        ok = false;
      }
    }
    loaded.set(code, ok);
  }
  return ok;
}

export function isKnownCountry(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && countries.isValid(code);
}

export function hasCountryNames(language: string): boolean {
  return ensureLocale(language);
}

/** Every country as [code, name], sorted by name in the given language. */
export function countryList(language: string): [string, string][] {
  const lang = ensureLocale(language) ? base(language) : 'en';
  ensureLocale(lang);
  const names = countries.getNames(lang, { select: 'official' });
  return Object.entries(names).sort((a, b) => a[1].localeCompare(b[1], lang));
}

export function countryName(code: string, language: string): string | undefined {
  const lang = ensureLocale(language) ? base(language) : 'en';
  ensureLocale(lang);
  return countries.getName(code, lang, { select: 'official' });
}
