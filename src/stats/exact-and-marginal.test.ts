// Behaviour of Fisher's exact test, the marginal homogeneity tests, the root search, finite
// population corrections and weighted quantiles that the R oracles do not cover: seeds,
// budgets, refusals.
import { describe, expect, it } from 'vitest';
import { weightedQuantile } from './describe.js';
import { StatsError } from './errors.js';
import { fisherExactTest, fisherExactTestRxC } from './fisher-test.js';
import { bhapkarTest, stuartMaxwellTest } from './marginal-homogeneity.js';
import { uniroot } from './root-finding.js';
import { surveyMean } from './survey-design.js';

const job = [
  [1, 2, 1, 0],
  [3, 3, 6, 1],
  [10, 10, 14, 9],
  [6, 7, 12, 11],
];

describe("Fisher's exact test for r x c tables", () => {
  it('is exact when the enumeration fits, and says so', () => {
    const r = fisherExactTestRxC(job);
    expect(r.method).toBe("Fisher's Exact Test for Count Data");
    expect(r.pValue).toBeCloseTo(0.7826849389656, 10);
  });

  it('falls back to a seeded Monte Carlo estimate beyond its budget, reproducibly', () => {
    const a = fisherExactTestRxC(job, { maxNodes: 100 });
    const b = fisherExactTestRxC(job, { maxNodes: 100 });
    expect(a.method).toBe(
      "Fisher's Exact Test for Count Data with simulated p-value (based on 2000 replicates)",
    );
    expect(a.pValue).toBe(b.pValue);
    // (1 + count) / (B + 1): a multiple of 1/2001.
    expect(Math.abs(a.pValue * 2001 - Math.round(a.pValue * 2001))).toBeLessThan(1e-9);
    expect(Math.abs(a.pValue - 0.7826849389656)).toBeLessThan(4 * Math.sqrt(0.17 / 2000));
  });

  it('gives other estimates with other seeds', () => {
    const ps = new Set(
      [1, 2, 3, 4].map((seed) => fisherExactTestRxC(job, { simulate: true, seed }).pValue),
    );
    expect(ps.size).toBeGreaterThan(1);
  });

  it('leaves out empty rows and columns, and gives 1 when one row or column is left', () => {
    const withEmpty = fisherExactTestRxC([
      [3, 0, 1],
      [0, 0, 0],
      [1, 0, 3],
    ]);
    expect(withEmpty.pValue).toBeCloseTo(
      fisherExactTest([
        [3, 1],
        [1, 3],
      ]).pValue,
      6,
    );
    expect(
      fisherExactTestRxC([
        [3, 4, 1],
        [0, 0, 0],
      ]).pValue,
    ).toBe(1);
  });

  it('refuses tables it cannot use', () => {
    expect(() => fisherExactTestRxC([[1, 2, 3]])).toThrow(StatsError);
    expect(() =>
      fisherExactTestRxC([
        [1, 2],
        [3, 1.5],
      ]),
    ).toThrow(/whole counts/);
    expect(() => fisherExactTestRxC(job, { simulate: true, replicates: 0 })).toThrow(/replicates/);
    expect(() => fisherExactTestRxC(job, { simulate: true, seed: 0 })).toThrow(/seed/);
  });
});

describe("Fisher's exact test for 2 x 2 tables", () => {
  it('gives an infinite odds ratio and upper limit when the first cell is at its maximum', () => {
    const r = fisherExactTest([
      [5, 0],
      [0, 5],
    ]);
    expect(r.estimate).toBe(Infinity);
    expect(r.high).toBe(Infinity);
    expect(r.low).toBeGreaterThan(1);
  });

  it('gives one-sided intervals open at one end', () => {
    const t = [
      [3, 1],
      [1, 3],
    ];
    expect(fisherExactTest(t, { alternative: 'less' }).low).toBe(0);
    expect(fisherExactTest(t, { alternative: 'greater' }).high).toBe(Infinity);
  });

  it('refuses a confidence level outside (0, 1)', () => {
    expect(() =>
      fisherExactTest(
        [
          [1, 2],
          [3, 4],
        ],
        { level: 1 },
      ),
    ).toThrow(/confidence level/);
  });
});

