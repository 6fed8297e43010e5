import { quantile } from '../../stats/describe.js';

/** median(x) as R computes it; undefined for no values. O(n log n). */
export function median(x: number[]): number | undefined {
  return x.length === 0 ? undefined : quantile(x, 0.5);
}
