/**
 * Writes a dataset as an Apache Parquet file with hyparquet-writer: a column per number or text
 * column and per option of a multiple choice (columns.ts), labels, declared missing codes and
 * measures in the file's key-value metadata (metadata.ts).
 *
 * `parquetWriter` is a `TableWriter` (table-writer.ts). It sees every row first, as a number
 * column is INT32 only when all its values are whole numbers that fit. Then the rows go out in
 * row groups of a bounded number of cells: each chunk's cells are added to the current group's,
 * a full group is encoded and handed out at once (`rows`), the last one at the end (`tail`). So
 * memory holds one row group's cells and bytes, never the whole file, whatever the chunks:
 *
 *   await pipeline(Readable.from(writeChunked(parquetWriter(shape, { language: 'ru' }), data)),
 *     createWriteStream(file));
 *
 * The same rows give the same bytes in any chunks. A file without rows has no row group; its
 * footer is mended so that every reader takes it (empty-footer.ts).
 */
import { shapeOf } from '../../analysis/chunked.js';
import type { Dataset } from '../../analysis/dataset.js';
import { ParquetWriter, type KeyValue, type SchemaElement } from 'hyparquet-writer';
import { languageRefusal } from '../languages.js';
import { writeWhole, type TableWriter } from '../table-writer.js';
import { ChunkSink } from './chunk-sink.js';
import { parquetColumns, WholeNumbers, type Cell, type ParquetColumn } from './columns.js';
import { markEmptyRowGroups } from './empty-footer.js';
import { ParquetError } from './errors.js';
import { columnKeyPrefix, languageKey } from './metadata.js';

export interface ParquetOptions {
  /** The language of the `label` fields in the metadata (`ru`, `en`); `labels` has them all. */
  language: string;
  /** Rows per row group; by default as many as make about 1,048,576 cells, at least 1,000. */
  rowGroupSize?: number;
  /** Bytes per chunk handed out (the last may be smaller); default 64 KiB. */
  chunkSize?: number;
}

const createdBy = 'Longitude version 0.1.0';
const cellsPerGroup = 1 << 20;
const fewestRowsPerGroup = 1000;
const defaultChunkSize = 1 << 16;

/**
 * A Parquet file of the shape's columns, as a table writer. The shape is checked here (a
 * `ParquetError` naming the column): columns, names, the language.
 */
export function parquetWriter(shape: Dataset, options: ParquetOptions): TableWriter {
  if (shape.columns.size === 0) throw new ParquetError('the dataset has no columns to write');
  const refusal = languageRefusal(shape, options.language);
  if (refusal) throw new ParquetError(refusal);
  const count = parquetColumns(shape, options.language, () => true).length;
  if (count === 0) throw new ParquetError('the dataset has no columns that can be written');
  const rowGroupSize =
    options.rowGroupSize ?? Math.max(fewestRowsPerGroup, Math.floor(cellsPerGroup / count));
  if (!Number.isInteger(rowGroupSize) || rowGroupSize < 1)
    throw new RangeError(`a row group must have a whole number of rows, not ${rowGroupSize}`);

  const whole = new WholeNumbers();
  const sink = new ChunkSink(options.chunkSize ?? defaultChunkSize);
  let seen = 0;
  let written = 0;
  let groups = 0;
  let columns: ParquetColumn[] = [];
  let writer: ParquetWriter | undefined;
  /** The current row group's cells, a list per column, and how many rows they have. */
  let cells: Cell[][] = [];
  let filled = 0;

  const started = (): ParquetWriter => {
    if (!writer) throw new Error('the Parquet head must be written before the rows');
    return writer;
  };

  /** A new row group, of as many rows as are left up to its size. */
  const begin = (): void => {
    const rows = Math.min(rowGroupSize, seen - written);
    cells = columns.map(() => new Array<Cell>(rows));
    filled = 0;
  };

  /** The current row group encoded into the sink, and a new one begun. */
  const writeGroup = (): void => {
    if (filled === 0) return;
    void started().write({
      columnData: columns.map((c, j) => ({ name: c.name, data: cells[j]! })),
      rowGroupSize: filled,
    });
    groups++;
    begin();
  };

  return {
    looksFirst: true,
    see(chunk) {
      whole.see(chunk);
      seen += chunk.n;
    },
    *head() {
      columns = parquetColumns(shape, options.language, (name) => whole.whole(name));
      begin();
      const schema: SchemaElement[] = [
        { name: 'schema', num_children: columns.length },
        ...columns.map((c) => c.element),
      ];
      const kvMetadata: KeyValue[] = [
        { key: languageKey, value: options.language },
        ...columns.map((c) => ({
          key: columnKeyPrefix + c.name,
          value: JSON.stringify(c.metadata),
        })),
      ];
      writer = new ParquetWriter({ writer: sink, schema, kvMetadata, createdBy });
      yield* sink.take();
    },
    *rows(chunk) {
      started();
      if (written + chunk.n > seen) throw new Error(`more rows to write than the ${seen} seen`);
      for (let from = 0; from < chunk.n;) {
        const take = Math.min(rowGroupSize - filled, chunk.n - from);
        columns.forEach((c, j) =>
          c.fill(chunk.columns.get(c.column)!, from, from + take, cells[j]!, filled),
        );
        filled += take;
        from += take;
        written += take;
        if (filled === rowGroupSize) {
          writeGroup();
          yield* sink.take();
        }
      }
    },
    readsAgain: false,
    again: () => [],
    *tail() {
      if (written !== seen) throw new Error(`${written} rows written of the ${seen} seen`);
      writeGroup();
      void started().finish();
      const parts = sink.take();
      if (groups > 0) {
        yield* parts;
        return;
      }
      // No row group: the whole file is here (its schema and metadata), mended and cut again.
      const file = new Uint8Array(Buffer.concat(parts));
      markEmptyRowGroups(file);
      const size = options.chunkSize ?? defaultChunkSize;
      for (let at = 0; at < file.length; at += size) yield file.subarray(at, at + size);
    },
  };
}

/**
 * A dataset in memory, chunk by chunk of bytes. The dataset is checked before this returns (a
 * `ParquetError` naming the column); rows are read as the chunks are taken.
 */
export function writeParquet(
  data: Dataset,
  options: ParquetOptions,
): Generator<Uint8Array, void, undefined> {
  return writeWhole(parquetWriter(shapeOf(data), options), data) as Generator<
    Uint8Array,
    void,
    undefined
  >;
}
