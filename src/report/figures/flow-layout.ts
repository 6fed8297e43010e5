/**
 * The layout of a two-column flow (Sankey) diagram, in pixels: each side's categories stacked
 * in their given order with heights in proportion to their counts, and a band per flow whose
 * width is its count at both ends. Bands leave a category in the order of the categories they
 * reach, and reach a category in the order of those they left, which keeps crossings few.
 * Categories are spaced so that each one's label, centred on it, clears its neighbours'.
 */
export interface FlowCount {
  from: string;
  to: string;
  count: number;
}

export interface FlowNode {
  side: 0 | 1;
  category: string;
  total: number;
  y0: number;
  y1: number;
}

export interface FlowBand {
  from: string;
  to: string;
  count: number;
  /** An SVG path: the band between the two columns. */
  path: string;
}

export interface FlowGeometry {
  /** x of the left column's right edge and of the right column's left edge. */
  left: number;
  right: number;
  top: number;
  /** Pixels for all the counts of one side together, gaps excluded. */
  flowHeight: number;
  /** Least space between two categories of one side. */
  gap: number;
  /** Height of each category's label on each side. */
  labelHeight: (side: 0 | 1, category: string) => number;
}

const r = (v: number): number => Math.round(v * 100) / 100;

export function layoutFlow(
  orders: readonly [readonly string[], readonly string[]],
  flows: readonly FlowCount[],
  g: FlowGeometry,
): { nodes: FlowNode[]; bands: FlowBand[]; bottom: number } {
  const drawn = flows.filter((f) => f.count > 0);
  const total = drawn.reduce((sum, f) => sum + f.count, 0);
  const totals = [new Map<string, number>(), new Map<string, number>()] as const;
  for (const f of drawn) {
    totals[0].set(f.from, (totals[0].get(f.from) ?? 0) + f.count);
    totals[1].set(f.to, (totals[1].get(f.to) ?? 0) + f.count);
  }
  const perCount = g.flowHeight / total;

  const nodes: FlowNode[] = [];
  const start = [new Map<string, number>(), new Map<string, number>()] as const;
  let bottom = g.top;
  ([0, 1] as const).forEach((side) => {
    let nodeEnd = g.top - g.gap;
    let labelEnd = g.top - 2;
    for (const category of orders[side].filter((c) => totals[side].has(c))) {
      const h = totals[side].get(category)! * perCount;
      const half = g.labelHeight(side, category) / 2;
      const y = Math.max(nodeEnd + g.gap, labelEnd + 2 + half - h / 2);
      nodes.push({ side, category, total: totals[side].get(category)!, y0: r(y), y1: r(y + h) });
      start[side].set(category, y);
      nodeEnd = y + h;
      labelEnd = y + h / 2 + half;
    }
    bottom = Math.max(bottom, nodeEnd, labelEnd);
  });

  const rank = (side: 0 | 1, c: string): number => orders[side].indexOf(c);
  const leaving = [...drawn].sort(
    (a, b) => rank(0, a.from) - rank(0, b.from) || rank(1, a.to) - rank(1, b.to),
  );
  const ends = new Map<FlowCount, { a: number; b: number }>();
  for (const f of leaving) {
    const a = start[0].get(f.from)!;
    start[0].set(f.from, a + f.count * perCount);
    ends.set(f, { a, b: 0 });
  }
  const arriving = [...drawn].sort(
    (a, b) => rank(1, a.to) - rank(1, b.to) || rank(0, a.from) - rank(0, b.from),
  );
  for (const f of arriving) {
    const b = start[1].get(f.to)!;
    start[1].set(f.to, b + f.count * perCount);
    ends.get(f)!.b = b;
  }
  const mid = (g.left + g.right) / 2;
  const bands = drawn.map((f) => {
    const { a, b } = ends.get(f)!;
    const h = f.count * perCount;
    const path =
      `M${r(g.left)},${r(a)}C${r(mid)},${r(a)} ${r(mid)},${r(b)} ${r(g.right)},${r(b)}` +
      `L${r(g.right)},${r(b + h)}C${r(mid)},${r(b + h)} ${r(mid)},${r(a + h)} ${r(g.left)},${r(a + h)}Z`;
    return { from: f.from, to: f.to, count: f.count, path };
  });
  return { nodes, bands, bottom };
}
