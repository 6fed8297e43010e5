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
import {
  byValue,
  categoriesOf,
  cellForExpression,
  cellText,
  column,
  numbersOf,
  optionChosen,
  type Column,
  type Dataset,
} from './dataset.js';
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

function need(data: Dataset, variable: string, where: string): Column {
  if (!data.columns.has(variable))
    fail(`${where}: there is no variable '${variable}' in the data.`, variable);
  return column(data, variable);
}

/** The column's categories; a multiple choice is refused with the analysis that asked. */
function categories(data: Dataset, variable: string, where: string) {
  const c = need(data, variable, where);
  if (c.type === 'multiple')
    fail(
      `${where}: '${variable}' is a multiple choice; a proportion can use it (the share choosing an option), other analyses need one category per respondent.`,
      variable,
    );
  return categoriesOf(c);
}

/** Each row's category as text ('' where empty), as raking margins and designs take them. */
function categoryTexts(data: Dataset, variable: string, where: string): string[] {
  const { codes, levels } = categories(data, variable, where);
  return Array.from(codes, (j) => (j < 0 ? '' : levels[j]!));
}

/** Numbers of a column; a multiple choice is refused with the analysis that asked. */
function numbersIn(data: Dataset, variable: string, where: string): Float64Array {
  const c = need(data, variable, where);
  if (c.type === 'multiple')
    fail(`${where}: '${variable}' is a multiple choice, not a number.`, variable);
  return numbersOf(c);
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
        value: (name) => cellForExpression(need(data, name, `Sample '${sample}'`), i),
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
    const given = need(data, spec.weights.column, 'weights');
    weights = numbersIn(data, spec.weights.column, 'weights');
    weights.forEach((w, i) => {
      if (!(w > 0))
        fail(
          `weights: row ${i + 1} has weight '${cellText(given, i) ?? ''}'; weights must be numbers above 0.`,
          'weights',
        );
    });
  } else if (spec.weights && 'rake' in spec.weights) {
    const r = spec.weights.rake;
    const start = r.start
      ? numbersIn(data, r.start, 'weights.rake.start')
      : new Float64Array(data.n).fill(1);
    const result = rake(
      start,
      r.margins.map((m) => ({
        name: m.variable,
        categories: categoryTexts(data, m.variable, 'weights.rake'),
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
    name ? categoryTexts(data, name, 'design') : undefined;
  const fpcColumn = spec.design?.fpc;
  const fpc = fpcColumn ? numbersIn(data, fpcColumn, 'design.fpc') : undefined;
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

/**
 * The share of answers (rows `keep`) that are one of `set`: weighted, svyciprop's logit
 * interval (none when the share is 0 or 1, where the logit does not exist); unweighted, the
 * Wilson interval.
 */
function shareOf(
  data: Dataset,
  spec: AnalysisSpec,
  keep: number[],
  hit: Uint8Array,
  label: string,
  { weights, raking, level, weighted }: ShareContext,
): Estimate {
  if (!weighted) {
    let x = 0;
    for (const i of keep) x += hit[i]!;
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
  const hits = pick(Float64Array.from(hit));
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
  const r = present(data, rows, rowVariable, columnVariable, where);
  if (r.rl.length < 2 || r.cl.length < 2)
    fail(
      `${where}: '${rowVariable}' and '${columnVariable}' need at least two answers each in the sample.`,
      rowVariable,
    );
  const table = r.rl.map(() => r.cl.map(() => 0));
  for (const i of r.keep) table[r.rc[i]!]![r.cc[i]!]!++;
  return { table, rl: r.rl, cl: r.cl, keep: r.keep };
}

/**
 * The rows of a sample where both variables are answered, the categories present there (in
 * value order) and each row's position among them (-1 outside).
 */
function present(
  data: Dataset,
  rows: number[],
  rowVariable: string,
  columnVariable: string,
  where: string,
) {
  const x = categories(data, rowVariable, where);
  const y = categories(data, columnVariable, where);
  const keep = rows.filter((i) => x.codes[i]! >= 0 && y.codes[i]! >= 0);
  const positions = (c: { codes: Int32Array; levels: string[] }) => {
    const used = new Uint8Array(c.levels.length);
    for (const i of keep) used[c.codes[i]!] = 1;
    const at = new Int32Array(c.levels.length).fill(-1);
    const names: string[] = [];
    used.forEach((u, j) => {
      if (u) at[j] = names.push(c.levels[j]!) - 1;
    });
    return { names, at: Int32Array.from(c.codes, (j) => (j < 0 ? -1 : at[j]!)) };
  };
  const px = positions(x);
  const py = positions(y);
  return { keep, rl: px.names, cl: py.names, rc: px.at, cc: py.at };
}

/** 1 for rows whose answer is one of `set` (for a multiple choice: chose one of them). */
function membership(c: Column, set: readonly (string | number)[]): Uint8Array {
  const wanted = new Set(set.map(String));
  if (c.type === 'multiple') {
    const hit = new Uint8Array(c.answered.length);
    for (const v of wanted) {
      const chosen = optionChosen(c, v);
      if (chosen) chosen.forEach((x, i) => (hit[i] ||= x > 0 ? 1 : 0));
    }
    return hit;
  }
  const { codes, levels } = categoriesOf(c);
  const isIn = levels.map((l) => (wanted.has(l) ? 1 : 0));
  return Uint8Array.from(codes, (j) => (j < 0 ? 0 : isIn[j]!));
}

/** Rows of the sample with an answer. */
function answeredRows(c: Column, rows: number[]): number[] {
  if (c.type === 'multiple') return rows.filter((i) => c.answered[i]);
  const { codes } = categoriesOf(c);
  return rows.filter((i) => codes[i]! >= 0);
}

/** Each row's category as text, null where empty (two waves' codes compared by name). */
function texts(c: { codes: Int32Array; levels: string[] }): (string | null)[] {
  return Array.from(c.codes, (j) => (j < 0 ? null : c.levels[j]!));
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
      const keep = answeredRows(values, rows);
      if (keep.length === 0) fail(`${where}: no answers to '${a.variable}' in the sample.`, a.id);
      const set = a.values ?? (a.value !== undefined ? [a.value] : undefined);
      if (!set) fail(`${where}: give 'value' or 'values'.`, a.id);
      const label = `${a.variable} = ${set.join(' or ')}`;
      return {
        ...base,
        n: keep.length,
        estimates: [shareOf(data, spec, keep, membership(values, set), label, context)],
        tests: [],
      };
    }
    case 'distribution':
    case 'box': {
      const values = need(data, a.variable, where);
      const { codes, levels } = categories(data, a.variable, where);
      const keep = rows.filter((i) => codes[i]! >= 0);
      if (keep.length === 0) fail(`${where}: no answers to '${a.variable}' in the sample.`, a.id);
      // Categories present in the sample, in value order (a choice list's codes, a scale's points).
      const seen = [...new Set(keep.map((i) => codes[i]!))]
        .sort((x, y) => x - y)
        .map((j) => levels[j]!);
      const order = a.order?.map(String) ?? seen;
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
        estimates: groups.map((g, k) =>
          shareOf(data, spec, keep, membership(values, g), labels[k]!, context),
        ),
        tests: [],
      };
    }
    case 'mean':
    case 'total': {
      const values = numbersIn(data, a.variable, where);
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
      const p = present(data, rows, a.rows, a.columns, where);
      const { keep, rl, cl } = p;
      const { design, pick } = designFor(data, spec, keep, weights, raking);
      // Rows outside the sample (weight 0 in a calibrated design) get category 0: they add nothing.
      const rc = Int32Array.from(pick(p.rc), (v) => Math.max(0, v));
      const cc = Int32Array.from(pick(p.cc), (v) => Math.max(0, v));
      const sums = new Float64Array(rl.length * cl.length);
      for (let k = 0; k < rc.length; k++) sums[rc[k]! * cl.length + cc[k]!]! += design.weights[k]!;
      const counts = new Int32Array(rl.length * cl.length);
      for (const i of keep) counts[p.rc[i]! * cl.length + p.cc[i]!]!++;
      const table = rl.map((_, r) => cl.map((_, c) => sums[r * cl.length + c]!));
      const total = table.flat().reduce((s, v) => s + v, 0);
      const estimates = rl.flatMap((r, i) =>
        cl.map((c, j) => ({
          label: `${a.rows} = ${r}, ${a.columns} = ${c}`,
          estimate: table[i]![j]! / total,
          se: null,
          ci_low: null,
          ci_high: null,
          n: counts[i * cl.length + j]!,
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
      const values = numbersIn(data, a.variable, where);
      const by = categories(data, a.by, where);
      const keep = rows.filter((i) => !Number.isNaN(values[i]!) && by.codes[i]! >= 0);
      const codes = [...new Set(keep.map((i) => by.codes[i]!))].sort((x, y) => x - y);
      const levels = codes.map((j) => by.levels[j]!);
      const groups = codes.map((j) =>
        Float64Array.from(
          keep.filter((i) => by.codes[i] === j),
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
      const x = numbersIn(data, a.variables[0], where);
      const y = numbersIn(data, a.variables[1], where);
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
      const values = numbersIn(data, a.variable, where);
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
      const x = texts(categories(data, a.variables[0], where));
      const y = texts(categories(data, a.variables[1], where));
      const keep = rows.filter((i) => x[i] !== null && y[i] !== null);
      const levels = [...new Set(keep.flatMap((i) => [x[i]!, y[i]!]))].sort(byValue);
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
      const x = texts(categories(data, a.variables[0], where));
      const y = texts(categories(data, a.variables[1], where));
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
