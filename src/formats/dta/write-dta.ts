/**
 * Writes a dataset as a Stata .dta file, format 118 (Stata 14 and later), little-endian, from
 * Stata's own description of the format (`help dta`).
 *
 * The rows are streamed: `dtaWriter` is a `TableWriter` (../table-writer.ts) made from the
 * dataset's shape. It sees every chunk of rows first, for what the header and its map of
 * offsets need (the number of rows, each number's storage type, each text's width, and the
 * size of the strLs); then come the header and descriptors, the rows of <data> chunk by chunk
 * in pieces of about 64 KiB, the strLs (the chunks read once more, only when a column is strL:
 * each chunk's long texts are its own levels, written without being kept), and the value
 * labels. Memory does not grow with the number of rows.
 *
 * What the shape can refuse is refused when the writer is made, before any row is read: names
 * that cannot become Stata names, more than 26 declared missing codes in a column, no
 * variables, more than 32,767 variables, a time stamp outside the years 1000-9999. Numbers
 * Stata cannot hold are refused while the rows are seen, naming the row, before any byte.
 */
import type { Dataset } from '../../analysis/dataset.js';
import { writeWhole, type TableWriter } from '../table-writer.js';
import { utf8 } from './bytes.js';
import { fileHead, stataTimestamp } from './header.js';
import { rowChunks, rowWidth } from './rows.js';
import { gsos } from './strls.js';
import type { ValueLabelTables } from './value-labels.js';
import type { DtaColumn, DtaVariable, StrLs } from './variable.js';
import { dtaColumns } from './variables.js';

export interface DtaOptions {
  /** The language of variable and value labels (`ru`, `en`). */
  language: string;
  /** The dataset label: at most 80 characters are kept. */
  datasetLabel?: string;
  /** When the file is written, recorded to the minute in UTC; no time stamp when absent. */
  timestamp?: Date;
}

/** A .dta writer for rows of the shape's columns (refusals as the file comment says). */
export function dtaWriter(shape: Dataset, options: DtaOptions): TableWriter {
  return new DtaWriter(shape, options);
}

/** A dataset held whole as a .dta file's bytes; refused, if at all, before this returns. */
export function writeDta(data: Dataset, options: DtaOptions): Generator<Uint8Array> {
  const parts = writeWhole(dtaWriter(data, options), data);
  return (function* () {
    for (const part of parts) yield typeof part === 'string' ? utf8(part) : part;
  })();
}

interface Writing {
  variables: readonly DtaVariable[];
  strLs: readonly DtaVariable[];
  /** The rows and the bytes of the GSOs the header's map counts. */
  n: number;
  gsoBytes: number;
  /** The whole <value_labels> section. */
  valueLabels: Uint8Array;
}

class DtaWriter implements TableWriter {
  readonly looksFirst = true;
  private readonly columns: DtaColumn[];
  private readonly tables: ValueLabelTables;
  private readonly maybeStrL: boolean;
  private writing: Writing | undefined;
  private seen = 0;
  private written = 0;
  private againAt = 0;
  private gsoBytes = 0;
  private strlsOpen = false;

  constructor(
    shape: Dataset,
    private readonly options: DtaOptions,
  ) {
    ({ columns: this.columns, tables: this.tables } = dtaColumns(shape, options.language));
    if (options.timestamp) stataTimestamp(options.timestamp);
    this.maybeStrL = [...shape.columns.values()].some((c) => c.type === 'text');
  }

  /** Whether some variable is a strL (before the rows are seen: whether one may be). */
  get readsAgain(): boolean {
    return this.writing ? this.writing.strLs.length > 0 : this.maybeStrL;
  }

  see(chunk: Dataset): void {
    if (this.writing) throw new Error('the .dta writer sees every chunk before it writes');
    for (const c of this.columns) c.see?.(chunk, this.seen);
    this.seen += chunk.n;
  }

  *head(): Generator<Uint8Array> {
    const variables = this.columns.flatMap((c) => c.variables());
    const strLs = variables.filter((v) => v.strls);
    const gsoBytes = strLs.reduce((sum, v) => sum + v.strls!.size, 0);
    const n = this.seen;
    const valueLabels = this.tables.section();
    this.writing = { variables, strLs, n, gsoBytes, valueLabels };
    const { datasetLabel, timestamp } = this.options;
    yield* fileHead(
      { variables, n, datasetLabel, timestamp },
      { rows: n * rowWidth(variables), gsos: gsoBytes, valueLabels: valueLabels.length },
    );
    yield utf8('<data>');
  }

  *rows(chunk: Dataset): Generator<Uint8Array> {
    const { variables, n } = this.started();
    if (this.written + chunk.n > n)
      throw new Error(`the chunks hold more rows than the ${n} seen before the header`);
    const first = this.written;
    this.written += chunk.n;
    yield* rowChunks(variables, chunk, first);
  }

  *again(chunk: Dataset): Generator<Uint8Array> {
    const { strLs } = this.started();
    if (!this.strlsOpen) yield* this.openStrls();
    const first = this.againAt;
    this.againAt += chunk.n;
    const all = strLs.map((v): StrLs => v.strls!.of(chunk, first));
    for (const gso of gsos(all)) {
      this.gsoBytes += gso.length;
      yield gso;
    }
  }

  *tail(): Generator<Uint8Array> {
    const { n, gsoBytes, valueLabels } = this.started();
    if (this.written !== n)
      throw new Error(`the chunks held ${this.written} rows, not the ${n} seen before`);
    if (!this.strlsOpen) yield* this.openStrls();
    if (this.gsoBytes !== gsoBytes)
      throw new Error(
        `the long strings took ${this.gsoBytes} bytes, not the ${gsoBytes} the header's map gives`,
      );
    yield utf8('</strls>');
    yield valueLabels;
    yield utf8('</stata_dta>');
  }

  private *openStrls(): Generator<Uint8Array> {
    this.strlsOpen = true;
    yield utf8('</data><strls>');
  }

  private started(): Writing {
    if (!this.writing) throw new Error('the .dta writer writes its header (head) first');
    return this.writing;
  }
}
