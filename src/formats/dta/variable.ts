/** One variable of a .dta file as the writer needs it: its descriptors and how to write a cell. */
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
  /** Writes row `row`'s value into `bytes` (seen also through `view`) at `at`. */
  write(row: number, view: DataView, bytes: Uint8Array, at: number): void;
  /** For strL variables: their long strings, written after the data. */
  strls?: StrLs;
}

/** The strings of one strL variable, each defined where it first occurs (`help dta` 5.11). */
export interface StrLs {
  /** The variable's number v (1-based). */
  v: number;
  /** The observations (1-based o) at which a string is defined, ascending. */
  rows: readonly number[];
  /** The UTF-8 bytes of the string defined at the i-th of `rows`. */
  text(i: number): Uint8Array;
  /** The bytes the strings take in <strls> (each GSO with its header and terminator). */
  size: number;
}
