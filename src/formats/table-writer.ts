/**
 * How every data-file writer (CSV, .sav, .dta, Parquet, codebooks) runs, so that one writer
 * serves a dataset in memory and a sample read from the database chunk by chunk:
 *
 * 1. made from the dataset's shape (names, labels, languages checked: errors before any read);
 * 2. `see` every chunk, where the file needs to know something of all rows before its first
 *    byte (a text's widest value, a number's range, category counts, the number of rows);
 * 3. `head`, then `rows` of every chunk, then, for the few formats that put something after
 *    the rows that was not kept (a .dta file's long strings), `again` for every chunk; `tail`.
 *
 * Rows are counted across chunks by the writer itself (the first `see` or `rows` call is row 0).
 */
import type { ChunkedDataset } from '../analysis/chunked.js';
import type { Dataset } from '../analysis/dataset.js';

export type Part = Uint8Array | string;

export interface TableWriter {
  /** Whether `see` must look at every chunk before `head` (false: one reading of the rows). */
  readonly looksFirst: boolean;
  see(chunk: Dataset): void;
  head(): Iterable<Part>;
  rows(chunk: Dataset): Iterable<Part>;
  /** Whether the rows are read once more after them, for `again`. */
  readonly readsAgain: boolean;
  again(chunk: Dataset): Iterable<Part>;
  tail(): Iterable<Part>;
}

/**
 * A dataset in memory written whole: what can be refused is refused before this returns (the
 * head is made at once); the rows are written as the chunks are taken.
 */
export function writeWhole(writer: TableWriter, data: Dataset): Generator<Part, void, undefined> {
  if (writer.looksFirst) writer.see(data);
  const head = [...writer.head()];
  return (function* () {
    yield* head;
    yield* writer.rows(data);
    if (writer.readsAgain) yield* writer.again(data);
    yield* writer.tail();
  })();
}

/**
 * A chunked dataset written as it is read: once to look (where needed, unless the writer has
 * already seen every chunk: `seen`), once to write.
 */
export async function* writeChunked(
  writer: TableWriter,
  data: ChunkedDataset,
  options: { seen?: boolean } = {},
): AsyncGenerator<Part, void, undefined> {
  if (writer.looksFirst && !options.seen)
    for await (const chunk of data.chunks()) writer.see(chunk);
  yield* writer.head();
  for await (const chunk of data.chunks()) yield* writer.rows(chunk);
  if (writer.readsAgain) for await (const chunk of data.chunks()) yield* writer.again(chunk);
  yield* writer.tail();
}
