/**
 * One-sample test of a proportion, as R's prop.test(x, n, p): the chi-square statistic with
 * Yates's correction min(0.5, |x - n p|) by default, and the Wilson score interval.
 */
import { chisqUpper } from './distributions.js';
import { StatsError } from './errors.js';
import { wilson } from './proportion-interval.js';
import type { TestResult } from './test-result.js';

export function proportionTest(
  x: number,
  n: number,
  options: { p?: number; correct?: boolean; level?: number } = {},
): TestResult {
  const p = options.p ?? 0.5;
  if (!(p > 0 && p < 1))
    throw new StatsError(`proportionTest requires p strictly between 0 and 1, not ${p}.`);
  const correct = options.correct ?? true;
  const ci = wilson(x, n, { level: options.level, correct, p0: p });
  const yates = Math.min(correct ? 0.5 : 0, Math.abs(x - n * p));
  const statistic = (Math.abs(x - n * p) - yates) ** 2 / (n * p * (1 - p));
  return {
    statistic,
    df: 1,
    pValue: chisqUpper(statistic, 1),
    method: correct
      ? '1-sample proportions test with continuity correction'
      : '1-sample proportions test without continuity correction',
    estimate: ci.estimate,
    low: ci.low,
    high: ci.high,
  };
}
