/**
 * Runs an analysis spec on a dataset: samples as expressions over the variables, weights from
 * a column or by raking, an optional design (strata, clusters), and a list of analyses, each
 * giving estimates (estimate, se, ci_low, ci_high, n) and tests (statistic, df or ndf/ddf,
 * p-value, method). Pure: data in, results out.
 */
import { Problem } from '../problems/problem.js';
import { evaluate, isTruthy, parseExpression } from '../questionnaire/expression/index.js';
import { oneWayAnova } from '../stats/anova.js';
import { chiSquareTest } from '../stats/chi-square-test.js';
import { kishDesignEffect } from '../stats/design-effect.js';
import { StatsError } from '../stats/errors.js';
import { mean, quantile, variance, weightedQuantile } from '../stats/describe.js';
import { fisherExactTest, fisherExactTestRxC } from '../stats/fisher-test.js';
import { bhapkarTest, stuartMaxwellTest } from '../stats/marginal-homogeneity.js';
import { kruskalWallisTest } from '../stats/kruskal-wallis.js';
import { mcnemarTest } from '../stats/mcnemar-test.js';
import { wilson } from '../stats/proportion-interval.js';
import { rake } from '../stats/raking.js';
import { raoScottTest } from '../stats/rao-scott.js';
import {
  surveyMean,
  surveyProportionInterval,
  surveyTotal,
  type Design,
} from '../stats/survey-design.js';
import { pairedTTest, twoSampleTTest } from '../stats/t-test.js';
import type { TestResult } from '../stats/test-result.js';
import { rankSumTest, signedRankTest } from '../stats/wilcoxon-test.js';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { column, numbers, type Dataset } from './dataset.js';
import type { Analysis, AnalysisSpec } from './spec.js';

export interface Estimate {
  label: string;
  estimate: number;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
}

export interface TestOutput {
  name: string;
  statistic: number;
  df: number | null;
  ndf?: number;
  ddf?: number;
  p_value: number;
  method: string;
}

export interface AnalysisResult {
  kind: string;
  sample: string;
  n: number;
  weighted: boolean;
  estimates: Estimate[];
  tests: TestOutput[];
}

function fail(message: string, field: string): never {
  throw new Problem('input.invalid', message, { field });
}

function need(data: Dataset, variable: string, where: string): (string | null)[] {
  if (!data.columns.has(variable))
    fail(`${where}: there is no variable '${variable}' in the data.`, variable);
  return column(data, variable);
}

function typed(v: string | null): string | number | null {
  if (v === null) return null;
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : v;
}

function sampleRows(data: Dataset, spec: AnalysisSpec, sample: string | undefined): number[] {
  const all = Array.from({ length: data.n }, (_, i) => i);
  if (!sample) return all;
  const text = spec.samples?.[sample];
  if (text === undefined) fail(`Sample '${sample}' is not defined under 'samples'.`, sample);
  let tree;
  try {
    tree = parseExpression(text);
  } catch (error) {
    fail(`Sample '${sample}': ${(error as Error).message}`, sample);
  }
  return all.filter((i) =>
    isTruthy(
      evaluate(tree, {
        value: (name) => typed(need(data, name, `Sample '${sample}'`)[i] ?? null),
        today: '1970-01-01',
      }),
    ),
  );
}

function fromTest(name: string, t: TestResult & { ndf?: number; ddf?: number }): TestOutput {
  return {
    name,
    statistic: t.statistic,
    df: t.df ?? null,
    ...(t.ndf !== undefined ? { ndf: t.ndf, ddf: t.ddf } : {}),
    p_value: t.pValue,
    method: t.method,
  };
}

/** How the weights were made: from a column or by raking (passes and convergence), and their
 * Kish design effect. */
export interface WeightingSummary {
  method: 'column' | 'rake';
  passes?: number;
  converged?: boolean;
  deff: number;
  effective_n: number;
}

