import { describe, expect, it } from 'vitest';
import { languageTag, otherWord } from './languages.js';

describe('language tags of multilingual columns', () => {
  it("reads ODK's 'Name (tag)', a bare tag, and a known language name", () => {
    expect(languageTag('Russian (ru)')).toBe('ru');
    expect(languageTag('English (en)')).toBe('en');
    expect(languageTag('Português (pt-BR)')).toBe('pt-BR');
    expect(languageTag('ru')).toBe('ru');
    expect(languageTag('EN')).toBe('en');
    expect(languageTag('English')).toBe('en');
    expect(languageTag(' russian ')).toBe('ru');
    expect(languageTag('Русский')).toBe('ru');
    expect(languageTag('Ukrainian')).toBe('uk');
  });

  it('gives up on a name it does not know or a bracket that holds no tag', () => {
    expect(languageTag('Klingon')).toBeUndefined();
    expect(languageTag('Klingon (the best)')).toBeUndefined();
    expect(languageTag('')).toBeUndefined();
  });

  it("knows the word for or_other's choice in some languages", () => {
    expect(otherWord('ru')).toBe('Другое');
    expect(otherWord('en-GB')).toBe('Other');
    expect(otherWord('tlh')).toBeUndefined();
  });
});
