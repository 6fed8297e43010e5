/**
 * Resume codes: six words from the BIP-39 English list of 2048 words (6 × 11 = 66 bits), easy
 * to write down and to type on a phone. Stored only as a hash of their normal form.
 */
import { wordlist } from '@scure/bip39/wordlists/english.js';
import type { RandomBytes } from './tokens.js';
import { hashToken } from './tokens.js';

export const resumeCodeWords = 6;
export const resumeCodeBits = resumeCodeWords * Math.log2(wordlist.length);

export function newResumeCode(random: RandomBytes): string {
  const words: string[] = [];
  // Two random bytes give 16 bits; keep 11 of them. 2^16 is a multiple of 2048: no bias.
  const bytes = random(resumeCodeWords * 2);
  for (let i = 0; i < resumeCodeWords; i++) {
    const n = ((bytes[2 * i]! << 8) | bytes[2 * i + 1]!) % wordlist.length;
    words.push(wordlist[n]!);
  }
  return words.join(' ');
}

/** Lower case, single spaces, any separators people use (dashes, commas, new lines). */
export function normaliseResumeCode(input: string): string {
  return input
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter(Boolean)
    .join(' ');
}

export function isWellFormedResumeCode(code: string): boolean {
  const words = code.split(' ');
  return words.length === resumeCodeWords && words.every((w) => wordlist.includes(w));
}

export function hashResumeCode(input: string): string {
  return hashToken(`resume:${normaliseResumeCode(input)}`);
}
