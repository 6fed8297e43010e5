// Every function of the statistics room against values computed by R (test/oracles/*.R; the
// JSON they write is committed). Tolerance: 1e-9 relative.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { oneWayAnova } from './anova.js';
import { binomialTest } from './binomial-test.js';
import { cochranQTest } from './cochran-q.js';
import { type Alternative, fisherExactTest, fisherExactTestRxC } from './fisher-test.js';
import { kruskalWallisTest } from './kruskal-wallis.js';
import { logisticRegression } from './logistic-regression.js';
import { chiSquareTest, goodnessOfFit } from './chi-square-test.js';
import { mean, quantile, variance } from './describe.js';
import { kishDesignEffect } from './design-effect.js';
import { binomUpper, chisqUpper, fUpper, normalUpper, tTwoSided } from './distributions.js';
import { bhapkarTest, stuartMaxwellTest } from './marginal-homogeneity.js';
import { mcnemarExactTest, mcnemarTest } from './mcnemar-test.js';
import { benjaminiHochberg, holm } from './p-adjust.js';
import { clopperPearson } from './proportion-interval.js';
import { proportionTest } from './proportion-test.js';
import { oneSampleTTest, pairedTTest, twoSampleTTest } from './t-test.js';
import { rankSumTest, signedRankTest } from './wilcoxon-test.js';

interface Case {
  family: string;
  fn: string;
  input: Record<string, unknown>;
  expected: Record<string, number | number[]>;
}

const oracle = JSON.parse(
  readFileSync(new URL('../../test/oracles/base-tests.json', import.meta.url), 'utf8'),
) as {
  r_version: string;
  cases: Case[];
};

const tolerance = 1e-9;

