/**
 * Horizontal bars per category, one per group side by side (waves, groups, sample and
 * benchmark, or a single series), with the value written at each bar's end, optional
 * interval whiskers, and an optional text at the right of each category (a change). The
 * shared drawing of wave bars, distributions, multiple-choice bars, group comparisons and
 * benchmark comparisons.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { FigureBase } from './figure.js';
import { textColor } from './palette.js';
import { fontSize, frame, multiLineLabels, padding, widthOf, wrapped } from './style.js';
import { textWidth } from './text-width.js';

export interface BarRow {
  category: string;
  group: string;
  value: number;
  lo?: number;
  hi?: number;
  /** The value as written at the bar's end. */
  text: string;
}

export interface GroupedBars {
  base: FigureBase;
  categories: readonly string[];
  groups: readonly string[];
  colors: readonly string[];
  rows: readonly BarRow[];
  /** The value axis: shares run over [0, 1] and need no axis, means get one. */
  domain: readonly [number, number];
  axis: boolean;
  /** Written right of each category, e.g. the change between waves. */
  side?: readonly { category: string; text: string }[];
  /** Lines above the note under the figure. */
  notes?: readonly string[];
  /** A legend title, e.g. the test's groups; none by default. */
  legendTitle?: string;
}

const barHeight = 16;
const valueRoom = 40;

export function groupedBarsSpec(g: GroupedBars): TopLevelSpec {
  const width = widthOf(g.base);
  const labelWidth = Math.min(220, Math.max(90, Math.round(width * 0.3)));
  const sideWidth =
    g.side === undefined || g.side.length === 0
      ? 0
      : Math.ceil(Math.max(...g.side.map((s) => textWidth(s.text, fontSize, true)))) + 12;
  const plotWidth = width - 2 * padding - labelWidth - sideWidth - valueRoom;
  const labels = new Map(g.categories.map((c) => [c, wrapped(c, labelWidth - 10)]));
  const lines = Math.max(...[...labels.values()].map((l) => l.split('\n').length));
  const step = Math.max(g.groups.length * barHeight + 8, lines * 15 + 6);
  const label = (c: string): string => labels.get(c)!;

  const y = {
    field: 'label',
    type: 'nominal',
    scale: { domain: g.categories.map(label), paddingInner: 0, paddingOuter: 0 },
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
  const yOffset = {
    field: 'group',
    type: 'nominal',
    scale: {
      domain: g.groups,
      paddingInner: 0.1,
      paddingOuter: (step - g.groups.length * barHeight) / 2 / barHeight,
    },
  };
  const x = {
    type: 'quantitative',
    scale: { domain: g.domain, nice: false, zero: false },
  };
  const rows = g.rows.map((r) => ({ ...r, label: label(r.category), end: r.hi ?? r.value }));
  const layers: Record<string, unknown>[] = [
    {
      name: 'bars',
      mark: { type: 'bar', height: barHeight - 2 },
      encoding: {
        y,
        yOffset,
        x: {
          ...x,
          field: 'value',
          axis: g.axis ? { title: null, tickMinStep: 1, grid: true } : null,
        },
        x2: { datum: g.domain[0] },
        color: {
          field: 'group',
          type: 'nominal',
          scale: { domain: g.groups, range: g.colors },
          legend:
            g.groups.length > 1
              ? {
                  title: g.legendTitle ?? null,
                  columns: legendColumns(g.groups, width - labelWidth),
                  labelLimit: width - 40,
                }
              : null,
        },
        tooltip: null,
      },
    },
    {
      name: 'values',
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4, color: textColor },
      encoding: { y, yOffset, x: { ...x, field: 'end' }, text: { field: 'text' } },
    },
  ];
  if (rows.some((r) => r.lo !== undefined)) {
    layers.push({
      name: 'whiskers',
      transform: [{ filter: 'isValid(datum.lo)' }],
      mark: { type: 'rule', color: '#333333', strokeWidth: 1.5 },
      encoding: { y, yOffset, x: { ...x, field: 'lo' }, x2: { field: 'hi' } },
    });
  }
  if (sideWidth > 0) {
    layers.push({
      name: 'changes',
      data: { values: g.side!.map((s) => ({ label: label(s.category), text: s.text })) },
      mark: { type: 'text', align: 'left', baseline: 'middle', fontWeight: 'bold' },
      encoding: { y, x: { value: plotWidth + valueRoom }, text: { field: 'text' } },
    });
  }
  const chart = {
    width: plotWidth,
    height: step * g.categories.length,
    data: { values: rows },
    layer: layers,
    resolve: { scale: { x: 'shared' } },
  };
  return frame(g.base, chart, g.notes ?? []);
}

/** As many legend entries per row as fit `room`, the width right of the axis labels. */
export function legendColumns(labels: readonly string[], room: number): number {
  const widest =
    Math.max(...labels.flatMap((l) => l.split('\n').map((line) => textWidth(line, fontSize)))) + 34;
  return Math.max(1, Math.min(labels.length, Math.floor((room - 2 * padding) / widest)));
}
