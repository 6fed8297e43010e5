// The .dta writer over chunks of rows: the same file as writeDta when no column is a strL, the
// same values read back by haven when one is, long strings defined once per chunk, and the
// refusals before any byte.
import { describe, expect, it, type TestContext } from 'vitest';
import { chunkedOf, type ChunkedDataset } from '../../analysis/chunked.js';
import { numberColumn, textColumn, type Column, type Dataset } from '../../analysis/dataset.js';
import { Problem } from '../../problems/problem.js';
import { writeChunked, writeWhole, type Part } from '../table-writer.js';
import { havenMissing, readWithHaven } from './haven.test-helper.js';
import { longComment, surveyDataset, tooWide } from './survey.test-helper.js';
import { dtaWriter, writeDta, type DtaOptions } from './write-dta.js';

const missing = havenMissing();

function needHaven(ctx: TestContext): void {
  if (!missing) return;
  if (process.env.CI) throw new Error(missing);
  console.warn(`${ctx.task.name}: skipped. ${missing}`);
  ctx.skip();
}

const encoder = new TextEncoder();
const options: DtaOptions = {
  language: 'ru',
  datasetLabel: 'Волна 1',
  timestamp: new Date('2022-03-24T09:05:00Z'),
};

async function chunked(data: ChunkedDataset, o: DtaOptions = options): Promise<Buffer> {
  const parts: Part[] = [];
  for await (const part of writeChunked(dtaWriter(data.shape, o), data)) parts.push(part);
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p)));
}

const whole = (data: Dataset, o: DtaOptions = options): Buffer =>
  Buffer.concat([...writeDta(data, o)]);

/** The survey without its strL column. */
function noStrL(): Dataset {
  const columns = new Map(surveyDataset().columns);
  columns.delete('comment');
  return { n: 6, columns };
}

/** The GSOs of <strls> as (v, o, text). */
function gsoList(bytes: Buffer): [number, number, string][] {
  const strls = bytes.subarray(bytes.indexOf('<strls>') + 7, bytes.indexOf('</strls>'));
  const out: [number, number, string][] = [];
  for (let at = 0; at < strls.length; at += 20 + strls.readUInt32LE(at + 16)) {
    const len = strls.readUInt32LE(at + 16);
    out.push([
      strls.readUInt32LE(at + 3),
      Number(strls.readBigUInt64LE(at + 7)),
      strls.subarray(at + 20, at + 20 + len - 1).toString(),
    ]);
  }
  return out;
}

/** The 14 offsets of <map>, each checked to point at its section. */
function checkMap(bytes: Buffer): void {
  const at = bytes.indexOf('<map>') + 5;
  const offsets = Array.from({ length: 14 }, (_, i) => Number(bytes.readBigUInt64LE(at + 8 * i)));
  const tags = ['<data>', '<strls>', '<value_labels>', '</stata_dta>'];
  tags.forEach((tag, i) =>
    expect(bytes.subarray(offsets[9 + i]!, offsets[9 + i]! + tag.length).toString(), tag).toBe(tag),
  );
  expect(offsets[13]).toBe(bytes.length);
}

