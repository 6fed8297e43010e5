// Chunked datasets gathered back into one dataset, for tests that compare them with a whole.
import type { ChunkedDataset } from './chunked.js';
import type { Column, Dataset } from './dataset.js';

/** Every row of a chunked dataset in one dataset. */
export async function collectChunks(data: ChunkedDataset): Promise<Dataset> {
  const parts: Dataset[] = [];
  for await (const chunk of data.chunks()) parts.push(chunk);
  return concatRows(data.shape, parts);
}

/** Chunks of one shape as one dataset; text levels merged. */
export function concatRows(shape: Dataset, parts: readonly Dataset[]): Dataset {
  const n = parts.reduce((sum, p) => sum + p.n, 0);
  const columns = new Map<string, Column>();
  for (const [name, s] of shape.columns) {
    const cs = parts.map((p) => p.columns.get(name)!);
    switch (s.type) {
      case 'number': {
        const values = new Float64Array(n);
        let at = 0;
        for (const c of cs) {
          if (c.type !== 'number') throw new Error(`column ${name} changed type`);
          values.set(c.values, at);
          at += c.values.length;
        }
        columns.set(name, { ...s, values });
        break;
      }
      case 'text': {
        const index = new Int32Array(n);
        const levels: string[] = [];
        const at = new Map<string, number>();
        let row = 0;
        for (const c of cs) {
          if (c.type !== 'text') throw new Error(`column ${name} changed type`);
          const map = c.levels.map((l) => {
            let j = at.get(l);
            if (j === undefined) at.set(l, (j = levels.push(l) - 1));
            return j;
          });
          for (const j of c.index) index[row++] = j < 0 ? -1 : map[j]!;
        }
        columns.set(name, { ...s, index, levels });
        break;
      }
      case 'multiple': {
        const k = s.options.length;
        const chosen = new Uint8Array(n * k);
        const answered = new Uint8Array(n);
        let row = 0;
        for (const c of cs) {
          if (c.type !== 'multiple') throw new Error(`column ${name} changed type`);
          chosen.set(c.chosen, row * k);
          answered.set(c.answered, row);
          row += c.answered.length;
        }
        columns.set(name, { ...s, chosen, answered });
        break;
      }
    }
  }
  return { n, columns };
}
