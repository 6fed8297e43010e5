/**
 * The rows of <data>, observation after observation, each variable in its fixed width. Rows are
 * written into chunks of about 64 KiB, each a new array that is handed out and never touched
 * again, so memory stays the same whatever the number of rows.
 */
import type { DtaVariable } from './variable.js';

export const chunkBytes = 64 * 1024;

export function rowWidth(variables: readonly DtaVariable[]): number {
  return variables.reduce((sum, v) => sum + v.width, 0);
}

export function* rowChunks(variables: readonly DtaVariable[], n: number): Generator<Uint8Array> {
  const width = rowWidth(variables);
  const offsets: number[] = [];
  let at = 0;
  for (const v of variables) {
    offsets.push(at);
    at += v.width;
  }
  const perChunk = Math.max(1, Math.floor(chunkBytes / width));
  for (let first = 0; first < n; first += perChunk) {
    const rows = Math.min(perChunk, n - first);
    const bytes = new Uint8Array(rows * width);
    const view = new DataView(bytes.buffer);
    for (let r = 0; r < rows; r++) {
      const base = r * width;
      for (let k = 0; k < variables.length; k++)
        variables[k]!.write(first + r, view, bytes, base + offsets[k]!);
    }
    yield bytes;
  }
}
