/** Adjusted p-values for many tests, as R's p.adjust: Holm's and Benjamini-Hochberg's. O(n log n). */
export function holm(p: readonly number[]): number[] {
  const n = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[a]! - p[b]!);
  const out = new Array<number>(n);
  let running = 0;
  order.forEach((idx, i) => {
    running = Math.max(running, (n - i) * p[idx]!);
    out[idx] = Math.min(1, running);
  });
  return out;
}

export function benjaminiHochberg(p: readonly number[]): number[] {
  const n = p.length;
  const order = p.map((_, i) => i).sort((a, b) => p[b]! - p[a]!);
  const out = new Array<number>(n);
  let running = Infinity;
  order.forEach((idx, k) => {
    const i = n - k;
    running = Math.min(running, (n / i) * p[idx]!);
    out[idx] = Math.min(1, running);
  });
  return out;
}
