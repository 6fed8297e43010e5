/**
 * The attrition check: do panelists who answered the next wave differ, in what they said in
 * the earlier wave, from those who did not? For each variable, categorical ones by Pearson's
 * chi-square test (R's chisq.test: Yates's correction for 2 x 2 tables only), numbers and
 * scales by Welch's t-test (t.test, var.equal = FALSE) and the Mann-Whitney test
 * (wilcox.test: exact for fewer than 50 per group without ties, else normal with continuity
 * correction). Pure: a Dataset with a 1/0 column in, one row per test out.
 */
import { chiSquareTest } from '../stats/chi-square-test.js';
import { mean, quantile } from '../stats/describe.js';
import { StatsError } from '../stats/errors.js';
import { twoSampleTTest } from '../stats/t-test.js';
import type { TestResult } from '../stats/test-result.js';
import { rankSumTest } from '../stats/wilcoxon-test.js';
import { Problem } from '../problems/problem.js';
import { cellText, type Column, type Dataset } from './dataset.js';

export type AttritionKind = 'categorical' | 'numeric' | 'scale';

export interface AttritionVariable {
  name: string;
  kind: AttritionKind;
  /** How the table names it; the variable's name when absent. */
  label?: string;
  /**
   * Categorical: the categories in the order shares are listed (others follow, sorted).
   * Scale: its points lowest first, scored 1, 2, ...; without it, values are read as numbers.
   */
  order?: string[];
}

export type GroupSummary =
  { n: number; shares: Record<string, number> } | { n: number; mean: number; median: number };

export interface AttritionRow {
  variable: string;
  label: string;
  kind: AttritionKind;
  test: 'chi-square' | 'welch-t' | 'rank-sum';
  method: string;
  statistic: number;
  df: number | null;
  p: number;
  n_responders: number;
  n_nonresponders: number;
  summary: { responders: GroupSummary; nonresponders: GroupSummary };
}

function fail(message: string, field: string): never {
  throw new Problem('input.invalid', message, { field });
}

/** Categorical rows: the 2 x k table of group by category and each group's shares. */
function categorical(v: AttritionVariable, groups: [string[], string[]]): AttritionRow {
  const seen = new Set([...groups[0], ...groups[1]]);
  const listed = (v.order ?? []).filter((c) => seen.has(c));
  const categories = [...listed, ...[...seen].filter((c) => !listed.includes(c)).sort()];
  const table = groups.map((g) => categories.map((c) => g.filter((x) => x === c).length));
  const shares = (g: string[], counts: number[]): GroupSummary => ({
    n: g.length,
    shares: Object.fromEntries(categories.map((c, j) => [c, counts[j]! / g.length])),
  });
  const t = chiSquareTest(table);
  return row(v, 'chi-square', t, groups, {
    responders: shares(groups[0], table[0]!),
    nonresponders: shares(groups[1], table[1]!),
  });
}

function row(
  v: AttritionVariable,
  test: AttritionRow['test'],
  t: TestResult,
  groups: [unknown[], unknown[]],
  summary: AttritionRow['summary'],
): AttritionRow {
  return {
    variable: v.name,
    label: v.label ?? v.name,
    kind: v.kind,
    test,
    method: t.method,
    statistic: t.statistic,
    df: t.df ?? null,
    p: t.pValue,
    n_responders: groups[0].length,
    n_nonresponders: groups[1].length,
    summary,
  };
}

function score(v: AttritionVariable, value: string): number {
  if (v.kind === 'scale' && v.order) {
    const i = v.order.indexOf(value);
    if (i === -1)
      fail(
        `Attrition: '${value}' of '${v.name}' is not one of its points (${v.order.join(', ')}).`,
        v.name,
      );
    return i + 1;
  }
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x))
    fail(`Attrition: '${v.name}' is a ${v.kind} variable, but has the value '${value}'.`, v.name);
  return x;
}

function numeric(v: AttritionVariable, groups: [string[], string[]]): AttritionRow[] {
  const [x, y] = groups.map((g) => Float64Array.from(g, (s) => score(v, s))) as [
    Float64Array,
    Float64Array,
  ];
  const describe = (a: Float64Array): GroupSummary => ({
    n: a.length,
    mean: mean(a),
    median: quantile(a, 0.5),
  });
  const summary = { responders: describe(x), nonresponders: describe(y) };
  return [
    row(
      v,
      'welch-t',
      twoSampleTTest(x, y, { equalVariance: false }),
      [groups[0], groups[1]],
      summary,
    ),
    row(v, 'rank-sum', rankSumTest(x, y), [groups[0], groups[1]], summary),
  ];
}

