/**
 * Pearson's chi-square tests, as R's chisq.test: independence in an r x c table (with Yates's
 * continuity correction for 2 x 2 tables by default, capped at min(0.5, |O - E|) as R does),
 * and goodness of fit against given proportions.
 */
import { chisqUpper } from './distributions.js';
import { StatsError } from './errors.js';
import { sum } from './sum.js';
import type { TestResult } from './test-result.js';

export function chiSquareTest(
  table: number[][],
  options: { correct?: boolean } = {},
): TestResult & { expected: number[][] } {
  const r = table.length;
  const c = table[0]?.length ?? 0;
  if (r < 2 || c < 2)
    throw new StatsError('chiSquareTest requires a table of at least 2 rows and 2 columns.');
  if (table.some((row) => row.length !== c))
    throw new StatsError('chiSquareTest requires every row to have the same number of columns.');
  for (const row of table)
    for (const v of row)
      if (!(v >= 0) || !Number.isFinite(v))
        throw new StatsError(`chiSquareTest requires counts of 0 or more, not ${v}.`);
  const rows = table.map((row) => sum(row));
  const cols = Array.from({ length: c }, (_, j) => sum(table.map((row) => row[j]!)));
  const n = sum(rows);
  if (n === 0) throw new StatsError('chiSquareTest requires at least one observation.');
  const expected = rows.map((ri) => cols.map((cj) => (ri * cj) / n));
  if (expected.some((row) => row.some((e) => e === 0)))
    throw new StatsError(
      'chiSquareTest cannot be computed: a row or column of the table is empty.',
    );
  const correct = (options.correct ?? true) && r === 2 && c === 2;
  let yates = 0;
  if (correct) {
    yates = 0.5;
    for (let i = 0; i < r; i++)
      for (let j = 0; j < c; j++)
        yates = Math.min(yates, Math.abs(table[i]![j]! - expected[i]![j]!));
  }
  const terms: number[] = [];
  for (let i = 0; i < r; i++)
    for (let j = 0; j < c; j++) {
      const e = expected[i]![j]!;
      terms.push((Math.abs(table[i]![j]! - e) - yates) ** 2 / e);
    }
  const statistic = sum(terms);
  const df = (r - 1) * (c - 1);
  return {
    statistic,
    df,
    pValue: chisqUpper(statistic, df),
    method: correct
      ? "Pearson's Chi-squared test with Yates' continuity correction"
      : "Pearson's Chi-squared test",
    expected,
  };
}

export function goodnessOfFit(counts: number[], p: number[]): TestResult {
  if (counts.length < 2) throw new StatsError('goodnessOfFit requires at least two categories.');
  if (p.length !== counts.length)
    throw new StatsError(
      `goodnessOfFit requires ${counts.length} proportions, one per category, not ${p.length}.`,
    );
  if (p.some((x) => !(x >= 0)) || Math.abs(sum(p) - 1) > Math.sqrt(Number.EPSILON))
    throw new StatsError('goodnessOfFit requires proportions of 0 or more that sum to 1.');
  const n = sum(counts);
  const terms = counts.map((x, i) => {
    const e = n * p[i]!;
    return ((x - e) * (x - e)) / e;
  });
  const statistic = sum(terms);
  const df = counts.length - 1;
  return {
    statistic,
    df,
    pValue: chisqUpper(statistic, df),
    method: 'Chi-squared test for given probabilities',
  };
}
