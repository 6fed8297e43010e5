import { describe, expect, it } from 'vitest';
import { bandShape, nearDuplicates, reaches, shareOf, type NearMatch } from './near-duplicates.js';

/** The all-pairs answer: O(n^2), for checking the hashed one. */
function allPairs(vectors: Int32Array[], near: number): Map<number, NearMatch> {
  const out = new Map<number, NearMatch>();
  for (let j = 0; j < vectors.length; j++)
    for (let i = 0; i < j; i++) {
      const s = shareOf(vectors[i]!, vectors[j]!);
      if (!reaches(s, near)) continue;
      const best = out.get(j);
      if (!best || s > best.share) out.set(j, { other: i, share: s });
    }
  return out;
}

function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

describe('nearDuplicates', () => {
  it('finds exactly the all-pairs answer on 2,000 responses with planted near copies', () => {
    const random = seeded(42);
    const width = 60;
    const vectors: Int32Array[] = [];
    let planted = 0;
    while (vectors.length < 2000) {
      if (vectors.length > 10 && random() < 0.15) {
        // A copy of an earlier response with 1 to 6 answers changed or blanked:
        // shares 59/60 ... 54/60, so some sit exactly at 0.95 (57/60) and some below.
        const source = vectors[Math.floor(random() * vectors.length)]!;
        const copy = Int32Array.from(source);
        const changes = 1 + Math.floor(random() * 6);
        for (let c = 0; c < changes; c++) {
          const k = Math.floor(random() * width);
          copy[k] = random() < 0.2 ? 0 : 6 + Math.floor(random() * 5);
        }
        vectors.push(copy);
        planted++;
      } else {
        // Five answer options, a fifth of questions skipped.
        vectors.push(
          Int32Array.from({ length: width }, () =>
            random() < 0.2 ? 0 : 1 + Math.floor(random() * 5),
          ),
        );
      }
    }
    const expected = allPairs(vectors, 0.95);
    const found = nearDuplicates(vectors, 0.95);
    expect(planted).toBeGreaterThan(250);
    expect(expected.size).toBeGreaterThan(50);
    expect([...expected.values()].some((m) => m.share === 57 / 60)).toBe(true);
    expect(new Map([...found].sort((a, b) => a[0] - b[0]))).toEqual(
      new Map([...expected].sort((a, b) => a[0] - b[0])),
    );
  });

  it('chooses bands that miss a pair at the threshold with probability below 1e-9', () => {
    for (const near of [0.5, 0.85, 0.95, 0.99]) {
      const { rows, bands } = bandShape(near);
      expect((1 - near ** rows) ** bands).toBeLessThan(1e-9);
    }
    expect(bandShape(0.95)).toEqual({ rows: 23, bands: 57 });
  });

  it('measures the share among variables answered in either', () => {
    expect(shareOf(Int32Array.from([1, 2, 0, 0]), Int32Array.from([1, 3, 0, 4]))).toBeCloseTo(
      1 / 3,
    );
    expect(shareOf(Int32Array.from([0, 0]), Int32Array.from([0, 0]))).toBe(0);
  });
});
