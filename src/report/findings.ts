/**
 * Computes a report's findings from its samples: shares with Wilson intervals, wave-over-wave
 * change on the panel with McNemar (one share) or Stuart-Maxwell (a distribution), flows between
 * waves, multiple-choice shares, comparison with an external benchmark (binomial test or
 * one-sample t), and group comparisons (chi-square, or Welch t and Mann-Whitney). Every number
 * comes from the statistics room, unweighted (as the reference report's are). Pure.
 */
import { cellForExpression, optionChosen, type Column, type Dataset } from '../analysis/dataset.js';
import { resolver, waveColumn } from '../analysis/samples.js';
import { evaluate, isTruthy, parseExpression } from '../questionnaire/expression/index.js';
import { binomialTest } from '../stats/binomial-test.js';
import { chiSquareTest } from '../stats/chi-square-test.js';
import { mean, quantile } from '../stats/describe.js';
import { StatsError } from '../stats/errors.js';
import { stuartMaxwellTest } from '../stats/marginal-homogeneity.js';
import { mcnemarTest } from '../stats/mcnemar-test.js';
import { wilson } from '../stats/proportion-interval.js';
import { oneSampleTTest, twoSampleTTest } from '../stats/t-test.js';
import type { TestResult } from '../stats/test-result.js';
import { rankSumTest } from '../stats/wilcoxon-test.js';
import { analyse } from '../analysis/run-analyses.js';
import type { AnalysisSpec } from '../analysis/spec.js';
import { counted, FindingError, need, numbersFor, type Category } from './categories.js';
import type { Finding, Text } from './spec.js';

/** A sample and what it was built from: the panel (wide, suffixed) or one wave. */
export interface ReportSample {
  data: Dataset;
  base: 'panel' | 'combined';
  label?: Text;
}

export interface FindingContext {
  /** The two waves compared: the first and the latest by default. */
  waves: readonly [string, string];
  samples: ReadonlyMap<string, ReportSample>;
  /** The report's weights for the combined sample (a column or raking margins). */
  weights?: AnalysisSpec['weights'];
}

/**
 * A weighted share or distribution: the analysis runner's proportions on the combined sample
 * (design-based standard errors, svyciprop's logit interval), among valid answers (a declared
 * missing answer is left out, as unweighted).
 */
function weightedShares(
  ctx: FindingContext,
  f: { id: string; sample: string; variable: string },
  s: ReportSample,
  col: Column,
  groups: { label: string; values: string[] }[],
) {
  if (!ctx.weights) throw new FindingError("'weighted' needs the report's 'weights'.", 'weighted');
  if (f.sample !== 'combined')
    throw new FindingError(
      `Weights are for the combined sample; '${f.sample}' is another.`,
      'weighted',
    );
  const missing =
    col.type === 'number' ? col.labels.filter((l) => l.missing && l.name).map((l) => l.name!) : [];
  const ref = `\${${f.variable}}`;
  const valid =
    missing.length === 0 ? `${ref} != ''` : missing.map((m) => `${ref} != '${m}'`).join(' and ');
  let run;
  try {
    run = analyse(s.data, {
      weights: ctx.weights,
      samples: { valid },
      analyses: groups.map((g, k) => ({
        id: `g${k}`,
        kind: 'proportion' as const,
        variable: f.variable,
        values: g.values,
        sample: 'valid',
      })),
    });
  } catch (error) {
    if (error instanceof Error) throw new FindingError(error.message, 'weighted');
    throw error;
  }
  const estimates = groups.map((_, k) => run.results[`g${k}`]!.estimates[0]!);
  return {
    weighting: run.weighting,
    n: estimates[0]!.n,
    shares: estimates.map((e) => ({
      share: e.estimate,
      se: e.se,
      // A share of 0 or 1 has no logit interval: the interval is the point.
      low: e.ci_low ?? e.estimate,
      high: e.ci_high ?? e.estimate,
    })),
  };
}

