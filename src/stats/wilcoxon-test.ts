/**
 * Wilcoxon tests with R 4.2's rules (wilcox.test): the signed-rank test for one sample or
 * pairs drops zero differences; it is exact only when n < 50 and there are neither ties nor
 * zeros, otherwise the normal approximation with tie-corrected variance and continuity
 * correction. The rank-sum (Mann-Whitney) test is exact when both groups have fewer than 50
 * and there are no ties. R 4.6 changed the exact tests in the presence of ties; Longitude
 * follows R 4.2, the version its oracle runs on.
 */
import { normalLower, normalUpper } from './distributions.js';
import { StatsError } from './errors.js';
import { rank, tieSizes } from './rank.js';
import { sum } from './sum.js';
import type { TestResult } from './test-result.js';

/** Counts of subsets of {1..n} by their sum: the null distribution of V. O(n^3). */
function signedRankCounts(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  const w = new Float64Array(max + 1);
  w[0] = 1;
  for (let k = 1; k <= n; k++) for (let s = (k * (k + 1)) / 2; s >= k; s--) w[s]! += w[s - k]!;
  return w;
}

/** P(V <= q) (psignrank). */
function psignrank(q: number, n: number, upper: boolean): number {
  const w = signedRankCounts(n);
  const totalCount = 2 ** n;
  let p = 0;
  if (upper) for (let s = Math.floor(q) + 1; s < w.length; s++) p += w[s]!;
  else for (let s = 0; s <= Math.floor(q) && s < w.length; s++) p += w[s]!;
  return p / totalCount;
}

function normalTwoSided(z: number, sigma: number, correct: boolean): number {
  const correction = correct ? Math.sign(z) * 0.5 : 0;
  const zz = (z - correction) / sigma;
  return 2 * Math.min(normalLower(zz), normalUpper(zz));
}

export function signedRankTest(
  x: ArrayLike<number>,
  options: { y?: ArrayLike<number>; mu?: number; correct?: boolean; exact?: boolean } = {},
): TestResult {
  const mu = options.mu ?? 0;
  const correct = options.correct ?? true;
  let d = Array.from(x, (v, i) => v - (options.y ? options.y[i]! : 0) - mu);
  if (options.y && options.y.length !== x.length)
    throw new StatsError(
      `signedRankTest requires pairs: ${x.length} and ${options.y.length} values given.`,
    );
  const zeroes = d.some((v) => v === 0);
  d = d.filter((v) => v !== 0);
  const n = d.length;
  if (n === 0) throw new StatsError('signedRankTest requires at least one non-zero difference.');
  const r = rank(d.map(Math.abs));
  const statistic = sum(d.map((v, i) => (v > 0 ? r[i]! : 0)));
  const ties = new Set(r).size !== r.length;
  const exact = options.exact ?? n < 50;
  const method = options.y ? 'Wilcoxon signed rank' : 'Wilcoxon signed rank';
  if (exact && !ties && !zeroes) {
    const p =
      statistic > (n * (n + 1)) / 4
        ? psignrank(statistic - 1, n, true)
        : psignrank(statistic, n, false);
    return { statistic, pValue: Math.min(2 * p, 1), method: `${method} exact test` };
  }
  const ntie = tieSizes(r);
  const z = statistic - (n * (n + 1)) / 4;
  const sigma = Math.sqrt((n * (n + 1) * (2 * n + 1)) / 24 - sum(ntie.map((t) => t ** 3 - t)) / 48);
  if (sigma === 0)
    throw new StatsError('signedRankTest cannot be computed: all differences are tied.');
  return {
    statistic,
    pValue: normalTwoSided(z, sigma, correct),
    method: `${method} test${correct ? ' with continuity correction' : ''}`,
  };
}

/** Counts of Mann-Whitney U values for groups of m and n without ties. O(m n (m + n)). */
function wilcoxCounts(m: number, n: number): Float64Array {
  // f[j][u]: ways to place j of the x's among the first i values with U = u, built row by row.
  const maxU = m * n;
  let prev: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(maxU + 1));
  prev[0]![0] = 1;
  for (let i = 1; i <= m + n; i++) {
    const next: Float64Array[] = Array.from({ length: m + 1 }, () => new Float64Array(maxU + 1));
    for (let j = 0; j <= Math.min(i, m); j++) {
      const ysSoFar = i - j;
      if (ysSoFar > n) continue;
      // the i-th value is a y: U unchanged
      if (ysSoFar >= 1) for (let u = 0; u <= maxU; u++) next[j]![u]! += prev[j]![u]!;
      // the i-th value is an x: it exceeds every y placed so far
      if (j >= 1) for (let u = ysSoFar; u <= maxU; u++) next[j]![u]! += prev[j - 1]![u - ysSoFar]!;
    }
    prev = next;
  }
  return prev[m]!;
}

function pwilcox(q: number, m: number, n: number, upper: boolean): number {
  const counts = wilcoxCounts(m, n);
  const totalCount = sum(counts);
  let p = 0;
  if (upper) for (let u = Math.floor(q) + 1; u < counts.length; u++) p += counts[u]!;
  else for (let u = 0; u <= Math.floor(q) && u < counts.length; u++) p += counts[u]!;
  return p / totalCount;
}

export function rankSumTest(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  options: { correct?: boolean; exact?: boolean } = {},
): TestResult {
  const nx = x.length;
  const ny = y.length;
  if (nx < 1 || ny < 1)
    throw new StatsError('rankSumTest requires at least one observation in each group.');
  const correct = options.correct ?? true;
  const r = rank([...Array.from(x), ...Array.from(y)]);
  let rx = 0;
  for (let i = 0; i < nx; i++) rx += r[i]!;
  const statistic = rx - (nx * (nx + 1)) / 2;
  const ties = new Set(r).size !== r.length;
  const exact = options.exact ?? (nx < 50 && ny < 50);
  if (exact && !ties) {
    const p =
      statistic > (nx * ny) / 2
        ? pwilcox(statistic - 1, nx, ny, true)
        : pwilcox(statistic, nx, ny, false);
    return { statistic, pValue: Math.min(2 * p, 1), method: 'Wilcoxon rank sum exact test' };
  }
  const ntie = tieSizes(r);
  const z = statistic - (nx * ny) / 2;
  const sigma = Math.sqrt(
    ((nx * ny) / 12) *
      (nx + ny + 1 - sum(ntie.map((t) => t ** 3 - t)) / ((nx + ny) * (nx + ny - 1))),
  );
  if (sigma === 0) throw new StatsError('rankSumTest cannot be computed: all values are tied.');
  return {
    statistic,
    pValue: normalTwoSided(z, sigma, correct),
    method: `Wilcoxon rank sum test${correct ? ' with continuity correction' : ''}`,
  };
}
