/**
 * Writes a dataset as an Apache Parquet file with hyparquet-writer: a column per number or text
 * column and per option of a multiple choice (columns.ts), labels, declared missing codes and
 * measures in the file's key-value metadata (metadata.ts). Rows go out in row groups of a bounded
 * number of cells, each encoded and handed out before the next is read, so memory holds one row
 * group's cells and bytes, never the whole file:
 *
 *   await pipeline(Readable.from(writeParquet(data, { language: 'ru' })), createWriteStream(file));
 */
import type { Dataset } from '../../analysis/dataset.js';
import { ParquetWriter, type KeyValue, type SchemaElement } from 'hyparquet-writer';
import { languageRefusal } from '../languages.js';
import { ChunkSink } from './chunk-sink.js';
import { parquetColumns, type ParquetColumn } from './columns.js';
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

/**
 * The file's bytes, chunk by chunk. The dataset is checked before this returns (a
 * `ParquetError` naming the column); rows are read as the chunks are taken.
 */
export function writeParquet(
  data: Dataset,
  options: ParquetOptions,
): Generator<Uint8Array, void, undefined> {
  if (data.columns.size === 0) throw new ParquetError('the dataset has no columns to write');
  const refusal = languageRefusal(data, options.language);
  if (refusal) throw new ParquetError(refusal);
  const columns = parquetColumns(data, options.language);
  if (columns.length === 0)
    throw new ParquetError('the dataset has no columns that can be written');
  const rowGroupSize =
    options.rowGroupSize ??
    Math.max(fewestRowsPerGroup, Math.floor(cellsPerGroup / columns.length));
  if (!Number.isInteger(rowGroupSize) || rowGroupSize < 1)
    throw new RangeError(`a row group must have a whole number of rows, not ${rowGroupSize}`);
  return chunks(data.n, columns, rowGroupSize, options);
}

function* chunks(
  n: number,
  columns: readonly ParquetColumn[],
  rowGroupSize: number,
  options: ParquetOptions,
): Generator<Uint8Array, void, undefined> {
  const sink = new ChunkSink(options.chunkSize);
  const schema: SchemaElement[] = [
    { name: 'schema', num_children: columns.length },
    ...columns.map((c) => c.element),
  ];
  const kvMetadata: KeyValue[] = [
    { key: languageKey, value: options.language },
    ...columns.map((c) => ({ key: columnKeyPrefix + c.name, value: JSON.stringify(c.metadata) })),
  ];
  const writer = new ParquetWriter({ writer: sink, schema, kvMetadata, createdBy });
  yield* sink.take();
  for (let start = 0; start < n; start += rowGroupSize) {
    const end = Math.min(n, start + rowGroupSize);
    void writer.write({
      columnData: columns.map((c) => ({ name: c.name, data: c.cells(start, end) })),
      rowGroupSize: end - start,
    });
    yield* sink.take();
  }
  void writer.finish();
  yield* sink.take();
}
