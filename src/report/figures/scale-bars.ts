/**
 * Rating scales: one bar per item split into the scale's levels in order, either stacked from
 * the left or diverging around zero — centred on a neutral middle level (half each side) or,
 * without one, between the lower and the upper half of the levels. Shares are written inside
 * the segments wide enough to hold them.
 */
import type { TopLevelSpec } from 'vega-lite';
import { checkBase, checkListed, checkNonEmpty, checkShare, checkUnique, fail } from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { formatPercent } from './format.js';
import { legendColumns } from './grouped-bars.js';
import { divergingColors, okabeIto, ramp, textColorOn } from './palette.js';
import {
  fontSize,
  frame,
  multiLineLabels,
  padding,
  splitLabelExpr,
  widthOf,
  wrapped,
} from './style.js';
import { textWidth } from './text-width.js';

export interface ScaleItem {
  label: string;
  /** One share per level, in the order of `levels`; they may add up to less than 1 (no answer). */
  shares: readonly number[];
}

export interface ScaleBarsInput extends FigureBase {
  layout: 'stacked' | 'diverging';
  /** The scale's levels, lowest first. */
  levels: readonly string[];
  /** The middle level, split around zero in diverging bars. */
  neutral?: string;
  items: readonly ScaleItem[];
}

interface Segment {
  item: string;
  level: string;
  share: number;
  x0: number;
  x1: number;
  text: string;
  ink: string;
}

const barHeight = 22;

export function scaleBarsFigure(input: ScaleBarsInput): Figure {
  checkBase(input);
  if (input.layout !== 'stacked' && input.layout !== 'diverging') {
    fail('layout', `must be 'stacked' or 'diverging', not '${String(input.layout)}'.`);
  }
  checkNonEmpty(input.levels, 'levels');
  if (input.levels.length < 2) fail('levels', 'must list at least two levels.');
  checkUnique(input.levels, 'levels');
  const n = input.levels.length;
  let neutralIndex = -1;
  if (input.neutral !== undefined) {
    checkListed(input.neutral, input.levels, 'neutral', 'levels');
    neutralIndex = input.levels.indexOf(input.neutral);
    if (n % 2 === 0 || neutralIndex !== (n - 1) / 2) {
      fail('neutral', `must be the middle one of an odd number of levels, not '${input.neutral}'.`);
    }
  } else if (input.layout === 'diverging' && n % 2 === 1) {
    fail(
      'neutral',
      'must name the middle level: diverging bars of an odd number of levels centre on it.',
    );
  }
  checkNonEmpty(input.items, 'items');
  checkUnique(
    input.items.map((i) => i.label),
    'items[].label',
  );
  const colors =
    input.layout === 'diverging' || neutralIndex >= 0
      ? divergingColors(n, neutralIndex >= 0)
      : ramp(okabeIto.blue, n, 0.8);

  const segments: Segment[] = [];
  let lowest = 0;
  let highest = 0;
  input.items.forEach((item, i) => {
    const field = `items[${i}].shares`;
    if (!Array.isArray(item.shares) || item.shares.length !== n) {
      fail(field, `must hold one share per level (${n}).`);
    }
    item.shares.forEach((s, j) => checkShare(s, `${field}[${j}]`));
    const total = item.shares.reduce((a, b) => a + b, 0);
    if (total > 1.005) fail(field, `add up to ${total.toFixed(3)}, more than 1.`);
    // Diverging: levels below the middle run leftwards from zero, the rest rightwards.
    const half = neutralIndex >= 0 ? neutralIndex : n / 2;
    const below = item.shares.slice(0, Math.floor(half)).reduce((a, b) => a + b, 0);
    const middle = neutralIndex >= 0 ? item.shares[neutralIndex]! / 2 : 0;
    let x = input.layout === 'diverging' ? -(below + middle) : 0;
    item.shares.forEach((share, j) => {
      segments.push({
        item: item.label,
        level: input.levels[j]!,
        share,
        x0: x,
        x1: x + share,
        text: formatPercent(share, input.lang),
        ink: textColorOn(colors[j]!),
      });
      x += share;
    });
    lowest = Math.min(lowest, -(below + middle));
    highest = Math.max(highest, x);
  });

  const spec = scaleSpec(input, segments, colors, lowest, highest);
  return {
    kind: 'scale-bars',
    grammar: 'vega-lite',
    spec: spec.spec,
    marks: { segments: segments.length, shares: spec.labelled },
  };
}

