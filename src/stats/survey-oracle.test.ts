// Design-based estimators against Lumley's survey package (test/oracles/survey-design.R).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { weightedQuantile } from './describe.js';
import { raoScottTest } from './rao-scott.js';
import { postStratify } from './post-stratification.js';
import { rake } from './raking.js';
import { trimWeights } from './trim-weights.js';
import { surveyMean, surveyProportionInterval, surveyTotal, type Design } from './survey-design.js';

interface Case {
  fn: string;
  input: Record<string, unknown> & {
    design: {
      weights: number[];
      strata: string[] | null;
      clusters: string[] | null;
      fpc?: number[] | null;
    };
    name: string;
  };
  expected: Record<string, number>;
}
const oracle = JSON.parse(
  readFileSync(new URL('../../test/oracles/survey-design.json', import.meta.url), 'utf8'),
) as {
  r_version: string;
  cases: Case[];
};

function close(actual: number, expected: number, what: string): void {
  if (actual === expected) return;
  const rel = Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
  expect(rel, `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(1e-9);
}

describe(`design-based estimators against R's survey package (${oracle.r_version})`, () => {
  for (const c of oracle.cases)
    it(`${c.fn}: ${c.input.name ?? JSON.stringify({ upper: c.input.upper, lower: c.input.lower, strict: c.input.strict })}`, () => {
      const d = c.input.design ?? { weights: [], strata: null, clusters: null };
      const design: Design = {
        weights: d.weights,
        strata: d.strata ?? undefined,
        clusters: d.clusters ?? undefined,
        fpc: d.fpc ?? undefined,
      };
      const y = c.input.y as number[];
      let actual: Record<string, number>;
      switch (c.fn) {
        case 'surveyMean': {
          const m = surveyMean([y], design);
          actual = { estimate: m.estimates[0]!, se: m.se[0]!, df: m.df };
          break;
        }
        case 'weightedQuantile': {
          const q = (c.input.p as number[]).map((p) => weightedQuantile(y, design.weights, p));
          (c.expected.quantiles as unknown as number[]).forEach((e, k) =>
            close(q[k]!, e, `quantile ${(c.input.p as number[])[k]}`),
          );
          return;
        }
        case 'surveyTotal': {
          const t = surveyTotal([y], design);
          actual = { estimate: t.estimates[0]!, se: t.se[0]! };
          break;
        }
        case 'surveyProportionInterval':
          actual = surveyProportionInterval(y, design) as unknown as Record<string, number>;
          break;
        case 'raoScottTest': {
          const r = raoScottTest(
            c.input.rows as number[],
            c.input.cols as number[],
            c.input.nr as number,
            c.input.nc as number,
            design,
          );
          actual = { statistic: r.statistic, ndf: r.ndf, ddf: r.ddf, p_value: r.pValue };
          break;
        }
        case 'rake': {
          const margins = (
            c.input.margins as { categories: string[]; population: Record<string, number> }[]
          ).map((m) => ({
            categories: m.categories,
            population: m.population,
          }));
          const r = rake(design.weights, margins, {
            maxit: c.input.maxit as number,
            epsilon: c.input.epsilon as number,
          });
          const raked: Design = { ...design, weights: r.weights, raking: r.margins };
          const m = surveyMean([y], raked);
          const t = surveyTotal([y], raked);
          const expectedWeights = c.expected.weights as unknown as number[];
          expect(r.weights.length).toBe(expectedWeights.length);
          expectedWeights.forEach((w, i) => close(r.weights[i]!, w, `weight ${i + 1}`));
          actual = {
            mean: m.estimates[0]!,
            mean_se: m.se[0]!,
            total: t.estimates[0]!,
            total_se: t.se[0]!,
          };
          delete (c.expected as Record<string, unknown>).weights;
          break;
        }
        case 'calibrateRaking': {
          const margins = (
            c.input.margins as { categories: string[]; population: Record<string, number> }[]
          ).map((m) => ({ categories: m.categories, population: m.population }));
          const r = rake(design.weights, margins, { maxit: 1000, epsilon: 1e-15 });
          expect(r.converged).toBe(true);
          const expectedWeights = c.expected.weights as unknown as number[];
          expect(r.weights.length).toBe(expectedWeights.length);
          expectedWeights.forEach((w, i) => close(r.weights[i]!, w, `weight ${i + 1}`));
          return;
        }
        case 'postStratify': {
          const margin = c.input.margin as {
            categories: string[];
            population: Record<string, number>;
          };
          const ps = postStratify(design.weights, margin);
          const m = surveyMean([y], { ...design, weights: ps.weights, postStratification: ps });
          const expectedWeights = c.expected.weights as unknown as number[];
          expectedWeights.forEach((w, i) => close(ps.weights[i]!, w, `weight ${i + 1}`));
          actual = { mean: m.estimates[0]!, mean_se: m.se[0]! };
          delete (c.expected as Record<string, unknown>).weights;
          break;
        }
        case 'trimWeights': {
          const t = trimWeights(c.input.weights as unknown as number[], {
            upper: c.input.upper as number,
            lower: (c.input.lower as number | null) ?? undefined,
            strict: c.input.strict as boolean,
          });
          const expected = c.expected.weights as unknown as number[];
          expect(t.length).toBe(expected.length);
          expected.forEach((w, i) => close(t[i]!, w, `weight ${i + 1}`));
          actual = {};
          delete (c.expected as Record<string, unknown>).weights;
          break;
        }
        default:
          throw new Error(`no implementation for ${c.fn}`);
      }
      for (const [k, v] of Object.entries(c.expected)) close(actual[k]!, v, `${c.fn} ${k}`);
    });
});
