// The Parquet writer over chunks: the same bytes as the whole dataset in any chunks (row groups
// filled across chunks), a number column's type learnt from every chunk, each chunk's own text
// levels, both readers taking the file, and rows that change between readings refused.
import { tableFromIPC } from 'apache-arrow';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { readParquet } from 'parquet-wasm/node';
import { describe, expect, it } from 'vitest';
import { chunkedOf, shapeOf, type ChunkedDataset } from '../../analysis/chunked.js';
import { concatRows } from '../../analysis/chunked.test-helper.js';
import {
  numberColumn,
  textColumn,
  type Column,
  type Dataset,
  type MultipleColumn,
} from '../../analysis/dataset.js';
import { fixture } from '../sav/fixture.test-helper.js';
import { writeChunked } from '../table-writer.js';
import { parquetWriter, writeParquet, type ParquetOptions } from './write-parquet.js';

async function chunkedBytes(data: ChunkedDataset, options: ParquetOptions): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const part of writeChunked(parquetWriter(data.shape, options), data))
    parts.push(part as Uint8Array);
  return Buffer.concat(parts);
}

function wholeBytes(data: Dataset, options: ParquetOptions): Buffer {
  return Buffer.concat([...writeParquet(data, options)]);
}

function arrayBuffer(bytes: Buffer): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
}

/** 30 rows: whole numbers, decimals, texts with empties, a multiple choice. */
function rows30(): Dataset {
  const n = 30;
  const k = 2;
  const chosen = new Uint8Array(n * k);
  const answered = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    answered[i] = i % 5 === 3 ? 0 : 1;
    if (answered[i]) for (let j = 0; j < k; j++) chosen[i * k + j] = (i >> j) & 1;
  }
  const left: MultipleColumn = {
    type: 'multiple',
    options: [
      { code: 1, name: 'work', label: { en: 'Work' } },
      { code: 2, name: 'family', label: { en: 'Family' } },
    ],
    chosen,
    answered,
    info: { label: { en: 'Left for' }, measure: 'nominal' },
  };
  const towns = ['Тбилиси', 'Ереван', null, 'Белград', ''];
  return {
    n,
    columns: new Map<string, Column>([
      ['id', numberColumn(Float64Array.from({ length: n }, (_, i) => i + 1))],
      ['weight', numberColumn(Float64Array.from({ length: n }, (_, i) => (i % 4 ? i / 8 : NaN)))],
      ['town', textColumn(Array.from({ length: n }, (_, i) => towns[i % towns.length] ?? null))],
      ['left', left],
    ]),
  };
}

describe('parquetWriter over chunks', () => {
  it('writes the same bytes whole and in chunks of 1, 7 and more rows than there are', async () => {
    for (const [data, language] of [
      [rows30(), 'en'],
      [fixture(), 'ru'],
    ] as const) {
      for (const rowGroupSize of [4, undefined]) {
        const options = { language, ...(rowGroupSize ? { rowGroupSize } : {}) };
        const whole = wholeBytes(data, options);
        for (const rows of [1, 7, data.n + 1])
          expect((await chunkedBytes(chunkedOf(data, rows), options)).equals(whole)).toBe(true);
      }
    }
  });

  it('fills row groups across chunks, and both readers read every row back', async () => {
    const data = rows30();
    const bytes = await chunkedBytes(chunkedOf(data, 7), { language: 'en', rowGroupSize: 4 });
    const file = arrayBuffer(bytes);
    const groups = parquetMetadata(file).row_groups.map((g) => Number(g.num_rows));
    expect(groups).toEqual([4, 4, 4, 4, 4, 4, 4, 2]);
    const rows = await parquetReadObjects({ file });
    const table = tableFromIPC(readParquet(new Uint8Array(bytes)).intoIPCStream());
    expect(table.numRows).toBe(30);
    const expected = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      weight: i % 4 ? i / 8 : null,
      town: ['Тбилиси', 'Ереван', null, 'Белград', ''][i % 5],
      left_work: i % 5 === 3 ? null : i & 1,
      left_family: i % 5 === 3 ? null : (i >> 1) & 1,
    }));
    expect(rows).toEqual(expected);
    expect(table.toArray().map((r: { toJSON(): unknown }) => r.toJSON())).toEqual(expected);
  });

  it('types a number column from every chunk, and takes each chunk with its own levels', async () => {
    const chunk = (ids: number[], towns: (string | null)[]): Dataset => ({
      n: ids.length,
      columns: new Map<string, Column>([
        ['id', numberColumn(Float64Array.from(ids))],
        ['town', textColumn(towns)],
      ]),
    });
    const parts = [chunk([1, 2], ['b', 'a']), chunk([3, 4.5], [null, 'c']), chunk([6], ['a'])];
    const data: ChunkedDataset = {
      shape: shapeOf(parts[0]!),
      async *chunks() {
        yield* parts;
      },
    };
    const options = { language: 'en', rowGroupSize: 3 };
    const bytes = await chunkedBytes(data, options);
    expect(bytes.equals(wholeBytes(concatRows(data.shape, parts), options))).toBe(true);
    const file = arrayBuffer(bytes);
    expect(parquetMetadata(file).schema[1]!.type).toBe('DOUBLE');
    expect(await parquetReadObjects({ file })).toEqual([
      { id: 1, town: 'b' },
      { id: 2, town: 'a' },
      { id: 3, town: null },
      { id: 4.5, town: 'c' },
      { id: 6, town: 'a' },
    ]);
  });

  it('refuses rows that differ between the first reading and the second', async () => {
    let reading = 0;
    const data: ChunkedDataset = {
      shape: shapeOf(rows30()),
      async *chunks() {
        const rows = rows30();
        if (reading++ > 0) yield rows;
        yield rows;
      },
    };
    await expect(chunkedBytes(data, { language: 'en' })).rejects.toThrow(
      'more rows to write than the 30 seen',
    );
  });

  it('writes a dataset without rows in chunks as whole, readable by both readers', async () => {
    const none = shapeOf(rows30());
    const options = { language: 'en', chunkSize: 100 };
    const bytes = await chunkedBytes(chunkedOf(none), options);
    expect(bytes.equals(wholeBytes(none, options))).toBe(true);
    // Cut into chunks of the size asked for.
    expect([...writeParquet(none, options)].map((c) => c.length <= 100)).not.toContain(false);
    expect(await parquetReadObjects({ file: arrayBuffer(bytes) })).toEqual([]);
    const table = tableFromIPC(readParquet(new Uint8Array(bytes)).intoIPCStream());
    expect(table.numRows).toBe(0);
    expect(table.schema.fields.map((f) => f.name)).toEqual([
      'id',
      'weight',
      'town',
      'left_work',
      'left_family',
    ]);
  });
});
