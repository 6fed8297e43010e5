import { describe, expect, it } from 'vitest';
import { layoutFlow } from './flow-layout.js';

const geometry = {
  left: 100,
  right: 300,
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
        { from: 'a', to: 'x', count: 30 },
        { from: 'a', to: 'y', count: 10 },
        { from: 'b', to: 'y', count: 60 },
      ],
      geometry,
    );
    const h = (side: number, c: string): number => {
      const n = nodes.find((m) => m.side === side && m.category === c)!;
      return n.y1 - n.y0;
    };
    expect(h(0, 'a')).toBeCloseTo(80);
    expect(h(0, 'b')).toBeCloseTo(120);
    expect(h(1, 'x')).toBeCloseTo(60);
    expect(h(1, 'y')).toBeCloseTo(140);
    expect(nodes.find((n) => n.side === 1 && n.category === 'y')!.y0).toBeCloseTo(70);
  });

  it('starts and ends each band where the previous band of its category ended', () => {
    const { bands } = layoutFlow(
      [['a'], ['x', 'y']],
      [
        { from: 'a', to: 'y', count: 50 },
        { from: 'a', to: 'x', count: 50 },
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
        { from: 'a', to: 'x', count: 1 },
        { from: 'b', to: 'y', count: 1 },
        { from: 'c', to: 'z', count: 98 },
      ],
      { ...geometry, labelHeight: () => 40 },
    );
    const left = nodes.filter((n) => n.side === 0).map((n) => (n.y0 + n.y1) / 2);
    expect(left[1]! - left[0]!).toBeGreaterThanOrEqual(40);
    expect(left[2]! - left[1]!).toBeGreaterThanOrEqual(40);
    expect(bottom).toBeGreaterThanOrEqual(nodes.at(-1)!.y1);
  });
});
