/**
 * Fisher's exact test, as R's fisher.test.
 *
 * 2 x 2 tables: the p-value from the conditional (hypergeometric) distribution of the first
 * cell given the margins; two-sided sums the probabilities of all tables no more likely than
 * the observed one, with R's relative tolerance 1 + 1e-7. The estimate is the conditional
 * maximum-likelihood odds ratio and the interval the conditional one, both found by R's root
 * search (uniroot), so they agree with R to its steps, not only to its tolerance.
 */
import binomcoefln from '@stdlib/math-base-special-binomcoefln';
import mt19937 from '@stdlib/random-base-mt19937';
import { StatsError } from './errors.js';
import { uniroot } from './root-finding.js';
import type { TestResult } from './test-result.js';

export type Alternative = 'two.sided' | 'less' | 'greater';

const EPSILON = 2.220446049250313e-16;

/** The noncentral hypergeometric distribution of the first cell of a 2 x 2 table. */
class ConditionalDistribution {
  readonly lo: number;
  readonly hi: number;
  private readonly logBase: number[] = [];

  constructor(m: number, n: number, k: number) {
    this.lo = Math.max(0, k - n);
    this.hi = Math.min(k, m);
    for (let x = this.lo; x <= this.hi; x++)
      this.logBase.push(binomcoefln(m, x) + binomcoefln(n, k - x));
  }

  /** Probabilities of lo..hi with odds ratio `ncp` (0 < ncp < Infinity). */
  density(ncp: number): number[] {
    const logNcp = Math.log(ncp);
    const log = this.logBase.map((l, i) => l + logNcp * (this.lo + i));
    let max = -Infinity;
    for (const l of log) if (l > max) max = l;
    const d = log.map((l) => Math.exp(l - max));
    let total = 0;
    for (const v of d) total += v;
    return d.map((v) => v / total);
  }

  mean(ncp: number): number {
    if (ncp === 0) return this.lo;
    if (ncp === Infinity) return this.hi;
    let s = 0;
    this.density(ncp).forEach((p, i) => (s += (this.lo + i) * p));
    return s;
  }

  /** P(X <= q), or P(X >= q) with upperTail. */
  cdf(q: number, ncp: number, upperTail = false): number {
    if (ncp === 0) return Number(upperTail ? q <= this.lo : q >= this.lo);
    if (ncp === Infinity) return Number(upperTail ? q <= this.hi : q >= this.hi);
    let s = 0;
    this.density(ncp).forEach((p, i) => {
      const x = this.lo + i;
      if (upperTail ? x >= q : x <= q) s += p;
    });
    return s;
  }
}

/**
 * Solve g(ncp) = target for an increasing-in-ncp function, as R does: search (0, 1) when the
 * value at 1 is above the target, otherwise search 1/t for t in (epsilon, 1).
 */
function solveOddsRatio(g: (ncp: number) => number, target: number, increasing: boolean): number {
  const at1 = g(1);
  if (at1 === target) return 1;
  const below = increasing ? at1 > target : at1 < target;
  if (below) return uniroot((t) => g(t) - target, 0, 1);
  return 1 / uniroot((t) => g(1 / t) - target, EPSILON, 1);
}

export function fisherExactTest(
  table: number[][],
  options: { alternative?: Alternative; level?: number } = {},
): TestResult {
  const alternative = options.alternative ?? 'two.sided';
  const level = options.level ?? 0.95;
  if (!(level > 0 && level < 1))
    throw new StatsError(`The confidence level must be between 0 and 1, not ${level}.`);
  if (table.length !== 2 || table.some((r) => r.length !== 2))
    throw new StatsError('fisherExactTest requires a 2 x 2 table.');
  const [[a, b], [c, d]] = table as [[number, number], [number, number]];
  for (const v of [a, b, c, d])
    if (!(Number.isInteger(v) && v >= 0))
      throw new StatsError(`fisherExactTest requires whole counts of 0 or more, not ${v}.`);
  const dist = new ConditionalDistribution(a + c, b + d, a + b);
  const { lo, hi } = dist;
  const x = a;

  let pValue: number;
  if (alternative === 'less') pValue = dist.cdf(x, 1);
  else if (alternative === 'greater') pValue = dist.cdf(x, 1, true);
  else {
    const dens = dist.density(1);
    const observed = dens[x - lo]! * (1 + 1e-7);
    pValue = 0;
    for (const v of dens) if (v <= observed) pValue += v;
  }

  // Conditional maximum-likelihood estimate: the odds ratio whose conditional mean is x.
  let estimate: number;
  if (x === lo) estimate = 0;
  else if (x === hi) estimate = Infinity;
  else estimate = solveOddsRatio((t) => dist.mean(t), x, true);

  // Upper limit: P(X <= x; ncp) = alpha; lower limit: P(X >= x; ncp) = alpha.
  const upper = (alpha: number): number =>
    x === hi ? Infinity : solveOddsRatio((t) => dist.cdf(x, t), alpha, false);
  const lower = (alpha: number): number =>
    x === lo ? 0 : solveOddsRatio((t) => dist.cdf(x, t, true), alpha, true);
  let low: number;
  let high: number;
  if (alternative === 'less') [low, high] = [0, upper(1 - level)];
  else if (alternative === 'greater') [low, high] = [lower(1 - level), Infinity];
  else [low, high] = [lower((1 - level) / 2), upper((1 - level) / 2)];

  return {
    statistic: x,
    pValue: Math.min(1, pValue),
    method: "Fisher's Exact Test for Count Data",
    estimate,
    low,
    high,
  };
}