/**
 * One row per test: a chi-square row for a categorical variable, a Welch t row and a
 * Mann-Whitney row for a number or a scale. `responded` names a column of 1 (answered the
 * later wave) and 0 (did not); rows where it or the variable is empty are left out.
 */
export function attritionCheck(
  data: Dataset,
  variables: readonly AttritionVariable[],
  responded = 'responded',
): AttritionRow[] {
  const texts = (c: Column) => Array.from({ length: data.n }, (_, i) => cellText(c, i));
  const groupColumn = data.columns.get(responded);
  if (!groupColumn) fail(`Attrition: there is no column '${responded}' in the data.`, responded);
  const group = texts(groupColumn);
  const bad = group.find((g) => g !== null && g !== '0' && g !== '1');
  if (bad !== undefined) fail(`Attrition: '${responded}' must be 1 or 0, not '${bad}'.`, responded);
  const out: AttritionRow[] = [];
  for (const v of variables) {
    const c = data.columns.get(v.name);
    if (!c) fail(`Attrition: there is no variable '${v.name}' in the data.`, v.name);
    const groups: [string[], string[]] = [[], []];
    texts(c).forEach((value, i) => {
      if (value === null || value === '' || group[i] === null) return;
      groups[group[i] === '1' ? 0 : 1].push(value);
    });
    try {
      if (v.kind === 'categorical') out.push(categorical(v, groups));
      else out.push(...numeric(v, groups));
    } catch (error) {
      if (error instanceof StatsError) fail(`Attrition, '${v.name}': ${error.message}`, v.name);
      throw error;
    }
  }
  return out;
}

const testNames: Record<AttritionRow['test'], string> = {
  'chi-square': 'chi-square',
  'welch-t': 'Welch t',
  'rank-sum': 'Mann-Whitney',
};

function formatNumber(x: number, digits = 3): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(digits);
}

export function formatP(p: number): string {
  return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

function formatSummary(s: GroupSummary): string {
  if ('shares' in s)
    return Object.entries(s.shares)
      .map(([c, share]) => `${c} ${(100 * share).toFixed(0)}%`)
      .join(', ');
  return `mean ${formatNumber(s.mean, 2)}, median ${formatNumber(s.median, 2)}`;
}

/**
 * A text table of the rows and the sentence a report's footnote needs: "No significant
 * differences (p > 0.05) in gender, age, income." (a variable counts as differing when any of
 * its tests has p at or below `alpha`).
 */
export function formatAttrition(rows: readonly AttritionRow[], alpha = 0.05): string {
  const header = ['variable', 'test', 'statistic', 'df', 'p', 'n (resp.)', 'n (non-resp.)'];
  const body = rows.map((r) => [
    r.label,
    testNames[r.test],
    formatNumber(r.statistic),
    r.df === null ? '' : formatNumber(r.df, 1),
    formatP(r.p),
    String(r.n_responders),
    String(r.n_nonresponders),
  ]);
  const widths = header.map((h, j) => Math.max(h.length, ...body.map((b) => b[j]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, j) => (j === 0 || j === 1 ? c.padEnd(widths[j]!) : c.padStart(widths[j]!)));
  const table = [header, ...body].map((cells) => line(cells).join('  ').trimEnd());
  table.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  const groups = [...new Map(rows.map((r) => [r.variable, r])).values()].map((r) => ({
    label: r.label,
    summary: r.summary,
    differs: rows.some((x) => x.variable === r.variable && x.p <= alpha),
  }));
  const summaries = groups.map(
    (g) =>
      `${g.label}: responders ${formatSummary(g.summary.responders)}; non-responders ${formatSummary(g.summary.nonresponders)}`,
  );
  const list = (xs: string[]) =>
    xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;
  const same = groups.filter((g) => !g.differs).map((g) => g.label);
  const differ = groups.filter((g) => g.differs).map((g) => g.label);
  const sentences: string[] = [];
  if (differ.length > 0)
    sentences.push(
      `Responders and non-responders differ significantly (p ≤ ${alpha}) in ${list(differ)}.`,
    );
  if (same.length > 0)
    sentences.push(`No significant differences (p > ${alpha}) in ${list(same)}.`);
  return [...table, '', ...summaries, '', sentences.join(' ')].join('\n');
}
