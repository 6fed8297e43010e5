/**
 * A transition matrix between two waves: counts of wave-1 category (rows) by wave-2 category
 * (columns) for the same people, with row shares (where people went) and column shares
 * (where they came from). Categories are given in order; pairs with a missing side are left
 * out and counted.
 */
export interface TransitionMatrix {
  categories: string[];
  counts: number[][];
  rowShares: number[][];
  columnShares: number[][];
  n: number;
  missing: number;
}

export function transitionMatrix(
  before: readonly (string | null)[],
  after: readonly (string | null)[],
  categories: readonly string[],
): TransitionMatrix {
  const index = new Map(categories.map((c, i) => [c, i]));
  const k = categories.length;
  const counts = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  let missing = 0;
  for (let i = 0; i < Math.max(before.length, after.length); i++) {
    const r = before[i] == null ? undefined : index.get(before[i]!);
    const c = after[i] == null ? undefined : index.get(after[i]!);
    if (r === undefined || c === undefined) missing++;
    else counts[r]![c]!++;
  }
  const rowTotals = counts.map((row) => row.reduce((s, v) => s + v, 0));
  const colTotals = categories.map((_, j) => counts.reduce((s, row) => s + row[j]!, 0));
  return {
    categories: [...categories],
    counts,
    rowShares: counts.map((row, i) => row.map((v) => (rowTotals[i] ? v / rowTotals[i]! : NaN))),
    columnShares: counts.map((row) => row.map((v, j) => (colTotals[j] ? v / colTotals[j]! : NaN))),
    n: rowTotals.reduce((s, v) => s + v, 0),
    missing,
  };
}
