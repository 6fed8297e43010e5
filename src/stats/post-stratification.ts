/**
 * Post-stratification to known population counts of one classification, as the survey
 * package's postStratify(): weights in each category are multiplied by population / weighted
 * sample count. Variances then remove each category's weighted mean from the influence values
 * (the survey package's ordinary post-stratification branch of svyrecvar).
 */
import { StatsError } from './errors.js';
import type { RakingMargin } from './raking.js';

export interface PostStratification {
  cell: Int32Array;
  size: number;
  oldWeights: Float64Array;
  weights: Float64Array;
}

export function postStratify(weights: ArrayLike<number>, margin: RakingMargin): PostStratification {
  const n = weights.length;
  const label = margin.name ?? 'the classification';
  if (margin.categories.length !== n)
    throw new StatsError(
      `postStratify: ${label} has ${margin.categories.length} values for ${n} respondents.`,
    );
  const keys = Object.keys(margin.population);
  const index = new Map(keys.map((k, i) => [k, i]));
  const cell = new Int32Array(n);
  const counts = new Float64Array(keys.length);
  for (let i = 0; i < n; i++) {
    const c = index.get(String(margin.categories[i]));
    if (c === undefined)
      throw new StatsError(
        `postStratify: category '${String(margin.categories[i])}' of ${label} is in the sample but not in the population.`,
      );
    cell[i] = c;
    counts[c]! += weights[i]!;
  }
  keys.forEach((k, c) => {
    if (counts[c] === 0 && margin.population[k]! > 0)
      throw new StatsError(
        `postStratify: category '${k}' of ${label} has a population count but no respondents.`,
      );
  });
  const oldWeights = Float64Array.from(weights);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++)
    out[i] = oldWeights[i]! * (margin.population[keys[cell[i]!]!]! / counts[cell[i]!]!);
  return { cell, size: keys.length, oldWeights, weights: out };
}

export function adjustForPostStratification(
  x: Float64Array[],
  ps: PostStratification,
): Float64Array[] {
  const n = ps.cell.length;
  const oldTotals = new Float64Array(ps.size);
  for (let i = 0; i < n; i++) oldTotals[ps.cell[i]!]! += ps.oldWeights[i]!;
  return x.map((col) => {
    const sums = new Float64Array(ps.size);
    for (let i = 0; i < n; i++)
      sums[ps.cell[i]!]! += (col[i]! * ps.oldWeights[i]!) / ps.weights[i]!;
    const out = Float64Array.from(col);
    for (let i = 0; i < n; i++)
      out[i]! -= (sums[ps.cell[i]!]! / oldTotals[ps.cell[i]!]!) * ps.weights[i]!;
    return out;
  });
}
