/**
 * The rows of <data>, observation after observation, each variable in its fixed width. A chunk
 * of rows is written into pieces of about 64 KiB, each a new array that is handed out and never
 * touched again, so memory stays the same whatever the number of rows.
 */
import type { Dataset } from '../../analysis/dataset.js';
import type { DtaVariable } from './variable.js';

export const chunkBytes = 64 * 1024;

export function rowWidth(variables: readonly DtaVariable[]): number {
  return variables.reduce((sum, v) => sum + v.width, 0);
}

/** The chunk's rows; `first` is the file's row number (0-based) of its first row. */
export function* rowChunks(
  variables: readonly DtaVariable[],
  chunk: Dataset,
  first: number,
): Generator<Uint8Array> {
  const width = rowWidth(variables);
  const offsets: number[] = [];
  let at = 0;
  for (const v of variables) {
    offsets.push(at);
    at += v.width;
  }
  const write = variables.map((v) => v.bind(chunk, first));
  const n = chunk.n;
  const perPiece = Math.max(1, Math.floor(chunkBytes / width));
  for (let start = 0; start < n; start += perPiece) {
    const rows = Math.min(perPiece, n - start);
    const bytes = new Uint8Array(rows * width);
    const view = new DataView(bytes.buffer);
    for (let r = 0; r < rows; r++) {
      const base = r * width;
      for (let k = 0; k < write.length; k++) write[k]!(start + r, view, bytes, base + offsets[k]!);
    }
    yield bytes;
  }
}
