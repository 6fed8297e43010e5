/**
 * Declared missing values of a numeric variable as the variable record holds them: up to three
 * discrete values, or a range and at most one discrete value (PSPP, "System File Format":
 * Variable Record, `n_missing_values`).
 */
import type { NumberColumn } from '../../analysis/dataset.js';
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
 * need be); otherwise the column is refused, since SPSS could not tell them apart.
 */
export function declaredMissing(column: string, c: NumberColumn): MissingValues | undefined {
  const missing = [...new Set(c.labels.filter((l) => l.missing).map((l) => l.code))].sort(
    (a, b) => a - b,
  );
  if (missing.length === 0) return undefined;
  if (missing.length <= 3) return { discrete: missing };
  const isMissing = new Set(missing);
  const others = c.labels.filter((l) => !isMissing.has(l.code)).map((l) => l.code);
  const fits = (low: number, high: number): boolean => {
    const inside = (v: number): boolean => v >= low && v <= high && !isMissing.has(v);
    if (others.some(inside)) return false;
    for (let i = 0; i < c.values.length; i++) if (inside(c.values[i]!)) return false;
    return true;
  };
  const low = missing[0]!;
  const high = missing[missing.length - 1]!;
  const below = missing[missing.length - 2]!;
  const above = missing[1]!;
  if (fits(low, high)) return { range: [low, high] };
  if (fits(low, below)) return { range: [low, below], discrete: high };
  if (fits(above, high)) return { range: [above, high], discrete: low };
  throw new SavError(
    `column "${column}" declares ${missing.length} missing codes (${missing.join(', ')}); ` +
      'SPSS holds at most three, or one range with at most one more, and other codes lie between them',
    column,
  );
}
