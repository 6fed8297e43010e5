import { describe, expect, it } from 'vitest';
import { elementsOf, segmentWidths } from './segments.js';

describe('sav string segments', () => {
  it('keeps strings up to 255 bytes in one segment', () => {
    expect(segmentWidths(0)).toEqual([0]);
    expect(segmentWidths(9)).toEqual([9]);
    expect(segmentWidths(255)).toEqual([255]);
    expect(elementsOf(0)).toBe(1);
    expect(elementsOf(9)).toBe(2);
    expect(elementsOf(255)).toBe(32);
  });

  it("splits very long strings as the spec's example does", () => {
    // PSPP, "System File Format", Very Long String Record: width 20,000 has 80 segments, the
    // first 79 of 255 bytes, the last of 20,000 - 79 * 252 = 92.
    const w = segmentWidths(20000);
    expect(w).toHaveLength(80);
    expect(w.slice(0, 79).every((x) => x === 255)).toBe(true);
    expect(w[79]).toBe(92);
    expect(segmentWidths(256)).toEqual([255, 4]);
    expect(segmentWidths(504)).toEqual([255, 252]);
    expect(segmentWidths(505)).toEqual([255, 255, 1]);
    expect(elementsOf(505)).toBe(32 + 32 + 1);
  });
});
