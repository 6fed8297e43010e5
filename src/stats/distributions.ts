/**
 * Tail probabilities of the distributions tests use, from @stdlib's special functions. Upper
 * tails are computed directly (never as 1 - cdf), so p-values as small as 1e-300 keep their
 * digits, as R's `lower.tail = FALSE` does.
 */
import betainc from '@stdlib/math-base-special-betainc';
import erfc from '@stdlib/math-base-special-erfc';
import gammainc from '@stdlib/math-base-special-gammainc';

/** P(Z <= z) for the standard normal: pnorm(z). */
export function normalLower(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** P(Z > z): pnorm(z, lower.tail = FALSE). */
export function normalUpper(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** P(X > x) for chi-square with df degrees of freedom: pchisq(x, df, lower.tail = FALSE). */
export function chisqUpper(x: number, df: number): number {
  if (x <= 0) return 1;
  return gammainc(x / 2, df / 2, true, true);
}

/** P(T > t) for Student's t: pt(t, df, lower.tail = FALSE). */
export function tUpper(t: number, df: number): number {
  if (!Number.isFinite(df)) return normalUpper(t);
  const x = df / (df + t * t);
  const half = 0.5 * betainc(x, df / 2, 0.5, true, false);
  return t > 0 ? half : 1 - half;
}

/** P(|T| > |t|): 2 * pt(-abs(t), df). */
export function tTwoSided(t: number, df: number): number {
  if (!Number.isFinite(df)) return 2 * normalUpper(Math.abs(t));
  return betainc(df / (df + t * t), df / 2, 0.5, true, false);
}

/** P(F > f) for F(d1, d2): pf(f, d1, d2, lower.tail = FALSE). */
export function fUpper(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  // The upper tail of I(d1/2, d2/2) at d1 f / (d2 + d1 f), computed directly: with a huge
  // denominator df (a survey's design df) this keeps more digits than the lower tail of the
  // mirrored form.
  return betainc((d1 * f) / (d2 + d1 * f), d1 / 2, d2 / 2, true, true);
}

/** P(X <= k) for X ~ Binomial(n, p): pbinom(k, n, p). */
export function binomLower(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return betainc(p, k + 1, n - k, true, true);
}

/** P(X > k): pbinom(k, n, p, lower.tail = FALSE). */
export function binomUpper(k: number, n: number, p: number): number {
  if (k < 0) return 1;
  if (k >= n) return 0;
  return betainc(p, k + 1, n - k, true, false);
}
