// The .sav writer over chunks of rows: the same file, byte for byte, however the rows are cut,
// and the shape's refusals before any chunk is read.
import { describe, expect, it } from 'vitest';
import { chunkedOf, shapeOf, type ChunkedDataset } from '../../analysis/chunked.js';
import {
  numberColumn,
  selectRows,
  textColumn,
  type Column,
  type Dataset,
} from '../../analysis/dataset.js';
import { writeChunked, type Part } from '../table-writer.js';
import { SavError } from './errors.js';
import { fixture, longText } from './fixture.test-helper.js';
import type { SavOptions } from './types.js';
import { savWriter, writeSav } from './write-sav.js';

const encoder = new TextEncoder();

async function chunked(data: ChunkedDataset, options: SavOptions): Promise<Buffer> {
  const parts: Part[] = [];
  for await (const part of writeChunked(savWriter(data.shape, options), data)) parts.push(part);
  return Buffer.concat(parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p)));
}

/** The fixture's rows backwards and some twice: the widest text and the decimals come late. */
function late(): Dataset {
  return selectRows(fixture(), [5, 3, 2, 5, 1, 3, 0, 4]);
}

describe('savWriter over chunks', () => {
  const cases = [
    ['the fixture', fixture],
    ['the fixture with its widest values last', late],
  ] as const;
  for (const [what, make] of cases)
    for (const compression of ['none', 'bytes'] as const)
      it(`writes ${what} as writeSav does, compression ${compression}, any chunk size`, async () => {
        const data = make();
        const options: SavOptions = { language: 'ru', compression, fileLabel: 'Волна 1' };
        const whole = Buffer.concat([...writeSav(data, options)]);
        // Numbers, labelled codes, declared missing codes (three, and four as a range), texts in
        // Cyrillic and one of 1,150 bytes (five segments), a multiple choice.
        expect(whole.includes(Buffer.from(longText.slice(0, 100)))).toBe(compression === 'none');
        for (const rows of [1, 3, data.n + 4]) {
          const got = await chunked(chunkedOf(data, rows), options);
          expect(got.equals(whole), `${rows} rows a chunk`).toBe(true);
        }
        // Small output chunks too: the compressed groups straddle them.
        const small = { ...options, chunkSize: 64 };
        const got = await chunked(chunkedOf(data, 2), small);
        expect(got.equals(Buffer.concat([...writeSav(data, small)]))).toBe(true);
      });

  it('takes a text width, a format and a missing range from every chunk', async () => {
    const n = 7;
    const data: Dataset = {
      n,
      columns: new Map<string, Column>([
        ['x', numberColumn(Float64Array.of(1, 2, 3, 4, 5, 6, 1234567.125))],
        ['t', textColumn(['a', 'b', null, 'c', 'd', 'e', 'Ж'.repeat(300)])],
      ]),
    };
    const whole = Buffer.concat([...writeSav(data, { language: 'en' })]);
    const got = await chunked(chunkedOf(data, 2), { language: 'en' });
    expect(got.equals(whole)).toBe(true);
    // F12.3 for x, a 600-byte string for t (segments of 255, 255 and 96 bytes).
    expect(whole.readInt32LE(68)).toBe(1 + 32 + 32 + 12);
  });
});

describe('savWriter refusals', () => {
  /** Chunks that fail the test if anyone reads them. */
  const unread = (data: Dataset): ChunkedDataset => ({
    shape: shapeOf(data),
    chunks: () => {
      throw new Error('a chunk was read');
    },
  });

  it('refuses the plan when it is made, before any chunk is read', () => {
    const data = unread(fixture());
    expect(() => savWriter(data.shape, { language: 'de' })).toThrow(SavError);
    expect(() => savWriter(data.shape, { language: 'de' })).toThrow(
      'no label is in the language "de"; the dataset\'s labels are in en, ru',
    );
    expect(() => savWriter(data.shape, { language: 'en', weight: 'город' })).toThrow(
      new SavError('the weight column "город" is not a number column', 'город'),
    );
    expect(() => savWriter({ n: 0, columns: new Map() }, { language: 'en' })).toThrow(
      new SavError('the dataset has no columns to write'),
    );
    const q = numberColumn(
      new Float64Array(0),
      [1, 2, 3, 4, 5, 7].map((code) => ({ code, missing: code % 2 === 1 })),
    );
    expect(() => savWriter({ n: 0, columns: new Map([['q', q]]) }, { language: 'en' })).toThrow(
      new SavError(
        'column "q" declares 4 missing codes (1, 3, 5, 7); SPSS holds at most three, or one ' +
          'range with at most one more, and other codes lie between them',
        'q',
      ),
    );
  });

  it('refuses what only the rows show while it looks at them, before any byte', async () => {
    const rows = ['short', null, 'я'.repeat(16384)];
    const data = chunkedOf({ n: 3, columns: new Map([['essay', textColumn(rows)]]) }, 1);
    const parts: Part[] = [];
    const writing = (async () => {
      for await (const part of writeChunked(savWriter(data.shape, { language: 'en' }), data))
        parts.push(part);
    })();
    await expect(writing).rejects.toThrow(
      new SavError(
        'column "essay" has a text of 32768 bytes; SPSS strings hold at most 32767',
        'essay',
      ),
    );
    expect(parts).toEqual([]);
  });
});
