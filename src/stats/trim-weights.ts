/**
 * Weight trimming as the survey package's trimWeights(): weights above `upper` (below
 * `lower`) are set to the bound, and what was cut is shared equally among the weights that
 * were inside the bounds, so the total stays the same; with `strict`, repeated until no
 * weight is outside (sharing can push some over the bound again).
 */
import { StatsError } from './errors.js';

export function trimWeights(
  weights: ArrayLike<number>,
  options: { upper?: number; lower?: number; strict?: boolean } = {},
): Float64Array {
  const upper = options.upper ?? Infinity;
  const lower = options.lower ?? -Infinity;
  if (!(lower <= upper))
    throw new StatsError(`trimWeights requires lower (${lower}) to be at most upper (${upper}).`);
  let w = Float64Array.from(weights);
  for (let round = 0; round < 1000; round++) {
    let inside = 0;
    let trimmed = 0;
    const next = new Float64Array(w.length);
    for (let i = 0; i < w.length; i++) {
      const v = Math.max(lower, Math.min(w[i]!, upper));
      next[i] = v;
      trimmed += w[i]! - v;
      if (!(w[i]! < lower || w[i]! > upper)) inside++;
    }
    if (inside === w.length) return w;
    if (inside === 0)
      throw new StatsError(
        'trimWeights cannot share what it cuts: every weight is outside the bounds.',
      );
    const share = trimmed / inside;
    for (let i = 0; i < w.length; i++) if (!(w[i]! < lower || w[i]! > upper)) next[i]! += share;
    w = next;
    if (!options.strict) return w;
  }
  throw new StatsError('trimWeights (strict) did not settle after 1000 rounds.');
}
