/**
 * The layout of a flow (Sankey) diagram with two or more columns, in pixels: each stage's
 * categories stacked in their given order with heights in proportion to their counts, and a
 * band per flow between consecutive columns whose width is its count at both ends. Bands
 * leave a category in the order of the categories they reach, and reach a category in the
 * order of those they left, which keeps crossings few. Categories are spaced so that each
 * one's label, centred on it, clears its neighbours'.
 */
export interface FlowCount {
  from: string;
  to: string;
  count: number;
}

export interface FlowNode {
  /** The column, 0 for the first stage. */
  stage: number;
  category: string;
  total: number;
  y0: number;
  y1: number;
}

export interface FlowBand {
  /** The band runs from column `stage` to column `stage + 1`. */
  stage: number;
  from: string;
  to: string;
  count: number;
  /** An SVG path: the band between the two columns. */
  path: string;
}

export interface FlowGeometry {
  /** x of each column's left edge, left to right. */
  columns: readonly number[];
  nodeWidth: number;
  top: number;
  /** Pixels for all the counts of one column together, gaps excluded. */
  flowHeight: number;
  /** Least space between two categories of one column. */
  gap: number;
  /** Height of each category's label in each column. */
  labelHeight: (stage: number, category: string) => number;
}

const r = (v: number): number => Math.round(v * 100) / 100;

/**
 * Each stage's categories with a count, and their counts: a category's count is what leaves
 * it, or for the last stage what reaches it. The caller has checked that the bands into a
 * middle stage and out of it count the same people.
 */
export function stageTotals(
  stages: number,
  links: readonly (readonly FlowCount[])[],
): Map<string, number>[] {
  const totals = Array.from({ length: stages }, () => new Map<string, number>());
  links.forEach((flows, k) => {
    for (const f of flows.filter((f) => f.count > 0)) {
      totals[k]!.set(f.from, (totals[k]!.get(f.from) ?? 0) + f.count);
      if (k === stages - 2) totals[k + 1]!.set(f.to, (totals[k + 1]!.get(f.to) ?? 0) + f.count);
    }
  });
  return totals;
}

export function layoutFlow(
  orders: readonly (readonly string[])[],
  links: readonly (readonly FlowCount[])[],
  g: FlowGeometry,
): { nodes: FlowNode[]; bands: FlowBand[]; bottom: number } {
  const totals = stageTotals(orders.length, links);
  const total = [...totals[0]!.values()].reduce((sum, n) => sum + n, 0);
  const perCount = g.flowHeight / total;

  const nodes: FlowNode[] = [];
  const start = orders.map(() => new Map<string, number>());
  let bottom = g.top;
  orders.forEach((order, stage) => {
    let nodeEnd = g.top - g.gap;
    let labelEnd = g.top - 2;
    for (const category of order.filter((c) => totals[stage]!.has(c))) {
      const n = totals[stage]!.get(category)!;
      const h = n * perCount;
      const half = g.labelHeight(stage, category) / 2;
      const y = Math.max(nodeEnd + g.gap, labelEnd + 2 + half - h / 2);
      nodes.push({ stage, category, total: n, y0: r(y), y1: r(y + h) });
      start[stage]!.set(category, y);
      nodeEnd = y + h;
      labelEnd = y + h / 2 + half;
    }
    bottom = Math.max(bottom, nodeEnd, labelEnd);
  });

  const bands = links.flatMap((flows, k) => {
    const drawn = flows.filter((f) => f.count > 0);
    const rank = (stage: number, c: string): number => orders[stage]!.indexOf(c);
    const leaving = [...drawn].sort(
      (a, b) => rank(k, a.from) - rank(k, b.from) || rank(k + 1, a.to) - rank(k + 1, b.to),
    );
    // Each end of a band starts where the previous band at that node ended.
    const left = new Map(start[k]);
    const ends = new Map<FlowCount, { a: number; b: number }>();
    for (const f of leaving) {
      const a = left.get(f.from)!;
      left.set(f.from, a + f.count * perCount);
      ends.set(f, { a, b: 0 });
    }
    const arriving = [...drawn].sort(
      (a, b) => rank(k + 1, a.to) - rank(k + 1, b.to) || rank(k, a.from) - rank(k, b.from),
    );
    const reached = new Map(start[k + 1]);
    for (const f of arriving) {
      const b = reached.get(f.to)!;
      reached.set(f.to, b + f.count * perCount);
      ends.get(f)!.b = b;
    }
    const x0 = g.columns[k]! + g.nodeWidth;
    const x1 = g.columns[k + 1]!;
    const mid = (x0 + x1) / 2;
    return drawn.map((f) => {
      const { a, b } = ends.get(f)!;
      const h = f.count * perCount;
      const path =
        `M${r(x0)},${r(a)}C${r(mid)},${r(a)} ${r(mid)},${r(b)} ${r(x1)},${r(b)}` +
        `L${r(x1)},${r(b + h)}C${r(mid)},${r(b + h)} ${r(mid)},${r(a + h)} ${r(x0)},${r(a + h)}Z`;
      return { stage: k, from: f.from, to: f.to, count: f.count, path };
    });
  });
  return { nodes, bands, bottom };
}