export interface Share {
  count: number;
  share: number;
  low: number;
  high: number;
}

export interface TestValue {
  name: string;
  statistic: number;
  df: number | null;
  p: number;
  method: string;
}

export type FindingResult = Record<string, unknown> & {
  kind: Finding['kind'];
  sample: string;
  n: number;
  variable?: string;
  label?: Text;
  /** The questionnaire's reference period of each compared column, where one is given. */
  periods?: Record<string, string | null>;
  test?: TestValue;
  tests?: TestValue[];
};

const testValue = (name: string, t: TestResult): TestValue => ({
  name,
  statistic: t.statistic,
  df: t.df ?? null,
  p: t.pValue,
  method: t.method,
});

function share(count: number, n: number): Share {
  const ci = wilson(count, n);
  return { count, share: count / n, low: ci.low, high: ci.high };
}

function sampleOf(ctx: FindingContext, f: Finding): ReportSample {
  const s = ctx.samples.get(f.sample);
  if (!s)
    throw new FindingError(
      `There is no sample '${f.sample}'; the samples are ${[...ctx.samples.keys()].join(', ')}.`,
      'sample',
    );
  return s;
}

/** The column of a variable in a sample: suffixed by wave in the panel, as is in one wave. */
function columnName(ctx: FindingContext, s: ReportSample, variable: string, wave?: string): string {
  if (s.base === 'panel') return waveColumn(variable, wave ?? ctx.waves[1]);
  if (wave !== undefined && wave !== ctx.waves[1])
    throw new FindingError(
      `The sample holds wave '${ctx.waves[1]}' only; '${wave}' is in the panel sample.`,
      'wave',
    );
  return variable;
}

function labelled(c: Column): Text | undefined {
  return c.info.label;
}

function period(c: Column): string | null {
  return c.info.referencePeriod ?? null;
}

function valueSet(values: readonly (string | number)[]): Set<string> {
  return new Set(values.map(String));
}

/** Rows where every column has a valid category. */
function complete(codes: Int32Array[], n: number): number[] {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (codes.every((c) => c[i]! >= 0)) rows.push(i);
  return rows;
}

function checkValues(categories: Category[], values: Set<string>, variable: string): void {
  const names = new Set(categories.map((c) => c.name));
  const unknown = [...values].filter((v) => !names.has(v));
  if (unknown.length > 0)
    throw new FindingError(
      `'${unknown.join("', '")}' is not an answer of '${variable}'; its answers are ${[...names].join(', ')}.`,
      'values',
    );
}

