/**
 * Change between two waves for the same people. McNemar's test on a 2 x 2 table of wave-1 by
 * wave-2 answers (R's mcnemar.test, with continuity correction by default), its exact version
 * (a binomial test on the discordant pairs, as exact2x2 and most texts define it), and
 * Bowker's test of symmetry for k x k tables (mcnemar.test on a larger table).
 */
import { binomialTest } from './binomial-test.js';
import { chisqUpper } from './distributions.js';
import { StatsError } from './errors.js';
import { sum } from './sum.js';
import type { TestResult } from './test-result.js';

function square(table: number[][], what: string): number {
  const k = table.length;
  if (k < 2 || table.some((row) => row.length !== k))
    throw new StatsError(`${what} requires a square table of at least 2 x 2.`);
  return k;
}

export function mcnemarTest(table: number[][], options: { correct?: boolean } = {}): TestResult {
  const k = square(table, 'mcnemarTest');
  const correct = (options.correct ?? true) && k === 2;
  const terms: number[] = [];
  for (let i = 0; i < k; i++)
    for (let j = i + 1; j < k; j++) {
      const a = table[i]![j]!;
      const b = table[j]![i]!;
      if (a + b === 0) {
        if (k === 2)
          throw new StatsError(
            'mcnemarTest cannot be computed: there are no discordant pairs (nobody changed).',
          );
        throw new StatsError(
          `mcnemarTest cannot be computed: cells [${i + 1},${j + 1}] and [${j + 1},${i + 1}] are both empty.`,
        );
      }
      terms.push((Math.abs(a - b) - (correct ? 1 : 0)) ** 2 / (a + b));
    }
  const statistic = sum(terms);
  const df = (k * (k - 1)) / 2;
  return {
    statistic,
    df,
    pValue: chisqUpper(statistic, df),
    method:
      k === 2
        ? correct
          ? "McNemar's Chi-squared test with continuity correction"
          : "McNemar's Chi-squared test"
        : "McNemar's Chi-squared test (Bowker's test of symmetry)",
  };
}

/** Exact McNemar: binom.test(b, b + c) on the discordant pairs of a 2 x 2 table. */
export function mcnemarExactTest(table: number[][]): TestResult {
  if (square(table, 'mcnemarExactTest') !== 2)
    throw new StatsError('mcnemarExactTest requires a 2 x 2 table.');
  const b = table[0]![1]!;
  const c = table[1]![0]!;
  if (b + c === 0)
    throw new StatsError(
      'mcnemarExactTest cannot be computed: there are no discordant pairs (nobody changed).',
    );
  const result = binomialTest(b, b + c, { p: 0.5 });
  return { ...result, method: 'Exact McNemar test (binomial on the discordant pairs)' };
}
