/**
 * A number column as a Stata numeric variable: the smallest integer type that holds all its
 * values (byte, int or long), else double; NaN as `.`, declared missing codes as `.a`, `.b`, ...
 * Values no Stata file can hold as numbers (infinities, doubles from 2^1023 up) are refused,
 * naming the row. The type is chosen from every chunk of rows (`see`) before any is written.
 */
import { Problem } from '../../problems/problem.js';
import {
  NumericTypeChooser,
  numericStorage,
  setMissing,
  setNumber,
  storableDouble,
  systemMissing,
} from './storage.js';
import { chunkColumn } from '../../analysis/chunked.js';
import type { DtaColumn } from './variable.js';

export interface NumberDescription {
  /** The dataset's column. */
  source: string;
  name: string;
  label: Uint8Array;
  valueLabel: string;
  /** Declared missing codes and the extended missing value each becomes (1 for `.a`). */
  missing: ReadonlyMap<number, number>;
  /** The column as errors name it. */
  what: string;
}

export function numberColumn(d: NumberDescription): DtaColumn {
  const { source, missing, what } = d;
  const chooser = new NumericTypeChooser();
  return {
    see(chunk, first) {
      const { values } = chunkColumn(chunk, source, 'number');
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (Number.isNaN(v) || missing.has(v)) continue;
        if (!storableDouble(v))
          throw new Problem(
            'input.invalid',
            `${what} holds ${v} in row ${first + i + 1}; a Stata file cannot store it as a number.`,
          );
        chooser.see(v);
      }
    },
    variables() {
      const type = chooser.type();
      const { code, width, format } = numericStorage[type];
      return [
        {
          name: d.name,
          type: code,
          width,
          format,
          label: d.label,
          valueLabel: d.valueLabel,
          bind(chunk) {
            const { values } = chunkColumn(chunk, source, 'number');
            return (row, view, _bytes, at) => {
              const v = values[row]!;
              if (Number.isNaN(v)) return setMissing(view, at, type, systemMissing);
              const k = missing.size > 0 ? missing.get(v) : undefined;
              if (k !== undefined) return setMissing(view, at, type, k);
              setNumber(view, at, type, v);
            };
          },
        },
      ];
    },
  };
}
