/**
 * Near-duplicate answer sets without comparing all pairs. The share of two answer sets is the
 * number of variables answered identically divided by the number answered in either.
 *
 * Locality-sensitive hashing by sampling variables (Indyk & Motwani 1998, "bit sampling" for
 * the Hamming distance): each band hashes the answers to `rows` variables drawn at random (with
 * replacement) from all the wave's variables. Two responses whose answers agree on a share `a`
 * of all variables (empty agreeing with empty) fall in the same bucket of one band with
 * probability a^rows, and in at least one of `bands` bands with 1 - (1 - a^rows)^bands. A pair
 * with share s has a >= s (variables empty in both only add agreement), so choosing rows with
 * near^rows >= 0.3 and bands with 0.7^bands <= 1e-9 misses a pair at the threshold with
 * probability below 1e-9. Candidates are then verified exactly, so nothing below the threshold
 * is ever reported. Cost: O(n * rows * bands) to hash, plus the candidate pairs; the candidates
 * grow only where answers are truly alike.
 */
import { seededRandom } from '../../stats/seeded-random.js';

export interface NearMatch {
  /** Index of the earlier response with the highest share (the earliest among ties). */
  other: number;
  share: number;
}

/** Vectors of answer ids per variable, 0 for unanswered; all of the same length. */
export function nearDuplicates(
  vectors: Int32Array[],
  near: number,
  seed = 0x5eed,
): Map<number, NearMatch> {
  const out = new Map<number, NearMatch>();
  const n = vectors.length;
  const width = vectors[0]?.length ?? 0;
  if (n < 2 || width === 0) return out;
  const { rows, bands } = bandShape(near);
  // Seeded: the same rules on the same data give the same flags.
  const random = seededRandom(seed);
  const checked = new Set<number>();
  for (let band = 0; band < bands; band++) {
    const picks = Int32Array.from({ length: rows }, () => Math.floor(random() * width));
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      const v = vectors[i]!;
      let h = 0x811c9dc5 ^ band;
      for (const p of picks) h = Math.imul(h ^ v[p]!, 0x01000193);
      const bucket = buckets.get(h);
      if (bucket) bucket.push(i);
      else buckets.set(h, [i]);
    }
    for (const bucket of buckets.values()) {
      if (bucket.length < 2) continue;
      for (let x = 0; x < bucket.length; x++)
        for (let y = x + 1; y < bucket.length; y++) {
          const i = bucket[x]!;
          const j = bucket[y]!;
          const key = i * n + j;
          if (checked.has(key)) continue;
          checked.add(key);
          const s = shareOf(vectors[i]!, vectors[j]!);
          if (!reaches(s, near)) continue;
          const best = out.get(j);
          if (!best || s > best.share || (s === best.share && i < best.other))
            out.set(j, { other: i, share: s });
        }
    }
  }
  return out;
}

/** share >= near, forgiving the last bit of floating point (57 / 60 against 0.95). */
export function reaches(share: number, near: number): boolean {
  return share >= near - 1e-12;
}

/** Identical answers among variables answered in either; 0 when neither answered anything. */
export function shareOf(a: Int32Array, b: Int32Array): number {
  let same = 0;
  let either = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!;
    const y = b[k]!;
    if (x === 0 && y === 0) continue;
    either++;
    if (x === y) same++;
  }
  return either === 0 ? 0 : same / either;
}

/** Rows per band and bands so that a pair at `near` is missed with probability below 1e-9. */
export function bandShape(near: number): { rows: number; bands: number } {
  if (near >= 1) return { rows: 1, bands: 1 };
  const rows = Math.max(1, Math.floor(Math.log(0.3) / Math.log(near)));
  const hit = near ** rows;
  const bands = Math.max(1, Math.ceil(Math.log(1e-9) / Math.log(1 - hit)));
  return { rows, bands };
}
