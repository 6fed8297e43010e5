/**
 * A root of f between lower and upper, found as R's uniroot finds it: Brent's method
 * (bisection, secant and inverse quadratic interpolation), stopping when the bracket is
 * within tol (R's default: the fourth root of machine epsilon, about 1.2e-4). R's estimates
 * that come from uniroot (the conditional odds ratio of fisher.test and its interval) are only
 * as precise as that tolerance, so matching R to 1e-9 means taking the same steps.
 */
import { StatsError } from './errors.js';

const EPSILON = 2.220446049250313e-16;
export const UNIROOT_TOLERANCE = EPSILON ** 0.25;

export function uniroot(
  f: (x: number) => number,
  lower: number,
  upper: number,
  options: { tol?: number; maxIterations?: number } = {},
): number {
  const tol = options.tol ?? UNIROOT_TOLERANCE;
  let iterations = (options.maxIterations ?? 1000) + 1;
  let a = lower;
  let b = upper;
  let fa = f(a);
  let fb = f(b);
  if (!Number.isFinite(fa) || !Number.isFinite(fb))
    throw new StatsError('The function has no finite value at an end of the search interval.');
  if (fa * fb > 0)
    throw new StatsError('The function has the same sign at both ends of the interval.');
  if (fa === 0) return a;
  if (fb === 0) return b;
  // c is the point that, with b, brackets the root; a is the previous b.
  let c = a;
  let fc = fa;
  while (iterations-- > 0) {
    const previousStep = b - a;
    if (Math.abs(fc) < Math.abs(fb)) {
      // Keep b the best approximation.
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tolerance = 2 * EPSILON * Math.abs(b) + tol / 2;
    let step = (c - b) / 2;
    if (Math.abs(step) <= tolerance || fb === 0) return b;
    if (Math.abs(previousStep) >= tolerance && Math.abs(fa) > Math.abs(fb)) {
      // Interpolate: secant when only two points are known, inverse quadratic otherwise.
      const cb = c - b;
      let p: number;
      let q: number;
      if (a === c) {
        const t1 = fb / fa;
        p = cb * t1;
        q = 1 - t1;
      } else {
        const qa = fa / fc;
        const t1 = fb / fc;
        const t2 = fb / fa;
        p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1));
        q = (qa - 1) * (t1 - 1) * (t2 - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      // Accept the interpolation only when it stays well inside the bracket and shrinks fast.
      if (p < 0.75 * cb * q - Math.abs(tolerance * q) / 2 && p < Math.abs((previousStep * q) / 2))
        step = p / q;
    }
    if (Math.abs(step) < tolerance) step = step > 0 ? tolerance : -tolerance;
    a = b;
    fa = fb;
    b += step;
    fb = f(b);
    if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0)) {
      c = a;
      fc = fa;
    }
  }
  throw new StatsError('The root search did not converge.');
}
