import { describe, expect, it } from 'vitest';
import { Problem } from '../../problems/problem.js';
import { NameRegister, stataName } from './names.js';

const name = (s: string) => stataName(s, `Column '${s}'`);

describe('stataName', () => {
  it('keeps names that are already valid Stata names', () => {
    expect(name('age')).toBe('age');
    expect(name('Q1_b')).toBe('Q1_b');
    expect(name('_id')).toBe('_id');
    expect(name('x'.repeat(32))).toBe('x'.repeat(32));
  });

  it('replaces other characters with underscores and puts v before a leading digit', () => {
    expect(name('reasons-other')).toBe('reasons_other');
    expect(name('q1.a b')).toBe('q1_a_b');
    expect(name('2022_income')).toBe('v2022_income');
    expect(name('income €')).toBe('income__');
  });

  it('appends an underscore to reserved words in any case, and cuts names to 32 characters', () => {
    expect(name('in')).toBe('in_');
    expect(name('_N')).toBe('_N_');
    expect(name('Long')).toBe('Long_');
    expect(name('strL')).toBe('strL_');
    expect(name('str2045')).toBe('str2045_');
    expect(name('strength')).toBe('strength');
    expect(name('a'.repeat(40))).toBe('a'.repeat(32));
  });

  it('refuses a name with letters outside ASCII or with no letter or digit, naming it', () => {
    expect(() => name('возраст')).toThrow(Problem);
    expect(() => name('возраст')).toThrow(/^Column 'возраст' cannot be named in a Stata file/);
    expect(() => name('age_лет')).toThrow(/Column 'age_лет'/);
    expect(() => name('---')).toThrow(/^Column '---' cannot be named .* no ASCII letter or digit/);
    expect(() => name('')).toThrow(/^Column '' cannot be named/);
  });
});

describe('NameRegister', () => {
  it('gives a taken name _2, _3, ... within 32 characters, in the order asked', () => {
    const names = new NameRegister();
    expect(names.unique('reasons_money')).toBe('reasons_money');
    expect(names.unique('reasons_money')).toBe('reasons_money_2');
    expect(names.unique('reasons_money')).toBe('reasons_money_3');
    const long = 'b'.repeat(32);
    expect(names.unique(long)).toBe(long);
    expect(names.unique(long)).toBe(`${'b'.repeat(30)}_2`);
    // Stata names are case-sensitive: Age and age are two names.
    expect(names.unique('Age')).toBe('Age');
    expect(names.unique('age')).toBe('age');
  });
});
