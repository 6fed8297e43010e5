import { describe, expect, it } from 'vitest';
import { answerColumn } from './answer-columns.js';
import { cellValue, textColumn, type Dataset } from './dataset.js';
import { chunkedOf } from './chunked.js';
import { collectChunks } from './chunked.test-helper.js';
import { publicUse, publicUseChunks } from './public-use.js';

const choices = (...names: string[]) =>
  names.map((name, k) => ({ name, code: k + 1, label: { en: name } }));
const n = 12;
// Country: GE 6, AM 3, TR 2, KZ 1; a choice item with rare answers; free text; ids.
const country = ['GE', 'GE', 'GE', 'GE', 'GE', 'GE', 'AM', 'AM', 'AM', 'TR', 'TR', 'KZ'];
const job = ['a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'c', 'd'];
const data: Dataset = {
  n,
  columns: new Map([
    ['response_id', textColumn(country.map((_, i) => `r${i}`))],
    ['pseudonym', textColumn(country.map((_, i) => (i < 6 ? `p${i % 3}` : null)))],
    ['country_now', answerColumn(country, { name: 'country_now', kind: 'country' })],
    [
      'job',
      answerColumn(job, { name: 'job', kind: 'select_one', choices: choices('a', 'b', 'c', 'd') }),
    ],
    [
      'comments',
      answerColumn(
        country.map((c) => `I live in ${c}`),
        { name: 'comments', kind: 'text' },
      ),
    ],
    [
      'reasons',
      answerColumn(
        job.map((j, i) => (i < 10 ? ['x'] : [j === 'c' ? 'y' : 'z'])),
        { name: 'reasons', kind: 'select_multiple', choices: choices('x', 'y', 'z') },
      ),
    ],
  ]),
};
const values = (d: Dataset, name: string) =>
  Array.from({ length: d.n }, (_, i) => cellValue(d.columns.get(name)!, i));

describe('publicUse', () => {
  const out = publicUse(data, { k: 5, newId: (old) => `new-${old}` });

  it('drops free text and says so', () => {
    expect(out.data.columns.has('comments')).toBe(false);
    expect(out.changes).toContainEqual({ variable: 'comments', change: 'dropped: free text' });
  });

  it('replaces ids with new ones, one per old id across the file', () => {
    const ids = values(out.data, 'response_id');
    expect(new Set(ids).size).toBe(n);
    expect(ids.some((id) => String(id).startsWith('r'))).toBe(false);
    const p = values(out.data, 'pseudonym');
    expect(p[0]).toBe(p[3]); // p0 twice: the same new id
    expect(p[0]).not.toBe(p[1]);
    expect(p.slice(6)).toEqual([null, null, null, null, null, null]);
  });

  it('groups answers given by fewer than k respondents', () => {
    expect(values(out.data, 'country_now')).toEqual([
      ...Array(6).fill('GE'),
      ...Array(6).fill('other_grouped'),
    ]);
    expect(values(out.data, 'job')).toEqual([
      ...Array(5).fill('a'),
      ...Array(5).fill('b'),
      'other_grouped',
      'other_grouped',
    ]);
    expect(values(out.data, 'reasons').slice(9)).toEqual([
      ['x'],
      ['other_grouped'],
      ['other_grouped'],
    ]);
    expect(out.changes).toContainEqual({
      variable: 'job',
      change: "answers given by fewer than 5 respondents grouped as 'other_grouped': c, d",
    });
  });

  it('leaves a single rare answer alone (grouping it alone would hide nothing)', () => {
    const one = publicUse(data, { k: 2, newId: (old) => `x${old}` });
    expect(values(one.data, 'country_now')).toEqual(country); // only KZ is rare
    expect(one.changes.some((c) => c.variable === 'country_now')).toBe(false);
  });

  it('counts over every chunk before it groups: chunk by chunk as whole', async () => {
    const whole = publicUse(data, { k: 5, newId: (old) => `new-${old}` });
    for (const rows of [1, 5, 100]) {
      const made = await publicUseChunks(chunkedOf(data, rows), {
        k: 5,
        newId: (old) => `new-${old}`,
      });
      expect(made.changes).toEqual(whole.changes);
      const back = await collectChunks(made.data);
      expect([...back.columns.keys()]).toEqual([...whole.data.columns.keys()]);
      for (const name of back.columns.keys())
        expect(values(back, name)).toEqual(values(whole.data, name));
    }
  });
});
