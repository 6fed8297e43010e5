import { afterEach, describe, expect, it } from 'vitest';
import {
  numberColumn,
  textColumn,
  type Column,
  type Dataset,
  type MultipleColumn,
} from '../../analysis/dataset.js';
import { SavError } from './errors.js';
import { fixture } from './fixture.test-helper.js';
import { planSav } from './plan.js';
import { psppConvert, workFolder, writeSavFile } from './readers.test-helper.js';
import { writeSav } from './write-sav.js';

const decoder = new TextDecoder();
const bytes = (data: Dataset, options: Parameters<typeof writeSav>[1]) =>
  Buffer.concat([...writeSav(data, options)]);

describe('writeSav: the file header', () => {
  // Field by field as PSPP's "System File Format" gives the file header record (176 bytes).
  it('writes the header fields', () => {
    for (const compression of ['none', 'bytes'] as const) {
      const file = bytes(fixture(), { language: 'ru', compression, fileLabel: 'Волна 1' });
      const view = new DataView(file.buffer, file.byteOffset);
      expect(decoder.decode(file.subarray(0, 4))).toBe('$FL2');
      expect(decoder.decode(file.subarray(4, 64))).toBe(
        '@(#) SPSS DATA FILE Longitude 0.1.0'.padEnd(60),
      );
      expect(view.getInt32(64, true)).toBe(2); // layout code
      // 10 numbers, a 14-byte string (2 elements), a 1,150-byte one in segments of 255, 255,
      // 255, 255 and 1150 - 4 * 252 = 142 bytes (4 * 32 + 18 elements).
      expect(view.getInt32(68, true)).toBe(10 + 2 + 146);
      expect(view.getInt32(72, true)).toBe(compression === 'bytes' ? 1 : 0);
      expect(view.getInt32(76, true)).toBe(0); // no weight
      expect(view.getInt32(80, true)).toBe(6); // cases
      expect(view.getFloat64(84, true)).toBe(100); // bias
      expect(decoder.decode(file.subarray(92, 109))).toBe('01 Jan 7000:00:00');
      const label = Buffer.from('Волна 1', 'utf8');
      expect([...file.subarray(109, 173)]).toEqual([
        ...label,
        ...Array<number>(64 - label.length).fill(0x20),
      ]);
      expect([...file.subarray(173, 176)]).toEqual([0, 0, 0]);
      expect(view.getInt32(176, true)).toBe(2); // the first variable record
    }
  });

  it('writes the creation time given, in UTC, and the weight variable by its position', () => {
    const file = bytes(fixture(), {
      language: 'en',
      created: new Date(Date.UTC(2022, 2, 24, 9, 5, 7)),
      weight: 'q1',
    });
    expect(decoder.decode(file.subarray(92, 109))).toBe('24 Mar 2209:05:07');
    // q1 is the last variable: 157 elements come before it.
    expect(new DataView(file.buffer, file.byteOffset).getInt32(76, true)).toBe(158);
  });
});

describe('writeSav: what it refuses and what it notes', () => {
  it('refuses a dataset with no columns', () => {
    expect(() => writeSav({ n: 0, columns: new Map() }, { language: 'en' })).toThrow(
      new SavError('the dataset has no columns to write'),
    );
  });

  it('refuses a column whose name cannot be made valid, naming it, before writing anything', () => {
    const columns = new Map<string, Column>([
      ['age', numberColumn(Float64Array.of(30))],
      ['???', numberColumn(Float64Array.of(1))],
    ]);
    expect(() => writeSav({ n: 1, columns }, { language: 'en' })).toThrow(
      new SavError(
        'column "???" cannot be given an SPSS variable name: the name has no letter or digit',
        '???',
      ),
    );
  });

  it('refuses a language no label is in, a weight that is not a number, a text over 32,767 bytes', () => {
    expect(() => writeSav(fixture(), { language: 'de' })).toThrow(
      'no label is in the language "de"; the dataset\'s labels are in en, ru',
    );
    expect(() => writeSav(fixture(), { language: 'en', weight: 'город' })).toThrow(
      'the weight column "город" is not a number column',
    );
    const columns = new Map<string, Column>([['essay', textColumn(['я'.repeat(16384)])]]);
    expect(() => writeSav({ n: 1, columns }, { language: 'en' })).toThrow(
      'column "essay" has a text of 32768 bytes; SPSS strings hold at most 32767',
    );
  });

  it('notes labels it shortens to 255 bytes, cut between characters', () => {
    const columns = new Map<string, Column>([
      [
        'q',
        numberColumn(Float64Array.of(1), [], { label: { ru: 'Ж'.repeat(200) }, measure: 'scale' }),
      ],
    ]);
    const plan = planSav({ n: 1, columns }, { language: 'ru' });
    expect(plan.variables[0]!.label).toBe('Ж'.repeat(127));
    expect(plan.notes).toEqual(['the variable label of column "q" shortened to 255 bytes']);
  });
});

