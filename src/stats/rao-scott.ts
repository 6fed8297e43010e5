/**
 * Rao-Scott second-order corrected chi-square for a crosstab under a survey design, as
 * svychisq(~a + b, design) computes by default (statistic = "F"): Pearson's statistic on the
 * weighted table divided by the mean generalised design effect, referred to F with
 * d0 = tr(D)^2 / tr(D^2) and d0 * degf numerator and denominator degrees of freedom, where D
 * compares the design-based covariance of the cell shares with the multinomial one on the
 * contrasts that express independence (Rao and Scott 1984).
 */
import { fUpper } from './distributions.js';
import { StatsError } from './errors.js';
import {
  diagonal,
  multiply,
  projectionResiduals,
  solve,
  trace,
  transpose,
  type Matrix,
} from './linear-algebra.js';
import { sum } from './sum.js';
import { emptyBasisSums, rakedCovariance, type RakedMargin } from './raking.js';
import { degreesOfFreedom, linearisedVariance, onlyRaked, type Design } from './survey-design.js';
import type { TestResult } from './test-result.js';

export function raoScottTest(
  rows: ArrayLike<number>,
  cols: ArrayLike<number>,
  nr: number,
  nc: number,
  design: Design,
): TestResult & { ndf: number; ddf: number; pearson: number } {
  const n = design.weights.length;
  if (rows.length !== n || cols.length !== n)
    throw new StatsError('raoScottTest requires a row and a column category for every respondent.');
  if (nr < 2 || nc < 2)
    throw new StatsError('raoScottTest requires at least two row and two column categories.');
  // Cells in R's order: rows vary fastest (expand.grid(rows, cols)).
  const k = nr * nc;
  const w = design.weights;
  const cellOf = new Int32Array(n);
  const cellTotals = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    const c = cols[i]!;
    const cell = r >= 0 && r < nr && c >= 0 && c < nc ? c * nr + r : -1;
    cellOf[i] = cell;
    if (cell >= 0) cellTotals[cell]! += w[i]!;
  }
  const N = sum(w);
  if (w.length !== n || !(N > 0))
    throw new StatsError('raoScottTest requires a weight above 0 for the respondents.');
  const p = Array.from(cellTotals, (t) => t / N);
  // Pearson's statistic on the weighted table (scaled to the sum of the weights).
  const table = Array.from({ length: nr }, (_, r) =>
    Array.from({ length: nc }, (_, c) => cellTotals[c * nr + r]!),
  );
  const rowSum = table.map((row) => sum(row));
  const colSum = Array.from({ length: nc }, (_, c) => sum(table.map((row) => row[c]!)));
  if (rowSum.some((v) => v === 0) || colSum.some((v) => v === 0))
    throw new StatsError('raoScottTest cannot be computed: a row or column of the table is empty.');
  const pearson = sum(
    table.flatMap((row, r) =>
      row.map((v, c) => {
        const e = (rowSum[r]! * colSum[c]!) / N;
        return ((v - e) * (v - e)) / e;
      }),
    ),
  );
  // Design matrices of the main-effects and interaction models over the cells.
  const x1: Matrix = [];
  const x12: Matrix = [];
  for (let c = 0; c < nc; c++)
    for (let r = 0; r < nr; r++) {
      const main = [
        1,
        ...Array.from({ length: nr - 1 }, (_, k) => (r === k + 1 ? 1 : 0)),
        ...Array.from({ length: nc - 1 }, (_, k) => (c === k + 1 ? 1 : 0)),
      ];
      const inter: number[] = [];
      for (let kc = 1; kc < nc; kc++)
        for (let kr = 1; kr < nr; kr++) inter.push(r === kr && c === kc ? 1 : 0);
      x1.push(main);
      x12.push(inter);
    }
  const cmat = projectionResiduals(x1, x12);
  const idmat = diagonal(p.map((v) => (v === 0 ? 0 : 1 / v)));
  const ct = transpose(cmat);
  const denom = multiply(
    multiply(
      ct,
      idmat.map((row) => row.map((v) => v / N)),
    ),
    cmat,
  );
  // numr = C' D^-1 V D^-1 C with V the covariance of the cell shares: the covariance of the
  // influence values projected on D^-1 C first (projection and the variance are both linear),
  // so only (r - 1)(c - 1) columns are carried through the design instead of r c.
  const projection = multiply(idmat, cmat); // k x q
  const q = projection[0]!.length;
  const centre = Array.from({ length: q }, (_, b) =>
    p.reduce((s2, pj, j) => s2 + pj * projection[j]![b]!, 0),
  );
  const numr = onlyRaked(design)
    ? rakedCellCovariance(design, cellOf, k, projection, centre, N)
    : (() => {
        const z = Array.from({ length: q }, () => new Float64Array(n));
        for (let i = 0; i < n; i++) {
          const cell = cellOf[i]!;
          const f = w[i]! / N;
          for (let b = 0; b < q; b++)
            z[b]![i] = f * ((cell >= 0 ? projection[cell]![b]! : 0) - centre[b]!);
        }
        return linearisedVariance(design, z);
      })();
  const delta = solve(denom, numr);
  const tr = trace(delta);
  const d0 = (tr * tr) / trace(multiply(delta, delta));
  // svychisq counts every cluster of the design, in the domain or not.
  const nu = degreesOfFreedom(design, false);
  const statistic = pearson / tr;
  return {
    statistic,
    pearson,
    ndf: d0,
    ddf: d0 * nu,
    df: d0,
    pValue: fUpper(statistic, d0, d0 * nu),
    method: "Pearson's X^2: Rao & Scott adjustment",
  };
}

/**
 * The covariance of the projected influence values under a raked design, from one pass: the
 * values are (w / N)(projection[cell] - centre), so the basis columns are w times the
 * indicator of each cell (and of no cell).
 */
function rakedCellCovariance(
  design: Design & { raking: RakedMargin[] },
  cellOf: Int32Array,
  cells: number,
  projection: Matrix,
  centre: number[],
  N: number,
): number[][] {
  const w = design.weights;
  const n = w.length;
  const margins = design.raking;
  const T = cells + 1; // the last: respondents in no cell
  const sums = emptyBasisSums(T, margins);
  const codes = margins.map((m) => m.cell);
  const ws = margins.map((m) => m.weights);
  for (let i = 0; i < n; i++) {
    const wi = w[i]!;
    if (wi === 0) continue;
    const g = cellOf[i]! >= 0 ? cellOf[i]! : cells;
    sums.total[g]! += wi;
    sums.gram[g * T + g]! += wi * wi;
    for (let a = 0; a < margins.length; a++) {
      const size = margins[a]!.size;
      const c = codes[a]![i]!;
      const wa = ws[a]![i]!;
      sums.withWeight[a]![g * size + c]! += wa * wi;
      sums.overWeight[a]![g * size + c]! += wi / wa;
    }
  }
  const coef = centre.map((m, b) =>
    Array.from({ length: T }, (_, g) => ((g < cells ? projection[g]![b]! : 0) - m) / N),
  );
  return rakedCovariance(sums, coef, margins, n);
}
