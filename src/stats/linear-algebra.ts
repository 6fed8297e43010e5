/**
 * The little dense linear algebra the survey estimators need (matrices of a few dozen rows):
 * products, transposes, solving by Gaussian elimination with partial pivoting, and the
 * residuals of a least-squares projection (R's qr.resid). Matrices are arrays of rows.
 */
import { StatsError } from './errors.js';

export type Matrix = number[][];

export function transpose(a: Matrix): Matrix {
  return a[0]!.map((_, j) => a.map((row) => row[j]!));
}

export function multiply(a: Matrix, b: Matrix): Matrix {
  const bt = transpose(b);
  return a.map((row) => bt.map((col) => row.reduce((s, v, k) => s + v * col[k]!, 0)));
}

export function diagonal(v: number[]): Matrix {
  return v.map((x, i) => v.map((_, j) => (i === j ? x : 0)));
}

export function trace(a: Matrix): number {
  return a.reduce((s, row, i) => s + row[i]!, 0);
}

/** Solves A X = B for X (A square). */
export function solve(a: Matrix, b: Matrix): Matrix {
  const n = a.length;
  const m = a.map((row, i) => [...row, ...b[i]!]);
  const width = m[0]!.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++)
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-300)
      throw new StatsError('The system cannot be solved: the matrix is singular.');
    [m[col], m[pivot]] = [m[pivot]!, m[col]!];
    const p = m[col]![col]!;
    for (let j = col; j < width; j++) m[col]![j]! /= p;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r]![col]!;
      if (f === 0) continue;
      for (let j = col; j < width; j++) m[r]![j]! -= f * m[col]![j]!;
    }
  }
  return m.map((row) => row.slice(n));
}

/** Y - X (X'X)^-1 X'Y: what of Y the columns of X do not explain (R's qr.resid(qr(X), Y)). */
export function projectionResiduals(x: Matrix, y: Matrix): Matrix {
  const xt = transpose(x);
  const coef = solve(multiply(xt, x), multiply(xt, y));
  const fitted = multiply(x, coef);
  return y.map((row, i) => row.map((v, j) => v - fitted[i]![j]!));
}
