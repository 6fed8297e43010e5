/**
 * Descriptive statistics, weighted or not: mean, variance, proportion, total, and quantiles
 * with R's default (type 7). Each throws a sentence when there is nothing to describe.
 */
import { StatsError } from './errors.js';
import { sum } from './sum.js';

function checkWeights(x: ArrayLike<number>, w: ArrayLike<number> | undefined, what: string): void {
  if (x.length === 0) throw new StatsError(`${what} requires at least one value.`);
  if (w && w.length !== x.length)
    throw new StatsError(`${what} requires as many weights (${w.length}) as values (${x.length}).`);
  if (w)
    for (let i = 0; i < w.length; i++)
      if (!(w[i]! >= 0))
        throw new StatsError(
          `${what} requires weights that are 0 or more; weight ${i + 1} is ${w[i]}.`,
        );
}

/** mean(x), or weighted.mean(x, w). O(n). */
export function mean(x: ArrayLike<number>, w?: ArrayLike<number>): number {
  checkWeights(x, w, 'mean');
  if (!w) return sum(x) / x.length;
  const products = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) products[i] = x[i]! * w[i]!;
  const total = sum(w);
  if (total === 0) throw new StatsError('mean requires weights that do not all equal 0.');
  return sum(products) / total;
}

/** var(x): the sample variance with n - 1 in the denominator, by two passes. O(n). */
export function variance(x: ArrayLike<number>): number {
  if (x.length < 2) throw new StatsError('variance requires at least two values.');
  const m = mean(x);
  const squares = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) squares[i] = (x[i]! - m) ** 2;
  return sum(squares) / (x.length - 1);
}

/** Share of values equal to 1 in a 0/1 indicator, weighted or not. */
export function proportion(indicator: ArrayLike<number>, w?: ArrayLike<number>): number {
  for (let i = 0; i < indicator.length; i++)
    if (indicator[i] !== 0 && indicator[i] !== 1)
      throw new StatsError(`proportion requires values 0 or 1; value ${i + 1} is ${indicator[i]}.`);
  return mean(indicator, w);
}

/** sum(w * x): the weighted total (the estimated population total when w are weights). */
export function total(x: ArrayLike<number>, w?: ArrayLike<number>): number {
  checkWeights(x, w, 'total');
  if (!w) return sum(x);
  const products = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) products[i] = x[i]! * w[i]!;
  return sum(products);
}

/** quantile(x, p) with R's default type 7: linear between order statistics. O(n log n). */
export function quantile(x: ArrayLike<number>, p: number): number {
  if (x.length === 0) throw new StatsError('quantile requires at least one value.');
  if (!(p >= 0 && p <= 1))
    throw new StatsError(`quantile requires a probability between 0 and 1, not ${p}.`);
  const sorted = Float64Array.from(x).sort();
  // As R's type 7: index = 1 + (n - 1) p; (1 - h) x[lo] + h x[hi] where the two differ.
  const index = (sorted.length - 1) * p;
  const lo = Math.floor(index);
  const hi = Math.ceil(index);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  if (!(index > lo) || a === b) return a;
  const h = index - lo;
  return (1 - h) * a + h * b;
}

/**
 * Weighted quantile as the survey package's svyquantile(qrule = "math") estimates it: sort by
 * value, take the last position whose cumulative weight is at most p times the total (the
 * first position when there is none); that value when its cumulative share equals p exactly,
 * otherwise the next one. Respondents with weight 0 are left out. O(n log n).
 */
export function weightedQuantile(x: ArrayLike<number>, w: ArrayLike<number>, p: number): number {
  if (x.length !== w.length)
    throw new StatsError(`weightedQuantile has ${x.length} values but ${w.length} weights.`);
  if (!(p >= 0 && p <= 1))
    throw new StatsError(`weightedQuantile requires a probability between 0 and 1, not ${p}.`);
  const order: number[] = [];
  for (let i = 0; i < x.length; i++) {
    if (!(w[i]! >= 0) || !Number.isFinite(w[i]!))
      throw new StatsError(`Weights must be 0 or more; value ${i + 1} has weight ${w[i]}.`);
    if (w[i]! > 0) order.push(i);
  }
  if (order.length === 0) throw new StatsError('weightedQuantile requires a weight above 0.');
  order.sort((a, b) => x[a]! - x[b]! || a - b);
  const cumulative = new Float64Array(order.length);
  let running = 0;
  order.forEach((i, k) => (cumulative[k] = running += w[i]!));
  const total = sum(order.map((i) => w[i]!));
  let pos = 0;
  for (let k = 0; k < cumulative.length; k++) if (cumulative[k]! <= p * total) pos = k;
  const next = pos === order.length - 1 ? pos : pos + 1;
  return p - cumulative[pos]! / total === 0 ? x[order[pos]!]! : x[order[next]!]!;
}
