import { describe, expect, it } from 'vitest';
import { chiSquareTest } from '../stats/chi-square-test.js';
import { wilson } from '../stats/proportion-interval.js';
import { oneSampleTTest } from '../stats/t-test.js';
import { datasetFromCells, type Dataset } from './dataset.js';
import { runAnalyses } from './run-analyses.js';
import { specSchema } from './spec.js';

const data: Dataset = datasetFromCells(
  new Map<string, (string | null)[]>([
    ['trust', ['yes', 'no', 'yes', 'yes', null, 'no', 'yes', 'no']],
    ['sex', ['f', 'm', 'f', 'm', 'f', 'f', 'm', 'm']],
    ['score', ['3', '4', '5', '2', '4', null, '5', '1']],
    ['country', ['GE', 'RU', 'GE', 'AM', 'RU', 'GE', 'GE', 'AM']],
  ]),
);

describe('runAnalyses without weights', () => {
  const spec = specSchema.parse({
    samples: { abroad: "${country} != 'RU'" },
    analyses: [
      { id: 'p', kind: 'proportion', variable: 'trust', value: 'yes' },
      { id: 'm', kind: 'mean', variable: 'score', sample: 'abroad' },
      { id: 'x', kind: 'crosstab', rows: 'trust', columns: 'sex' },
    ],
  });
  const out = runAnalyses(data, spec);

  it('gives the Wilson interval for a proportion, leaving out missing answers', () => {
    const w = wilson(4, 7);
    expect(out.p!.n).toBe(7);
    expect(out.p!.weighted).toBe(false);
    expect(out.p!.estimates[0]).toMatchObject({ estimate: 4 / 7, ci_low: w.low, ci_high: w.high });
  });

  it('restricts a mean to its sample and gives the t interval', () => {
    const t = oneSampleTTest([3, 5, 2, 5, 1]);
    expect(out.m!.n).toBe(5);
    expect(out.m!.estimates[0]!.estimate).toBeCloseTo(3.2, 12);
    expect(out.m!.estimates[0]!.ci_low).toBeCloseTo(t.low!, 12);
    expect(out.m!.estimates[0]!.ci_high).toBeCloseTo(t.high!, 12);
  });

  it("tests a crosstab with Pearson's chi-square", () => {
    // trust no/yes by sex f/m, the missing answer left out.
    const expected = chiSquareTest(
      [
        [1, 2],
        [2, 2],
      ],
      { correct: false },
    );
    expect(out.x!.tests[0]!.statistic).toBeCloseTo(expected.statistic, 12);
    expect(out.x!.tests[0]!.p_value).toBeCloseTo(expected.pValue, 12);
  });

  it('refuses an id used twice and a t-test by a variable with three groups', () => {
    expect(() =>
      runAnalyses(
        data,
        specSchema.parse({
          analyses: [
            { id: 'a', kind: 'mean', variable: 'score' },
            { id: 'a', kind: 'mean', variable: 'score' },
          ],
        }),
      ),
    ).toThrow("Analysis id 'a' is used twice.");
    expect(() =>
      runAnalyses(
        data,
        specSchema.parse({
          analyses: [{ id: 't', kind: 't-test', variable: 'score', by: 'country' }],
        }),
      ),
    ).toThrow("Analysis 't': 'country' must have exactly two groups for a t-test; it has 3.");
  });
});