function change(ctx: FindingContext, f: Extract<Finding, { kind: 'change' }>, s: ReportSample) {
  if (s.base !== 'panel')
    throw new FindingError(
      `A change between waves needs a panel sample; '${f.sample}' holds one wave.`,
      'sample',
    );
  const [w1, w2] = ctx.waves;
  const c1 = need(s.data, waveColumn(f.variable, w1), f.variable);
  const c2 = need(s.data, waveColumn(f.variable, w2), f.variable);
  const a = counted(c1, f.variable);
  const b = counted(c2, f.variable);
  // One list of categories for both waves: the first wave's, then any new in the second.
  const names = [...a.categories];
  for (const c of b.categories) if (!names.some((x) => x.name === c.name)) names.push(c);
  const at = new Map(names.map((c, j) => [c.name, j]));
  const recode = (x: typeof a) => {
    const map = x.categories.map((c) => at.get(c.name)!);
    return Int32Array.from(x.codes, (j) => (j < 0 ? -1 : map[j]!));
  };
  const x = recode(a);
  const y = recode(b);
  const rows = complete([x, y], s.data.n);
  const n = rows.length;
  if (n < 2)
    throw new FindingError(
      `Fewer than two panelists answered '${f.variable}' in both waves.`,
      'variable',
    );
  const base = {
    kind: f.kind,
    sample: f.sample,
    variable: f.variable,
    label: f.label ?? labelled(c2),
    n,
    waves: [w1, w2],
    periods: { [w1]: period(c1), [w2]: period(c2) },
  };
  if (f.values) {
    const wanted = valueSet(f.values);
    checkValues(names, wanted, f.variable);
    const isIn = names.map((c) => wanted.has(c.name));
    const t = [
      [0, 0],
      [0, 0],
    ];
    for (const i of rows) t[isIn[x[i]!] ? 0 : 1]![isIn[y[i]!] ? 0 : 1]!++;
    const first = share(t[0]![0]! + t[0]![1]!, n);
    const second = share(t[0]![0]! + t[1]![0]!, n);
    return {
      ...base,
      values: [...wanted],
      share: { [w1]: first.share, [w2]: second.share },
      low: { [w1]: first.low, [w2]: second.low },
      high: { [w1]: first.high, [w2]: second.high },
      change: second.share - first.share,
      table: t,
      test: testValue('McNemar', mcnemarTest(t)),
    };
  }
  const k = names.length;
  const table = names.map(() => new Array<number>(k).fill(0));
  for (const i of rows) table[x[i]!]![y[i]!]!++;
  const categories = names.map((c, j) => {
    const first = table[j]!.reduce((s2, v) => s2 + v, 0);
    const second = table.reduce((s2, r) => s2 + r[j]!, 0);
    return {
      ...c,
      share: { [w1]: first / n, [w2]: second / n },
      change: (second - first) / n,
    };
  });
  return {
    ...base,
    categories,
    table,
    test: k >= 2 ? testValue('Stuart-Maxwell', stuartMaxwellTest(table)) : undefined,
  };
}

/** Valid answers (n) and those among them that are one of `wanted` (x). */
function validCount(
  codes: Int32Array,
  categories: readonly Category[],
  wanted: ReadonlySet<string>,
  f: { sample: string; variable: string },
): { x: number; n: number } {
  const isIn = categories.map((c) => wanted.has(c.name));
  let n = 0;
  let x = 0;
  for (const j of codes)
    if (j >= 0) {
      n++;
      if (isIn[j]) x++;
    }
  if (n === 0)
    throw new FindingError(`No one in '${f.sample}' answered '${f.variable}'.`, 'variable');
  return { x, n };
}

function shareOf(ctx: FindingContext, f: Extract<Finding, { kind: 'share' }>, s: ReportSample) {
  const col = need(s.data, columnName(ctx, s, f.variable, f.wave), f.variable);
  const { codes, categories } = counted(col, f.variable);
  const wanted = valueSet(f.values);
  checkValues(categories, wanted, f.variable);
  const base = {
    kind: f.kind,
    sample: f.sample,
    variable: f.variable,
    label: f.label ?? labelled(col),
    values: [...wanted],
  };
  if (f.weighted) {
    const w = weightedShares(ctx, f, s, col, [{ label: 'share', values: [...wanted] }]);
    return { ...base, n: w.n, weighted: true, weighting: w.weighting, ...w.shares[0]! };
  }
  const { x, n } = validCount(codes, categories, wanted, f);
  return { ...base, n, ...share(x, n) };
}