function scaleSpec(
  input: ScaleBarsInput,
  segments: readonly Segment[],
  colors: readonly string[],
  lowest: number,
  highest: number,
): { spec: TopLevelSpec; labelled: number } {
  const width = widthOf(input);
  const labelWidth = Math.min(200, Math.max(90, Math.round(width * 0.28)));
  const plotWidth = width - 2 * padding - labelWidth - 8;
  const diverging = input.layout === 'diverging';
  const reach = Math.max(-lowest, highest);
  const domain = diverging ? [-reach, reach] : [0, Math.max(1, highest)];
  const pxPerShare = plotWidth / (domain[1]! - domain[0]!);
  const label = new Map(input.items.map((i) => [i.label, wrapped(i.label, labelWidth - 10)]));
  const lines = Math.max(...[...label.values()].map((l) => l.split('\n').length));
  const step = Math.max(barHeight + 10, lines * 15 + 6);
  const levelLabels = new Map(input.levels.map((l) => [l, wrapped(l, Math.max(80, width / 3))]));
  const rows = segments.map((s) => ({
    ...s,
    level: levelLabels.get(s.level)!,
    label: label.get(s.item)!,
    mid: (s.x0 + s.x1) / 2,
    shown: s.share * pxPerShare >= textWidth(s.text, fontSize - 1) + 6,
  }));
  const y = {
    field: 'label',
    type: 'nominal',
    scale: {
      domain: input.items.map((i) => label.get(i.label)!),
      paddingInner: 1 - barHeight / step,
      paddingOuter: (1 - barHeight / step) / 2,
    },
    axis: {
      title: null,
      labelBaseline: 'middle',
      labelPadding: 8,
      labelLimit: 0,
      minExtent: labelWidth,
      maxExtent: labelWidth,
      ticks: false,
      domain: false,
      ...multiLineLabels('centre'),
    },
  };
  const x = { type: 'quantitative', scale: { domain, nice: false, zero: false } };
  const layers: Record<string, unknown>[] = [
    {
      name: 'segments',
      mark: { type: 'bar', stroke: '#ffffff', strokeWidth: 0.5 },
      encoding: {
        y,
        x: {
          ...x,
          field: 'x0',
          axis: diverging
            ? {
                title: null,
                format: '.0%',
                labelExpr: "replace(datum.label, '\u2212', '')",
                grid: true,
                tickCount: 5,
              }
            : null,
        },
        x2: { field: 'x1' },
        color: {
          field: 'level',
          type: 'ordinal',
          scale: { domain: [...levelLabels.values()], range: colors },
          legend: {
            columns: legendColumns([...levelLabels.values()], width - labelWidth),
            labelExpr: splitLabelExpr,
            labelLimit: 0,
          },
        },
      },
    },
    {
      name: 'shares',
      transform: [{ filter: 'datum.shown' }],
      mark: { type: 'text', baseline: 'middle', fontSize: fontSize - 1 },
      encoding: {
        y,
        x: { ...x, field: 'mid' },
        text: { field: 'text' },
        fill: { field: 'ink', type: 'nominal', scale: null, legend: null },
      },
    },
  ];
  if (diverging) {
    layers.splice(1, 0, {
      name: 'centre',
      data: { values: [{ zero: 0 }] },
      mark: { type: 'rule', color: '#444444', strokeWidth: 1 },
      encoding: { x: { ...x, field: 'zero' } },
    });
  }
  const chart = {
    width: plotWidth,
    height: step * input.items.length,
    data: { values: rows },
    layer: layers,
  };
  return { spec: frame(input, chart), labelled: rows.filter((r) => r.shown).length };
}