describe('dtaWriter over chunks', () => {
  it('writes the same bytes as writeDta when no column is a strL, any chunk size', async () => {
    const data = noStrL();
    const expected = whole(data);
    for (const rows of [1, 2, 5, 10])
      expect((await chunked(chunkedOf(data, rows))).equals(expected), `${rows} a chunk`).toBe(true);
    // A number's type and a text's width are taken from every chunk: `count` needs an int for
    // its fourth row, `note` 2,045 bytes for its first.
    const types = expected.indexOf('<variable_types>') + 16;
    expect(expected.readUInt16LE(types + 2 * 5)).toBe(65529);
    expect(expected.readUInt16LE(types + 2 * 8)).toBe(2045);
  });

  it('reads the rows again for the strLs only when a column is one', () => {
    const writer = dtaWriter(noStrL(), options);
    expect(writer.readsAgain).toBe(true); // a text column may turn out to be a strL
    // Known once the rows are seen, which writeWhole does before it returns.
    writeWhole(writer, noStrL());
    expect(writer.readsAgain).toBe(false);
    const numbers = new Map<string, Column>([['x', numberColumn(Float64Array.of(1))]]);
    expect(dtaWriter({ n: 1, columns: numbers }, options).readsAgain).toBe(false);
    const strL = dtaWriter(surveyDataset(), options);
    writeWhole(strL, surveyDataset());
    expect(strL.readsAgain).toBe(true);
  });

  it('defines a long text once per chunk, where it first occurs in the chunk', async () => {
    // comment: longComment, -, коротко, '', longComment, tooWide (v = 9).
    const one = whole(surveyDataset());
    expect(gsoList(one).map(([v, o]) => [v, o])).toEqual([
      [9, 1],
      [9, 3],
      [9, 6],
    ]);
    const byTwo = await chunked(chunkedOf(surveyDataset(), 2));
    checkMap(byTwo);
    expect(gsoList(byTwo)).toEqual([
      [9, 1, longComment],
      [9, 3, 'коротко'],
      [9, 5, longComment],
      [9, 6, tooWide],
    ]);
  });

  it('repeats a text in every chunk it occurs in, and every cell finds its own', async () => {
    const long = 'Ж'.repeat(1100);
    const n = 7;
    const data: Dataset = {
      n,
      columns: new Map<string, Column>([
        ['id', numberColumn(Float64Array.from({ length: n }, (_, i) => i + 1))],
        ['story', textColumn([long, long, null, long, '', long, long])],
        ['other', textColumn([null, long, long, null, null, null, long])],
      ]),
    };
    const bytes = await chunked(chunkedOf(data, 2));
    checkMap(bytes);
    // Chunks: rows 1-2, 3-4, 5-6, 7; story is v 2, other v 3; by o, then v.
    expect(gsoList(bytes).map(([v, o]) => [v, o])).toEqual([
      [2, 1],
      [3, 2],
      [3, 3],
      [2, 4],
      [2, 6],
      [2, 7],
      [3, 7],
    ]);
    const data0 = bytes.indexOf('<data>') + 6;
    const vo = (row: number, k: number) => {
      const at = data0 + row * 17 + 1 + 8 * k;
      return [bytes.readUInt16LE(at), bytes.readUIntLE(at + 2, 6)];
    };
    expect(Array.from({ length: n }, (_, i) => vo(i, 0))).toEqual([
      [2, 1],
      [2, 1],
      [0, 0],
      [2, 4],
      [0, 0],
      [2, 6],
      [2, 7],
    ]);
    expect(Array.from({ length: n }, (_, i) => vo(i, 1))).toEqual([
      [0, 0],
      [3, 2],
      [3, 3],
      [0, 0],
      [0, 0],
      [0, 0],
      [3, 7],
    ]);
  });

  it('is read back by haven as writeDta is, chunks of 1, 2 and 5 rows', async (ctx) => {
    needHaven(ctx);
    const expected = await readWithHaven([whole(surveyDataset())]);
    expect(expected.byName.get('comment')!.values).toEqual([
      longComment,
      '',
      'коротко',
      '',
      longComment,
      tooWide,
    ]);
    for (const rows of [1, 2, 5]) {
      const got = await readWithHaven([await chunked(chunkedOf(surveyDataset(), rows))]);
      expect(got.rows).toBe(6);
      expect(got.label).toBe(expected.label);
      expect(got.variables, `${rows} a chunk`).toEqual(expected.variables);
    }
  });

  it('is read back by haven with a long text repeated across chunks', async (ctx) => {
    needHaven(ctx);
    const long = `${'Очень длинный ответ. '.repeat(150)}конец`;
    const n = 11;
    const cells = Array.from({ length: n }, (_, i) =>
      i % 4 === 2 ? null : i % 3 === 0 ? long : `${i}: ${long}`,
    );
    const data: Dataset = { n, columns: new Map([['story', textColumn(cells)]]) };
    const expected = cells.map((c) => c ?? '');
    for (const rows of [1, 2, 5]) {
      const got = await readWithHaven([await chunked(chunkedOf(data, rows))]);
      expect(got.byName.get('story')!.values, `${rows} a chunk`).toEqual(expected);
    }
  });
});

describe('dtaWriter refusals', () => {
  const problem = async (run: () => Promise<unknown>, message: RegExp): Promise<void> => {
    const error: unknown = await run().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).message).toMatch(message);
  };

  it('refuses the shape when it is made, before any chunk is read', () => {
    const unread: ChunkedDataset = {
      shape: { n: 0, columns: new Map([['возраст', numberColumn(new Float64Array(0))]]) },
      chunks: () => {
        throw new Error('a chunk was read');
      },
    };
    expect(() => dtaWriter(unread.shape, options)).toThrow(
      /^Column 'возраст' cannot be named in a Stata file/,
    );
    expect(() =>
      dtaWriter(noStrL(), { language: 'ru', timestamp: new Date('+010000-01-01T00:00:00Z') }),
    ).toThrow(/year 10000/);
  });

  it('names the row of a number Stata cannot hold, counted across chunks, before any byte', async () => {
    const values = Float64Array.of(1, 2, 3, 4, Infinity, 6);
    const data = chunkedOf({ n: 6, columns: new Map([['w', numberColumn(values)]]) }, 2);
    const parts: Part[] = [];
    await problem(async () => {
      for await (const part of writeChunked(dtaWriter(data.shape, options), data)) parts.push(part);
    }, /^Column 'w' holds Infinity in row 5; a Stata file cannot store it as a number/);
    expect(parts).toEqual([]);
  });
});
