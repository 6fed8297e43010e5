/**
 * Fisher's exact test for a 2 x 2 table, as R's fisher.test: the two-sided p-value sums the
 * conditional (hypergeometric) probabilities of all tables no more likely than the observed
 * one, with R's relative tolerance 1 + 1e-7. O(min(row, column) totals).
 */
import binomcoefln from '@stdlib/math-base-special-binomcoefln';
import { StatsError } from './errors.js';
import type { TestResult } from './test-result.js';

export function fisherExactTest(table: number[][]): TestResult {
  if (table.length !== 2 || table.some((r) => r.length !== 2))
    throw new StatsError('fisherExactTest requires a 2 x 2 table.');
  const [[a, b], [c, d]] = table as [[number, number], [number, number]];
  for (const v of [a, b, c, d])
    if (!(Number.isInteger(v) && v >= 0))
      throw new StatsError(`fisherExactTest requires whole counts of 0 or more, not ${v}.`);
  const m = a + c; // first column
  const n = b + d; // second column
  const k = a + b; // first row
  const lo = Math.max(0, k - n);
  const hi = Math.min(k, m);
  const logd: number[] = [];
  for (let x = lo; x <= hi; x++) logd.push(binomcoefln(m, x) + binomcoefln(n, k - x));
  const max = Math.max(...logd);
  const dens = logd.map((l) => Math.exp(l - max));
  const total = dens.reduce((s, v) => s + v, 0);
  const observed = dens[a - lo]! / total;
  const relErr = 1 + 1e-7;
  let p = 0;
  for (const v of dens) if (v / total <= observed * relErr) p += v / total;
  return { statistic: a, pValue: Math.min(1, p), method: "Fisher's Exact Test for Count Data" };
}