function distribution(
  ctx: FindingContext,
  f: Extract<Finding, { kind: 'distribution' }>,
  s: ReportSample,
) {
  const col = need(s.data, columnName(ctx, s, f.variable, f.wave), f.variable);
  const { codes, categories } = counted(col, f.variable);
  const counts = new Array<number>(categories.length).fill(0);
  for (const j of codes) if (j >= 0) counts[j]!++;
  const n = counts.reduce((a, b) => a + b, 0);
  if (n === 0)
    throw new FindingError(`No one in '${f.sample}' answered '${f.variable}'.`, 'variable');
  if (f.weighted) {
    const w = weightedShares(
      ctx,
      f,
      s,
      col,
      categories.map((c) => ({ label: c.name, values: [c.name] })),
    );
    return {
      kind: f.kind,
      sample: f.sample,
      variable: f.variable,
      wave: ctx.waves[1],
      label: f.label ?? labelled(col),
      n: w.n,
      weighted: true,
      weighting: w.weighting,
      categories: categories.map((c, j) => ({ ...c, count: counts[j]!, ...w.shares[j]! })),
    };
  }
  const numbers =
    col.type !== 'multiple' && col.info.kind === 'rating' ? numbersFor(col, f.variable) : undefined;
  const valid = numbers
    ? Float64Array.from([...numbers].filter((v) => !Number.isNaN(v)))
    : undefined;
  return {
    kind: f.kind,
    sample: f.sample,
    variable: f.variable,
    wave: s.base === 'panel' ? (f.wave ?? ctx.waves[1]) : ctx.waves[1],
    label: f.label ?? labelled(col),
    n,
    categories: categories.map((c, j) => ({ ...c, ...share(counts[j]!, n) })),
    ...(valid && valid.length > 0 ? { mean: mean(valid), median: quantile(valid, 0.5) } : {}),
  };
}

/** `variable@wave` in the panel; `variable` alone means the latest wave. */
function stage(ctx: FindingContext, s: ReportSample, text: string) {
  const [variable, wave] = text.split('@') as [string, string | undefined];
  return { variable, wave: wave ?? ctx.waves[1], column: columnName(ctx, s, variable, wave) };
}

function flow(ctx: FindingContext, f: Extract<Finding, { kind: 'flow' }>, s: ReportSample) {
  const stages = f.stages.map((t) => stage(ctx, s, t));
  const cols = stages.map((st) => need(s.data, st.column, st.variable, 'stages'));
  const counts = cols.map((c, k) => counted(c, stages[k]!.variable));
  const rows = complete(
    counts.map((c) => c.codes),
    s.data.n,
  );
  const n = rows.length;
  if (n === 0) throw new FindingError(`No one in '${f.sample}' answered every stage.`, 'stages');
  const links = stages.slice(1).map((_, k) => {
    const from = counts[k]!;
    const to = counts[k + 1]!;
    const t = from.categories.map(() => new Array<number>(to.categories.length).fill(0));
    for (const i of rows) t[from.codes[i]!]![to.codes[i]!]!++;
    return t;
  });
  const table = counts[0]!.categories.map(() =>
    new Array<number>(counts.at(-1)!.categories.length).fill(0),
  );
  for (const i of rows) table[counts[0]!.codes[i]!]![counts.at(-1)!.codes[i]!]!++;
  // Moves between the first and the last stage, where both ask the same ordered list.
  const first = counts[0]!;
  const last = counts.at(-1)!;
  const sameList =
    first.categories.length === last.categories.length &&
    first.categories.every((c, j) => c.name === last.categories[j]!.name);
  let moves: Record<string, number> | undefined;
  if (sameList) {
    const by = new Map<number, number>();
    for (const i of rows) {
      const d = last.codes[i]! - first.codes[i]!;
      by.set(d, (by.get(d) ?? 0) + 1);
    }
    let down = 0;
    let up = 0;
    for (const [d, c] of by) {
      if (d < 0) down += c;
      if (d > 0) up += c;
    }
    moves = {
      down: down / n,
      same: (by.get(0) ?? 0) / n,
      up: up / n,
      down_one_or_two: ((by.get(-1) ?? 0) + (by.get(-2) ?? 0)) / n,
    };
  }
  return {
    kind: f.kind,
    sample: f.sample,
    label: f.label ?? labelled(cols.at(-1)!),
    n,
    stages: stages.map((st, k) => ({
      variable: st.variable,
      wave: st.wave,
      ...(f.stage_labels?.[k] ? { title: f.stage_labels[k] } : {}),
      label: labelled(cols[k]!),
      categories: counts[k]!.categories.map((c, j) => ({
        ...c,
        count: rows.filter((i) => counts[k]!.codes[i] === j).length,
      })),
    })),
    links,
    table,
    periods: Object.fromEntries(
      stages.map((st, k) => [`${st.variable}@${st.wave}`, period(cols[k]!)]),
    ),
    ...(moves ? { moves } : {}),
  };
}

