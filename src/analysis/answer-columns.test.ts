// Typed columns from stored answers, and what analyses and writers read back from them.
import { describe, expect, it } from 'vitest';
import { answerColumn } from './answer-columns.js';
import {
  categoriesOf,
  cellForExpression,
  cellText,
  cellValue,
  inferColumn,
  numbersOf,
  optionChosen,
  selectRows,
  type Column,
  type VariableInfo,
} from './dataset.js';

const trust: VariableInfo = {
  name: 'trust',
  kind: 'rating',
  label: { en: 'Trust' },
  scale: { min: 1, max: 5, minLabel: { en: 'None' }, maxLabel: { en: 'Full' } },
  choices: [{ name: 'dk', code: 98, label: { en: "Don't know" }, missing: true }],
};
const all = (c: Column, n: number) => Array.from({ length: n }, (_, i) => cellValue(c, i));
const nums = (a: Float64Array) => [...a].map((v) => (Number.isNaN(v) ? null : v));

describe('answerColumn', () => {
  it('keeps a rating as its points, a declared missing option as its code', () => {
    const c = answerColumn([4, 'dk', null, 1, undefined, 5], trust);
    expect(c.type).toBe('number');
    if (c.type !== 'number') return;
    expect(nums(c.values)).toEqual([4, 98, null, 1, null, 5]);
    expect(c.labels).toEqual([
      { code: 1, label: { en: 'None' } },
      { code: 5, label: { en: 'Full' } },
      { code: 98, name: 'dk', label: { en: "Don't know" }, missing: true },
    ]);
    expect(c.info).toEqual({
      label: { en: 'Trust' },
      measure: 'ordinal',
      kind: 'rating',
      scale: { min: 1, max: 5 },
    });
    // Numbers leave the missing code out; categories keep it; cells read as stored.
    expect(nums(numbersOf(c))).toEqual([4, null, null, 1, null, 5]);
    expect(categoriesOf(c)).toEqual({
      codes: Int32Array.from([1, 3, -1, 0, -1, 2]),
      levels: ['1', '4', '5', 'dk'],
    });
    expect(all(c, 6)).toEqual([4, 'dk', null, 1, null, 5]);
    expect(cellText(c, 1)).toBe('dk');
  });

  it('reads choices named by numbers as those numbers, other names as no number', () => {
    const c = answerColumn(['3', 'none', '1'], {
      name: 'kids',
      kind: 'select_one',
      choices: [
        { name: '1', code: 1, label: { en: 'One' } },
        { name: '3', code: 3, label: { en: 'Three' } },
        { name: 'none', code: 0, label: { en: 'None' } },
      ],
    });
    expect(nums(numbersOf(c))).toEqual([3, null, 1]);
    expect(cellForExpression(c, 0)).toBe(3);
    expect(categoriesOf(c).levels).toEqual(['none', '1', '3']); // by code
  });

  it('turns a number column that meets text into text, losing nothing', () => {
    const c = answerColumn([3, 'many', null], { name: 'n', kind: 'integer' });
    expect(c.type).toBe('text');
    expect(all(c, 3)).toEqual(['3', 'many', null]);
  });

  it('holds a multiple choice as one byte per option, with options the list lacks', () => {
    const c = answerColumn([['b'], [], null, ['a', 'z']], {
      name: 'm',
      kind: 'select_multiple',
      choices: [
        { name: 'a', code: 1, label: { en: 'A' } },
        { name: 'b', code: 2, label: { en: 'B' } },
      ],
    });
    if (c.type !== 'multiple') throw new Error(c.type);
    expect(c.options.map((o) => [o.code, o.name])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'z'],
    ]);
    expect([...c.chosen]).toEqual([0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1]);
    expect([...c.answered]).toEqual([1, 0, 0, 1]);
    expect(all(c, 4)).toEqual([['b'], null, null, ['a', 'z']]);
    expect(cellText(c, 3)).toBe('a z');
    expect([...optionChosen(c, 'a')!]).toEqual([0, -1, -1, 1]);
    expect(optionChosen(c, 'q')).toBeUndefined();
    expect(() => categoriesOf(c)).toThrow(/multiple choice/);
    const picked = selectRows({ n: 4, columns: new Map([['m', c]]) }, [3, 0]);
    expect(all(picked.columns.get('m')!, 2)).toEqual([['a', 'z'], ['b']]);
  });

  it('types undeclared answers by what they hold', () => {
    expect(answerColumn([1, 2.5, null]).type).toBe('number');
    expect(answerColumn([['x'], null]).type).toBe('multiple');
    expect(answerColumn(['a', 1]).type).toBe('text');
  });
});

describe('inferColumn', () => {
  it('reads a column of plain numbers as numbers and anything else as text', () => {
    expect(inferColumn(['1', '-2.5', null, '1e3']).type).toBe('number');
    expect(inferColumn(['1', 'x']).type).toBe('text');
    expect(inferColumn(['0x10']).type).toBe('text');
    expect(inferColumn([null, null]).type).toBe('text');
    const t = inferColumn(['b', 'a', 'b', null, '10', '9']);
    expect(categoriesOf(t).levels).toEqual(['9', '10', 'a', 'b']);
    expect(cellForExpression(t, 4)).toBe(10);
  });
});
