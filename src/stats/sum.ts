/**
 * Sum with Neumaier's compensated summation (Neumaier 1974): the error stays near one rounding
 * whatever the number or order of terms, so sums over a million respondents stay exact to
 * double precision. O(n).
 */
export function sum(values: ArrayLike<number>): number {
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const t = s + v;
    c += Math.abs(s) >= Math.abs(v) ? s - t + v : v - t + s;
    s = t;
  }
  return s + c;
}