function multiple(ctx: FindingContext, f: Extract<Finding, { kind: 'multiple' }>, s: ReportSample) {
  const col = need(s.data, columnName(ctx, s, f.variable, f.wave), f.variable);
  if (col.type !== 'multiple')
    throw new FindingError(`'${f.variable}' is not a multiple choice; use 'distribution'.`, 'kind');
  let n = 0;
  for (const a of col.answered) n += a;
  if (n === 0)
    throw new FindingError(`No one in '${f.sample}' answered '${f.variable}'.`, 'variable');
  return {
    kind: f.kind,
    sample: f.sample,
    variable: f.variable,
    label: f.label ?? col.info.label,
    n,
    options: col.options
      .filter((o) => !o.missing)
      .map((o) => {
        const name = o.name ?? String(o.code);
        let count = 0;
        for (const v of optionChosen(col, name)!) if (v > 0) count++;
        return { name, ...(o.label ? { label: o.label } : {}), ...share(count, n) };
      }),
  };
}

function benchmark(
  ctx: FindingContext,
  f: Extract<Finding, { kind: 'benchmark' }>,
  s: ReportSample,
) {
  const col = need(s.data, columnName(ctx, s, f.variable, f.wave), f.variable);
  const base = {
    kind: f.kind,
    sample: f.sample,
    variable: f.variable,
    label: f.label ?? labelled(col),
    benchmark: f.benchmark.value,
    source: f.benchmark.source,
  };
  if (f.values) {
    const { codes, categories } = counted(col, f.variable);
    const wanted = valueSet(f.values);
    checkValues(categories, wanted, f.variable);
    if (!(f.benchmark.value >= 0 && f.benchmark.value <= 1))
      throw new FindingError(
        `A benchmark share must be between 0 and 1, not ${f.benchmark.value}.`,
        'benchmark',
      );
    const { x, n } = validCount(codes, categories, wanted, f);
    return {
      ...base,
      n,
      values: [...wanted],
      ...share(x, n),
      value: x / n,
      difference: x / n - f.benchmark.value,
      test: testValue('binomial', binomialTest(x, n, { p: f.benchmark.value })),
    };
  }
  const all = numbersFor(col, f.variable);
  const x = Float64Array.from([...all].filter((v) => !Number.isNaN(v)));
  const t = oneSampleTTest(x, { mu: f.benchmark.value });
  return {
    ...base,
    ...(col.info.scale ? { scale: col.info.scale } : {}),
    n: x.length,
    value: mean(x),
    mean: mean(x),
    low: t.low!,
    high: t.high!,
    difference: mean(x) - f.benchmark.value,
    test: testValue('t', t),
  };
}