/**
 * Fisher's exact test for an r x c table. The p-value is the probability, given the margins,
 * of all tables no more likely than the observed one (relative tolerance exp(3.45254e-7), as
 * R's FEXACT). Exact when the tables can be enumerated within `maxNodes` steps: columns are
 * filled one at a time, and a partial table is settled at once when bounds show that every
 * completion counts (their total probability has a closed form) or that none does. Otherwise,
 * or with `simulate: true`, the p-value is estimated as R's simulate.p.value does it, from
 * `replicates` random tables with the observed margins drawn by a seeded Mersenne Twister:
 * (1 + number of tables no more likely) / (replicates + 1). The same seed gives the same
 * p-value; it will not equal R's, whose random numbers differ.
 */
export function fisherExactTestRxC(
  table: number[][],
  options: { simulate?: boolean; replicates?: number; seed?: number; maxNodes?: number } = {},
): TestResult {
  const rows = table.length;
  const cols = table[0]?.length ?? 0;
  if (rows < 2 || cols < 2 || table.some((r) => r.length !== cols))
    throw new StatsError("Fisher's exact test requires a table of at least 2 rows and 2 columns.");
  for (const r of table)
    for (const v of r)
      if (!(Number.isInteger(v) && v >= 0))
        throw new StatsError(`Fisher's exact test requires whole counts of 0 or more, not ${v}.`);
  // Rows and columns with no cases do not change the p-value.
  const keptRows = table.filter((r) => r.some((v) => v > 0));
  const keptCols = [...Array(cols).keys()].filter((j) => keptRows.some((r) => r[j]! > 0));
  const x = keptRows.map((r) => keptCols.map((j) => r[j]!));
  const facts = tableFacts(x);
  const observed = facts.observed;
  if (x.length < 2 || keptCols.length < 2)
    return { statistic: observed, pValue: 1, method: "Fisher's Exact Test for Count Data" };
  const replicates = options.replicates ?? 2000;
  if (!options.simulate) {
    const exact = exactRxC(facts, options.maxNodes ?? 5_000_000);
    if (exact !== undefined)
      return {
        statistic: observed,
        pValue: Math.min(1, exact),
        method: "Fisher's Exact Test for Count Data",
      };
  }
  return {
    statistic: observed,
    pValue: simulatedRxC(facts, replicates, options.seed ?? 1),
    method: `Fisher's Exact Test for Count Data with simulated p-value (based on ${replicates} replicates)`,
  };
}

/** What both p-values need: the margins, log n! for n up to the total, and -sum log x!. */
interface TableFacts {
  rowTotals: number[];
  colTotals: number[];
  n: number;
  logF: Float64Array;
  observed: number;
}

function tableFacts(x: number[][]): TableFacts {
  const rowTotals = x.map((r) => r.reduce((s, v) => s + v, 0));
  const colTotals = x[0]!.map((_, j) => x.reduce((s, r) => s + r[j]!, 0));
  const n = rowTotals.reduce((s, v) => s + v, 0);
  const logF = new Float64Array(n + 1);
  for (let i = 2; i <= n; i++) logF[i] = logF[i - 1]! + Math.log(i);
  const observed = -x.flat().reduce((s, v) => s + logF[v]!, 0);
  return { rowTotals, colTotals, n, logF, observed };
}

/**
 * The exact p-value, or undefined when it would take more than maxNodes steps. Columns are
 * filled one at a time, depth first; a partial table is settled at once when bounds on the
 * rest show that every completion counts (their total has a closed form) or that none does.
 */
