/**
 * A text column as a Stata string variable. Its width is the longest text's length in UTF-8
 * bytes over every chunk of rows: str1 to str2045, or strL when any text is longer than 2,045
 * bytes. Stata has no missing string, so an empty cell is written as "" (as Stata itself does).
 *
 * A strL cell refers to a string object (GSO) written after the data. Because a chunk's column
 * is dictionary-encoded (distinct levels), each distinct non-empty text of a chunk becomes one
 * GSO, defined at the row where it first occurs in the chunk, and the chunk's later rows with
 * the same text refer back to it (`help dta` 5.11.1 allows such shared GSOs). So nothing is
 * buffered: the strings are the chunk's own levels, read again after the data (`strls.of`). The
 * sizes of all GSOs, which the header's map needs, are added up while the chunks are seen, by
 * the same rule.
 */
import { Buffer } from 'node:buffer';
import type { Dataset } from '../../analysis/dataset.js';
import { utf8 } from './bytes.js';
import { maxStrfWidth, strLCode } from './storage.js';
import { withoutNul } from './text-limits.js';
import { chunkColumn } from '../../analysis/chunked.js';
import type { CellWriter, DtaColumn, DtaVariable } from './variable.js';

const encoder = new TextEncoder();
/** "GSO", v (4 bytes), o (8), t (1), len (4); and the terminator after the contents. */
export const gsoOverhead = 3 + 4 + 8 + 1 + 4 + 1;

export interface TextDescription {
  /** The dataset's column. */
  source: string;
  name: string;
  label: Uint8Array;
  /** The variable's number in the file (1-based), which strL cells refer to. */
  v: number;
}

export function textColumn(d: TextDescription): DtaColumn {
  let width = 0;
  let gsoBytes = 0;
  return {
    see(chunk) {
      const { index, levels } = chunkColumn(chunk, d.source, 'text');
      const used = new Uint8Array(levels.length);
      for (let i = 0; i < index.length; i++) if (index[i]! >= 0) used[index[i]!] = 1;
      for (let j = 0; j < levels.length; j++) {
        if (!used[j]) continue;
        const bytes = Buffer.byteLength(withoutNul(levels[j]!), 'utf8');
        width = Math.max(width, bytes);
        if (bytes > 0) gsoBytes += gsoOverhead + bytes;
      }
    },
    variables: () => [width <= maxStrfWidth ? strf(d, Math.max(width, 1)) : strL(d, gsoBytes)],
  };
}

function strf(d: TextDescription, width: number): DtaVariable {
  return {
    name: d.name,
    type: width,
    width,
    format: `%${Math.max(width, 9)}s`,
    label: d.label,
    valueLabel: '',
    bind(chunk) {
      const { index, levels } = chunkColumn(chunk, d.source, 'text');
      return (row, _view, bytes, at) => {
        const j = index[row]!;
        const field = bytes.subarray(at, at + width);
        const written = j < 0 ? 0 : encoder.encodeInto(withoutNul(levels[j]!), field).written;
        field.fill(0, written);
      };
    },
  };
}

function strL(d: TextDescription, size: number): DtaVariable {
  const { v } = d;
  return {
    name: d.name,
    type: strLCode,
    width: 8,
    format: '%9s',
    label: d.label,
    valueLabel: '',
    bind(chunk, first): CellWriter {
      const { index, levels } = chunkColumn(chunk, d.source, 'text');
      const firstRow = firstRows(index, levels);
      return (row, view, _bytes, at) => {
        const j = index[row]!;
        const f = j < 0 ? -1 : firstRow[j]!;
        if (f < 0) {
          view.setBigUint64(at, 0n, true);
          return;
        }
        // (v,o): v in 2 bytes, then o in 6 bytes, both least significant byte first.
        const o = first + f + 1;
        view.setUint16(at, v, true);
        view.setUint32(at + 2, o % 2 ** 32, true);
        view.setUint16(at + 6, Math.floor(o / 2 ** 32), true);
      };
    },
    strls: {
      size,
      of(chunk: Dataset, first: number) {
        const { index, levels } = chunkColumn(chunk, d.source, 'text');
        const firstRow = firstRows(index, levels);
        const defined: number[] = [];
        for (let i = 0; i < index.length; i++) {
          const j = index[i]!;
          if (j >= 0 && firstRow[j] === i) defined.push(j);
        }
        return {
          v,
          rows: defined.map((j) => first + firstRow[j]! + 1),
          text: (i) => utf8(withoutNul(levels[defined[i]!]!)),
        };
      },
    },
  };
}

/** Each level's first row in the chunk; -1 where it is not used or is empty (no GSO). */
function firstRows(index: Int32Array, levels: readonly string[]): Int32Array {
  const firstRow = new Int32Array(levels.length).fill(-1);
  for (let i = 0; i < index.length; i++) {
    const j = index[i]!;
    if (j >= 0 && firstRow[j]! < 0) firstRow[j] = i;
  }
  for (let j = 0; j < levels.length; j++)
    if (firstRow[j]! >= 0 && !hasText(levels[j]!)) firstRow[j] = -1;
  return firstRow;
}

/** Whether a text keeps a character once zero characters are removed. */
function hasText(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) !== 0) return true;
  return false;
}
