/**
 * Flows between two waves (a Sankey, or alluvial, diagram): income categories or employment
 * types in wave 1 on the left, in wave 2 on the right, and a band from each to each whose
 * width is the number of panelists who moved so. Vega has no Sankey mark: the layout is
 * computed here (flow-layout.ts) and drawn with Vega's rect, path and text marks.
 */
import {
  checkBase,
  checkCount,
  checkListed,
  checkNonEmpty,
  checkText,
  checkUnique,
  fail,
} from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { layoutFlow, type FlowCount } from './flow-layout.js';
import { formatNumber, formatPercent } from './format.js';
import { categorical } from './palette.js';
import { fontSize, lineHeight, padding, widthOf } from './style.js';
import { wrapText } from './text-width.js';
import { textFont, vegaFrame } from './vega-frame.js';

export interface FlowSide {
  /** The wave as the column's header names it, e.g. "March 2022". */
  label: string;
  /** The categories top to bottom. */
  order: readonly string[];
}

export interface FlowInput extends FigureBase {
  from: FlowSide;
  to: FlowSide;
  /** How many moved from a category in the first wave to one in the second. */
  flows: readonly FlowCount[];
}

const nodeWidth = 12;
const headerHeight = 26;

export function flowFigure(input: FlowInput): Figure {
  checkBase(input);
  for (const side of ['from', 'to'] as const) {
    checkText(input[side]?.label, `${side}.label`);
    checkNonEmpty(input[side].order, `${side}.order`);
    checkUnique(input[side].order, `${side}.order`);
  }
  checkNonEmpty(input.flows, 'flows');
  const pairs = new Set<string>();
  input.flows.forEach((f, i) => {
    checkListed(f.from, input.from.order, `flows[${i}].from`, 'from.order');
    checkListed(f.to, input.to.order, `flows[${i}].to`, 'to.order');
    checkCount(f.count, `flows[${i}].count`);
    const key = `${f.from}\u0000${f.to}`;
    if (pairs.has(key)) fail(`flows[${i}]`, `repeats the flow from '${f.from}' to '${f.to}'.`);
    pairs.add(key);
  });
  const total = input.flows.reduce((sum, f) => sum + f.count, 0);
  if (total === 0) fail('flows', 'must count at least one panelist.');

  const width = widthOf(input) - 2 * padding;
  const labelWidth = Math.min(200, Math.max(84, Math.round(width * 0.27)));
  const left = labelWidth + nodeWidth;
  const right = width - labelWidth - nodeWidth;
  const orders = [input.from.order, input.to.order] as const;
  const union = [...new Set([...orders[0], ...orders[1]])];
  const color = (c: string): string => categorical[union.indexOf(c) % categorical.length]!;

  const lines = (c: string, count: number): string[] => [
    ...wrapText(c, labelWidth - 8, fontSize),
    `${formatPercent(count / total, input.lang)} (${formatNumber(count, input.lang)})`,
  ];
  const blockHeight = (l: readonly string[]): number => l.length * lineHeight;
  const labelLines = [new Map<string, string[]>(), new Map<string, string[]>()] as const;
  const totals = [new Map<string, number>(), new Map<string, number>()] as const;
  for (const f of input.flows.filter((f) => f.count > 0)) {
    totals[0].set(f.from, (totals[0].get(f.from) ?? 0) + f.count);
    totals[1].set(f.to, (totals[1].get(f.to) ?? 0) + f.count);
  }
  ([0, 1] as const).forEach((side) => {
    for (const [c, n] of totals[side]) labelLines[side].set(c, lines(c, n));
  });
  const { nodes, bands, bottom } = layoutFlow(orders, input.flows, {
    left,
    right,
    top: headerHeight,
    flowHeight: Math.max(160, Math.min(360, width * 0.45)),
    gap: 8,
    labelHeight: (side, c) => blockHeight(labelLines[side].get(c)!),
  });
  const labels = nodes.map((n) => {
    const text = labelLines[n.side].get(n.category)!;
    return {
      x: n.side === 0 ? left - nodeWidth - 6 : right + nodeWidth + 6,
      y: (n.y0 + n.y1) / 2 - blockHeight(text) / 2,
      align: n.side === 0 ? 'right' : 'left',
      lines: text,
    };
  });
  const drawing = {
    height: Math.ceil(bottom),
    data: [
      {
        name: 'bands-data',
        values: bands.map((b) => ({ ...b, color: color(b.from) })),
      },
      {
        name: 'nodes-data',
        values: nodes.map((n) => ({
          ...n,
          x: n.side === 0 ? left - nodeWidth : right,
          color: color(n.category),
        })),
      },
      { name: 'labels-data', values: labels },
      {
        name: 'headers-data',
        values: [
          { x: left, align: 'right', text: input.from.label },
          { x: right, align: 'left', text: input.to.label },
        ],
      },
    ],
    marks: [
      {
        type: 'path',
        name: 'bands',
        from: { data: 'bands-data' },
        encode: {
          enter: {
            path: { field: 'path' },
            fill: { field: 'color' },
            fillOpacity: { value: 0.45 },
            description: { signal: "datum.from + ' → ' + datum.to + ': ' + datum.count" },
          },
        },
      },
      {
        type: 'rect',
        name: 'nodes',
        from: { data: 'nodes-data' },
        encode: {
          enter: {
            x: { field: 'x' },
            width: { value: nodeWidth },
            y: { field: 'y0' },
            y2: { field: 'y1' },
            fill: { field: 'color' },
            description: { signal: "datum.category + ': ' + datum.total" },
          },
        },
      },
      {
        type: 'text',
        name: 'node_labels',
        from: { data: 'labels-data' },
        encode: {
          enter: {
            ...textFont,
            x: { field: 'x' },
            y: { field: 'y' },
            align: { field: 'align' },
            baseline: { value: 'top' },
            text: { field: 'lines' },
            fontSize: { value: fontSize },
            lineHeight: { value: lineHeight },
          },
        },
      },
      {
        type: 'text',
        name: 'headers',
        from: { data: 'headers-data' },
        encode: {
          enter: {
            ...textFont,
            x: { field: 'x' },
            y: { value: 4 },
            align: { field: 'align' },
            baseline: { value: 'top' },
            text: { field: 'text' },
            fontSize: { value: fontSize },
            fontWeight: { value: 'bold' },
          },
        },
      },
    ],
  };
  return {
    kind: 'flow',
    grammar: 'vega',
    spec: vegaFrame(input, drawing),
    marks: { bands: bands.length, nodes: nodes.length, node_labels: labels.length, headers: 2 },
  };
}
