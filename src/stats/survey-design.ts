/**
 * Design-based estimation as Lumley's survey package computes it, for a design given by
 * weights and optionally strata and clusters (svydesign(ids = ~cluster or ~1, strata = ~s,
 * weights = ~w, fpc = ~N)): estimates are weighted; variances come from linearisation
 * (influence functions summed within clusters, centred within strata, n_h / (n_h - 1) scaling,
 * times (N_h - n_h) / N_h when a finite population correction is given: svyrecvar); degrees
 * of freedom are clusters minus strata (degf). The correction applies to the first stage of
 * sampling, as a one-stage design in the survey package.
 * A stratum with a single cluster is refused, as the survey package's default does.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import { StatsError } from './errors.js';
import { adjustForPostStratification, type PostStratification } from './post-stratification.js';
import {
  adjustForRaking,
  emptyBasisSums,
  inverseWeights,
  rakedCovariance,
  type RakedMargin,
} from './raking.js';
import { sum } from './sum.js';

export interface Design {
  weights: ArrayLike<number>;
  /** Stratum of each respondent (any labels); absent: one stratum. */
  strata?: ArrayLike<string | number>;
  /** Cluster (primary sampling unit) of each respondent; absent: each respondent is one. */
  clusters?: ArrayLike<string | number>;
  /**
   * Finite population correction of each respondent's stratum (svydesign's fpc): the number of
   * clusters (or respondents) in the stratum's population, or, when every value is at most 1,
   * the stratum's sampling fraction. Absent: sampling with replacement (no correction).
   */
  fpc?: ArrayLike<number>;
  /** The margins of a raking that produced the weights (rake().margins). */
  raking?: RakedMargin[];
  /** A post-stratification that produced the weights (postStratify()). */
  postStratification?: PostStratification;
}

export interface SurveyEstimate {
  estimates: number[];
  /** Covariance matrix of the estimates. */
  variance: number[][];
  se: number[];
  df: number;
}

/**
 * What every estimate needs to know of a design's weights (each is 0 or more; how many are
 * above 0), remembered per weights array: a benchmark of 50 items or a report of a hundred
 * estimates checks a million weights once, not once per estimate. Weights are not changed
 * after a design is made.
 */
const weightFacts = new WeakMap<object, { positive: number }>();

function factsOf(w: ArrayLike<number>): { positive: number } {
  const known = weightFacts.get(w);
  if (known) return known;
  let positive = 0;
  for (let i = 0; i < w.length; i++) {
    if (!(w[i]! >= 0))
      throw new StatsError(`Weights must be 0 or more; respondent ${i + 1} has ${w[i]}.`);
    if (w[i]! > 0) positive++;
  }
  const facts = { positive };
  weightFacts.set(w, facts);
  return facts;
}

function check(design: Design, n: number): void {
  const w = design.weights;
  if (w.length !== n)
    throw new StatsError(`The design has ${w.length} weights for ${n} respondents.`);
  if (n < 2) throw new StatsError('Design-based variance requires at least two respondents.');
  // A weight of 0 marks a respondent outside the domain of a calibrated design (as the survey
  // package's subset() does): they still count in the variance, with nothing to contribute.
  if (factsOf(w).positive === 0)
    throw new StatsError('The design has no respondent with a weight above 0.');
}

/** Clusters grouped by stratum: the structure svyrecvar sums over. */
function structure(design: Design, n: number): Map<string, Map<string, number[]>> {
  const out = new Map<string, Map<string, number[]>>();
  for (let i = 0; i < n; i++) {
    const s = design.strata ? String(design.strata[i]) : '';
    const c = design.clusters ? String(design.clusters[i]) : String(i);
    let stratum = out.get(s);
    if (!stratum) out.set(s, (stratum = new Map()));
    let cluster = stratum.get(c);
    if (!cluster) stratum.set(c, (cluster = []));
    cluster.push(i);
  }
  return out;
}

/**
 * Clusters minus strata (degf). With `inDomainOnly`, only clusters and strata with a weight
 * above 0 count, as degf() does for a subset of a calibrated design; svychisq counts them all.
 */
