/**
 * Confidence intervals for a single proportion, as R computes them:
 * - `wilson`: the score interval of prop.test(x, n, correct = FALSE), and with `correct` the
 *   continuity-corrected one of prop.test's default; the correction is min(0.5, |x - n p0|),
 *   with p0 the null value (0.5 unless given), exactly as R caps it.
 * - `clopperPearson`: the exact interval of binom.test, from beta quantiles.
 */
import betaQuantile from '@stdlib/stats-base-dists-beta-quantile';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { StatsError } from './errors.js';

export interface Interval {
  estimate: number;
  low: number;
  high: number;
}

function check(x: number, n: number, level: number, what: string): void {
  if (!(Number.isInteger(n) && n >= 1))
    throw new StatsError(`${what} requires n to be a whole number of at least 1, not ${n}.`);
  if (!(Number.isInteger(x) && x >= 0 && x <= n))
    throw new StatsError(
      `${what} requires x to be a whole number between 0 and n (${n}), not ${x}.`,
    );
  if (!(level > 0 && level < 1))
    throw new StatsError(`${what} requires a confidence level between 0 and 1, not ${level}.`);
}

export function wilson(
  x: number,
  n: number,
  options: { level?: number; correct?: boolean; p0?: number } = {},
): Interval {
  const level = options.level ?? 0.95;
  check(x, n, level, 'wilson');
  const p0 = options.p0 ?? 0.5;
  const estimate = x / n;
  const yates = Math.min(options.correct ? 0.5 : 0, Math.abs(x - n * p0));
  const z = normalQuantile((1 + level) / 2, 0, 1);
  const z22n = (z * z) / (2 * n);
  const bound = (pc: number, sign: 1 | -1): number =>
    (pc + z22n + sign * z * Math.sqrt((pc * (1 - pc)) / n + z22n / (2 * n))) / (1 + 2 * z22n);
  const upperC = estimate + yates / n;
  const lowerC = estimate - yates / n;
  const high = upperC >= 1 ? 1 : bound(upperC, 1);
  const low = lowerC <= 0 ? 0 : bound(lowerC, -1);
  return { estimate, low: Math.max(low, 0), high: Math.min(high, 1) };
}

export function clopperPearson(x: number, n: number, options: { level?: number } = {}): Interval {
  const level = options.level ?? 0.95;
  check(x, n, level, 'clopperPearson');
  const alpha = 1 - level;
  return {
    estimate: x / n,
    low: x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1),
    high: x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x),
  };
}
