import { describe, expect, it } from 'vitest';
import { SavError } from './errors.js';
import { isValidName, longNames, shortNames, validNameFor } from './names.js';
import { utf8Length } from './utf8.js';

const ask = (...wanted: string[]) => wanted.map((w) => ({ wanted: w, column: w }));

describe('sav long names', () => {
  it('keeps names SPSS takes as they are, Cyrillic included', () => {
    for (const name of ['age', 'Q1', 'q1.a', 'x_1', 'город', 'w@x', 'a#b$c'])
      expect(isValidName(name), name).toBe(true);
    expect(longNames(ask('age', 'город', 'Q1'))).toEqual(['age', 'город', 'Q1']);
  });

  it('replaces runs of other characters with one underscore and drops them at the ends', () => {
    expect(validNameFor('household income')).toBe('household_income');
    expect(validNameFor('what is your age?')).toBe('what_is_your_age');
    expect(validNameFor('  a -- b  ')).toBe('a_b');
    expect(validNameFor('доход (₽)')).toBe('доход');
  });

  it('puts v_ before a name that does not start with a letter, and before reserved words', () => {
    expect(validNameFor('2022 moved')).toBe('v_2022_moved');
    expect(validNameFor('_id')).toBe('v__id');
    expect(validNameFor('to')).toBe('v_to');
    expect(validNameFor('WITH')).toBe('v_WITH');
    expect(isValidName('with')).toBe(false);
  });

  it('cuts names to 64 bytes between characters and drops trailing full stops', () => {
    const cyrillic = 'я'.repeat(40); // 80 bytes
    const cut = validNameFor(cyrillic)!;
    expect(cut).toBe('я'.repeat(32));
    expect(utf8Length(cut)).toBe(64);
    expect(validNameFor(`${'a'.repeat(62)}.x.y`)).toBe(`${'a'.repeat(62)}.x`);
    expect(validNameFor('a.b.')).toBe('a.b');
  });

  it('gives later names _2, _3 where a name is taken regardless of case; valid names first', () => {
    expect(longNames(ask('Q1', 'q1', 'Q1 '))).toEqual(['Q1', 'q1_2', 'Q1_3']);
    // `a_b` is valid as given, so it keeps its name although `a b` comes first.
    expect(longNames(ask('a b', 'a_b'))).toEqual(['a_b_2', 'a_b']);
    const long = 'b'.repeat(64);
    expect(longNames(ask(long, `${long}x`))).toEqual([long, `${'b'.repeat(62)}_2`]);
  });

  it('refuses a name with no letter or digit, naming the column', () => {
    expect(validNameFor('???')).toBeUndefined();
    expect(validNameFor('')).toBeUndefined();
    expect(() => longNames(ask('ok', '-?-'))).toThrow(
      new SavError(
        'column "-?-" cannot be given an SPSS variable name: the name has no letter or digit',
        '-?-',
      ),
    );
    expect(() => longNames(ask(''))).toThrow(/column "" .*the name is empty/);
  });
});

describe('sav short names', () => {
  it('keeps a long name of up to 8 ASCII characters, in capitals', () => {
    expect(shortNames(['id', 'Q1', 'gender'], [1, 1, 1])).toEqual([['ID'], ['Q1'], ['GENDER']]);
  });

  it('keeps the ASCII characters of longer names, and V and the position where there are none', () => {
    expect(shortNames(['satisfaction', 'город', 'v_2022_moved'], [1, 1, 1])).toEqual([
      ['SATISFAC'],
      ['V2'],
      ['V_2022_M'],
    ]);
  });

  it('ends a name already taken with _1, _2, ...; names that fit as given come first', () => {
    expect(
      shortNames(['reasons_money', 'reasons_safety', 'reasons_war', 'REASONS_'], [1, 1, 1, 1]),
    ).toEqual([['REASON_1'], ['REASON_2'], ['REASON_3'], ['REASONS_']]);
    expect(shortNames(['q1', 'Q1_2', 'q1_3'], [1, 1, 1])).toEqual([['Q1'], ['Q1_2'], ['Q1_3']]);
  });

  it('names the later segments of a very long string after its first', () => {
    expect(shortNames(['comment', 'x'], [3, 1])).toEqual([
      ['COMMENT', 'COMMENT1', 'COMMENT2'],
      ['X'],
    ]);
  });

  it('gives every segment of many variables a unique name of at most 8 bytes', () => {
    const long = Array.from({ length: 300 }, (_, i) => `variable_${i % 7}_${i}`);
    const names = shortNames(
      long,
      long.map((_, i) => (i % 5) + 1),
    ).flat();
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[A-Z][A-Z0-9_.@#$]{0,7}$/);
  });
});
