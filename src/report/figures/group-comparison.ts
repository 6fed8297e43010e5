/**
 * Groups compared (returnees and those who stayed abroad, say): for each category or item,
 * one bar per group, shares or means, and the test's result written under the figure as
 * given (the analysis computes it; the figure only shows it).
 */
import {
  checkBase,
  checkCount,
  checkInterval,
  checkNonEmpty,
  checkText,
  checkUnique,
  fail,
  type Interval,
} from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { formatNumber } from './format.js';
import { groupedBarsSpec, type BarRow } from './grouped-bars.js';
import { checkMeasure, checkValue, domainOf, formatValue, type Measure } from './measure.js';
import { categorical } from './palette.js';
import { words } from './words.js';

export interface ComparedGroup {
  label: string;
  /** The group's size, written in the legend. */
  n?: number;
}

export interface ComparedCategory {
  label: string;
  /** One value per group, in the order of `groups`. */
  values: readonly number[];
  intervals?: readonly Interval[];
}

export interface GroupComparisonInput extends FigureBase {
  groups: readonly ComparedGroup[];
  measure: Measure;
  /** Answers of one item (shares per group) or several items (means per group). */
  categories: readonly ComparedCategory[];
  /** The test's line, e.g. "χ²(5) = 31,2; p < 0,001". */
  test: string;
}

export function groupComparisonFigure(input: GroupComparisonInput): Figure {
  checkBase(input);
  checkMeasure(input.measure);
  checkNonEmpty(input.groups, 'groups');
  if (input.groups.length > categorical.length) {
    fail('groups', `can hold at most ${categorical.length} groups, told apart by colour.`);
  }
  checkUnique(
    input.groups.map((g) => g.label),
    'groups[].label',
  );
  input.groups.forEach((g, i) => g.n !== undefined && checkCount(g.n, `groups[${i}].n`));
  checkNonEmpty(input.categories, 'categories');
  checkUnique(
    input.categories.map((c) => c.label),
    'categories[].label',
  );
  checkText(input.test, 'test');
  const legend = input.groups.map((g) =>
    g.n === undefined
      ? g.label
      : `${g.label} (${words[input.lang].n} = ${formatNumber(g.n, input.lang)})`,
  );
  const [min, max] = domainOf(input.measure);
  const rows: BarRow[] = [];
  input.categories.forEach((c, i) => {
    const field = `categories[${i}]`;
    if (!Array.isArray(c.values) || c.values.length !== input.groups.length) {
      fail(`${field}.values`, `must hold one value per group (${input.groups.length}).`);
    }
    c.values.forEach((v, j) => {
      checkValue(v, input.measure, `${field}.values[${j}]`);
      const iv = c.intervals?.[j];
      if (iv !== undefined) checkInterval(iv, v, min, max, `${field}.intervals[${j}]`);
      rows.push({
        category: c.label,
        group: legend[j]!,
        value: v,
        ...(iv ? { lo: iv[0], hi: iv[1] } : {}),
        text: formatValue(v, input.measure, input.lang),
      });
    });
  });
  const spec = groupedBarsSpec({
    base: input,
    categories: input.categories.map((c) => c.label),
    groups: legend,
    colors: categorical.slice(0, legend.length),
    rows,
    domain: [min, max],
    axis: input.measure.kind === 'mean',
    notes: [input.test],
  });
  return {
    kind: 'group-comparison',
    grammar: 'vega-lite',
    spec,
    marks: {
      bars: rows.length,
      values: rows.length,
      whiskers: rows.filter((r) => r.lo !== undefined).length,
    },
  };
}
