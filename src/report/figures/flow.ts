/**
 * Flows between waves (a Sankey, or alluvial, diagram): income categories or employment
 * types at two or more stages (before leaving, in wave 1, in wave 2), a column per stage left
 * to right, and a band from each category of a stage to each of the next whose width is the
 * number of panelists who moved so. Vega has no Sankey mark: the layout is computed here
 * (flow-layout.ts) and drawn with Vega's rect, path and text marks.
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
import { layoutFlow, stageTotals, type FlowCount } from './flow-layout.js';
import { formatNumber, formatPercent } from './format.js';
import { categorical } from './palette.js';
import { fontSize, lineHeight, padding, widthOf } from './style.js';
import { textWidth, wrapText } from './text-width.js';
import { textFont, vegaFrame } from './vega-frame.js';

export interface FlowStage {
  /** The stage as the column's header names it, e.g. "March 2022". */
  label: string;
  /** The categories top to bottom. */
  order: readonly string[];
}

/** A column of the two-stage form. */
export type FlowSide = FlowStage;

/** Two stages: the first wave's categories on the left, the second's on the right. */
export interface FlowInput extends FigureBase {
  from: FlowSide;
  to: FlowSide;
  /** How many moved from a category in the first wave to one in the second. */
  flows: readonly FlowCount[];
}

/** Two or more stages, a column each, left to right. */
export interface FlowStagesInput extends FigureBase {
  stages: readonly FlowStage[];
  /** One list per pair of consecutive stages: `links[k]` from stage k to stage k + 1. */
  links: readonly (readonly FlowCount[])[];
}

const nodeWidth = 12;
/** Colours for categories after the palette's eight: greys, unlike any of the eight. */
const beyondEight = ['#999999', '#5E5E5E', '#C8C8C8'];
const headerTop = 4;

/** The stages and links of either form, with the names its fields have in the input. */
interface Stages {
  stages: readonly FlowStage[];
  links: readonly (readonly FlowCount[])[];
  stageField: (k: number) => string;
  linksField: (k: number) => string;
}

function checked(input: FlowInput | FlowStagesInput): Stages {
  checkBase(input);
  let s: Stages;
  if ('stages' in input) {
    checkNonEmpty(input.stages, 'stages');
    if (input.stages.length < 2) fail('stages', 'must list at least two stages, not 1.');
    s = {
      stages: input.stages,
      links: input.links,
      stageField: (k) => `stages[${k}]`,
      linksField: (k) => `links[${k}]`,
    };
  } else {
    s = {
      stages: [input.from, input.to],
      links: [input.flows],
      stageField: (k) => (k === 0 ? 'from' : 'to'),
      linksField: () => 'flows',
    };
  }
  s.stages.forEach((stage, k) => {
    checkText(stage?.label, `${s.stageField(k)}.label`);
    checkNonEmpty(stage.order, `${s.stageField(k)}.order`);
    checkUnique(stage.order, `${s.stageField(k)}.order`);
  });
  const pairs = s.stages.length - 1;
  const given: unknown = s.links;
  if (!Array.isArray(given) || given.length !== pairs) {
    const lists = Array.isArray(given) ? given.length : 0;
    fail('links', `must hold ${pairs} lists, one per pair of consecutive stages, not ${lists}.`);
  }
  s.links.forEach((flows, k) => {
    const field = s.linksField(k);
    checkNonEmpty(flows, field);
    const seen = new Set<string>();
    flows.forEach((f, i) => {
      checkListed(f.from, s.stages[k]!.order, `${field}[${i}].from`, `${s.stageField(k)}.order`);
      checkListed(
        f.to,
        s.stages[k + 1]!.order,
        `${field}[${i}].to`,
        `${s.stageField(k + 1)}.order`,
      );
      checkCount(f.count, `${field}[${i}].count`);
      const key = `${f.from}\u0000${f.to}`;
      if (seen.has(key)) fail(`${field}[${i}]`, `repeats the flow from '${f.from}' to '${f.to}'.`);
      seen.add(key);
    });
    if (flows.every((f) => f.count === 0)) fail(field, 'must count at least one panelist.');
  });
  // The bands into a middle stage and out of it are the same people.
  for (let k = 1; k < pairs; k++) {
    for (const c of s.stages[k]!.order) {
      const sum = (flows: readonly FlowCount[], end: 'from' | 'to'): number =>
        flows.filter((f) => f[end] === c).reduce((n, f) => n + f.count, 0);
      const into = sum(s.links[k - 1]!, 'to');
      const out = sum(s.links[k]!, 'from');
      if (into !== out) {
        fail(
          s.linksField(k),
          `counts ${out} leaving '${c}' in ${s.stageField(k)}, but ${s.linksField(k - 1)} ` +
            `counts ${into} reaching it: the bands into a stage and out of it must count the ` +
            'same people.',
        );
      }
    }
  }
  return s;
}

