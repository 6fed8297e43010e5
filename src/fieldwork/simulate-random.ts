/**
 * Seeded randomness for simulated respondents: mulberry32 (src/stats/seeded-random.ts), streams keyed by name so that a person's traits come out the
 * same in every wave, and the few distributions the simulator draws from.
 */
import type { RandomBytes } from '../security/tokens.js';
import { seededRandom } from '../stats/seeded-random.js';

export type Uniform = () => number;

export const mulberry32 = (seed: number): Uniform => seededRandom(seed);

/** FNV-1a over the parts: a stable 32-bit seed for a named stream. */
export function streamSeed(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('\u0000')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export function stream(...parts: (string | number)[]): Uniform {
  return mulberry32(streamSeed(...parts));
}

/** Standard normal by Box–Muller (one of the pair is dropped: simplicity over speed). */
export function normal(u: Uniform): number {
  const a = Math.max(u(), 1e-12);
  return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
}

/** Standard normal CDF, Abramowitz and Stegun 7.1.26 (error below 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly =
    t *
    (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The index whose cumulative share first exceeds u (shares need not sum to exactly 1). */
export function pickIndex(u: number, shares: readonly number[]): number {
  const total = shares.reduce((a, b) => a + b, 0);
  let acc = 0;
  for (let i = 0; i < shares.length; i++) {
    acc += shares[i]! / total;
    if (u < acc) return i;
  }
  return shares.length - 1;
}

export function pickWeighted<T>(u: Uniform, weights: readonly (readonly [T, number])[]): T {
  return weights[
    pickIndex(
      u(),
      weights.map((w) => w[1]),
    )
  ]![0];
}

export function pickOne<T>(u: Uniform, items: readonly T[]): T {
  return items[Math.floor(u() * items.length)]!;
}

export function between(u: Uniform, min: number, max: number): number {
  return min + Math.floor(u() * (max - min + 1));
}

/** Bytes for tokens and codes, so that a simulation is the same on every run. */
export function seededBytes(u: Uniform): RandomBytes {
  return (n) => {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = Math.floor(u() * 256);
    return out;
  };
}
