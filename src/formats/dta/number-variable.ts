/**
 * A number column as a Stata numeric variable: the smallest integer type that holds all its
 * values (byte, int or long), else double; NaN as `.`, declared missing codes as `.a`, `.b`, ...
 * Values no Stata file can hold as numbers (infinities, doubles from 2^1023 up) are refused.
 */
import type { NumberColumn } from '../../analysis/dataset.js';
import { Problem } from '../../problems/problem.js';
import {
  NumericTypeChooser,
  setMissing,
  setNumber,
  storableDouble,
  systemMissing,
  type NumericType,
} from './storage.js';

export interface NumberStorage {
  type: NumericType;
  write(row: number, view: DataView, at: number): void;
}

export function numberStorage(
  column: NumberColumn,
  missing: ReadonlyMap<number, number>,
  what: string,
): NumberStorage {
  const { values } = column;
  const chooser = new NumericTypeChooser();
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v) || missing.has(v)) continue;
    if (!storableDouble(v))
      throw new Problem(
        'input.invalid',
        `${what} holds ${v} in row ${i + 1}; a Stata file cannot store it as a number.`,
      );
    chooser.see(v);
  }
  const type = chooser.type();
  return {
    type,
    write(row, view, at) {
      const v = values[row]!;
      if (Number.isNaN(v)) return setMissing(view, at, type, systemMissing);
      const k = missing.size > 0 ? missing.get(v) : undefined;
      if (k !== undefined) return setMissing(view, at, type, k);
      setNumber(view, at, type, v);
    },
  };
}