export function degreesOfFreedom(design: Design, inDomainOnly = true): number {
  const w = design.weights;
  const n = w.length;
  const keep = (i: number) => !inDomainOnly || w[i]! > 0;
  if (!design.strata && !design.clusters) return (inDomainOnly ? factsOf(w).positive : n) - 1;
  const clusters = new Set<string>();
  const strata = new Set<string>();
  for (let i = 0; i < n; i++) {
    if (!keep(i)) continue;
    const s = design.strata ? String(design.strata[i]) : '';
    strata.add(s);
    clusters.add(`${s}\u0000${design.clusters ? String(design.clusters[i]) : String(i)}`);
  }
  return clusters.size - strata.size;
}

/**
 * (N_h - n_h) / N_h per stratum, from the fpc column: population sizes, or sampling fractions
 * when no value exceeds 1. n_h counts the stratum's clusters. Undefined without fpc.
 */
function fpcFactors(design: Design): Map<string, number> | undefined {
  const fpc = design.fpc;
  if (!fpc) return undefined;
  const n = design.weights.length;
  if (fpc.length !== n)
    throw new StatsError(`The design has ${fpc.length} fpc values for ${n} respondents.`);
  let fractions = true;
  let belowOne = -1;
  for (let i = 0; i < n; i++) {
    const v = fpc[i]!;
    if (!(v > 0) || !Number.isFinite(v))
      throw new StatsError(
        `The finite population correction must be a number above 0; respondent ${i + 1} has ${v}.`,
      );
    if (v > 1) fractions = false;
    if (v < 1 && belowOne < 0) belowOne = i;
  }
  if (!fractions && belowOne >= 0)
    throw new StatsError(
      `The finite population correction must be all population sizes (1 or more) or all sampling fractions (at most 1); respondent ${belowOne + 1} has ${fpc[belowOne]} among population sizes.`,
    );
  const out = new Map<string, number>();
  for (const [name, stratum] of structure(design, n)) {
    const rows = [...stratum.values()].flat();
    const value = fpc[rows[0]!]!;
    if (rows.some((i) => fpc[i] !== value))
      throw new StatsError(
        `The finite population correction must be the same for everyone in stratum '${name || 'all'}'.`,
      );
    const clusters = stratum.size;
    if (fractions) {
      out.set(name, 1 - value);
      continue;
    }
    if (value < clusters)
      throw new StatsError(
        `Stratum '${name || 'all'}' has ${clusters} sampled clusters but a population of ${value}: the population cannot be smaller than the sample.`,
      );
    out.set(name, (value - clusters) / value);
  }
  return out;
}

/** The covariance matrix of totals of influence values (columns of x), as svyrecvar. */
export function linearisedVariance(design: Design, influence: Float64Array[]): number[][] {
  let x = influence;
  if (design.postStratification) x = adjustForPostStratification(x, design.postStratification);
  if (design.raking) x = adjustForRaking(x, design.raking);
  const k = x.length;
  const n = design.weights.length;
  const v = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const corrections = fpcFactors(design);
  if (!design.strata && !design.clusters) {
    // Every respondent is a cluster of one in a single stratum: one pass gathers every sum of
    // products (plain sums of centred values, as R's crossprod).
    const f = corrections?.get('') ?? 1;
    const means = x.map((col) => sum(col) / n);
    for (let a = 0; a < k; a++)
      for (let b = a; b < k; b++) {
        const ca = x[a]!;
        const cb = x[b]!;
        const ma = means[a]!;
        const mb = means[b]!;
        let acc = 0;
        for (let i = 0; i < n; i++) acc += (ca[i]! - ma) * (cb[i]! - mb);
        const cov = f * (n / (n - 1)) * acc;
        v[a]![b] = cov;
        v[b]![a] = cov;
      }
    return v;
  }
  for (const [name, stratum] of structure(design, n)) {
    const nh = stratum.size;
    if (nh < 2)
      throw new StatsError(
        `Stratum '${name}' has only one cluster: its variance cannot be estimated.`,
      );
    const totals = [...stratum.values()].map((rows) =>
      x.map((col) => sum(rows.map((i) => col[i]!))),
    );
    const means = x.map((_, a) => sum(totals.map((t) => t[a]!)) / nh);
    const f = corrections?.get(name) ?? 1;
    for (let a = 0; a < k; a++)
      for (let b = a; b < k; b++) {
        const products = totals.map((t) => (t[a]! - means[a]!) * (t[b]! - means[b]!));
        const cov = f * (nh / (nh - 1)) * sum(products);
        v[a]![b]! += cov;
        if (a !== b) v[b]![a]! += cov;
      }
  }
  return v;
}

