/**
 * Declared missing values of a numeric variable as the variable record holds them: up to three
 * discrete values, or a range and at most one discrete value (PSPP, "System File Format":
 * Variable Record, `n_missing_values`).
 */
import type { NumberColumn, ValueLabel } from '../../analysis/dataset.js';
import { SavError } from './errors.js';

export type MissingValues =
  { discrete: number[] } | { range: [low: number, high: number]; discrete?: number };

/** The count the variable record writes: 1 to 3 discrete, -2 a range, -3 a range and one. */
export function missingCount(m: MissingValues | undefined): number {
  if (!m) return 0;
  if ('range' in m) return m.discrete === undefined ? -2 : -3;
  return m.discrete.length;
}

/** The 8-byte values in the order the variable record writes them. */
export function missingElements(m: MissingValues | undefined): number[] {
  if (!m) return [];
  if ('range' in m) return m.discrete === undefined ? [...m.range] : [...m.range, m.discrete];
  return m.discrete;
}

/**
 * The column's codes marked missing. More than three become a range when no other labelled code
 * and no value in the data falls inside it (with one code left out as the discrete value, if
 * need be); otherwise the column is refused, since SPSS could not tell them apart. The labels
 * are checked when this is made, the values as each chunk is seen (`see`), and the choice made
 * once all are seen (`result`).
 */
export class MissingLook {
  private readonly missing: readonly number[];
  private readonly isMissing: ReadonlySet<number>;
  /** The ranges tried, in the order preferred, while nothing is known to lie inside them. */
  private candidates: MissingValues[];

  constructor(
    private readonly column: string,
    labels: readonly ValueLabel[],
  ) {
    this.missing = [...new Set(labels.filter((l) => l.missing).map((l) => l.code))].sort(
      (a, b) => a - b,
    );
    this.isMissing = new Set(this.missing);
    const m = this.missing;
    if (m.length <= 3) {
      this.candidates = m.length === 0 ? [] : [{ discrete: [...m] }];
      return;
    }
    const [low, high, below, above] = [m[0]!, m[m.length - 1]!, m[m.length - 2]!, m[1]!];
    this.candidates = [
      { range: [low, high] },
      { range: [low, below], discrete: high },
      { range: [above, high], discrete: low },
    ];
    for (const l of labels) if (!this.isMissing.has(l.code)) this.rule(l.code);
  }

  /** The values of a chunk: a range with a value inside it that is not missing is ruled out. */
  see(values: ArrayLike<number>): void {
    if (this.missing.length <= 3) return;
    const low = this.missing[0]!;
    const high = this.missing[this.missing.length - 1]!;
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (v >= low && v <= high) this.rule(v);
    }
  }

  private rule(v: number): void {
    if (this.isMissing.has(v)) return;
    const inside = (c: MissingValues): boolean =>
      'range' in c && v >= c.range[0] && v <= c.range[1];
    if (!this.candidates.some(inside)) return;
    this.candidates = this.candidates.filter((c) => !inside(c));
    if (this.candidates.length === 0)
      throw new SavError(
        `column "${this.column}" declares ${this.missing.length} missing codes (${this.missing.join(', ')}); ` +
          'SPSS holds at most three, or one range with at most one more, and other codes lie between them',
        this.column,
      );
  }

  result(): MissingValues | undefined {
    return this.candidates[0];
  }
}

/** The declared missing values of a number column held whole. */
export function declaredMissing(column: string, c: NumberColumn): MissingValues | undefined {
  const look = new MissingLook(column, c.labels);
  look.see(c.values);
  return look.result();
}
