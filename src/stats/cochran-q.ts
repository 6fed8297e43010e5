/**
 * Cochran's Q test that several binary items (or one item over several waves) have the same
 * share of 1s among the same people (Cochran 1950):
 * Q = (k - 1)(k sum C_j^2 - N^2) / (k N - sum R_i^2), chi-square with k - 1 df. O(n k).
 */
import { chisqUpper } from './distributions.js';
import { StatsError } from './errors.js';
import type { TestResult } from './test-result.js';

/** `rows`: one array of 0/1 per person, one entry per item. */
export function cochranQTest(rows: ArrayLike<number>[]): TestResult {
  const k = rows[0]?.length ?? 0;
  if (k < 2) throw new StatsError('cochranQTest requires at least two items.');
  const columns = new Float64Array(k);
  let rowSquares = 0;
  let total = 0;
  rows.forEach((row, i) => {
    if (row.length !== k)
      throw new StatsError(
        `cochranQTest requires ${k} answers per person; person ${i + 1} has ${row.length}.`,
      );
    let r = 0;
    for (let j = 0; j < k; j++) {
      const v = row[j]!;
      if (v !== 0 && v !== 1)
        throw new StatsError(`cochranQTest requires answers 0 or 1; person ${i + 1} has ${v}.`);
      columns[j]! += v;
      r += v;
    }
    rowSquares += r * r;
    total += r;
  });
  const denominator = k * total - rowSquares;
  if (denominator === 0)
    throw new StatsError(
      'cochranQTest cannot be computed: every person gave the same answer to all items.',
    );
  let colSquares = 0;
  for (let j = 0; j < k; j++) colSquares += columns[j]! ** 2;
  const statistic = ((k - 1) * (k * colSquares - total * total)) / denominator;
  return { statistic, df: k - 1, pValue: chisqUpper(statistic, k - 1), method: "Cochran's Q test" };
}
