/**
 * Raking (iterative proportional fitting) of weights to known population margins, as the
 * survey package's rake(): each pass post-stratifies to every margin in turn (weights in a
 * category multiplied by population / weighted sample count); passes stop when no cell of the
 * full cross-classification of the margin variables moves by `epsilon` or more (absolute
 * weighted count; below 1 it is a share of the sum of the starting weights), or after `maxit`
 * passes. The last pass's margins are kept so that variances can account for the raking.
 */
import { StatsError } from './errors.js';

export interface RakingMargin {
  /** Each respondent's category on this margin. */
  categories: ArrayLike<string | number>;
  /** Population count of each category. */
  population: Record<string, number>;
  name?: string;
}

export interface RakedMargin {
  cell: Int32Array;
  /** The weights right after this margin's post-stratification in the last pass. */
  weights: Float64Array;
}

export interface RakingResult {
  weights: Float64Array;
  passes: number;
  converged: boolean;
  margins: RakedMargin[];
}

export function rake(
  weights: ArrayLike<number>,
  margins: RakingMargin[],
  control: { maxit?: number; epsilon?: number } = {},
): RakingResult {
  const n = weights.length;
  const maxit = control.maxit ?? 10;
  let w = Float64Array.from(weights);
  const totalStart = w.reduce((s, v) => s + v, 0);
  const epsilon =
    (control.epsilon ?? 1) < 1 ? (control.epsilon ?? 1) * totalStart : (control.epsilon ?? 1);
  if (margins.length === 0) throw new StatsError('rake requires at least one margin.');
  const coded = margins.map((m, k) => {
    const label = m.name ?? `margin ${k + 1}`;
    if (m.categories.length !== n)
      throw new StatsError(
        `rake: ${label} has ${m.categories.length} values for ${n} respondents.`,
      );
    const keys = Object.keys(m.population);
    const index = new Map(keys.map((key, i) => [key, i]));
    const cell = new Int32Array(n);
    const seen = new Array<boolean>(keys.length).fill(false);
    for (let i = 0; i < n; i++) {
      const c = index.get(String(m.categories[i]));
      if (c === undefined)
        throw new StatsError(
          `rake: category '${String(m.categories[i])}' of ${label} is in the sample but not in the population margin.`,
        );
      cell[i] = c;
      seen[c] = true;
    }
    keys.forEach((key, c) => {
      if (!seen[c] && m.population[key]! > 0)
        throw new StatsError(
          `rake: category '${key}' of ${label} has a population count but no respondents; raking cannot reach it.`,
        );
    });
    return { cell, population: keys.map((key) => m.population[key]!), size: keys.length };
  });
  // The full cross-classification, for the convergence check.
  const crossKey = new Map<string, number>();
  const cross = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = coded.map((m) => m.cell[i]).join(',');
    let c = crossKey.get(key);
    if (c === undefined) crossKey.set(key, (c = crossKey.size));
    cross[i] = c;
  }
  const crossTable = (ws: Float64Array): Float64Array => {
    const t = new Float64Array(crossKey.size);
    for (let i = 0; i < n; i++) t[cross[i]!]! += ws[i]!;
    return t;
  };
  let old = crossTable(w);
  let passes = 0;
  let converged = false;
  let last: RakedMargin[] = [];
  while (passes < maxit) {
    last = [];
    for (const m of coded) {
      const counts = new Float64Array(m.size);
      for (let i = 0; i < n; i++) counts[m.cell[i]!]! += w[i]!;
      const next = new Float64Array(n);
      for (let i = 0; i < n; i++)
        next[i] = w[i]! * (m.population[m.cell[i]!]! / counts[m.cell[i]!]!);
      w = next;
      last.push({ cell: m.cell, weights: w });
    }
    const now = crossTable(w);
    let delta = 0;
    for (let c = 0; c < now.length; c++) delta = Math.max(delta, Math.abs(old[c]! - now[c]!));
    if (delta < epsilon) {
      converged = true;
      break;
    }
    old = now;
    passes++;
  }
  return { weights: w, passes: converged ? passes + 1 : passes, converged, margins: last };
}

/**
 * Removes from influence values what the raking margins explain, as the survey package does
 * before summing over clusters (ten sweeps over the margins of the last pass).
 */
export function adjustForRaking(x: Float64Array[], margins: RakedMargin[]): Float64Array[] {
  const out = x.map((col) => Float64Array.from(col));
  for (let sweep = 0; sweep < 10; sweep++)
    for (const m of margins) {
      const size = Math.max(...m.cell) + 1;
      for (const col of out) {
        const sums = new Float64Array(size);
        const counts = new Float64Array(size);
        for (let i = 0; i < col.length; i++) {
          sums[m.cell[i]!]! += col[i]! / m.weights[i]!;
          counts[m.cell[i]!]!++;
        }
        for (let i = 0; i < col.length; i++)
          col[i]! -= m.weights[i]! * (sums[m.cell[i]!]! / counts[m.cell[i]!]!);
      }
    }
  return out;
}
