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
  /** Number of categories (cells are 0 .. size - 1). */
  size: number;
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
      last.push({ cell: m.cell, size: m.size, weights: w });
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
 * before summing over clusters: ten sweeps over the margins of the last pass, each
 * x <- x - w_m * (mean of x / w_m within the margin's category), with w_m the weights after
 * that margin. Every sweep only shifts x by w_m times a constant per category, so the sweeps
 * are carried out on those constants (small tables) and applied to the data once: four passes
 * over the data per variable instead of sixty, with the same result up to rounding.
 */
interface Prepared {
  ratio: Float64Array[][];
  counts: Float64Array[];
  /** cross[m][m2][c * size(m2) + c2] = sum of w_m w_m2 over category c of m and c2 of m2. */
  cross?: Float64Array[][];
  /** weightSums[m][c] = sum of w_m over category c of m. */
  weightSums?: Float64Array[];
  /** inverse[m][i] = 1 / w_m of respondent i. */
  inverse?: Float64Array[];
}
const prepared = new WeakMap<RakedMargin[], Prepared>();

/** The small tables of a raking, computed once per set of margins. */
function prepare(margins: RakedMargin[], n: number): Prepared {
  let p = prepared.get(margins);
  if (!p) {
    // ratio[m][m2][c * size(m2) + c2] = sum over i in category c of m and c2 of m2 of w_m2 / w_m.
    const ratio = margins.map((m) =>
      margins.map((m2) => {
        const t = new Float64Array(m.size * m2.size);
        for (let i = 0; i < n; i++)
          t[m.cell[i]! * m2.size + m2.cell[i]!]! += m2.weights[i]! / m.weights[i]!;
        return t;
      }),
    );
    const counts = margins.map((m) => {
      const c = new Float64Array(m.size);
      for (let i = 0; i < n; i++) c[m.cell[i]!]!++;
      return c;
    });
    p = { ratio, counts };
    prepared.set(margins, p);
  }
  return p;
}

/**
 * The ten sweeps on the small tables: from the category sums of x / w_m before any sweep
 * (start[m][c]), the total amount (times w_m) taken from category c of margin m (shift[m][c]).
 */
function sweeps(
  start: Float64Array[],
  margins: RakedMargin[],
  ratio: Float64Array[][],
  counts: Float64Array[],
): Float64Array[] {
  const k = margins.length;
  const shift = margins.map((m) => new Float64Array(m.size));
  for (let sweep = 0; sweep < 10; sweep++)
    for (let a = 0; a < k; a++) {
      const m = margins[a]!;
      for (let c = 0; c < m.size; c++) {
        let g = start[a]![c]!;
        for (let b = 0; b < k; b++) {
          const m2 = margins[b]!;
          const r = ratio[a]![b]!;
          for (let c2 = 0; c2 < m2.size; c2++) g -= r[c * m2.size + c2]! * shift[b]![c2]!;
        }
        shift[a]![c]! += counts[a]![c]! > 0 ? g / counts[a]![c]! : 0;
      }
    }
  return shift;
}

export function adjustForRaking(x: Float64Array[], margins: RakedMargin[]): Float64Array[] {
  const n = x[0]?.length ?? 0;
  const k = margins.length;
  const { ratio, counts } = prepare(margins, n);
  const cells = margins.map((m) => m.cell);
  const ws = margins.map((m) => m.weights);
  return x.map((col) => {
    // Category sums of x / w_m before any sweep, for every margin in one pass.
    const start = margins.map((m) => new Float64Array(m.size));
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      for (let a = 0; a < k; a++) start[a]![cells[a]![i]!]! += v / ws[a]![i]!;
    }
    const shift = sweeps(start, margins, ratio, counts);
    // Every margin's shift applied in one pass.
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let v = col[i]!;
      for (let a = 0; a < k; a++) v -= ws[a]![i]! * shift[a]![cells[a]![i]!]!;
      out[i] = v;
    }
    return out;
  });
}

/**
 * Sums over the respondents of T basis columns, from which the influence values of an
 * estimate are fixed combinations (x_b = sum over t of coef[b][t] basis_t): enough to get the
 * covariance of the raking-adjusted influence totals in one pass over the data per estimate,
 * without forming the influence values or sweeping them (same algebra as adjustForRaking,
 * then the sums of products expanded).
 */
export interface BasisSums {
  /** T: the number of basis columns. */
  size: number;
  /** gram[t * T + u]: sum of basis_t basis_u. */
  gram: Float64Array;
  /** total[t]: sum of basis_t. */
  total: Float64Array;
  /** withWeight[m][t * size(m) + c]: sum of w_m basis_t over category c of margin m. */
  withWeight: Float64Array[];
  /** overWeight[m][t * size(m) + c]: sum of basis_t / w_m over category c of margin m. */
  overWeight: Float64Array[];
}

