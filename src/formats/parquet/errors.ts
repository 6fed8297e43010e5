/** What the Parquet writer throws for a dataset it cannot write: a sentence, and the column if one. */
export class ParquetError extends Error {
  constructor(
    message: string,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'ParquetError';
  }
}