function close(actual: number, expected: number, what: string): void {
  if (actual === expected) return;
  // Below 1e-300 both sides are underflow: R returns 0 where the special function returns a
  // subnormal number. Everything from 1e-300 up must agree.
  if (Math.abs(actual) < 1e-300 && Math.abs(expected) < 1e-300) return;
  const scale = Math.max(Math.abs(actual), Math.abs(expected));
  const rel = Math.abs(actual - expected) / scale;
  expect(rel, `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(tolerance);
}

type Result = Record<string, number | number[] | undefined>;
const num = (v: unknown): number => v as number;
// R's infinities are written as the strings "Infinity" and "-Infinity".
const finite = (v: unknown): number => (typeof v === 'string' ? Number(v) : (v as number));
const nums = (v: unknown): number[] => (Array.isArray(v) ? v.map(finite) : [finite(v)]);

const run: Record<string, (input: Record<string, unknown>) => Result> = {
  wilson: (i) => {
    const r = proportionTest(num(i.x), num(i.n), {
      correct: i.correct as boolean,
      level: num(i.level),
    });
    return {
      estimate: r.estimate,
      low: r.low,
      high: r.high,
      statistic: r.statistic,
      p_value: r.pValue,
    };
  },
  clopperPearson: (i) =>
    clopperPearson(num(i.x), num(i.n), { level: num(i.level) }) as unknown as Result,
  binomialTest: (i) => {
    const r = binomialTest(num(i.x), num(i.n), { p: num(i.p) });
    return { p_value: r.pValue, low: r.low, high: r.high };
  },
  chiSquareTest: (i) => {
    const r = chiSquareTest(i.table as number[][], { correct: i.correct as boolean });
    return { statistic: r.statistic, df: r.df, p_value: r.pValue };
  },
  goodnessOfFit: (i) => {
    const r = goodnessOfFit(nums(i.counts), nums(i.p));
    return { statistic: r.statistic, df: r.df, p_value: r.pValue };
  },
  mcnemarTest: (i) => {
    const r = mcnemarTest(i.table as number[][], { correct: i.correct as boolean });
    return { statistic: r.statistic, df: r.df, p_value: r.pValue };
  },
  mcnemarExactTest: (i) => ({ p_value: mcnemarExactTest(i.table as number[][]).pValue }),
  twoSampleTTest: (i) => {
    const r = twoSampleTTest(nums(i.x), nums(i.y), { equalVariance: i.equalVariance as boolean });
    return { statistic: r.statistic, df: r.df, p_value: r.pValue, low: r.low, high: r.high };
  },
  oneSampleTTest: (i) => {
    const r = oneSampleTTest(nums(i.x), { mu: num(i.mu) });
    return { statistic: r.statistic, df: r.df, p_value: r.pValue, low: r.low, high: r.high };
  },
  pairedTTest: (i) => {
    const r = pairedTTest(nums(i.x), nums(i.y));
    return { statistic: r.statistic, df: r.df, p_value: r.pValue, low: r.low, high: r.high };
  },
  signedRankTest: (i) => {
    const r = signedRankTest(nums(i.x), {
      y: i.y === null ? undefined : nums(i.y),
      correct: i.correct as boolean,
    });
    return { statistic: r.statistic, p_value: r.pValue };
  },
  rankSumTest: (i) => {
    const r = rankSumTest(nums(i.x), nums(i.y), { correct: i.correct as boolean });
    return { statistic: r.statistic, p_value: r.pValue };
  },
  oneWayAnova: (i) => {
    const r = oneWayAnova((i.groups as unknown[]).map(nums), {
      equalVariance: i.equalVariance as boolean,
    });
    return { statistic: r.statistic, df: r.df, df2: r.df2, p_value: r.pValue };
  },
  kruskalWallisTest: (i) => {
    const r = kruskalWallisTest((i.groups as unknown[]).map(nums));
    return { statistic: r.statistic, df: r.df, p_value: r.pValue };
  },
  cochranQTest: (i) => {
    const r = cochranQTest((i.rows as unknown[]).map(nums));
    return { statistic: r.statistic, df: r.df, p_value: r.pValue };
  },
  fisherExactTest: (i) => {
    const r = fisherExactTest(i.table as number[][], {
      alternative: i.alternative as Alternative,
      level: num(i.level),
    });
    return { p_value: r.pValue, estimate: r.estimate, low: r.low, high: r.high };
  },
  fisherExactTestRxC: (i) => ({ p_value: fisherExactTestRxC(i.table as number[][]).pValue }),
  stuartMaxwellTest: (i) => {
    const r = stuartMaxwellTest(i.table as number[][]);
    return { statistic: r.statistic, df: r.df, p_value: r.pValue };
  },
  bhapkarTest: (i) => {
    const r = bhapkarTest(i.table as number[][]);
    return { statistic: r.statistic, df: r.df, p_value: r.pValue };
  },
  logisticRegression: (i) => {
    const f = logisticRegression(i.x as number[][], nums(i.y));
    return {
      coefficients: f.coefficients,
      se: f.se,
      deviance: f.deviance,
      iterations: f.iterations,
    };
  },
  holm: (i) => ({ adjusted: holm(nums(i.p)) }),
  benjaminiHochberg: (i) => ({ adjusted: benjaminiHochberg(nums(i.p)) }),
  describe: (i) => {
    const x = nums(i.x);
    const w = nums(i.w);
    const k = kishDesignEffect(w);
    return {
      mean: mean(x),
      weighted_mean: mean(x, w),
      variance: variance(x),
      q25: quantile(x, 0.25),
      median: quantile(x, 0.5),
      q90: quantile(x, 0.9),
      deff: k.deff,
      effective_n: k.effectiveN,
    };
  },
  chisqUpper: (i) => ({ p: chisqUpper(num(i.x), num(i.df)) }),
  tTwoSided: (i) => ({ p: tTwoSided(num(i.t), num(i.df)) }),
  normalUpper: (i) => ({ p: normalUpper(num(i.z)) }),
  fUpper: (i) => ({ p: fUpper(num(i.f), num(i.d1), num(i.d2)) }),
  binomUpper: (i) => ({ p: binomUpper(num(i.k), num(i.n), num(i.p)) }),
};

describe(`statistics against R (${oracle.r_version})`, () => {
  it('has at least 200 cases', () => {
    expect(oracle.cases.length).toBeGreaterThanOrEqual(200);
  });
  const byFamily = new Map<string, Case[]>();
  for (const c of oracle.cases)
    if (c.family !== 'fisher-simulated')
      byFamily.set(c.family, [...(byFamily.get(c.family) ?? []), c]);
  describe('fisher, simulated', () => {
    const cases = oracle.cases.filter((c) => c.family === 'fisher-simulated');
    it('has cases', () => expect(cases.length).toBeGreaterThan(0));
    cases.forEach((c, k) =>
      it(`Monte Carlo p-value #${k + 1} is within 4 standard errors of R's exact one`, () => {
        const replicates = 20_000;
        const r = fisherExactTestRxC(c.input.table as number[][], { replicates });
        expect(r.method).toMatch(/simulated p-value \(based on 20000 replicates\)/);
        const exact = c.expected.p_value as number;
        const se = Math.sqrt((exact * (1 - exact)) / replicates);
        expect(Math.abs(r.pValue - exact)).toBeLessThan(4 * se);
      }),
    );
  });
  for (const [family, cases] of byFamily)
    describe(family, () => {
      cases.forEach((c, k) => {
        it(`${c.fn} #${k + 1}`, () => {
          const f = run[c.fn];
          expect(f, `no implementation for ${c.fn}`).toBeDefined();
          const actual = f!(c.input);
          for (const [key, expected] of Object.entries(c.expected)) {
            const a = actual[key];
            expect(a, `${c.fn} gives no ${key}`).toBeDefined();
            const as = nums(a);
            const es = nums(expected);
            expect(as.length).toBe(es.length);
            es.forEach((e, j) =>
              close(
                as[j]!,
                e,
                `${c.fn} ${key}[${j}] input ${JSON.stringify(c.input).slice(0, 200)}`,
              ),
            );
          }
        });
      });
    });
});
