/**
 * Stata's limits on text, applied without breaking a character: labels are cut after whole
 * Unicode characters (code points, so a surrogate pair or a Cyrillic letter is never split in
 * its UTF-8 bytes), and zero bytes are removed because Stata ends every string at one.
 */
import { utf8 } from './bytes.js';

/** Variable labels and the dataset label: 80 characters, in 320 bytes of UTF-8 at most. */
export const maxLabelCharacters = 80;
/** A value label's text: 32,000 bytes (Stata ignores a longer one). */
export const maxValueLabelBytes = 32_000;

/** Text without U+0000, which would end the string early in a Stata file. */
export function withoutNul(text: string): string {
  return text.includes('\0') ? text.replaceAll('\0', '') : text;
}

/**
 * The text's UTF-8 bytes, cut to at most `maxCharacters` characters and `maxBytes` bytes, always
 * after a whole character.
 */
export function truncatedUtf8(text: string, maxCharacters: number, maxBytes: number): Uint8Array {
  const clean = withoutNul(text);
  let characters = 0;
  let bytes = 0;
  let end = 0;
  for (const ch of clean) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (characters + 1 > maxCharacters || bytes + size > maxBytes) break;
    characters += 1;
    bytes += size;
    end += ch.length;
  }
  return utf8(clean.slice(0, end));
}

/** A variable label or the dataset label as written: at most 80 characters. */
export function labelBytes(text: string | undefined): Uint8Array {
  return truncatedUtf8(text ?? '', maxLabelCharacters, maxLabelCharacters * 4);
}
