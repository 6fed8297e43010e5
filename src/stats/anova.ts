/**
 * One-way analysis of variance across groups, as R's oneway.test: Welch's test (R's default,
 * no equal-variance assumption) and the classical F test (var.equal = TRUE, the same F as
 * anova(lm(y ~ g))). O(n).
 */
import { fUpper } from './distributions.js';
import { mean, variance } from './describe.js';
import { StatsError } from './errors.js';
import { sum } from './sum.js';
import type { TestResult } from './test-result.js';

export function oneWayAnova(
  groups: ArrayLike<number>[],
  options: { equalVariance?: boolean } = {},
): TestResult & { df2: number } {
  const k = groups.length;
  if (k < 2) throw new StatsError('oneWayAnova requires at least two groups.');
  if (groups.some((g) => g.length < 2))
    throw new StatsError('oneWayAnova requires at least two observations in every group.');
  const n = groups.map((g) => g.length);
  const m = groups.map((g) => mean(g));
  const v = groups.map((g) => variance(g));
  const N = sum(n);
  if (options.equalVariance) {
    const grand = sum(groups.map((g) => sum(g))) / N;
    const between = sum(n.map((ni, i) => ni * (m[i]! - grand) ** 2)) / (k - 1);
    const within = sum(n.map((ni, i) => (ni - 1) * v[i]!)) / (N - k);
    if (within === 0)
      throw new StatsError('oneWayAnova cannot be computed: there is no variation within groups.');
    const statistic = between / within;
    return {
      statistic,
      df: k - 1,
      df2: N - k,
      pValue: fUpper(statistic, k - 1, N - k),
      method: 'One-way analysis of means',
    };
  }
  if (v.some((x) => x === 0))
    throw new StatsError("oneWayAnova (Welch) cannot be computed: a group's values are all equal.");
  const w = n.map((ni, i) => ni / v[i]!);
  const sw = sum(w);
  const mw = sum(w.map((wi, i) => wi * m[i]!)) / sw;
  const tmp = sum(w.map((wi, i) => (1 - wi / sw) ** 2 / (n[i]! - 1))) / (k * k - 1);
  const statistic =
    sum(w.map((wi, i) => wi * (m[i]! - mw) ** 2)) / ((k - 1) * (1 + 2 * (k - 2) * tmp));
  const df2 = 1 / (3 * tmp);
  return {
    statistic,
    df: k - 1,
    df2,
    pValue: fUpper(statistic, k - 1, df2),
    method: 'One-way analysis of means (not assuming equal variances)',
  };
}
