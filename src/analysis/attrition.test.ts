// Expected values: test/oracles/attrition.R (chisq.test, t.test(var.equal = FALSE),
// wilcox.test on the data it wrote into attrition.json), compared to 1e-9 relative.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { attritionCheck, formatAttrition, type AttritionVariable } from './attrition.js';
import { datasetFromCells, type Dataset } from './dataset.js';

interface OracleTest {
  variable: string;
  test: string;
  method: string;
  statistic: number;
  df: number | null;
  p_value: number;
}
interface OracleCase {
  name: string;
  data: Record<string, (string | number)[]>;
  tests: OracleTest[];
}

const oracle = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, '../../test/oracles/attrition.json'), 'utf8'),
) as { cases: OracleCase[] };

const variables: AttritionVariable[] = [
  { name: 'region', kind: 'categorical' },
  { name: 'gender', kind: 'categorical', order: ['female', 'male'] },
  { name: 'age', kind: 'numeric' },
  { name: 'trust', kind: 'scale', order: ['1', '2', '3', '4', '5'] },
];

function toDataset(data: OracleCase['data']): Dataset {
  return datasetFromCells(
    new Map(Object.entries(data).map(([k, v]) => [k, v.map((x) => String(x))] as const)),
  );
}

const relative = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.abs(b));

describe('attritionCheck against R', () => {
  let largest = 0;
  for (const c of oracle.cases)
    it(`matches chisq.test, t.test and wilcox.test on the ${c.name} case`, () => {
      const rows = attritionCheck(toDataset(c.data), variables);
      expect(rows.map((r) => [r.variable, r.test])).toEqual(
        c.tests.map((t) => [t.variable, t.test]),
      );
      rows.forEach((r, i) => {
        const t = c.tests[i]!;
        expect(r.method).toBe(t.method);
        for (const [mine, theirs] of [
          [r.statistic, t.statistic],
          [r.p, t.p_value],
          ...(t.df === null ? [] : [[r.df!, t.df]]),
        ] as [number, number][]) {
          largest = Math.max(largest, relative(mine, theirs));
          expect(relative(mine, theirs)).toBeLessThan(1e-9);
        }
        if (t.df === null) expect(r.df).toBeNull();
        const n1 = c.data.responded!.filter((g) => g === 1).length;
        expect([r.n_responders, r.n_nonresponders]).toEqual([n1, c.data.responded!.length - n1]);
      });
    });
  it('reports the largest relative difference from R', () => {
    console.info(`attrition oracle: largest relative difference ${largest.toExponential(2)}`);
    expect(largest).toBeLessThan(1e-9);
  });
});

describe('attritionCheck', () => {
  const data: Dataset = datasetFromCells(
    new Map<string, (string | null)[]>([
      ['responded', ['1', '1', '1', '1', '0', '0', '0', null]],
      ['gender', ['f', 'm', 'f', null, 'm', 'm', 'f', 'f']],
      ['income', ['10', '20', '30', '40', '15', '25', null, '5']],
    ]),
  );

  it('gives shares per group for categories and mean and median for numbers', () => {
    const rows = attritionCheck(data, [
      { name: 'gender', kind: 'categorical', order: ['m', 'f'] },
      { name: 'income', kind: 'numeric' },
    ]);
    expect(rows[0]!.summary).toEqual({
      responders: { n: 3, shares: { m: 1 / 3, f: 2 / 3 } },
      nonresponders: { n: 3, shares: { m: 2 / 3, f: 1 / 3 } },
    });
    expect(rows[1]!.summary).toEqual({
      responders: { n: 4, mean: 25, median: 25 },
      nonresponders: { n: 2, mean: 20, median: 20 },
    });
    expect(rows.map((r) => r.test)).toEqual(['chi-square', 'welch-t', 'rank-sum']);
  });

  it('refuses a missing variable, a group column that is not 1/0 and a point off the scale', () => {
    expect(() => attritionCheck(data, [{ name: 'age', kind: 'numeric' }])).toThrow(
      "Attrition: there is no variable 'age' in the data.",
    );
    expect(() => attritionCheck(data, [], 'gender')).toThrow(
      "Attrition: 'gender' must be 1 or 0, not 'f'.",
    );
    expect(() =>
      attritionCheck(data, [{ name: 'income', kind: 'scale', order: ['10', '20'] }]),
    ).toThrow("Attrition: '30' of 'income' is not one of its points (10, 20).");
  });

  it('says what a statistic cannot compute about the variable', () => {
    const one = datasetFromCells(
      new Map([
        ['responded', ['1', '0', '0']],
        ['x', ['1', '2', '3']],
      ]),
    );
    expect(() => attritionCheck(one, [{ name: 'x', kind: 'numeric' }])).toThrow(
      /^Attrition, 'x': twoSampleTTest requires at least two observations/,
    );
  });

  it('prints a table and the footnote sentence', () => {
    const c = oracle.cases[0]!;
    const text = formatAttrition(attritionCheck(toDataset(c.data), variables));
    expect(text).toContain('variable  test');
    expect(text.split('\n').at(-1)).toBe(
      'No significant differences (p > 0.05) in region, gender, age and trust.',
    );
    expect(text).toMatch(/^gender +chi-square +0\.039 +1 +0\.843 +60 +45$/m);
  });

  it('names the variables that differ first', () => {
    const rows = attritionCheck(toDataset(oracle.cases[0]!.data), variables).map((r) =>
      r.variable === 'age' ? { ...r, p: 0.01 } : r,
    );
    expect(formatAttrition(rows).split('\n').at(-1)).toBe(
      'Responders and non-responders differ significantly (p ≤ 0.05) in age. No significant differences (p > 0.05) in region, gender and trust.',
    );
  });
});
