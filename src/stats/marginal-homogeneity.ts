/**
 * Marginal homogeneity of a k x k table of the same people's answers in two waves: did the
 * distribution change? Stuart–Maxwell's test and Bhapkar's (the same differences of margins,
 * with a variance estimated without assuming homogeneity; W = SM / (1 - SM / n)).
 *
 * d_i = n_i. - n_.i for the first k - 1 categories, S_ii = n_i. + n_.i - 2 n_ii and
 * S_ij = -(n_ij + n_ji); SM = d' S^-1 d on k - 1 degrees of freedom. A category in which
 * every case agreed (all of its row and column on the diagonal) makes S singular and carries
 * no information about change; it is dropped first, as current versions of DescTools'
 * StuartMaxwellTest and BhapkarTest do. Older versions, like the irr package, dropped every
 * category whose two margins happen to be equal, which changes the statistic. Bhapkar's n
 * stays the whole table: a dropped category's people are still part of the sample whose
 * proportions the variance describes.
 */
import { chisqUpper } from './distributions.js';
import { StatsError } from './errors.js';
import { solve } from './linear-algebra.js';
import type { TestResult } from './test-result.js';

function differences(table: number[][], what: string): { d: number[]; s: number[][]; n: number } {
  const k = table.length;
  if (k < 2 || table.some((row) => row.length !== k))
    throw new StatsError(`${what} requires a square table of at least 2 x 2.`);
  for (const row of table)
    for (const v of row)
      if (!(v >= 0) || !Number.isFinite(v))
        throw new StatsError(`${what} requires counts of 0 or more, not ${v}.`);
  const rowSum = table.map((r) => r.reduce((s, v) => s + v, 0));
  const colSum = table[0]!.map((_, j) => table.reduce((s, r) => s + r[j]!, 0));
  const kept = [...Array(k).keys()].filter(
    (i) => !(table[i]![i] === rowSum[i] && table[i]![i] === colSum[i]),
  );
  if (kept.length < 2)
    throw new StatsError(
      `${what} cannot be computed: every answer but those of one category was the same in both waves (nobody changed between at least two categories).`,
    );
  const x = kept.map((i) => kept.map((j) => table[i]![j]!));
  const m = kept.length;
  const rows = x.map((r) => r.reduce((s, v) => s + v, 0));
  const cols = x[0]!.map((_, j) => x.reduce((s, r) => s + r[j]!, 0));
  const d = rows.slice(0, m - 1).map((r, i) => r - cols[i]!);
  const s = d.map((_, i) =>
    d.map((__, j) => (i === j ? rows[i]! + cols[i]! - 2 * x[i]![i]! : -(x[i]![j]! + x[j]![i]!))),
  );
  const n = table.flat().reduce((t, v) => t + v, 0);
  return { d, s, n };
}

function quadraticForm(d: number[], s: number[][], what: string): number {
  let inv: number[][];
  try {
    inv = solve(
      s,
      d.map((v) => [v]),
    );
  } catch {
    throw new StatsError(`${what} cannot be computed: the covariance of the margins is singular.`);
  }
  return d.reduce((t, v, i) => t + v * inv[i]![0]!, 0);
}

export function stuartMaxwellTest(table: number[][]): TestResult {
  const { d, s } = differences(table, 'stuartMaxwellTest');
  const statistic = quadraticForm(d, s, 'stuartMaxwellTest');
  const df = d.length;
  return {
    statistic,
    df,
    pValue: chisqUpper(statistic, df),
    method: 'Stuart-Maxwell test',
  };
}

export function bhapkarTest(table: number[][]): TestResult {
  const { d, s, n } = differences(table, 'bhapkarTest');
  // Covariance of d without the homogeneity assumption: S - d d' / n.
  const sb = s.map((row, i) => row.map((v, j) => v - (d[i]! * d[j]!) / n));
  const statistic = quadraticForm(d, sb, 'bhapkarTest');
  const df = d.length;
  return { statistic, df, pValue: chisqUpper(statistic, df), method: 'Bhapkar test' };
}
