import { describe, expect, it } from 'vitest';
import { layoutFlow } from './flow-layout.js';

// Two columns: the left one ends at x = 100, the right one starts at x = 300.
const geometry = {
  columns: [88, 300],
  nodeWidth: 12,
  top: 0,
  flowHeight: 200,
  gap: 10,
  labelHeight: (): number => 0,
};

describe('layoutFlow', () => {
  it('gives each category a height in proportion to its count, in the given order', () => {
    const { nodes } = layoutFlow(
      [
        ['a', 'b'],
        ['x', 'y'],
      ],
      [
        [
          { from: 'a', to: 'x', count: 30 },
          { from: 'a', to: 'y', count: 10 },
          { from: 'b', to: 'y', count: 60 },
        ],
      ],
      geometry,
    );
    const h = (side: number, c: string): number => {
      const n = nodes.find((m) => m.stage === side && m.category === c)!;
      return n.y1 - n.y0;
    };
    expect(h(0, 'a')).toBeCloseTo(80);
    expect(h(0, 'b')).toBeCloseTo(120);
    expect(h(1, 'x')).toBeCloseTo(60);
    expect(h(1, 'y')).toBeCloseTo(140);
    expect(nodes.find((n) => n.stage === 1 && n.category === 'y')!.y0).toBeCloseTo(70);
  });

  it('starts and ends each band where the previous band of its category ended', () => {
    const { bands } = layoutFlow(
      [['a'], ['x', 'y']],
      [
        [
          { from: 'a', to: 'y', count: 50 },
          { from: 'a', to: 'x', count: 50 },
        ],
      ],
      geometry,
    );
    // Bands leave 'a' in the order of what they reach: x first, then y.
    const x = bands.find((b) => b.to === 'x')!.path;
    const y = bands.find((b) => b.to === 'y')!.path;
    expect(x.startsWith('M100,0C')).toBe(true);
    expect(y.startsWith('M100,100C')).toBe(true);
    expect(y).toContain('300,110L300,210'); // on the right y starts after x (100) and the gap (10)
  });

  it('spaces categories so that their labels, centred on them, do not overlap', () => {
    const { nodes, bottom } = layoutFlow(
      [
        ['a', 'b', 'c'],
        ['x', 'y', 'z'],
      ],
      [
        [
          { from: 'a', to: 'x', count: 1 },
          { from: 'b', to: 'y', count: 1 },
          { from: 'c', to: 'z', count: 98 },
        ],
      ],
      { ...geometry, labelHeight: () => 40 },
    );
    const left = nodes.filter((n) => n.stage === 0).map((n) => (n.y0 + n.y1) / 2);
    expect(left[1]! - left[0]!).toBeGreaterThanOrEqual(40);
    expect(left[2]! - left[1]!).toBeGreaterThanOrEqual(40);
    expect(bottom).toBeGreaterThanOrEqual(nodes.at(-1)!.y1);
  });

  it('lays out three columns: bands into a middle column and out of it both start at its top', () => {
    const { nodes, bands } = layoutFlow(
      [['a'], ['m', 'n'], ['x']],
      [
        [
          { from: 'a', to: 'n', count: 40 },
          { from: 'a', to: 'm', count: 60 },
        ],
        [
          { from: 'm', to: 'x', count: 60 },
          { from: 'n', to: 'x', count: 40 },
        ],
      ],
      { ...geometry, columns: [88, 194, 300] },
    );
    expect(nodes.map((n) => [n.stage, n.category, n.y0, n.y1])).toEqual([
      [0, 'a', 0, 200],
      [1, 'm', 0, 120],
      [1, 'n', 130, 210],
      [2, 'x', 0, 200],
    ]);
    const path = (from: string, to: string): string =>
      bands.find((b) => b.from === from && b.to === to)!.path;
    expect(bands.map((b) => b.stage)).toEqual([0, 0, 1, 1]);
    // Into m from x = 100 to 194; out of m from its right edge (206) to 300.
    expect(path('a', 'm').startsWith('M100,0C147,0 147,0 194,0L194,120')).toBe(true);
    expect(path('a', 'n').startsWith('M100,120C147,120 147,130 194,130L194,210')).toBe(true);
    expect(path('m', 'x').startsWith('M206,0C253,0 253,0 300,0L300,120')).toBe(true);
    expect(path('n', 'x').startsWith('M206,130C253,130 253,120 300,120L300,200')).toBe(true);
  });
});