describe('marginal homogeneity', () => {
  it('drops a category in which everyone agreed, leaving the statistic as without it', () => {
    const with3 = [
      [20, 3, 0],
      [6, 30, 0],
      [0, 0, 15],
    ];
    const without = [
      [20, 3],
      [6, 30],
    ];
    expect(stuartMaxwellTest(with3).statistic).toBeCloseTo(
      stuartMaxwellTest(without).statistic,
      12,
    );
    expect(stuartMaxwellTest(with3).df).toBe(1);
  });

  it('for a 2 x 2 table, Stuart-Maxwell is McNemar without continuity correction', () => {
    expect(
      stuartMaxwellTest([
        [20, 3],
        [6, 30],
      ]).statistic,
    ).toBeCloseTo((3 - 6) ** 2 / 9, 12);
  });

  it('Bhapkar is Stuart-Maxwell / (1 - Stuart-Maxwell / n)', () => {
    const t = [
      [20, 3, 2],
      [5, 30, 4],
      [1, 6, 25],
    ];
    const sm = stuartMaxwellTest(t).statistic;
    expect(bhapkarTest(t).statistic).toBeCloseTo(sm / (1 - sm / 96), 10);
  });

  it('refuses a table where nobody changed', () => {
    expect(() =>
      stuartMaxwellTest([
        [5, 0],
        [0, 7],
      ]),
    ).toThrow(/nobody changed/);
    expect(() => bhapkarTest([[1, 2, 3]])).toThrow(/square table/);
  });
});

describe('uniroot', () => {
  it('finds a root to its tolerance and refuses an interval without a sign change', () => {
    expect(uniroot((x) => x * x - 2, 0, 2, { tol: 1e-12 })).toBeCloseTo(Math.SQRT2, 11);
    expect(() => uniroot((x) => x * x + 1, 0, 2)).toThrow(/same sign/);
  });
});

describe('finite population correction', () => {
  const y = [1, 2, 3, 4, 5, 6];
  const weights = [10, 10, 10, 10, 10, 10];
  it('shrinks the variance by (N - n) / N, and to 0 for a census', () => {
    const without = surveyMean([y], { weights }).se[0]!;
    const fpc = surveyMean([y], { weights, fpc: Array(6).fill(60) }).se[0]!;
    expect(fpc).toBeCloseTo(without * Math.sqrt(54 / 60), 12);
    expect(surveyMean([y], { weights, fpc: Array(6).fill(1) }).se[0]).toBe(0);
  });
  it('refuses a population smaller than the sample, mixed forms, and varying values', () => {
    expect(() => surveyMean([y], { weights, fpc: Array(6).fill(4) })).toThrow(/population of 4/);
    expect(() => surveyMean([y], { weights, fpc: [60, 60, 60, 0.5, 60, 60] })).toThrow(
      /respondent 4 has 0.5/,
    );
    expect(() =>
      surveyMean([y], { weights, strata: [1, 1, 1, 2, 2, 2], fpc: [60, 60, 61, 60, 60, 60] }),
    ).toThrow(/same for everyone in stratum '1'/);
  });
});

describe('weighted quantile', () => {
  it('with equal weights is the inverse of the empirical distribution', () => {
    const x = [5, 1, 4, 2, 3];
    const w = [1, 1, 1, 1, 1];
    expect(weightedQuantile(x, w, 0.5)).toBe(3);
    expect(weightedQuantile(x, w, 0.4)).toBe(2);
    expect(weightedQuantile(x, w, 1)).toBe(5);
  });
  it('follows the weights and leaves out weight 0', () => {
    expect(weightedQuantile([1, 2, 3], [1, 8, 1], 0.5)).toBe(2);
    expect(weightedQuantile([1, 2, 100], [1, 1, 0], 1)).toBe(2);
    expect(() => weightedQuantile([1], [0], 0.5)).toThrow(/weight above 0/);
    expect(() => weightedQuantile([1, 2], [1, -1], 0.5)).toThrow(/value 2 has weight -1/);
  });
});
