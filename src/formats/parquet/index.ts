/** Apache Parquet files: `writeParquet` streams one, labels in its key-value metadata. */
export { ParquetError } from './errors.js';
export {
  columnKeyPrefix,
  languageKey,
  type CodeMetadata,
  type ColumnMetadata,
  type OptionMetadata,
} from './metadata.js';
export { writeParquet, type ParquetOptions } from './write-parquet.js';