/** A label wrapped to a width; a word longer than the width is broken with a hyphen. */
function fitted(label: string, maxWidth: number): string[] {
  return wrapText(label, maxWidth, fontSize).flatMap((line) => {
    if (textWidth(line, fontSize) <= maxWidth) return [line];
    const parts: string[] = [];
    let part = '';
    for (const ch of line) {
      if (part.length > 1 && textWidth(`${part}${ch}-`, fontSize) > maxWidth) {
        parts.push(`${part}-`);
        part = ch;
      } else {
        part += ch;
      }
    }
    return [...parts, part];
  });
}

/**
 * A flow diagram: a column per stage, a bar per category present in it, a band per flow with
 * a count. `FlowInput` is the two-stage form of `FlowStagesInput`.
 */
export function flowFigure(input: FlowInput | FlowStagesInput): Figure {
  const { stages, links } = checked(input);
  const n = stages.length;
  const total = links[0]!.reduce((sum, f) => sum + f.count, 0);

  const totals = stageTotals(n, links);
  const share = (count: number): string => formatPercent(count / total, input.lang);
  const shareCount = (count: number): string =>
    `${share(count)} (${formatNumber(count, input.lang)})`;

  // The first and the last column's labels: about a quarter of the width each, more where a
  // word is longer (Международная), up to a third.
  const width = widthOf(input) - 2 * padding;
  const outerTexts = [totals[0]!, totals[n - 1]!].flatMap((t) =>
    [...t].flatMap(([c, count]) => [...c.split(/(?<=-)|\s+/), shareCount(count)]),
  );
  const widest = Math.max(...outerTexts.map((t) => textWidth(t, fontSize)));
  const labelWidth = Math.max(
    Math.min(200, Math.max(84, Math.round(width * 0.27))),
    Math.min(Math.ceil(widest) + 8, Math.round(width * 0.34)),
  );
  const lastColumn = width - labelWidth - nodeWidth;
  const spacing = (lastColumn - labelWidth) / (n - 1);
  const columns = stages.map((_, k) => labelWidth + k * spacing);
  const union = [...new Set(stages.flatMap((s) => s.order))];
  const color = (c: string): string => {
    const i = union.indexOf(c);
    return i < categorical.length
      ? categorical[i]!
      : beyondEight[(i - categorical.length) % beyondEight.length]!;
  };
  const outer = (k: number): boolean => k === 0 || k === n - 1;

  // A middle column's labels stand in the bands beside it: the share and the count, or the
  // share alone where the count does not fit; the category too only where neither the first
  // nor the last column names it.
  const room = spacing - nodeWidth - 8;
  const named = new Set([...totals[0]!.keys(), ...totals[n - 1]!.keys()]);
  const middleCounts = totals.slice(1, -1).flatMap((t) => [...t.values()]);
  const short = middleCounts.some((c) => textWidth(shareCount(c), fontSize) > room);
  const lines = totals.map((t, k) => {
    const byCategory = new Map<string, string[]>();
    for (const [c, count] of t) {
      byCategory.set(
        c,
        outer(k)
          ? [...fitted(c, labelWidth - 8), shareCount(count)]
          : [...(named.has(c) ? [] : fitted(c, room)), short ? share(count) : shareCount(count)],
      );
    }
    return byCategory;
  });
  const blockHeight = (l: readonly string[]): number => l.length * lineHeight;

  // Headers: the first ends at its column's right edge, the last starts at its column's left
  // edge, the middle ones are centred on theirs. Where two neighbouring middle headers would
  // touch (four stages or more on a narrow figure), every other one goes a row lower.
  const headerRoom = (k: number): number =>
    k === 0 ? labelWidth + nodeWidth : k === n - 1 ? width - lastColumn : 2 * spacing - 20;
  const headerLines = stages.map((s, k) => wrapText(s.label, headerRoom(k), fontSize, true));
  const headerWidth = (k: number): number =>
    Math.max(...headerLines[k]!.map((l) => textWidth(l, fontSize, true)));
  const stagger = stages.some(
    (_, k) => k > 0 && k < n - 2 && (headerWidth(k) + headerWidth(k + 1)) / 2 > spacing - 6,
  );
  const lowered = (k: number): boolean => stagger && !outer(k) && k % 2 === 0;
  const upperRows = Math.max(...headerLines.filter((_, k) => !lowered(k)).map((l) => l.length));
  const headerY = (k: number): number => headerTop + (lowered(k) ? upperRows * lineHeight : 0);
  const headerHeight =
    Math.max(...headerLines.map((l, k) => headerY(k) + l.length * lineHeight)) + 7;

  const { nodes, bands, bottom } = layoutFlow(
    stages.map((s) => s.order),
    links,
    {
      columns,
      nodeWidth,
      top: headerHeight,
      flowHeight: Math.max(160, Math.min(360, width * 0.45)),
      gap: 8,
      labelHeight: (k, c) => blockHeight(lines[k]!.get(c)!),
    },
  );
  const labels = nodes.map((node) => {
    const text = lines[node.stage]!.get(node.category)!;
    const k = node.stage;
    return {
      x: k === 0 ? columns[0]! - 6 : columns[k]! + nodeWidth + (outer(k) ? 6 : 4),
      y: (node.y0 + node.y1) / 2 - blockHeight(text) / 2,
      align: k === 0 ? 'right' : 'left',
      lines: text,
    };
  });
  // A white backing under a middle column's labels keeps them readable over the bands.
  const backs = labels
    .filter((_, i) => !outer(nodes[i]!.stage))
    .map((l) => ({
      x: l.x - 2,
      y: l.y - 1,
      width: Math.max(...l.lines.map((t) => textWidth(t, fontSize))) + 4,
      height: blockHeight(l.lines) + 2,
    }));
  const stagesNamed = (k: number): string =>
    n === 2 ? '' : ` (${stages[k]!.label} → ${stages[k + 1]!.label})`;
  const drawing = {
    height: Math.ceil(bottom),
    data: [
      {
        name: 'bands-data',
        values: bands.map((b) => ({
          ...b,
          color: color(b.from),
          description: `${b.from} → ${b.to}: ${b.count}${stagesNamed(b.stage)}`,
        })),
      },
      {
        name: 'nodes-data',
        values: nodes.map((node) => ({
          ...node,
          x: columns[node.stage],
          color: color(node.category),
          description:
            `${node.category}: ${node.total}` + (n === 2 ? '' : ` (${stages[node.stage]!.label})`),
        })),
      },
      ...(backs.length > 0 ? [{ name: 'backs-data', values: backs }] : []),
      { name: 'labels-data', values: labels },
      {
        name: 'headers-data',
        values: stages.map((s, k) => ({
          x:
            k === 0 ? columns[0]! + nodeWidth : outer(k) ? columns[k] : columns[k]! + nodeWidth / 2,
          y: headerY(k),
          align: k === 0 ? 'right' : outer(k) ? 'left' : 'center',
          text: headerLines[k]!.length === 1 ? s.label : headerLines[k],
        })),
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
            description: { field: 'description' },
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
            description: { field: 'description' },
          },
        },
      },
      ...(backs.length > 0
        ? [
            {
              type: 'rect',
              name: 'label_backs',
              from: { data: 'backs-data' },
              encode: {
                enter: {
                  x: { field: 'x' },
                  y: { field: 'y' },
                  width: { field: 'width' },
                  height: { field: 'height' },
                  fill: { value: '#ffffff' },
                  fillOpacity: { value: 0.8 },
                  cornerRadius: { value: 2 },
                },
              },
            },
          ]
        : []),
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
            y: { field: 'y' },
            align: { field: 'align' },
            baseline: { value: 'top' },
            text: { field: 'text' },
            fontSize: { value: fontSize },
            fontWeight: { value: 'bold' },
            lineHeight: { value: lineHeight },
          },
        },
      },
    ],
  };
  return {
    kind: 'flow',
    grammar: 'vega',
    spec: vegaFrame(input, drawing),
    marks: {
      bands: bands.length,
      nodes: nodes.length,
      node_labels: labels.length,
      headers: n,
      ...(backs.length > 0 ? { label_backs: backs.length } : {}),
    },
  };
}
