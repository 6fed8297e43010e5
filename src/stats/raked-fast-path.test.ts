// Under a design made only by raking, means and Rao-Scott tests take a one-pass route
// (rakedCovariance); it must give what the general route (influence values swept and summed,
// as the survey package does) gives. A single stratum holding everyone forces the general
// route without changing the design.
import { describe, expect, it } from 'vitest';
import { raoScottTest } from './rao-scott.js';
import { rake } from './raking.js';
import { surveyMean, type Design } from './survey-design.js';
import { seededRandom } from '../../test/support/seeded-random.js';

describe('the one-pass route for raked designs', () => {
  const rnd = seededRandom(7);
  const n = 3000;
  const region = Array.from({ length: n }, () => Math.floor(rnd() * 4));
  const sex = Array.from({ length: n }, () => (rnd() < 0.6 ? 0 : 1));
  const y = region.map((r, i) => (rnd() < 0.2 + 0.1 * r + 0.1 * sex[i]! ? 1 : 0));
  const score = region.map((r) => r * 2 + rnd() * 5);
  const start = Array.from({ length: n }, () => 0.5 + rnd());
  const raked = rake(start, [
    { name: 'region', categories: region.map(String), population: { 0: 10, 1: 20, 2: 30, 3: 40 } },
    { name: 'sex', categories: sex.map(String), population: { 0: 55, 1: 45 } },
  ]);
  const fast: Design = { weights: raked.weights, raking: raked.margins };
  const general: Design = { ...fast, strata: Array(n).fill('all') };
  const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

  it('gives the same means and covariance', () => {
    const a = surveyMean([y, score], fast);
    const b = surveyMean([y, score], general);
    a.estimates.forEach((e, j) => expect(rel(e, b.estimates[j]!)).toBeLessThan(1e-12));
    for (let j = 0; j < 2; j++)
      for (let l = 0; l < 2; l++)
        expect(rel(a.variance[j]![l]!, b.variance[j]![l]!)).toBeLessThan(1e-10);
  });

  it('gives the same in a domain (weight 0 outside)', () => {
    const w = Float64Array.from(raked.weights, (v, i) => (region[i] === 2 ? 0 : v));
    const a = surveyMean([y], { ...fast, weights: w });
    const b = surveyMean([y], { ...general, weights: w });
    expect(rel(a.se[0]!, b.se[0]!)).toBeLessThan(1e-10);
  });

  it('gives the same Rao-Scott test', () => {
    const a = raoScottTest(y, region, 2, 4, fast);
    const b = raoScottTest(y, region, 2, 4, general);
    expect(rel(a.statistic, b.statistic)).toBeLessThan(1e-10);
    expect(rel(a.ndf, b.ndf)).toBeLessThan(1e-10);
    expect(rel(a.pValue, b.pValue)).toBeLessThan(1e-9);
  });
});
