/**
 * Language tags of multilingual columns. ODK writes `label::English (en)`; forms in the wild
 * also have `label::en` and `label::English`. Longitude keys texts by BCP-47 tag, so a column
 * must give its tag or name a language listed here.
 */
const byName: Record<string, string> = {
  english: 'en',
  russian: 'ru',
  русский: 'ru',
  ukrainian: 'uk',
  українська: 'uk',
  belarusian: 'be',
  kazakh: 'kk',
  georgian: 'ka',
  armenian: 'hy',
  azerbaijani: 'az',
  uzbek: 'uz',
  kyrgyz: 'ky',
  tajik: 'tg',
  turkish: 'tr',
  german: 'de',
  deutsch: 'de',
  french: 'fr',
  français: 'fr',
  spanish: 'es',
  español: 'es',
  portuguese: 'pt',
  italian: 'it',
  polish: 'pl',
  czech: 'cs',
  serbian: 'sr',
  romanian: 'ro',
  hungarian: 'hu',
  dutch: 'nl',
  swedish: 'sv',
  finnish: 'fi',
  estonian: 'et',
  latvian: 'lv',
  lithuanian: 'lt',
  greek: 'el',
  bulgarian: 'bg',
  hebrew: 'he',
  arabic: 'ar',
  persian: 'fa',
  farsi: 'fa',
  chinese: 'zh',
  hindi: 'hi',
  swahili: 'sw',
};

const tagPattern = /^([A-Za-z]{2,3})((?:-[A-Za-z0-9]{1,8})*)$/;

function normalTag(tag: string): string | undefined {
  const m = tagPattern.exec(tag);
  return m ? `${m[1]!.toLowerCase()}${m[2]}` : undefined;
}

/**
 * The tag of `English (en)`, `en`, or `English`; undefined when it cannot be told (an
 * unknown language name without its tag in brackets).
 */
export function languageTag(text: string): string | undefined {
  const trimmed = text.trim();
  const bracketed = /^(.*?)\s*\(([^()]*)\)$/.exec(trimmed);
  if (bracketed) return normalTag(bracketed[2]!.trim());
  const named = byName[trimmed.toLowerCase()];
  if (named) return named;
  return normalTag(trimmed);
}

/** The word for the choice that `or_other` adds, in the languages we know it in. */
const otherWords: Record<string, string> = {
  en: 'Other',
  ru: 'Другое',
  uk: 'Інше',
  be: 'Іншае',
  kk: 'Басқа',
  de: 'Andere',
  fr: 'Autre',
  es: 'Otro',
  pt: 'Outro',
  it: 'Altro',
  pl: 'Inne',
  tr: 'Diğer',
};

export function otherWord(tag: string): string | undefined {
  return otherWords[tag] ?? otherWords[tag.split('-')[0]!];
}
