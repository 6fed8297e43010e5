/**
 * One variable of a .dta file as the writer needs it: its descriptors and how to write the cells
 * of a chunk of rows. A column's variables are known from its shape, except what the rows decide
 * (a number's storage type, a text's width), which a `DtaColumn` gathers chunk by chunk.
 */
import type { Dataset } from '../../analysis/dataset.js';

/** Writes row `row` of a chunk into `bytes` (seen also through `view`) at `at`. */
export type CellWriter = (row: number, view: DataView, bytes: Uint8Array, at: number) => void;

export interface DtaVariable {
  name: string;
  /** The type code of <variable_types>: 1..2045 for str#, 32768 for strL, 65526.. numbers. */
  type: number;
  /** Bytes per observation in <data>. */
  width: number;
  /** The display format, such as `%8.0g` or `%20s`. */
  format: string;
  /** The variable label's UTF-8 bytes (at most 80 characters). */
  label: Uint8Array;
  /** The value-label table's name, or '' for none. */
  valueLabel: string;
  /** The writer of a chunk's cells, bound once to its arrays; `first` is its first row (0-based). */
  bind(chunk: Dataset, first: number): CellWriter;
  /** For strL variables: the long strings a chunk defines, written after the data. */
  strls?: {
    /** Bytes every chunk's GSOs take together in <strls>. */
    size: number;
    of(chunk: Dataset, first: number): StrLs;
  };
}

/** A column's variables: `see` takes from each chunk what they need of every row. */
export interface DtaColumn {
  /** A chunk whose first row is row `first` (0-based) of the file. */
  see?(chunk: Dataset, first: number): void;
  /** The variables, once every chunk has been seen. */
  variables(): DtaVariable[];
}

/** The strings of one strL variable in one chunk, each defined where it first occurs there. */
export interface StrLs {
  /** The variable's number v (1-based). */
  v: number;
  /** The observations (1-based o) at which a string is defined, ascending. */
  rows: readonly number[];
  /** The UTF-8 bytes of the string defined at the i-th of `rows`. */
  text(i: number): Uint8Array;
}
