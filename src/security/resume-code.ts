/**
 * Resume codes (and panel codes, which use the same words): six words of a BIP-39 list of 2048
 * words (6 × 11 = 66 bits), easy to write down and to type on a phone.
 *
 * A code is six numbers from 0 to 2047; its canonical form is those numbers as words of the
 * English list, which is what is hashed and stored (so codes made before other languages
 * existed keep working). It is shown in the respondent's language where BIP-39 has a list:
 * English, Spanish, French, Italian, Portuguese, Czech, Japanese, Korean, and Chinese
 * (simplified and traditional). There is no Russian (or Ukrainian, Arabic...) BIP-39 list, so
 * those readers get English words. A code typed in any of the lists leads to the same response:
 * the words are looked up in every list, and each list that has all six gives a candidate.
 */
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import type { RandomBytes } from './tokens.js';
import { hashToken } from './tokens.js';

export const resumeCodeWords = 6;
export const resumeCodeBits = resumeCodeWords * Math.log2(english.length);

/** The word lists, by the language they serve; English first (the canonical form). */
export const wordLists: Readonly<Record<string, readonly string[]>> = {
  en: english,
  es: spanish,
  fr: french,
  it: italian,
  pt: portuguese,
  cs: czech,
  ja: japanese,
  ko: korean,
  'zh-Hans': simplifiedChinese,
  'zh-Hant': traditionalChinese,
};

/**
 * The list a page in this language shows codes in: its own where BIP-39 has one, else English
 * (Russian has none).
 */
export function wordListLanguage(language: string): string {
  const tag = language.toLowerCase();
  if (tag === 'zh' || tag.startsWith('zh-'))
    return /hant|tw|hk|mo/.test(tag) ? 'zh-Hant' : 'zh-Hans';
  const base = tag.split('-')[0]!;
  return base in wordLists ? base : 'en';
}

/** Accents off Latin letters (BIP-39's Spanish and French words stay distinct without them). */
function fold(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase();
}

const indexOf: Record<string, Map<string, number>> = Object.fromEntries(
  Object.entries(wordLists).map(([lang, list]) => [
    lang,
    new Map(list.map((w, i) => [fold(w), i] as const)),
  ]),
);

/** A new code, in its canonical (English) form. */
export function newResumeCode(random: RandomBytes): string {
  const words: string[] = [];
  // Two random bytes give 16 bits; keep 11 of them. 2^16 is a multiple of 2048: no bias.
  const bytes = random(resumeCodeWords * 2);
  for (let i = 0; i < resumeCodeWords; i++) {
    const n = ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!) % english.length;
    words.push(english[n]!);
  }
  return words.join(' ');
}

/**
 * Lower case, accents off, single spaces between words, whatever separated them (dashes,
 * commas, new lines, the ideographic space); Chinese characters typed together are split.
 */
export function normaliseResumeCode(input: string): string {
  return fold(input)
    .split(/[^\p{L}\p{M}]+/u)
    .filter(Boolean)
    .flatMap((w) => (/^\p{Script=Han}+$/u.test(w) ? [...w] : [w]))
    .join(' ');
}

/** The canonical forms a typed code may stand for: one per list that has all its words. */
export function canonicalResumeCodes(input: string): string[] {
  const words = normaliseResumeCode(input).split(' ');
  if (words.length !== resumeCodeWords) return [];
  const out = new Set<string>();
  for (const map of Object.values(indexOf)) {
    const indices = words.map((w) => map.get(w));
    if (indices.every((i) => i !== undefined)) out.add(indices.map((i) => english[i]!).join(' '));
  }
  return [...out];
}

export function isWellFormedResumeCode(code: string): boolean {
  return canonicalResumeCodes(code).length > 0;
}

/** A code (canonical) in the words of the list for this language. */
export function resumeCodeIn(code: string, language: string): string {
  const list = wordLists[wordListLanguage(language)]!;
  const english = indexOf.en!;
  const words = normaliseResumeCode(code).split(' ');
  if (!words.every((w) => english.has(w))) return code;
  return words.map((w) => list[english.get(w)!]!).join(' ');
}

/** The stored hash of a code: of its canonical form (the input's English reading first). */
export function hashResumeCode(input: string): string {
  return hashToken(`resume:${canonicalResumeCodes(input)[0] ?? normaliseResumeCode(input)}`);
}

/** Every hash a typed code may match: one per list that has all its words. */
export function resumeCodeHashes(input: string): string[] {
  return canonicalResumeCodes(input).map((c) => hashToken(`resume:${c}`));
}