/**
 * A design with weights made by raking and nothing else (no strata, clusters, finite
 * population correction or post-stratification): its variances can be had from one pass
 * over the data per estimate (rakedCovariance).
 */
export function onlyRaked(design: Design): design is Design & { raking: RakedMargin[] } {
  return (
    design.raking !== undefined &&
    !design.strata &&
    !design.clusters &&
    !design.fpc &&
    !design.postStratification
  );
}

/**
 * Means of ys under a raked design: one pass gathers the sums of the basis columns w y_j
 * and w, which give the estimates and, through rakedCovariance, their covariance.
 */
function rakedMean(
  ys: ArrayLike<number>[],
  design: Design & { raking: RakedMargin[] },
): SurveyEstimate {
  const w = design.weights;
  const n = w.length;
  const q = ys.length;
  const T = q + 1;
  const margins = design.raking;
  const k = margins.length;
  const sums = emptyBasisSums(T, margins);
  const cells = margins.map((m) => m.cell);
  const ws = margins.map((m) => m.weights);
  const sizes = margins.map((m) => m.size);
  const b = new Float64Array(T);
  const compensation = new Float64Array(T);
  const { gram, total, withWeight, overWeight } = sums;
  const inverse = inverseWeights(margins);
  if (q === 1) {
    // One variable, the usual case: the same sums as the general loop below, with the basis in
    // local variables, which halves the time of a pass (33 instead of 61 ms per million).
    const y = ys[0]!;
    let sy = 0;
    let cy = 0;
    let sw = 0;
    let cw = 0;
    let yy = 0;
    let yw = 0;
    let wwSum = 0;
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      const v = wi * y[i]!;
      let t = sy + v;
      cy += Math.abs(sy) >= Math.abs(v) ? sy - t + v : v - t + sy;
      sy = t;
      t = sw + wi;
      cw += Math.abs(sw) >= Math.abs(wi) ? sw - t + wi : wi - t + sw;
      sw = t;
      yy += v * v;
      yw += v * wi;
      wwSum += wi * wi;
      for (let a = 0; a < k; a++) {
        const c = cells[a]![i]!;
        const wa = ws[a]![i]!;
        const inv = inverse[a]![i]!;
        const size = sizes[a]!;
        const ww = withWeight[a]!;
        const ow = overWeight[a]!;
        ww[c]! += wa * v;
        ww[size + c]! += wa * wi;
        ow[c]! += v * inv;
        ow[size + c]! += wi * inv;
      }
    }
    total[0] = sy + cy;
    total[1] = sw + cw;
    gram[0] = yy;
    gram[1] = yw;
    gram[2] = yw;
    gram[3] = wwSum;
  } else
    for (let i = 0; i < n; i++) {
      const wi = w[i]!;
      for (let t = 0; t < q; t++) b[t] = wi * ys[t]![i]!;
      b[q] = wi;
      for (let t = 0; t < T; t++) {
        const v = b[t]!;
        // Compensated running totals (as sum()): the estimates keep every digit.
        const s0 = total[t]!;
        const s1 = s0 + v;
        compensation[t]! += Math.abs(s0) >= Math.abs(v) ? s0 - s1 + v : v - s1 + s0;
        total[t] = s1;
        for (let u = t; u < T; u++) gram[t * T + u]! += v * b[u]!;
      }
      for (let a = 0; a < k; a++) {
        const c = cells[a]![i]!;
        const wa = ws[a]![i]!;
        const inv = inverse[a]![i]!;
        const size = sizes[a]!;
        const ww = withWeight[a]!;
        const ow = overWeight[a]!;
        for (let t = 0; t < T; t++) {
          ww[t * size + c]! += wa * b[t]!;
          ow[t * size + c]! += b[t]! * inv;
        }
      }
    }
  if (q > 1)
    for (let t = 0; t < T; t++) {
      total[t]! += compensation[t]!;
      for (let u = 0; u < t; u++) gram[t * T + u] = gram[u * T + t]!;
    }
  const totalWeight = total[q]!;
  const estimates = Array.from({ length: q }, (_, j) => total[j]! / totalWeight);
  const coef = estimates.map((e, j) =>
    Array.from({ length: T }, (_, t) =>
      t === j ? 1 / totalWeight : t === q ? -e / totalWeight : 0,
    ),
  );
  const variance = rakedCovariance(sums, coef, margins, n);
  return {
    estimates,
    variance,
    se: variance.map((row, i) => Math.sqrt(row[i]!)),
    df: degreesOfFreedom(design),
  };
}