export function runAnalyses(data: Dataset, spec: AnalysisSpec): Record<string, AnalysisResult> {
  return analyse(data, spec).results;
}

/** The analyses of a spec, with how the weights were made. */
export function analyse(
  data: Dataset,
  spec: AnalysisSpec,
): { weighting: WeightingSummary | null; results: Record<string, AnalysisResult> } {
  const level = spec.level ?? 0.95;
  let weighting: WeightingSummary | null = null;
  // Weights for every row: a column, raking to margins, or none.
  let weights: Float64Array | undefined;
  let raking: Design['raking'];
  if (spec.weights && 'column' in spec.weights) {
    weights = numbers(need(data, spec.weights.column, 'weights'));
    weights.forEach((w, i) => {
      if (!(w > 0))
        fail(
          `weights: row ${i + 1} has weight '${data.columns.get(spec.weights && 'column' in spec.weights ? spec.weights.column : '')![i]}'; weights must be numbers above 0.`,
          'weights',
        );
    });
  } else if (spec.weights && 'rake' in spec.weights) {
    const r = spec.weights.rake;
    const start = r.start
      ? numbers(need(data, r.start, 'weights.rake.start'))
      : new Float64Array(data.n).fill(1);
    const result = rake(
      start,
      r.margins.map((m) => ({
        name: m.variable,
        categories: need(data, m.variable, 'weights.rake').map((v) => v ?? ''),
        population: m.population,
      })),
      { maxit: r.maxit, epsilon: r.epsilon },
    );
    weights = result.weights;
    raking = result.margins;
    weighting = {
      method: 'rake',
      passes: result.passes,
      converged: result.converged,
      deff: 0,
      effective_n: 0,
    };
  } else if (weights) weighting = { method: 'column', deff: 0, effective_n: 0 };
  if (weighting && weights) {
    const k = kishDesignEffect(weights);
    weighting.deff = k.deff;
    weighting.effective_n = k.effectiveN;
  }
  const out: Record<string, AnalysisResult> = {};
  for (const a of spec.analyses) {
    if (out[a.id]) fail(`Analysis id '${a.id}' is used twice.`, a.id);
    try {
      out[a.id] = runOne(data, spec, a, weights, raking, level);
    } catch (error) {
      // What a statistic cannot compute is said about the analysis that asked for it.
      if (error instanceof StatsError) fail(`Analysis '${a.id}': ${error.message}`, a.id);
      throw error;
    }
  }
  return { weighting, results: out };
}

/**
 * The design for the rows of a sample, as the survey package's subset() makes it: a calibrated
 * (raked) design keeps every respondent, with weight 0 outside the sample; otherwise the rows
 * outside are dropped.
 */
function designFor(
  data: Dataset,
  spec: AnalysisSpec,
  rows: number[],
  weights: Float64Array | undefined,
  raking: Design['raking'],
): { design: Design; pick: <T>(v: ArrayLike<T>) => T[] } {
  const all = (name: string | undefined) =>
    name ? need(data, name, 'design').map((v) => v ?? '') : undefined;
  const fpcColumn = spec.design?.fpc;
  const fpc = fpcColumn ? numbers(need(data, fpcColumn, 'design.fpc')) : undefined;
  if (raking) {
    const inside = new Uint8Array(data.n);
    for (const i of rows) inside[i] = 1;
    const design: Design = {
      weights: Float64Array.from(weights!, (w, i) => (inside[i] ? w : 0)),
      strata: all(spec.design?.strata),
      clusters: all(spec.design?.clusters),
      fpc,
      raking,
    };
    return {
      design,
      pick: <T>(v: ArrayLike<T>) => Array.from({ length: data.n }, (_, i) => v[i]!),
    };
  }
  const pickRows = <T>(v: ArrayLike<T>) => rows.map((i) => v[i]!);
  const strata = all(spec.design?.strata);
  const clusters = all(spec.design?.clusters);
  const design: Design = {
    weights: Float64Array.from(rows, (i) => (weights ? weights[i]! : 1)),
    strata: strata && pickRows(strata),
    clusters: clusters && pickRows(clusters),
    fpc: fpc && pickRows(fpc),
  };
  return { design, pick: pickRows };
}

