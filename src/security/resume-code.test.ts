import { expect, it } from 'vitest';
import {
  canonicalResumeCodes,
  hashResumeCode,
  newResumeCode,
  normaliseResumeCode,
  resumeCodeHashes,
  resumeCodeIn,
  wordListLanguage,
  wordLists,
} from './resume-code.js';
import { codePrefix } from './resume-limits.js';
import { openForSession, sealForSession } from './session-sealed.js';
import { hashToken } from './tokens.js';

const fixed = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) % 256);

it('keeps every word of every list distinct once accents are off', () => {
  for (const [lang, list] of Object.entries(wordLists)) {
    const folded = new Set(list.map((w) => normaliseResumeCode(w)));
    expect(folded.size, lang).toBe(2048);
    for (const w of folded) expect(w, lang).not.toContain(' ');
  }
});

it('hashes an English code as before, so codes already given keep working', () => {
  const code = 'abandon ability able about above absent';
  expect(hashResumeCode(code)).toBe(hashToken(`resume:${code}`));
  expect(hashResumeCode(' ABANDON-ability, able\nabout above absent ')).toBe(
    hashToken(`resume:${code}`),
  );
});

it.each(['es', 'fr', 'it', 'pt', 'cs', 'ja', 'ko', 'zh-Hans', 'zh-Hant'])(
  'shows a code in %s and finds the same response from those words',
  (lang) => {
    const code = newResumeCode(fixed);
    const shown = resumeCodeIn(code, lang);
    expect(shown).not.toBe(code);
    expect(shown.split(' ')).toHaveLength(6);
    expect(canonicalResumeCodes(shown)).toContain(code);
    expect(resumeCodeHashes(shown)).toContain(hashToken(`resume:${code}`));
  },
);

it('takes Spanish and French words without their accents, and Chinese without spaces', () => {
  const code = newResumeCode(fixed);
  const es = resumeCodeIn(code, 'es');
  const bare = es.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  expect(canonicalResumeCodes(bare.toUpperCase())).toContain(code);
  const zh = resumeCodeIn(code, 'zh-Hant').replace(/ /g, '');
  expect(canonicalResumeCodes(zh)).toContain(code);
  const ja = resumeCodeIn(code, 'ja').replace(/ /g, '\u3000');
  expect(canonicalResumeCodes(ja)).toContain(code);
});

it('gives Russian and other languages without a BIP-39 list English words', () => {
  expect(wordListLanguage('ru')).toBe('en');
  expect(wordListLanguage('uk')).toBe('en');
  expect(wordListLanguage('es-MX')).toBe('es');
  expect(wordListLanguage('zh-TW')).toBe('zh-Hant');
  expect(wordListLanguage('zh')).toBe('zh-Hans');
  const code = newResumeCode(fixed);
  expect(resumeCodeIn(code, 'ru')).toBe(code);
});

it('finds nothing for a code of the wrong length or with a word in no list', () => {
  expect(canonicalResumeCodes('abandon ability able about above')).toEqual([]);
  expect(canonicalResumeCodes('abandon ability able about above zzzz')).toEqual([]);
  expect(resumeCodeHashes('')).toEqual([]);
});

it('opens a sealed code only with the session that sealed it', () => {
  const sealed = sealForSession('session-one', 'abandon ability able about above absent', fixed);
  expect(Buffer.from(sealed).toString('utf8')).not.toContain('abandon');
  expect(openForSession('session-one', sealed)).toBe('abandon ability able about above absent');
  expect(openForSession('session-two', sealed)).toBeUndefined();
  expect(openForSession('session-one', sealed.subarray(0, 20))).toBeUndefined();
  expect(openForSession('session-one', null)).toBeUndefined();
});

it('counts a code typed in another list against the prefix of its English form', () => {
  const code = newResumeCode(fixed);
  expect(codePrefix(resumeCodeIn(code, 'fr'))).toBe(code.split(' ').slice(0, 2).join(' '));
  expect(codePrefix(resumeCodeIn(code, 'ja'))).toBe(codePrefix(code));
});