function exactRxC(facts: TableFacts, maxNodes: number): number | undefined {
  const { n, logF, observed } = facts;
  const rowTotals = [...facts.rowTotals].sort((p, q) => q - p);
  const colTotals = [...facts.colTotals].sort((p, q) => q - p);
  const threshold = observed + 3.45254e-7;
  // log P(table) = constant + value, value = -sum log x!.
  const constant =
    rowTotals.reduce((s, v) => s + logF[v]!, 0) +
    colTotals.reduce((s, v) => s + logF[v]!, 0) -
    logF[n]!;
  const suffixCols: number[] = [];
  let acc = 0;
  for (let j = colTotals.length - 1; j >= 0; j--) {
    acc += logF[colTotals[j]!]!;
    suffixCols[j] = acc;
  }
  const r = rowTotals.length;
  const last = colTotals.length - 1;
  let nodes = 0;
  let p = 0;
  const twoColumnCache = new Map<string, { values: Float64Array; logSums: Float64Array }>();
  let cachedEntries = 0;
  const maxCachedEntries = 8_000_000;

  const visit = (j: number, rem: number[], value: number): boolean => {
    if (++nodes > maxNodes) return false;
    if (j === last) {
      let v = value;
      for (const k of rem) v -= logF[k]!;
      if (v <= threshold) p += Math.exp(constant + v);
      return true;
    }
    const sorted = [...rem].sort((a, b) => b - a);
    if (j === last - 1) {
      // Two columns left: the completion values of this row multiset, sorted, with running
      // log sums of exp, answer the count at once (cached while memory allows).
      const key = sorted.join(',');
      let tails = twoColumnCache.get(key);
      if (!tails) {
        tails = twoColumnTails(sorted, colTotals[j]!, logF);
        nodes += tails.values.length;
        if (cachedEntries + tails.values.length <= maxCachedEntries) {
          twoColumnCache.set(key, tails);
          cachedEntries += tails.values.length;
        }
      }
      const k = countAtMost(tails.values, threshold - value);
      if (k > 0) p += Math.exp(constant + value + tails.logSums[k - 1]!);
      return true;
    }
    const [least, most] = bounds(sorted, colTotals, j, logF);
    if (value + least > threshold) return true;
    if (value + most <= threshold) {
      // Sum over every completion of prod 1/x!: M! / (prod rem! prod c!).
      let remaining = 0;
      let logRows = 0;
      for (const k of rem) {
        remaining += k;
        logRows += logF[k]!;
      }
      p += Math.exp(constant + value + logF[remaining]! - logRows - suffixCols[j]!);
      return true;
    }
    // Every split of column j's total over the rows within what is left of them.
    const after = new Array<number>(r + 1).fill(0);
    for (let i = r - 1; i >= 0; i--) after[i] = after[i + 1]! + rem[i]!;
    const cell = new Array<number>(r).fill(0);
    const split = (i: number, left: number, v: number): boolean => {
      if (i === r - 1) {
        if (left > rem[i]!) return true;
        cell[i] = left;
        return visit(
          j + 1,
          rem.map((k, t) => k - cell[t]!),
          v - logF[left]!,
        );
      }
      const from = Math.max(0, left - after[i + 1]!);
      const to = Math.min(rem[i]!, left);
      for (let t = from; t <= to; t++) {
        cell[i] = t;
        if (!split(i + 1, left - t, v - logF[t]!)) return false;
      }
      return true;
    };
    return split(0, colTotals[j]!, value);
  };
  return visit(0, rowTotals, 0) ? p : undefined;
}

/**
/**
 * Bounds [least, most] on the value -sum log x! of columns j.. given what is left of the row
 * totals (rem, sorted in decreasing order). Each is the tighter of two relaxations: columns
 * taken on their own (ignoring row totals) and rows taken on their own (ignoring column
 * totals); most when spread as evenly as the other side allows, least when packed first into
 * the largest cells.
 */
function bounds(
  rem: number[],
  colTotals: number[],
  j: number,
  logF: Float64Array,
): [number, number] {
  const cols = colTotals.slice(j); // already in decreasing order
  const relaxed = (lines: number[], capacities: number[]): [number, number] => {
    let most = 0;
    let least = 0;
    for (const c of lines) {
      most -= spreadEvenly(capacities, c, logF);
      let left = c;
      for (const cap of capacities) {
        const take = Math.min(cap, left);
        least -= logF[take]!;
        left -= take;
        if (left === 0) break;
      }
    }
    return [least, most];
  };
  const [leastByColumn, mostByColumn] = relaxed(cols, rem);
  const [leastByRow, mostByRow] = relaxed(rem, cols);
  return [Math.max(leastByColumn, leastByRow), Math.min(mostByColumn, mostByRow)];
}