function bigDataset(n: number): Dataset {
  const k = 3;
  const chosen = new Uint8Array(n * k);
  const answered = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    answered[i] = i % 7 === 0 ? 0 : 1;
    if (answered[i]) for (let j = 0; j < k; j++) chosen[i * k + j] = (i >> j) & 1;
  }
  const reasons: MultipleColumn = {
    type: 'multiple',
    options: [
      { code: 1, name: 'money', label: { en: 'Money' } },
      { code: 2, name: 'safety', label: { en: 'Safety' } },
      { code: 3, name: 'war', label: { en: 'War' } },
    ],
    chosen,
    answered,
    info: { label: { en: 'Reasons' }, measure: 'nominal' },
  };
  const cities = ['Тбилиси', 'Ереван', 'Белград', 'Берлин'];
  return {
    n,
    columns: new Map<string, Column>([
      ['id', numberColumn(Float64Array.from({ length: n }, (_, i) => i + 1))],
      ['score', numberColumn(Float64Array.from({ length: n }, (_, i) => (i % 1000) / 8))],
      ['city', textColumn(Array.from({ length: n }, (_, i) => cities[i % 5] ?? null))],
      ['reasons', reasons],
    ]),
  };
}

describe('writeSav: streaming', () => {
  let done: (() => Promise<void>) | undefined;
  afterEach(async () => done?.());

  it(
    'hands out chunks while rows are still to be written: 200,000 rows',
    { timeout: 60_000 },
    async () => {
      const n = 200_000;
      const data = bigDataset(n);
      const id = (data.columns.get('id') as { values: Float64Array }).values;
      const chunkSize = 1 << 16;
      const chunks = writeSav(data, { language: 'en', compression: 'bytes', chunkSize });

      const first = chunks.next();
      expect(first.done).toBe(false);
      const firstChunk = first.value as Uint8Array;
      const firstCopy = Uint8Array.from(firstChunk);
      // The first chunk is out; the last row cannot have been written yet if this change shows up.
      id[n - 1] = -5.5;

      const rest = [...chunks];
      expect(rest.length).toBeGreaterThan(20);
      const all = [firstChunk, ...rest];
      for (const c of all.slice(0, -1)) {
        expect(c.length).toBeLessThanOrEqual(chunkSize);
        expect(c.length).toBeGreaterThan(chunkSize - 8);
      }
      // A chunk once handed out is not written to again.
      expect(firstChunk).toEqual(firstCopy);

      const folder = await workFolder();
      done = folder.done;
      const { writeFile } = await import('node:fs/promises');
      const file = `${folder.dir}/big.sav`;
      await writeFile(file, Buffer.concat(all));
      const rows = await psppConvert(folder.dir, file);
      expect(rows[0]).toEqual([
        'id',
        'score',
        'city',
        'reasons_money',
        'reasons_safety',
        'reasons_war',
      ]);
      expect(rows).toHaveLength(n + 1);
      expect(rows[1]).toEqual(['1', '0', 'Тбилиси', ' ', ' ', ' ']);
      expect(rows[2]).toEqual(['2', '0.125', 'Ереван', '1', '0', '0']);
      expect(rows[5]).toEqual(['5', '0.5', '', '0', '0', '1']);
      expect(rows[n - 1]![0]).toBe(String(n - 1));
      // Row 200,000: i = 199,999 has no city (i % 5 = 4) and its low three bits set.
      expect(rows[n]).toEqual(['-5.5', '124.875', '', '1', '1', '1']);
    },
  );

  it('writes cases uncompressed as 8 bytes an element, which PSPP reads back', async () => {
    const data = bigDataset(1000);
    const plain = bytes(data, { language: 'en', compression: 'none' });
    const fewer = bytes({ ...data, n: 999 }, { language: 'en', compression: 'none' });
    // id, score, city (14 bytes: 2 elements), three options: 7 elements a case.
    expect(plain.length - fewer.length).toBe(7 * 8);
    const folder = await workFolder();
    done = folder.done;
    const file = await writeSavFile(folder.dir, 'plain.sav', data, {
      language: 'en',
      compression: 'none',
    });
    const rows = await psppConvert(folder.dir, file);
    expect(rows).toHaveLength(1001);
    expect(rows[999]).toEqual(['999', '124.75', 'Берлин', '0', '1', '1']);
    expect(rows[1000]).toEqual(['1000', '124.875', '', '1', '1', '1']);
  });
});
