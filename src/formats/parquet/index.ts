/**
 * Apache Parquet files: `parquetWriter` writes one chunk by chunk (a `TableWriter`), `writeParquet`
 * a dataset in memory; labels in its key-value metadata.
 */
export { ParquetError } from './errors.js';
export {
  columnKeyPrefix,
  languageKey,
  type CodeMetadata,
  type ColumnMetadata,
  type OptionMetadata,
} from './metadata.js';
export { parquetWriter, writeParquet, type ParquetOptions } from './write-parquet.js';
