/**
 * A dataset read in chunks of rows, for files bigger than memory (exports of a million
 * responses): the columns' shape once, then the rows chunk by chunk, as many times as a writer
 * needs to read them (a first look for widths and counts, then the bytes).
 *
 * Every chunk has the shape's columns, in its order, of its types, with its labels (number
 * columns) and options (multiple choices); a text column's levels are the chunk's own.
 */
import type { Column, Dataset } from './dataset.js';

export interface ChunkedDataset {
  /** Every column with its labels and info, and no rows (`n` is 0). */
  readonly shape: Dataset;
  /** The rows from the first, chunk by chunk; each call reads them again, in the same chunks. */
  chunks(): AsyncIterable<Dataset>;
}

/** Rows `from` to `to - 1` of a column, sharing its arrays (no copy). */
export function sliceColumn(c: Column, from: number, to: number): Column {
  switch (c.type) {
    case 'number':
      return { ...c, values: c.values.subarray(from, to) };
    case 'text':
      return { ...c, index: c.index.subarray(from, to) };
    case 'multiple': {
      const k = c.options.length;
      return {
        ...c,
        chosen: c.chosen.subarray(from * k, to * k),
        answered: c.answered.subarray(from, to),
      };
    }
  }
}

/** Rows `from` to `to - 1` of a dataset, sharing its arrays. */
export function sliceRows(data: Dataset, from: number, to: number): Dataset {
  const columns = new Map<string, Column>();
  for (const [name, c] of data.columns) columns.set(name, sliceColumn(c, from, to));
  return { n: Math.max(0, to - from), columns };
}

/** The columns of a dataset without its rows. */
export function shapeOf(data: Dataset): Dataset {
  return sliceRows(data, 0, 0);
}

/** A dataset in memory as chunks of `rows` rows (tests, and files of small samples). */
export function chunkedOf(data: Dataset, rows = 10_000): ChunkedDataset {
  if (!Number.isInteger(rows) || rows < 1)
    throw new RangeError(`a chunk must have a whole number of rows, not ${rows}`);
  return {
    shape: shapeOf(data),
    async *chunks() {
      for (let from = 0; from < data.n; from += rows)
        yield sliceRows(data, from, Math.min(data.n, from + rows));
    },
  };
}

/** Each chunk of `data` made into another by `f` (a filter, a public-use change). */
export function mapChunks(
  data: ChunkedDataset,
  shape: Dataset,
  f: (chunk: Dataset) => Dataset,
): ChunkedDataset {
  return {
    shape,
    async *chunks() {
      for await (const chunk of data.chunks()) {
        const out = f(chunk);
        if (out.n > 0) yield out;
      }
    },
  };
}

/** What a column is, without its rows: type, info, labels or options. */
function columnKind(c: Column): string {
  return JSON.stringify([
    c.type,
    c.info,
    c.type === 'number' ? c.labels : c.type === 'multiple' ? c.options : null,
  ]);
}

/** Whether two datasets have the same columns, in order, of the same types and labels. */
export function sameShape(a: Dataset, b: Dataset): boolean {
  if (a.columns.size !== b.columns.size) return false;
  const bs = [...b.columns];
  return [...a.columns].every(
    ([name, c], i) => bs[i]![0] === name && columnKind(c) === columnKind(bs[i]![1]),
  );
}

/**
 * A chunk with the shape's labels, options and info (the same in content, as a chunk built for
 * the shape has them), so that every chunk shares the shape's own arrays.
 */
export function conformTo(chunk: Dataset, shape: Dataset): Dataset {
  const columns = new Map<string, Column>();
  for (const [name, s] of shape.columns) {
    const c = chunk.columns.get(name);
    if (!c || c.type !== s.type) throw new Error(`chunk column ${name} is not as the shape's`);
    if (c.type === 'number' && s.type === 'number')
      columns.set(name, { ...c, labels: s.labels, info: s.info });
    else if (c.type === 'multiple' && s.type === 'multiple') {
      if (c.options.length !== s.options.length)
        throw new Error(`chunk column ${name} has other options than the shape's`);
      columns.set(name, { ...c, options: s.options, info: s.info });
    } else columns.set(name, { ...c, info: s.info });
  }
  return { n: chunk.n, columns };
}

/** The chunk's column of the shape's name and type (a chunk that differs is a bug upstream). */
export function chunkColumn<T extends Column['type']>(
  chunk: Dataset,
  name: string,
  type: T,
): Extract<Column, { type: T }> {
  const c = chunk.columns.get(name);
  if (c?.type !== type)
    throw new Error(
      `a chunk's column '${name}' is ${c ? `a ${c.type} column` : 'missing'}, not a ${type} column as in the shape`,
    );
  return c as Extract<Column, { type: T }>;
}