/**
 * For rows with totals rem and two columns left (the first with total c): the value
 * -sum log x! of every completion, in increasing order, and log of the running sums of exp of
 * those values (computed in logs so that tiny probabilities keep their digits).
 */
function twoColumnTails(
  rem: number[],
  c: number,
  logF: Float64Array,
): { values: Float64Array; logSums: Float64Array } {
  const r = rem.length;
  const out: number[] = [];
  const after = new Array<number>(r + 1).fill(0);
  for (let i = r - 1; i >= 0; i--) after[i] = after[i + 1]! + rem[i]!;
  const split = (i: number, left: number, v: number): void => {
    if (i === r - 1) {
      if (left <= rem[i]!) out.push(v - logF[left]! - logF[rem[i]! - left]!);
      return;
    }
    const from = Math.max(0, left - after[i + 1]!);
    const to = Math.min(rem[i]!, left);
    for (let t = from; t <= to; t++) split(i + 1, left - t, v - logF[t]! - logF[rem[i]! - t]!);
  };
  split(0, c, 0);
  const values = Float64Array.from(out).sort();
  const logSums = new Float64Array(values.length);
  let running = -Infinity;
  values.forEach((v, k) => {
    // log(exp(running) + exp(v)), larger term first.
    const hi = Math.max(running, v);
    const lo = Math.min(running, v);
    running = lo === -Infinity ? hi : hi + Math.log1p(Math.exp(lo - hi));
    logSums[k] = running;
  });
  return { values, logSums };
}

/** How many of the increasing values are at most limit. */
function countAtMost(values: Float64Array, limit: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (values[mid]! <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** min of sum log x_i! over x with sum c and x_i <= capacity_i (capacities sorted descending). */
function spreadEvenly(capacities: number[], c: number, logF: Float64Array): number {
  // Fill the smallest capacities to the brim while they are below the even share.
  let left = c;
  let s = 0;
  let k = capacities.length;
  for (let i = capacities.length - 1; i >= 0; i--) {
    const share = left / k;
    if (capacities[i]! <= share) {
      s += logF[capacities[i]!]!;
      left -= capacities[i]!;
      k--;
    } else break;
  }
  if (k > 0) {
    const base = Math.floor(left / k);
    const extra = left - base * k;
    s += extra * logF[base + 1]! + (k - extra) * logF[base]!;
  }
  return s;
}

/**
 * Random tables with the observed margins: the N cases' row labels shuffled (Fisher–Yates,
 * seeded Mersenne Twister) and dealt out to the columns in turn, which draws each table with
 * its probability given the margins. O(N) per table.
 */
function simulatedRxC(facts: TableFacts, replicates: number, seed: number): number {
  if (!(Number.isInteger(replicates) && replicates >= 1))
    throw new StatsError(
      `The number of replicates must be a whole number of 1 or more, not ${replicates}.`,
    );
  if (!(Number.isInteger(seed) && seed >= 1 && seed < 2 ** 32))
    throw new StatsError(`The seed must be a whole number from 1 to 2^32 - 1, not ${seed}.`);
  // 32-bit integers scaled to [0, 1): enough resolution for shuffling up to millions of cases.
  const integers = mt19937.factory({ seed });
  const random = (): number => integers() / 4294967296;
  const { rowTotals, colTotals, n, logF, observed } = facts;
  // R counts tables with a statistic at most the observed one divided by 1 + 64 epsilon.
  const limit = observed / (1 + 64 * 2.220446049250313e-16);
  const labels = new Uint32Array(n);
  let at = 0;
  rowTotals.forEach((t, i) => labels.fill(i, at, (at += t)));
  const cells = new Uint32Array(rowTotals.length);
  let count = 0;
  for (let b = 0; b < replicates; b++) {
    for (let i = n - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      const t = labels[i]!;
      labels[i] = labels[k]!;
      labels[k] = t;
    }
    let value = 0;
    let from = 0;
    for (const c of colTotals) {
      cells.fill(0);
      for (let t = from; t < from + c; t++) cells[labels[t]!]!++;
      from += c;
      for (const v of cells) value -= logF[v]!;
    }
    if (value <= limit) count++;
  }
  return (1 + count) / (replicates + 1);
}
