import { describe, expect, it } from 'vitest';
import { transitionMatrix } from './transition-matrix.js';

describe('transitionMatrix', () => {
  it('counts moves between categories with row and column shares, leaving out incomplete pairs', () => {
    const t = transitionMatrix(
      ['a', 'a', 'b', 'b', 'b', null, 'c'],
      ['a', 'b', 'b', 'b', 'a', 'a', 'x'],
      ['a', 'b', 'c'],
    );
    expect(t.counts).toEqual([
      [1, 1, 0],
      [1, 2, 0],
      [0, 0, 0],
    ]);
    expect(t.n).toBe(5);
    expect(t.missing).toBe(2);
    expect(t.rowShares[1]).toEqual([1 / 3, 2 / 3, 0]);
    expect(t.columnShares[0]).toEqual([1 / 2, 1 / 3, NaN]);
    expect(Number.isNaN(t.rowShares[2]![0])).toBe(true);
  });
});
