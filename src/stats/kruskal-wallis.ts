/** Kruskal-Wallis rank sum test across groups, as R's kruskal.test (tie-corrected H). O(n log n). */
import { chisqUpper } from './distributions.js';
import { StatsError } from './errors.js';
import { rank, tieSizes } from './rank.js';
import { sum } from './sum.js';
import type { TestResult } from './test-result.js';

export function kruskalWallisTest(groups: ArrayLike<number>[]): TestResult {
  const k = groups.filter((g) => g.length > 0).length;
  if (k < 2)
    throw new StatsError('kruskalWallisTest requires at least two groups with observations.');
  const all = groups.flatMap((g) => Array.from(g));
  const n = all.length;
  const r = rank(all);
  let offset = 0;
  const terms: number[] = [];
  for (const g of groups) {
    let s = 0;
    for (let i = 0; i < g.length; i++) s += r[offset + i]!;
    if (g.length > 0) terms.push((s * s) / g.length);
    offset += g.length;
  }
  const ties = tieSizes(r);
  const correction = 1 - sum(ties.map((t) => t ** 3 - t)) / (n ** 3 - n);
  if (correction === 0)
    throw new StatsError('kruskalWallisTest cannot be computed: all values are tied.');
  const statistic = ((12 * sum(terms)) / (n * (n + 1)) - 3 * (n + 1)) / correction;
  return {
    statistic,
    df: k - 1,
    pValue: chisqUpper(statistic, k - 1),
    method: 'Kruskal-Wallis rank sum test',
  };
}
