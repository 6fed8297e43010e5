/**
 * A text column as a Stata string variable. Its width is the longest text's length in UTF-8
 * bytes: str1 to str2045, or strL when any text is longer than 2,045 bytes. Stata has no
 * missing string, so an empty cell is written as "" (as Stata itself does).
 *
 * A strL cell refers to a string object (GSO) written after the data. Because the column is
 * dictionary-encoded, each distinct text becomes one GSO, defined at the row where it first
 * occurs, and later rows with the same text refer back to it (`help dta` 5.11.1 allows such
 * shared GSOs). So nothing is buffered: the strings are the column's own levels, and the writer
 * keeps only each level's first row.
 */
import type { TextColumn } from '../../analysis/dataset.js';
import { utf8 } from './bytes.js';
import { maxStrfWidth, strLCode } from './storage.js';
import { withoutNul } from './text-limits.js';
import type { DtaVariable, StrLs } from './variable.js';

const encoder = new TextEncoder();
/** "GSO", v (4 bytes), o (8), t (1), len (4); and the terminator after the contents. */
const gsoOverhead = 3 + 4 + 8 + 1 + 4 + 1;

type TextVariable = Pick<DtaVariable, 'type' | 'width' | 'format' | 'write' | 'strls'>;

/** `v` is the variable's number in the file (1-based), which strL cells refer to. */
export function textVariable(column: TextColumn, v: number): TextVariable {
  const { index, levels } = column;
  const firstRow = new Int32Array(levels.length).fill(-1);
  const byteLength = new Int32Array(levels.length);
  let width = 0;
  for (let i = 0; i < index.length; i++) {
    const j = index[i]!;
    if (j < 0 || firstRow[j]! >= 0) continue;
    firstRow[j] = i;
    byteLength[j] = encoder.encode(withoutNul(levels[j]!)).length;
    width = Math.max(width, byteLength[j]!);
  }
  if (width <= maxStrfWidth) return strf(column, Math.max(width, 1));
  return strL(column, v, firstRow, byteLength);
}

function strf(column: TextColumn, width: number): TextVariable {
  const { index, levels } = column;
  return {
    type: width,
    width,
    format: `%${Math.max(width, 9)}s`,
    write(row, _view, bytes, at) {
      const j = index[row]!;
      const field = bytes.subarray(at, at + width);
      const written = j < 0 ? 0 : encoder.encodeInto(withoutNul(levels[j]!), field).written;
      field.fill(0, written);
    },
  };
}

function strL(column: TextColumn, v: number, firstRow: Int32Array, byteLength: Int32Array) {
  const { index, levels } = column;
  const defined: number[] = [];
  for (let j = 0; j < levels.length; j++)
    if (firstRow[j]! >= 0 && byteLength[j]! > 0) defined.push(j);
  defined.sort((a, b) => firstRow[a]! - firstRow[b]!);
  const strls: StrLs = {
    v,
    rows: defined.map((j) => firstRow[j]! + 1),
    text: (i) => utf8(withoutNul(levels[defined[i]!]!)),
    size: defined.reduce((sum, j) => sum + gsoOverhead + byteLength[j]!, 0),
  };
  const variable: TextVariable = {
    type: strLCode,
    width: 8,
    format: '%9s',
    write(row, view, _bytes, at) {
      const j = index[row]!;
      if (j < 0 || byteLength[j] === 0) {
        view.setBigUint64(at, 0n, true);
        return;
      }
      // (v,o): v in 2 bytes, then o in 6 bytes, both least significant byte first.
      const o = firstRow[j]! + 1;
      view.setUint16(at, v, true);
      view.setUint32(at + 2, o % 2 ** 32, true);
      view.setUint16(at + 6, Math.floor(o / 2 ** 32), true);
    },
    strls,
  };
  return variable;
}