/** Empty sums for T basis columns over the given margins. */
export function emptyBasisSums(size: number, margins: RakedMargin[]): BasisSums {
  return {
    size,
    gram: new Float64Array(size * size),
    total: new Float64Array(size),
    withWeight: margins.map((m) => new Float64Array(size * m.size)),
    overWeight: margins.map((m) => new Float64Array(size * m.size)),
  };
}

/**
 * The covariance matrix, as linearisedVariance computes it for a design with only weights
 * and raking (n / (n - 1) times the centred sums of products of the adjusted influence values),
 * of x_b = sum over t of coef[b][t] basis_t.
 */
export function rakedCovariance(
  sums: BasisSums,
  coef: number[][],
  margins: RakedMargin[],
  n: number,
): number[][] {
  const p = prepare(margins, n);
  if (!p.cross) {
    p.cross = margins.map((m) =>
      margins.map((m2) => {
        const t = new Float64Array(m.size * m2.size);
        for (let i = 0; i < n; i++)
          t[m.cell[i]! * m2.size + m2.cell[i]!]! += m.weights[i]! * m2.weights[i]!;
        return t;
      }),
    );
    p.weightSums = margins.map((m) => {
      const t = new Float64Array(m.size);
      for (let i = 0; i < n; i++) t[m.cell[i]!]! += m.weights[i]!;
      return t;
    });
  }
  const { ratio, counts, cross, weightSums } = p as Required<Prepared>;
  const T = sums.size;
  const q = coef.length;
  const k = margins.length;
  const combine = (b: number, table: Float64Array, size: number): Float64Array => {
    const out = new Float64Array(size);
    for (let t = 0; t < T; t++) {
      const f = coef[b]![t]!;
      if (f === 0) continue;
      for (let c = 0; c < size; c++) out[c]! += f * table[t * size + c]!;
    }
    return out;
  };
  const shift: Float64Array[][] = [];
  const withWeight: Float64Array[][] = [];
  const totals: number[] = [];
  for (let b = 0; b < q; b++) {
    const start = margins.map((m, a) => combine(b, sums.overWeight[a]!, m.size));
    shift.push(sweeps(start, margins, ratio, counts));
    withWeight.push(margins.map((m, a) => combine(b, sums.withWeight[a]!, m.size)));
    let total = 0;
    for (let t = 0; t < T; t++) total += coef[b]![t]! * sums.total[t]!;
    for (let a = 0; a < k; a++)
      for (let c = 0; c < margins[a]!.size; c++) total -= shift[b]![a]![c]! * weightSums[a]![c]!;
    totals.push(total);
  }
  // sum over i of x_b r_l, with r_l = sum over m of w_m shift_l[m][category].
  const xr = (b: number, l: number): number => {
    let s = 0;
    for (let a = 0; a < k; a++)
      for (let c = 0; c < margins[a]!.size; c++) s += shift[l]![a]![c]! * withWeight[b]![a]![c]!;
    return s;
  };
  const v = Array.from({ length: q }, () => new Array<number>(q).fill(0));
  for (let b = 0; b < q; b++)
    for (let l = b; l < q; l++) {
      let xx = 0;
      for (let t = 0; t < T; t++)
        for (let u = 0; u < T; u++) xx += coef[b]![t]! * coef[l]![u]! * sums.gram[t * T + u]!;
      let rr = 0;
      for (let a = 0; a < k; a++)
        for (let a2 = 0; a2 < k; a2++) {
          const size2 = margins[a2]!.size;
          const u = cross[a]![a2]!;
          for (let c = 0; c < margins[a]!.size; c++) {
            const sb = shift[b]![a]![c]!;
            if (sb === 0) continue;
            for (let c2 = 0; c2 < size2; c2++) rr += sb * shift[l]![a2]![c2]! * u[c * size2 + c2]!;
          }
        }
      const products = xx - xr(b, l) - xr(l, b) + rr;
      const cov = (n / (n - 1)) * (products - (totals[b]! * totals[l]!) / n);
      v[b]![l] = cov;
      v[l]![b] = cov;
    }
  return v;
}

/** 1 / w_m for every margin, computed once per raking: multiplications in every pass. */
export function inverseWeights(margins: RakedMargin[]): Float64Array[] {
  const p = prepare(margins, margins[0]?.weights.length ?? 0);
  return (p.inverse ??= margins.map((m) => Float64Array.from(m.weights, (w) => 1 / w)));
}
