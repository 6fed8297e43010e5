// Input that cannot give a result gets a sentence, never NaN or a crash.
import { describe, expect, it } from 'vitest';
import { oneWayAnova } from './anova.js';
import { chiSquareTest } from './chi-square-test.js';
import { cochranQTest } from './cochran-q.js';
import { mean, quantile, variance } from './describe.js';
import { kishDesignEffect } from './design-effect.js';
import { StatsError } from './errors.js';
import { fisherExactTest } from './fisher-test.js';
import { mcnemarExactTest, mcnemarTest } from './mcnemar-test.js';
import { wilson } from './proportion-interval.js';
import { oneSampleTTest, twoSampleTTest } from './t-test.js';
import { rankSumTest, signedRankTest } from './wilcoxon-test.js';

describe('statistics refuse what they cannot compute', () => {
  it.each([
    [() => mean([]), 'mean requires at least one value.'],
    [() => mean([1, 2], [0, 0]), 'mean requires weights that do not all equal 0.'],
    [() => mean([1, 2], [1]), 'mean requires as many weights (1) as values (2).'],
    [() => variance([3]), 'variance requires at least two values.'],
    [() => quantile([1], 2), 'quantile requires a probability between 0 and 1, not 2.'],
    [() => wilson(5, 3), 'wilson requires x to be a whole number between 0 and n (3), not 5.'],
    [
      () => chiSquareTest([[1, 2]]),
      'chiSquareTest requires a table of at least 2 rows and 2 columns.',
    ],
    [
      () =>
        chiSquareTest([
          [0, 0],
          [1, 2],
        ]),
      'chiSquareTest cannot be computed: a row or column of the table is empty.',
    ],
    [
      () =>
        mcnemarTest([
          [5, 0],
          [0, 7],
        ]),
      'mcnemarTest cannot be computed: there are no discordant pairs (nobody changed).',
    ],
    [
      () =>
        mcnemarExactTest([
          [5, 0],
          [0, 7],
        ]),
      'mcnemarExactTest cannot be computed: there are no discordant pairs (nobody changed).',
    ],
    [() => oneSampleTTest([1]), 'oneSampleTTest requires at least two observations.'],
    [
      () => oneSampleTTest([2, 2, 2]),
      'oneSampleTTest cannot be computed: the data are essentially constant.',
    ],
    [
      () => twoSampleTTest([1], [2, 3]),
      'twoSampleTTest requires at least two observations in each group.',
    ],
    [() => signedRankTest([0, 0]), 'signedRankTest requires at least one non-zero difference.'],
    [() => rankSumTest([], [1]), 'rankSumTest requires at least one observation in each group.'],
    [() => oneWayAnova([[1, 2]]), 'oneWayAnova requires at least two groups.'],
    [
      () =>
        cochranQTest([
          [1, 1],
          [0, 0],
        ]),
      'cochranQTest cannot be computed: every person gave the same answer to all items.',
    ],
    [
      () =>
        fisherExactTest([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      'fisherExactTest requires a 2 x 2 table.',
    ],
    [() => kishDesignEffect([]), 'kishDesignEffect requires at least one weight.'],
  ])('%#', (f, message) => {
    expect(f).toThrow(StatsError);
    expect(f).toThrow(message);
  });
});

describe('raking refuses margins it cannot reach', () => {
  it('names a population category without respondents, and a sample category without a population', async () => {
    const { rake } = await import('./raking.js');
    expect(() =>
      rake(
        [1, 1, 1],
        [{ name: 'sex', categories: ['f', 'f', 'm'], population: { f: 10, m: 10, x: 5 } }],
      ),
    ).toThrow(
      "rake: category 'x' of sex has a population count but no respondents; raking cannot reach it.",
    );
    expect(() =>
      rake([1, 1], [{ name: 'region', categories: ['a', 'b'], population: { a: 10 } }]),
    ).toThrow("rake: category 'b' of region is in the sample but not in the population margin.");
  });

  it('reports passes and convergence', async () => {
    const { rake } = await import('./raking.js');
    const r = rake(
      [1, 1, 1, 1],
      [
        { categories: ['a', 'a', 'b', 'b'], population: { a: 30, b: 10 } },
        { categories: ['x', 'y', 'x', 'y'], population: { x: 20, y: 20 } },
      ],
    );
    expect(r.converged).toBe(true);
    expect(r.passes).toBeGreaterThanOrEqual(1);
    expect([...r.weights]).toEqual([15, 15, 5, 5]);
  });
});

describe('attrition weights', () => {
  it('weigh each responder by one over the fitted probability of responding', async () => {
    const { attritionWeights } = await import('./logistic-regression.js');
    const x = [[20], [25], [30], [35], [40], [45], [50], [55], [60], [65]];
    const responded = [0, 1, 0, 1, 1, 0, 1, 1, 1, 1];
    const { weights, fit } = attritionWeights(x, responded, [2, 2, 2, 2, 2, 1, 1, 1, 1, 1]);
    expect(fit.converged).toBe(true);
    responded.forEach((r, i) => {
      if (r === 0) expect(weights[i]).toBe(0);
      else expect(weights[i]).toBeCloseTo((i < 5 ? 2 : 1) / fit.fitted[i]!, 12);
    });
  });

  it('refuses outcomes outside 0..1 and too few people', async () => {
    const { logisticRegression } = await import('./logistic-regression.js');
    expect(() => logisticRegression([[1], [2], [3]], [0, 2, 1])).toThrow(
      'logisticRegression requires outcomes between 0 and 1; outcome 2 is 2.',
    );
    expect(() => logisticRegression([[1], [2]], [0, 1])).toThrow(
      'logisticRegression requires more people (2) than coefficients (2).',
    );
  });
});

describe('trimWeights', () => {
  it('keeps the total and refuses bounds it cannot meet', async () => {
    const { trimWeights } = await import('./trim-weights.js');
    const t = trimWeights([1, 2, 3, 10], { upper: 5 });
    expect([...t]).toEqual([1 + 5 / 3, 2 + 5 / 3, 3 + 5 / 3, 5]);
    expect(() => trimWeights([10, 20], { upper: 5 })).toThrow(
      'trimWeights cannot share what it cuts: every weight is outside the bounds.',
    );
    expect(() => trimWeights([1], { upper: 1, lower: 2 })).toThrow(
      'trimWeights requires lower (2) to be at most upper (1).',
    );
  });
});
