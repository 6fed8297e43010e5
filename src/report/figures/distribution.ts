/**
 * The distribution of a single item: one bar per answer in the item's order, the share
 * written at each bar, optional interval whiskers.
 */
import {
  checkBase,
  checkInterval,
  checkNonEmpty,
  checkShare,
  checkUnique,
  type Interval,
} from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { formatPercent } from './format.js';
import { groupedBarsSpec, type BarRow } from './grouped-bars.js';
import { sampleColor } from './palette.js';

export interface ShareBar {
  label: string;
  /** 0..1 */
  share: number;
  interval?: Interval;
}

export interface DistributionInput extends FigureBase {
  /** The answers in the item's order. */
  categories: readonly ShareBar[];
}

/** Checks share bars and turns them into rows of a single series. */
export function shareRows(bars: readonly ShareBar[], field: string, input: FigureBase): BarRow[] {
  checkNonEmpty(bars, field);
  checkUnique(
    bars.map((b) => b.label),
    `${field}[].label`,
  );
  return bars.map((b, i) => {
    checkShare(b.share, `${field}[${i}].share`);
    if (b.interval !== undefined)
      checkInterval(b.interval, b.share, 0, 1, `${field}[${i}].interval`);
    return {
      category: b.label,
      group: '',
      value: b.share,
      ...(b.interval ? { lo: b.interval[0], hi: b.interval[1] } : {}),
      text: formatPercent(b.share, input.lang),
    };
  });
}

export function singleSeriesMarks(rows: readonly BarRow[]): Record<string, number> {
  return {
    bars: rows.length,
    values: rows.length,
    whiskers: rows.filter((r) => r.lo !== undefined).length,
  };
}

export function distributionFigure(input: DistributionInput): Figure {
  checkBase(input);
  const rows = shareRows(input.categories, 'categories', input);
  const spec = groupedBarsSpec({
    base: input,
    categories: rows.map((r) => r.category),
    groups: [''],
    colors: [sampleColor],
    rows,
    domain: [0, 1],
    axis: false,
  });
  return { kind: 'distribution', grammar: 'vega-lite', spec, marks: singleSeriesMarks(rows) };
}