interface ShareContext {
  weights: Float64Array | undefined;
  raking: Design['raking'];
  level: number;
  weighted: boolean;
}

/** Numbers in numeric order, then text in alphabetical order: the order of a scale's points. */
function byValue(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  if (Number.isFinite(x)) return -1;
  if (Number.isFinite(y)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The share of answers (rows `keep`) that are one of `set`: weighted, svyciprop's logit
 * interval (none when the share is 0 or 1, where the logit does not exist); unweighted, the
 * Wilson interval.
 */
function shareOf(
  data: Dataset,
  spec: AnalysisSpec,
  keep: number[],
  values: (string | null)[],
  set: (string | number)[],
  label: string,
  { weights, raking, level, weighted }: ShareContext,
): Estimate {
  const wanted = new Set(set.map(String));
  const isIn = (v: string | null) => (v !== null && wanted.has(String(v)) ? 1 : 0);
  if (!weighted) {
    let x = 0;
    for (const i of keep) x += isIn(values[i]!);
    const ci = wilson(x, keep.length, { level });
    const p = x / keep.length;
    return {
      label,
      estimate: p,
      se: Math.sqrt((p * (1 - p)) / keep.length),
      ci_low: ci.low,
      ci_high: ci.high,
      n: keep.length,
    };
  }
  const { design, pick } = designFor(data, spec, keep, weights, raking);
  const hits = pick(Float64Array.from({ length: data.n }, (_, i) => isIn(values[i]!)));
  const m = surveyMean([hits], design);
  const p = m.estimates[0]!;
  if (p <= 0 || p >= 1)
    return { label, estimate: p, se: m.se[0]!, ci_low: null, ci_high: null, n: keep.length };
  const r = surveyProportionInterval(hits, design, level);
  return { label, estimate: r.estimate, se: r.se, ci_low: r.low, ci_high: r.high, n: keep.length };
}

/** Counts of two categorical variables over the rows of a sample, levels in sorted order. */
function countTable(
  data: Dataset,
  rows: number[],
  rowVariable: string,
  columnVariable: string,
  where: string,
): { table: number[][]; rl: string[]; cl: string[]; keep: number[] } {
  const rv = need(data, rowVariable, where);
  const cv = need(data, columnVariable, where);
  const keep = rows.filter((i) => rv[i] !== null && cv[i] !== null);
  const rl = [...new Set(keep.map((i) => rv[i]!))].sort();
  const cl = [...new Set(keep.map((i) => cv[i]!))].sort();
  if (rl.length < 2 || cl.length < 2)
    fail(
      `${where}: '${rowVariable}' and '${columnVariable}' need at least two answers each in the sample.`,
      rowVariable,
    );
  const table = rl.map(() => cl.map(() => 0));
  for (const i of keep) table[rl.indexOf(rv[i]!)]![cl.indexOf(cv[i]!)]!++;
  return { table, rl, cl, keep };
}

function runOne(
  data: Dataset,
  spec: AnalysisSpec,
  a: Analysis,
  weights: Float64Array | undefined,
  raking: Design['raking'],
  level: number,
): AnalysisResult {
  const where = `Analysis '${a.id}'`;
  const rows = sampleRows(data, spec, a.sample);
  const weighted = weights !== undefined || spec.design !== undefined;
  const context: ShareContext = { weights, raking, level, weighted };
  const base = { kind: a.kind, sample: a.sample ?? 'all', weighted };
  switch (a.kind) {
    case 'proportion': {
      const values = need(data, a.variable, where);
      const keep = rows.filter((i) => values[i] !== null);
      if (keep.length === 0) fail(`${where}: no answers to '${a.variable}' in the sample.`, a.id);
      const set = a.values ?? (a.value !== undefined ? [a.value] : undefined);
      if (!set) fail(`${where}: give 'value' or 'values'.`, a.id);
      const label = `${a.variable} = ${set.join(' or ')}`;
      return {
        ...base,
        n: keep.length,
        estimates: [shareOf(data, spec, keep, values, set, label, context)],
        tests: [],
      };
    }
    case 'distribution':
    case 'box': {
      const values = need(data, a.variable, where);
      const keep = rows.filter((i) => values[i] !== null);
      if (keep.length === 0) fail(`${where}: no answers to '${a.variable}' in the sample.`, a.id);
      const seen = [...new Set(keep.map((i) => values[i]!))];
      const order = a.order?.map(String) ?? seen.sort(byValue);
      const missing = seen.filter((v) => !order.includes(v));
      if (missing.length > 0)
        fail(
          `${where}: '${a.variable}' has answers not listed in 'order': ${missing.join(', ')}.`,
          a.id,
        );
      const groups =
        a.kind === 'distribution'
          ? order.map((v) => [v])
          : [order.slice(order.length - a.size), order.slice(0, a.size)];
      const labels =
        a.kind === 'distribution'
          ? order.map((v) => `${a.variable} = ${v}`)
          : [`${a.variable}: top ${a.size}`, `${a.variable}: bottom ${a.size}`];
      return {
        ...base,
        n: keep.length,
        estimates: groups.map((g, k) => shareOf(data, spec, keep, values, g, labels[k]!, context)),
        tests: [],
      };
    }
    case 'mean':
    case 'total': {
      const values = numbers(need(data, a.variable, where));
      const keep = rows.filter((i) => !Number.isNaN(values[i]!));
      if (keep.length < 2)
        fail(`${where}: fewer than two numbers in '${a.variable}' in the sample.`, a.id);
      const y = Float64Array.from(keep, (i) => values[i]!);
      const { design, pick } = designFor(data, spec, keep, weights, raking);
      const yd = Float64Array.from(
        pick(Float64Array.from(values, (v) => (Number.isNaN(v) ? 0 : v))),
      );
      const r = a.kind === 'mean' ? surveyMean([yd], design) : surveyTotal([yd], design);
      const est = a.kind === 'mean' && !weighted ? mean(y) : r.estimates[0]!;
      const se = a.kind === 'mean' && !weighted ? Math.sqrt(variance(y) / y.length) : r.se[0]!;
      const q = tQuantile(1 - (1 - level) / 2, r.df);
      return {
        ...base,
        n: keep.length,
        estimates: [
          {
            label: a.variable,
            estimate: est,
            se,
            ci_low: est - q * se,
            ci_high: est + q * se,
            n: keep.length,
          },
        ],
        tests: [],
      };
    }
    case 'crosstab': {
      const rv = need(data, a.rows, where);
      const cv = need(data, a.columns, where);
      const keep = rows.filter((i) => rv[i] !== null && cv[i] !== null);
      const rl = [...new Set(keep.map((i) => rv[i]!))].sort();
      const cl = [...new Set(keep.map((i) => cv[i]!))].sort();
      const { design, pick } = designFor(data, spec, keep, weights, raking);
      // Rows outside the sample (weight 0 in a calibrated design) get category 0: they add nothing.
      const rc = Int32Array.from(pick(rv), (v) => Math.max(0, rl.indexOf(v ?? '')));
      const cc = Int32Array.from(pick(cv), (v) => Math.max(0, cl.indexOf(v ?? '')));
      const table = rl.map((_, r) =>
        cl.map((_, c) => {
          let s = 0;
          for (let k = 0; k < rc.length; k++)
            if (rc[k] === r && cc[k] === c) s += design.weights[k]!;
          return s;
        }),
      );
      const total = table.flat().reduce((s, v) => s + v, 0);
      const estimates = rl.flatMap((r, i) =>
        cl.map((c, j) => ({
          label: `${a.rows} = ${r}, ${a.columns} = ${c}`,
          estimate: table[i]![j]! / total,
          se: null,
          ci_low: null,
          ci_high: null,
          n: keep.filter((k) => rv[k] === r && cv[k] === c).length,
        })),
      );
      const test = weighted
        ? fromTest('Rao-Scott', raoScottTest(rc, cc, rl.length, cl.length, design))
        : fromTest('chi-square', chiSquareTest(table, { correct: false }));
      return { ...base, n: keep.length, estimates, tests: [test] };
    }
    case 't-test':
    case 'rank-sum':
    case 'anova':
    case 'kruskal-wallis': {
      const values = numbers(need(data, a.variable, where));
      const by = need(data, a.by, where);
      const keep = rows.filter((i) => !Number.isNaN(values[i]!) && by[i] !== null);
      const levels = [...new Set(keep.map((i) => by[i]!))].sort();
      const groups = levels.map((l) =>
        Float64Array.from(
          keep.filter((i) => by[i] === l),
          (i) => values[i]!,
        ),
      );
      const estimates = levels.map((l, g) => ({
        label: `${a.variable} | ${a.by} = ${l}`,
        estimate: mean(groups[g]!),
        se: groups[g]!.length > 1 ? Math.sqrt(variance(groups[g]!) / groups[g]!.length) : null,
        ci_low: null,
        ci_high: null,
        n: groups[g]!.length,
      }));
      if ((a.kind === 't-test' || a.kind === 'rank-sum') && levels.length !== 2)
        fail(
          `${where}: '${a.by}' must have exactly two groups for a ${a.kind}; it has ${levels.length}.`,
          a.id,
        );
      const test =
        a.kind === 't-test'
          ? fromTest('Welch t', twoSampleTTest(groups[0]!, groups[1]!, { level }))
          : a.kind === 'rank-sum'
            ? fromTest('Wilcoxon rank sum', rankSumTest(groups[0]!, groups[1]!))
            : a.kind === 'anova'
              ? fromTest(
                  'Welch one-way ANOVA',
                  (() => {
                    const r = oneWayAnova(groups);
                    return { ...r, ndf: r.df!, ddf: r.df2 };
                  })(),
                )
              : fromTest('Kruskal-Wallis', kruskalWallisTest(groups));
      return { ...base, weighted: false, n: keep.length, estimates, tests: [test] };
    }
    case 'paired-t':
    case 'signed-rank': {
      const x = numbers(need(data, a.variables[0], where));
      const y = numbers(need(data, a.variables[1], where));
      const keep = rows.filter((i) => !Number.isNaN(x[i]!) && !Number.isNaN(y[i]!));
      const xs = Float64Array.from(keep, (i) => x[i]!);
      const ys = Float64Array.from(keep, (i) => y[i]!);
      const test =
        a.kind === 'paired-t'
          ? fromTest('paired t', pairedTTest(xs, ys, { level }))
          : fromTest('Wilcoxon signed rank', signedRankTest(xs, { y: ys }));
      return {
        ...base,
        weighted: false,
        n: keep.length,
        estimates: [
          {
            label: `${a.variables[0]} - ${a.variables[1]}`,
            estimate: mean(xs) - mean(ys),
            se: null,
            ci_low: null,
            ci_high: null,
            n: keep.length,
          },
        ],
        tests: [test],
      };
    }
    case 'quantile': {
      const values = numbers(need(data, a.variable, where));
      const keep = rows.filter((i) => !Number.isNaN(values[i]!));
      if (keep.length === 0) fail(`${where}: no numbers in '${a.variable}' in the sample.`, a.id);
      const x = Float64Array.from(keep, (i) => values[i]!);
      const w = Float64Array.from(keep, (i) => (weights ? weights[i]! : 1));
      return {
        ...base,
        n: keep.length,
        estimates: a.probabilities.map((p) => ({
          label: `${a.variable} q${p}`,
          estimate: weighted ? weightedQuantile(x, w, p) : quantile(x, p),
          se: null,
          ci_low: null,
          ci_high: null,
          n: keep.length,
        })),
        tests: [],
      };
    }
    case 'fisher': {
      const { table, rl, cl, keep } = countTable(data, rows, a.rows, a.columns, where);
      const estimates: Estimate[] = [];
      let test: TestResult;
      if (rl.length === 2 && cl.length === 2) {
        test = fisherExactTest(table, { alternative: a.alternative, level });
        estimates.push({
          label: `odds ratio (${a.rows} = ${rl[0]}, ${a.columns} = ${cl[0]})`,
          estimate: test.estimate!,
          se: null,
          ci_low: test.low!,
          ci_high: test.high!,
          n: keep.length,
        });
      } else {
        if (a.alternative && a.alternative !== 'two.sided')
          fail(`${where}: a one-sided test needs a 2 x 2 table.`, a.id);
        test = fisherExactTestRxC(table, {
          simulate: a.simulate,
          replicates: a.replicates,
          seed: a.seed,
        });
      }
      return {
        ...base,
        weighted: false,
        n: keep.length,
        estimates,
        tests: [fromTest("Fisher's exact", test)],
      };
    }
    case 'marginal-homogeneity': {
      const x = need(data, a.variables[0], where);
      const y = need(data, a.variables[1], where);
      const keep = rows.filter((i) => x[i] !== null && y[i] !== null);
      const levels = [...new Set(keep.flatMap((i) => [x[i]!, y[i]!]))].sort();
      if (levels.length < 2)
        fail(
          `${where}: '${a.variables[0]}' and '${a.variables[1]}' have fewer than two answers.`,
          a.id,
        );
      const table = levels.map(() => levels.map(() => 0));
      for (const i of keep) table[levels.indexOf(x[i]!)]![levels.indexOf(y[i]!)]!++;
      const n = keep.length;
      const share = (v: string, which: 0 | 1) =>
        keep.filter((i) => (which === 0 ? x[i] : y[i]) === v).length / n;
      return {
        ...base,
        weighted: false,
        n,
        estimates: levels.flatMap((v) =>
          ([0, 1] as const).map((w) => ({
            label: `${a.variables[w]} = ${v}`,
            estimate: share(v, w),
            se: null,
            ci_low: null,
            ci_high: null,
            n,
          })),
        ),
        tests: [
          fromTest('Stuart-Maxwell', stuartMaxwellTest(table)),
          fromTest('Bhapkar', bhapkarTest(table)),
        ],
      };
    }
    case 'mcnemar': {
      const x = need(data, a.variables[0], where);
      const y = need(data, a.variables[1], where);
      const keep = rows.filter((i) => x[i] !== null && y[i] !== null);
      const t = [
        [0, 0],
        [0, 0],
      ];
      for (const i of keep)
        t[String(x[i]) === String(a.value) ? 0 : 1]![String(y[i]) === String(a.value) ? 0 : 1]!++;
      const n = keep.length;
      return {
        ...base,
        weighted: false,
        n,
        estimates: [
          {
            label: `${a.variables[0]} = ${a.value}`,
            estimate: (t[0]![0]! + t[0]![1]!) / n,
            se: null,
            ci_low: null,
            ci_high: null,
            n,
          },
          {
            label: `${a.variables[1]} = ${a.value}`,
            estimate: (t[0]![0]! + t[1]![0]!) / n,
            se: null,
            ci_low: null,
            ci_high: null,
            n,
          },
        ],
        tests: [fromTest('McNemar', mcnemarTest(t))],
      };
    }
  }
}
