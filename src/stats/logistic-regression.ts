/**
 * Logistic regression by iteratively reweighted least squares, as R's
 * glm(y ~ x, family = binomial) computes it: the same starting values
 * ((w y + 0.5) / (w + 1)), the same working responses and weights, and the same stopping rule
 * (|deviance - previous| / (|deviance| + 0.1) < 1e-8, at most 25 iterations). Used for
 * inverse-probability weights against panel attrition: 1 / fitted probability of responding.
 */
import { StatsError } from './errors.js';
import { multiply, solve, type Matrix } from './linear-algebra.js';

export interface LogisticFit {
  coefficients: number[];
  se: number[];
  fitted: Float64Array;
  deviance: number;
  iterations: number;
  converged: boolean;
}

function devianceOf(y: ArrayLike<number>, mu: Float64Array, w: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < mu.length; i++) {
    const yi = y[i]!;
    const m = mu[i]!;
    const a = yi > 0 ? yi * Math.log(yi / m) : 0;
    const b = yi < 1 ? (1 - yi) * Math.log((1 - yi) / (1 - m)) : 0;
    d += 2 * w[i]! * (a + b);
  }
  return d;
}

/** `x`: one row per person, without the intercept column (it is added). */
export function logisticRegression(
  x: number[][],
  y: ArrayLike<number>,
  options: { weights?: ArrayLike<number>; maxit?: number; epsilon?: number } = {},
): LogisticFit {
  const n = y.length;
  if (x.length !== n)
    throw new StatsError(
      `logisticRegression has ${x.length} rows of predictors for ${n} outcomes.`,
    );
  for (let i = 0; i < n; i++)
    if (!(y[i]! >= 0 && y[i]! <= 1))
      throw new StatsError(
        `logisticRegression requires outcomes between 0 and 1; outcome ${i + 1} is ${y[i]}.`,
      );
  const w = options.weights ?? new Float64Array(n).fill(1);
  const maxit = options.maxit ?? 25;
  const epsilon = options.epsilon ?? 1e-8;
  const design: Matrix = x.map((row) => [1, ...row]);
  const p = design[0]!.length;
  if (n <= p)
    throw new StatsError(
      `logisticRegression requires more people (${n}) than coefficients (${p}).`,
    );
  let mu = Float64Array.from({ length: n }, (_, i) => (w[i]! * y[i]! + 0.5) / (w[i]! + 1));
  let eta = Float64Array.from(mu, (m) => Math.log(m / (1 - m)));
  let dev = devianceOf(y, mu, w);
  let coefficients: number[] = new Array<number>(p).fill(0);
  let xtwx: Matrix = [];
  let converged = false;
  let iterations = 0;
  for (let iter = 1; iter <= maxit; iter++) {
    iterations = iter;
    // Working response z and weights W = w * (dmu/deta)^2 / var(mu) = w * mu (1 - mu).
    const xtw: Matrix = Array.from({ length: p }, () => new Array<number>(n).fill(0));
    const z = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const m = mu[i]!;
      const d = m * (1 - m);
      z[i] = eta[i]! + (y[i]! - m) / d;
      const wi = w[i]! * d;
      for (let j = 0; j < p; j++) xtw[j]![i] = design[i]![j]! * wi;
    }
    xtwx = multiply(xtw, design);
    const xtwz = xtw.map((row) => [row.reduce((s, v, i) => s + v * z[i]!, 0)]);
    coefficients = solve(xtwx, xtwz).map((r) => r[0]!);
    eta = Float64Array.from(design, (row) => row.reduce((s, v, j) => s + v * coefficients[j]!, 0));
    mu = Float64Array.from(eta, (e) => 1 / (1 + Math.exp(-e)));
    const devNew = devianceOf(y, mu, w);
    if (Math.abs(devNew - dev) / (Math.abs(devNew) + 0.1) < epsilon) {
      dev = devNew;
      converged = true;
      break;
    }
    dev = devNew;
  }
  // Standard errors from the weights of the last iteration, as summary.glm does.
  const cov = solve(
    xtwx,
    xtwx.map((_, i) => xtwx.map((__, j) => (i === j ? 1 : 0))),
  );
  return {
    coefficients,
    se: cov.map((row, i) => Math.sqrt(row[i]!)),
    fitted: mu,
    deviance: dev,
    iterations,
    converged,
  };
}

/**
 * Inverse-probability weights against attrition: fit the probability of responding from
 * earlier-wave characteristics, and give each responder 1 / that probability (times their
 * earlier weight, if any).
 */
export function attritionWeights(
  x: number[][],
  responded: ArrayLike<number>,
  baseWeights?: ArrayLike<number>,
): { weights: Float64Array; fit: LogisticFit } {
  const fit = logisticRegression(x, responded);
  const weights = Float64Array.from(fit.fitted, (p, i) =>
    responded[i] === 1 ? (baseWeights?.[i] ?? 1) / p : 0,
  );
  return { weights, fit };
}
