/** Ranks with ties given their average rank, as R's rank(x) (ties.method = "average"). O(n log n). */
export function rank(x: ArrayLike<number>): Float64Array {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((a, b) => x[a]! - x[b]!);
  const ranks = new Float64Array(x.length);
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && x[order[j + 1]!] === x[order[i]!]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]!] = r;
    i = j + 1;
  }
  return ranks;
}

/** Sizes of the groups of tied values (R's table(rank(x))), for tie corrections. */
export function tieSizes(ranks: ArrayLike<number>): number[] {
  const counts = new Map<number, number>();
  for (let i = 0; i < ranks.length; i++) counts.set(ranks[i]!, (counts.get(ranks[i]!) ?? 0) + 1);
  return [...counts.values()];
}
