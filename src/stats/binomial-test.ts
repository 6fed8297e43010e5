/**
 * Exact binomial test, as R's binom.test: two-sided p-value sums the probabilities of all
 * outcomes no more likely than the observed one, with R's relative tolerance 1 + 1e-7; the
 * interval is Clopper-Pearson.
 */
import binomialPmf from '@stdlib/stats-base-dists-binomial-pmf';
import { binomLower, binomUpper } from './distributions.js';
import { clopperPearson } from './proportion-interval.js';
import type { TestResult } from './test-result.js';
import { StatsError } from './errors.js';

export function binomialTest(
  x: number,
  n: number,
  options: { p?: number; level?: number } = {},
): TestResult {
  const p = options.p ?? 0.5;
  if (!(p >= 0 && p <= 1))
    throw new StatsError(`binomialTest requires p between 0 and 1, not ${p}.`);
  const ci = clopperPearson(x, n, { level: options.level });
  const relErr = 1 + 1e-7;
  const d = binomialPmf(x, n, p);
  const m = n * p;
  let pValue: number;
  if (p === 0) pValue = x === 0 ? 1 : 0;
  else if (p === 1) pValue = x === n ? 1 : 0;
  else if (x === m) pValue = 1;
  else if (x < m) {
    let y = 0;
    for (let i = Math.ceil(m); i <= n; i++) if (binomialPmf(i, n, p) <= d * relErr) y++;
    pValue = binomLower(x, n, p) + binomUpper(n - y, n, p);
  } else {
    let y = 0;
    for (let i = 0; i <= Math.floor(m); i++) if (binomialPmf(i, n, p) <= d * relErr) y++;
    pValue = binomLower(y - 1, n, p) + binomUpper(x - 1, n, p);
  }
  return {
    statistic: x,
    pValue: Math.min(1, pValue),
    method: 'Exact binomial test',
    estimate: ci.estimate,
    low: ci.low,
    high: ci.high,
  };
}