/** svymean: weighted means of one or more variables, with their linearised covariance. */
export function surveyMean(ys: ArrayLike<number>[], design: Design): SurveyEstimate {
  const n = design.weights.length;
  check(design, n);
  for (const y of ys)
    if (y.length !== n)
      throw new StatsError(`A variable has ${y.length} values for ${n} respondents.`);
  if (onlyRaked(design)) return rakedMean(ys, design);
  const w = design.weights;
  const totalWeight = sum(w);
  const weighted = new Float64Array(n);
  const estimates = ys.map((y) => {
    for (let i = 0; i < n; i++) weighted[i] = w[i]! * y[i]!;
    return sum(weighted) / totalWeight;
  });
  const influence = ys.map((y, j) => {
    const e = estimates[j]!;
    const col = new Float64Array(n);
    for (let i = 0; i < n; i++) col[i] = (w[i]! * (y[i]! - e)) / totalWeight;
    return col;
  });
  const variance = linearisedVariance(design, influence);
  return {
    estimates,
    variance,
    se: variance.map((row, i) => Math.sqrt(row[i]!)),
    df: degreesOfFreedom(design),
  };
}

/** svytotal: weighted totals, with their linearised covariance. */
export function surveyTotal(ys: ArrayLike<number>[], design: Design): SurveyEstimate {
  const n = design.weights.length;
  check(design, n);
  const w = design.weights;
  const influence = ys.map((y) => Float64Array.from({ length: n }, (_, i) => w[i]! * y[i]!));
  const estimates = influence.map((x) => sum(x));
  const variance = linearisedVariance(design, influence);
  return {
    estimates,
    variance,
    se: variance.map((row, i) => Math.sqrt(row[i]!)),
    df: degreesOfFreedom(design),
  };
}

/**
 * svyciprop(method = "logit"): the interval for a proportion built on the logit scale with a t
 * quantile on the design's degrees of freedom, then transformed back.
 */
export function surveyProportionInterval(
  indicator: ArrayLike<number>,
  design: Design,
  level = 0.95,
): { estimate: number; se: number; low: number; high: number; df: number } {
  const m = surveyMean([indicator], design);
  const p = m.estimates[0]!;
  const se = m.se[0]!;
  if (p <= 0 || p >= 1)
    throw new StatsError('A logit interval needs a proportion strictly between 0 and 1.');
  const logit = Math.log(p / (1 - p));
  const seLogit = se / (p * (1 - p));
  const q = tQuantile(1 - (1 - level) / 2, m.df);
  const expit = (v: number): number => 1 / (1 + Math.exp(-v));
  return {
    estimate: p,
    se,
    low: expit(logit - q * seLogit),
    high: expit(logit + q * seLogit),
    df: m.df,
  };
}
