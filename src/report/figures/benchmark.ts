/**
 * The sample beside an external benchmark: for each item the sample's value and the
 * benchmark's (39% often depressed against 14% in Russia in 2012; life satisfaction 3.38
 * against 3.34 in 2020), with the benchmark's source under the figure.
 */
import {
  checkBase,
  checkInterval,
  checkNonEmpty,
  checkText,
  checkUnique,
  type Interval,
} from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { groupedBarsSpec, type BarRow } from './grouped-bars.js';
import { checkMeasure, checkValue, domainOf, formatValue, type Measure } from './measure.js';
import { benchmarkColor, sampleColor } from './palette.js';
import { words } from './words.js';

export interface BenchmarkItem {
  label: string;
  value: number;
  interval?: Interval;
  /** The benchmark's value for the same item. */
  benchmark: number;
}

export interface BenchmarkInput extends FigureBase {
  measure: Measure;
  /** The sample as the legend names it, e.g. "Emigrants, September 2022". */
  sample: string;
  /** The benchmark as the legend names it ("Russia, 2012") and where it comes from. */
  benchmark: { label: string; source: string };
  items: readonly BenchmarkItem[];
}

export function benchmarkFigure(input: BenchmarkInput): Figure {
  checkBase(input);
  checkMeasure(input.measure);
  checkText(input.sample, 'sample');
  checkText(input.benchmark?.label, 'benchmark.label');
  checkText(input.benchmark.source, 'benchmark.source');
  checkUnique([input.sample, input.benchmark.label], 'sample and benchmark.label');
  checkNonEmpty(input.items, 'items');
  checkUnique(
    input.items.map((i) => i.label),
    'items[].label',
  );
  const [min, max] = domainOf(input.measure);
  const rows: BarRow[] = [];
  input.items.forEach((item, i) => {
    const field = `items[${i}]`;
    checkValue(item.value, input.measure, `${field}.value`);
    checkValue(item.benchmark, input.measure, `${field}.benchmark`);
    if (item.interval !== undefined) {
      checkInterval(item.interval, item.value, min, max, `${field}.interval`);
    }
    rows.push({
      category: item.label,
      group: input.sample,
      value: item.value,
      ...(item.interval ? { lo: item.interval[0], hi: item.interval[1] } : {}),
      text: formatValue(item.value, input.measure, input.lang),
    });
    rows.push({
      category: item.label,
      group: input.benchmark.label,
      value: item.benchmark,
      text: formatValue(item.benchmark, input.measure, input.lang),
    });
  });
  const source = `${words[input.lang].source} (${input.benchmark.label}): ${input.benchmark.source}`;
  const spec = groupedBarsSpec({
    base: input,
    categories: input.items.map((i) => i.label),
    groups: [input.sample, input.benchmark.label],
    colors: [sampleColor, benchmarkColor],
    rows,
    domain: [min, max],
    axis: input.measure.kind === 'mean',
    notes: [source],
  });
  return {
    kind: 'benchmark',
    grammar: 'vega-lite',
    spec,
    marks: {
      bars: rows.length,
      values: rows.length,
      whiskers: rows.filter((r) => r.lo !== undefined).length,
    },
  };
}
