/**
 * t-tests as R's t.test: one sample, paired (one sample of differences), Welch's (the R
 * default for two groups) and Student's with pooled variance. Two-sided p-values.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { mean, variance } from './describe.js';
import { tTwoSided } from './distributions.js';
import { StatsError } from './errors.js';
import type { TestResult } from './test-result.js';

function finish(
  estimate: number,
  stderr: number,
  df: number,
  mu: number,
  level: number,
  method: string,
): TestResult {
  const statistic = (estimate - mu) / stderr;
  const q = tQuantile(1 - (1 - level) / 2, df);
  return {
    statistic,
    df,
    pValue: tTwoSided(statistic, df),
    method,
    estimate,
    low: estimate - q * stderr,
    high: estimate + q * stderr,
  };
}

export function oneSampleTTest(
  x: ArrayLike<number>,
  options: { mu?: number; level?: number } = {},
): TestResult {
  if (x.length < 2) throw new StatsError('oneSampleTTest requires at least two observations.');
  const m = mean(x);
  const stderr = Math.sqrt(variance(x) / x.length);
  if (stderr < 10 * Number.EPSILON * Math.abs(m))
    throw new StatsError('oneSampleTTest cannot be computed: the data are essentially constant.');
  return finish(
    m,
    stderr,
    x.length - 1,
    options.mu ?? 0,
    options.level ?? 0.95,
    'One Sample t-test',
  );
}

export function pairedTTest(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { level?: number } = {},
): TestResult {
  if (x.length !== y.length)
    throw new StatsError(`pairedTTest requires pairs: ${x.length} and ${y.length} values given.`);
  const d = Float64Array.from({ length: x.length }, (_, i) => x[i]! - y[i]!);
  return { ...oneSampleTTest(d, options), method: 'Paired t-test' };
}

export function twoSampleTTest(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { equalVariance?: boolean; level?: number } = {},
): TestResult {
  const nx = x.length;
  const ny = y.length;
  const level = options.level ?? 0.95;
  if (nx < 1 || ny < 1 || (options.equalVariance ? nx + ny < 3 : nx < 2 || ny < 2))
    throw new StatsError('twoSampleTTest requires at least two observations in each group.');
  const mx = mean(x);
  const my = mean(y);
  const vx = nx > 1 ? variance(x) : 0;
  const vy = ny > 1 ? variance(y) : 0;
  let stderr: number;
  let df: number;
  if (options.equalVariance) {
    df = nx + ny - 2;
    const v = ((nx - 1) * vx + (ny - 1) * vy) / df;
    stderr = Math.sqrt(v * (1 / nx + 1 / ny));
  } else {
    const sx = vx / nx;
    const sy = vy / ny;
    stderr = Math.sqrt(sx + sy);
    df = (sx + sy) ** 2 / (sx ** 2 / (nx - 1) + sy ** 2 / (ny - 1));
  }
  if (stderr < 10 * Number.EPSILON * Math.max(Math.abs(mx), Math.abs(my)))
    throw new StatsError('twoSampleTTest cannot be computed: the data are essentially constant.');
  return finish(
    mx - my,
    stderr,
    df,
    0,
    level,
    options.equalVariance ? ' Two Sample t-test' : 'Welch Two Sample t-test',
  );
}