function groups(ctx: FindingContext, f: Extract<Finding, { kind: 'groups' }>, s: ReportSample) {
  const col = need(s.data, columnName(ctx, s, f.variable, f.wave), f.variable);
  const names = Object.keys(f.groups);
  if (names.length < 2) throw new FindingError('Give at least two groups to compare.', 'groups');
  // Each row's group: the first whose expression holds.
  const group = new Int32Array(s.data.n).fill(-1);
  const resolve = resolver(s.data);
  names.forEach((g, k) => {
    let tree;
    try {
      tree = parseExpression(f.groups[g]!.where);
    } catch (error) {
      throw new FindingError(`Group '${g}': ${(error as Error).message}`, 'groups');
    }
    for (let i = 0; i < s.data.n; i++) {
      if (group[i]! >= 0) continue;
      const v = evaluate(tree, {
        value: (name) => {
          const found = resolve(name);
          const c = found === undefined ? undefined : s.data.columns.get(found);
          if (!c)
            throw new FindingError(
              `Group '${g}': there is no variable '${name}' in the sample.`,
              'groups',
            );
          return cellForExpression(c, i);
        },
        today: '1970-01-01',
      });
      if (isTruthy(v)) group[i] = k;
    }
  });
  const base = {
    kind: f.kind,
    sample: f.sample,
    variable: f.variable,
    label: f.label ?? labelled(col),
    groups: names,
    group_labels: Object.fromEntries(names.map((g) => [g, f.groups[g]!.label])),
  };
  if (f.numeric) {
    const x = numbersFor(col, f.variable);
    const values = names.map((_, k) =>
      Float64Array.from(
        [...x.keys()].filter((i) => group[i] === k && !Number.isNaN(x[i]!)),
        (i) => x[i]!,
      ),
    );
    const by = Object.fromEntries(
      names.map((g, k) => [
        g,
        { n: values[k]!.length, mean: mean(values[k]!), median: quantile(values[k]!, 0.5) },
      ]),
    );
    if (names.length !== 2)
      throw new FindingError('A comparison of numbers takes exactly two groups.', 'groups');
    // A single choice compared as numbers is scored by its codes: its scale runs over them.
    const codes =
      col.type === 'number' ? col.labels.filter((l) => !l.missing).map((l) => l.code) : [];
    const scale =
      col.info.scale ??
      (col.info.kind === 'select_one' && codes.length > 1
        ? { min: Math.min(...codes), max: Math.max(...codes) }
        : undefined);
    return {
      ...base,
      ...(scale ? { scale } : {}),
      n: values[0]!.length + values[1]!.length,
      by,
      difference: mean(values[0]!) - mean(values[1]!),
      test: testValue('Welch t', twoSampleTTest(values[0]!, values[1]!)),
      tests: [
        testValue('Welch t', twoSampleTTest(values[0]!, values[1]!)),
        testValue('Mann-Whitney', rankSumTest(values[0]!, values[1]!)),
      ],
    };
  }
  const { codes, categories } = counted(col, f.variable);
  const table = names.map(() => new Array<number>(categories.length).fill(0));
  for (let i = 0; i < s.data.n; i++)
    if (group[i]! >= 0 && codes[i]! >= 0) table[group[i]!]![codes[i]!]!++;
  // Categories no one in any group chose add nothing to the test.
  const used = categories.map((_, j) => table.some((r) => r[j]! > 0));
  const kept = table.map((r) => r.filter((_, j) => used[j]));
  const totals = table.map((r) => r.reduce((a, b) => a + b, 0));
  return {
    ...base,
    n: totals.reduce((a, b) => a + b, 0),
    categories: categories.filter((_, j) => used[j]),
    by: Object.fromEntries(
      names.map((g, k) => [
        g,
        {
          n: totals[k]!,
          shares: Object.fromEntries(
            categories
              .filter((_, j) => used[j])
              .map((c, j) => [c.name, totals[k]! > 0 ? kept[k]![j]! / totals[k]! : 0]),
          ),
        },
      ]),
    ),
    test: testValue('chi-square', chiSquareTest(kept)),
  };
}

/** One finding's values, or a FindingError that names the field at fault. */
export function computeFinding(ctx: FindingContext, f: Finding): FindingResult {
  const s = sampleOf(ctx, f);
  try {
    switch (f.kind) {
      case 'change':
        return change(ctx, f, s);
      case 'share':
        return shareOf(ctx, f, s);
      case 'distribution':
        return distribution(ctx, f, s);
      case 'flow':
        return flow(ctx, f, s);
      case 'multiple':
        return multiple(ctx, f, s);
      case 'benchmark':
        return benchmark(ctx, f, s);
      case 'groups':
        return groups(ctx, f, s);
    }
  } catch (error) {
    if (error instanceof StatsError) throw new FindingError(error.message, 'variable');
    throw error;
  }
}
