// Parquet files read back by a reader independent of the writer: parquet-wasm, the Rust arrow-rs
// Parquet implementation compiled to WebAssembly (its Node build, `parquet-wasm/node`), whose
// Arrow table comes to JavaScript as an Arrow IPC stream read by apache-arrow. hyparquet, in
// write-parquet.test.ts, is by the writer's own authors; this is the check that does not share
// their code. Compared exactly with the source: row count, column names, Arrow types (which
// arrow-rs derives from the Parquet physical and logical types, as no Arrow schema is written)
// and nullability, every value and null, Cyrillic text, the 0/1 option columns, row groups, and
// the footer's created_by and key-value metadata (parquet-wasm's `ParquetFile` reads the footer;
// arrow-rs also copies the key-value pairs into the Arrow schema's metadata).
//
// Not checked here: min/max statistics (parquet-wasm 0.8 exposes none). A file without rows is
// read too (the last test), its footer mended by the writer.
import { tableFromIPC, type Table } from 'apache-arrow';
import { Compression, Encoding, ParquetFile, readParquet } from 'parquet-wasm/node';
import { describe, expect, it } from 'vitest';
import {
  numberColumn,
  textColumn,
  type Column,
  type Dataset,
  type MultipleColumn,
} from '../../analysis/dataset.js';
import { fixture, longText } from '../sav/fixture.test-helper.js';
import { writeParquet, type ParquetOptions } from './write-parquet.js';

function bytesOf(data: Dataset, options: ParquetOptions): Uint8Array {
  return new Uint8Array(Buffer.concat([...writeParquet(data, options)]));
}

/** The whole file, or the row groups asked for, as an apache-arrow table. */
function arrowTable(bytes: Uint8Array, rowGroups?: number[]): Table {
  return tableFromIPC(readParquet(bytes, rowGroups ? { rowGroups } : null).intoIPCStream());
}

async function footerOf(bytes: Uint8Array) {
  const file = await ParquetFile.fromFile(new Blob([bytes]));
  return file.metadata();
}

/** A column's cells, null where the reader found no value. */
function cells(table: Table, name: string): unknown[] {
  const vector = table.getChild(name);
  if (!vector) throw new Error(`no column ${name}`);
  return [...vector];
}

/** Each field as [name, Arrow type, nullable]. */
function fields(table: Table): [string, string, boolean][] {
  return table.schema.fields.map((f) => [f.name, String(f.type), f.nullable]);
}

describe('writeParquet read back by parquet-wasm (arrow-rs)', () => {
  it('keeps every value, null and Cyrillic text, a 0/1 column per option', () => {
    const table = arrowTable(bytesOf(fixture(), { language: 'ru' }));
    expect(table.numRows).toBe(6);
    expect(fields(table)).toEqual([
      ['id', 'Int32', true],
      ['gender', 'Int32', true],
      ['satisfaction', 'Int32', true],
      ['household income', 'Float64', true],
      ['2022 moved', 'Float64', true],
      ['город', 'Utf8', true],
      ['comment', 'Utf8', true],
      ['reasons_money', 'Int32', true],
      ['reasons_safety', 'Int32', true],
      ['reasons_war', 'Int32', true],
      ['Q1', 'Int32', true],
      ['q1', 'Int32', true],
    ]);
    expect(cells(table, 'id')).toEqual([1, 2, 3, 4, 5, 6]);
    // Declared missing codes stay as codes; no answer is null.
    expect(cells(table, 'gender')).toEqual([1, 2, 99, null, 2, 1]);
    expect(cells(table, 'satisfaction')).toEqual([5, 1, 3, 96, 97, null]);
    expect(cells(table, 'household income')).toEqual([1234.5, -3.25, 1e6, 0, -99, 151]);
    expect(cells(table, '2022 moved')).toEqual([152, -100, 0.125, 1 / 3, 2022, null]);
    expect(cells(table, 'город')).toEqual(['Тбилиси', 'Ереван', null, 'Белград', 'Tbilisi', '']);
    expect(cells(table, 'comment')).toEqual([
      longText,
      'коротко',
      null,
      'short',
      longText.slice(0, 200),
      'x',
    ]);
    // Rows: money+war, safety, nothing chosen, not answered, all three, war.
    expect(cells(table, 'reasons_money')).toEqual([1, 0, 0, null, 1, 0]);
    expect(cells(table, 'reasons_safety')).toEqual([0, 1, 0, null, 1, 0]);
    expect(cells(table, 'reasons_war')).toEqual([1, 0, 0, null, 1, 1]);
    expect(cells(table, 'Q1')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(cells(table, 'q1')).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('keeps INT32 bounds, numbers beyond them, infinities, -0 and the smallest double', () => {
    const wide = Float64Array.of(2 ** 31, 2 ** 53, -0, Infinity, -Infinity, NaN, 5e-324, 0.1);
    const bounds = Float64Array.of(-(2 ** 31), 2 ** 31 - 1, NaN, 0, -1, 1, 7, 8);
    const columns = new Map<string, Column>([
      ['wide', numberColumn(wide)],
      ['bounds', numberColumn(bounds)],
    ]);
    const table = arrowTable(bytesOf({ n: 8, columns }, { language: 'en' }));
    expect(fields(table)).toEqual([
      ['wide', 'Float64', true],
      ['bounds', 'Int32', true],
    ]);
    const read = cells(table, 'wide');
    expect(read).toEqual([2 ** 31, 2 ** 53, -0, Infinity, -Infinity, null, 5e-324, 0.1]);
    expect(Object.is(read[2], -0)).toBe(true);
    expect(cells(table, 'bounds')).toEqual([-(2 ** 31), 2 ** 31 - 1, null, 0, -1, 1, 7, 8]);
  });

  it('writes created_by and the key-value metadata the footer holds, in order', async () => {
    const bytes = bytesOf(fixture(), { language: 'ru' });
    const footer = (await footerOf(bytes)).fileMetadata();
    expect(footer.createdBy()).toBe('Longitude version 0.1.0');
    expect(footer.numRows()).toBe(6);
    const kv = footer.keyValueMetadata() as Map<string, string>;
    expect([...kv.keys()]).toEqual([
      'longitude.language',
      ...[
        'id',
        'gender',
        'satisfaction',
        'household income',
        '2022 moved',
        'город',
        'comment',
        'reasons_money',
        'reasons_safety',
        'reasons_war',
        'Q1',
        'q1',
      ].map((name) => `longitude.column.${name}`),
    ]);
    expect(kv.get('longitude.language')).toBe('ru');
    // The text itself, Cyrillic unescaped, fields in the documented order.
    expect(kv.get('longitude.column.reasons_war')).toBe(
      '{"name":"reasons_war","label":"Причины отъезда: Война","labels":{"en":"Reasons for leaving: ' +
        'The war","ru":"Причины отъезда: Война"},"measure":"nominal","option":{"item":"reasons",' +
        '"code":3,"name":"war","label":"Война","labels":{"en":"The war","ru":"Война"}}}',
    );
    const documents = Object.fromEntries(
      [...kv]
        .filter(([key]) => key !== 'longitude.language')
        .map(([key, value]) => [key.slice('longitude.column.'.length), JSON.parse(value)]),
    );
    const option = (name: string, code: number, en: string, ru: string) => ({
      name: `reasons_${name}`,
      label: `Причины отъезда: ${ru}`,
      labels: { en: `Reasons for leaving: ${en}`, ru: `Причины отъезда: ${ru}` },
      measure: 'nominal',
      option: { item: 'reasons', code, name, label: ru, labels: { en, ru } },
    });
    expect(documents).toEqual({
      id: {
        name: 'id',
        label: 'Респондент',
        labels: { en: 'Respondent', ru: 'Респондент' },
        measure: 'nominal',
      },
      gender: {
        name: 'gender',
        label: 'Пол',
        labels: { en: 'Gender', ru: 'Пол' },
        measure: 'nominal',
        kind: 'select_one',
        valueLabels: [
          { code: 1, name: 'male', label: 'Мужчина', labels: { en: 'Man', ru: 'Мужчина' } },
          { code: 2, name: 'female', label: 'Женщина', labels: { en: 'Woman', ru: 'Женщина' } },
          {
            code: 98,
            name: 'refused',
            label: 'Отказ',
            labels: { en: 'Refused', ru: 'Отказ' },
            missing: true,
          },
          {
            code: 99,
            name: 'dk',
            label: 'Не знаю',
            labels: { en: "Don't know", ru: 'Не знаю' },
            missing: true,
          },
        ],
        missingCodes: [98, 99],
      },
      satisfaction: {
        name: 'satisfaction',
        label: 'Удовлетворённость',
        labels: { en: 'Satisfaction', ru: 'Удовлетворённость' },
        measure: 'ordinal',
        valueLabels: [
          { code: 1, label: 'Совсем нет', labels: { en: 'Not at all', ru: 'Совсем нет' } },
          { code: 5, label: 'Полностью', labels: { en: 'Completely', ru: 'Полностью' } },
          {
            code: 96,
            name: 'na',
            label: 'Неприменимо',
            labels: { en: 'Not applicable', ru: 'Неприменимо' },
            missing: true,
          },
          {
            code: 97,
            name: 'dk',
            label: 'Не знаю',
            labels: { en: "Don't know", ru: 'Не знаю' },
            missing: true,
          },
          {
            code: 98,
            name: 'refused',
            label: 'Отказ',
            labels: { en: 'Refused', ru: 'Отказ' },
            missing: true,
          },
          {
            code: 99,
            name: 'skip',
            label: 'Пропуск',
            labels: { en: 'Skipped', ru: 'Пропуск' },
            missing: true,
          },
        ],
        missingCodes: [96, 97, 98, 99],
      },
      'household income': {
        name: 'household income',
        label: 'Доход семьи',
        labels: { en: 'Household income', ru: 'Доход семьи' },
        measure: 'scale',
      },
      '2022 moved': { name: '2022 moved', measure: 'scale' },
      город: {
        name: 'город',
        label: 'Город',
        labels: { en: 'City', ru: 'Город' },
        measure: 'nominal',
      },
      comment: {
        name: 'comment',
        label: 'Комментарий',
        labels: { en: 'Comment', ru: 'Комментарий' },
        measure: 'nominal',
      },
      reasons_money: option('money', 1, 'Money', 'Деньги'),
      reasons_safety: option('safety', 2, 'Safety', 'Безопасность'),
      reasons_war: option('war', 3, 'The war', 'Война'),
      Q1: { name: 'Q1', measure: 'scale' },
      q1: { name: 'q1', measure: 'scale' },
    });
    // arrow-rs hands the same pairs on as the Arrow schema's metadata (unordered there).
    const schemaMetadata = arrowTable(bytes).schema.metadata;
    expect(new Map([...schemaMetadata].sort())).toEqual(new Map([...kv].sort()));
  });
});

const towns = ['Москва', 'Тбилиси', '', null, 'Ереван', 'Алматы'] as const;

/** Rows of every kind: whole ids, decimals with nulls, Cyrillic towns, a multiple choice. */
function manyRows(n: number): Dataset {
  const left: MultipleColumn = {
    type: 'multiple',
    options: [
      { code: 1, name: 'work', label: { en: 'Work', ru: 'Работа' } },
      { code: 2, name: 'family', label: { en: 'Family', ru: 'Семья' } },
    ],
    chosen: new Uint8Array(n * 2),
    answered: new Uint8Array(n),
    info: { label: { en: 'Why', ru: 'Почему' }, measure: 'nominal' },
  };
  for (let i = 0; i < n; i++) {
    if (i % 9 === 4) continue;
    left.answered[i] = 1;
    left.chosen[i * 2] = i & 1;
    left.chosen[i * 2 + 1] = (i >> 1) & 1;
  }
  return {
    n,
    columns: new Map<string, Column>([
      ['id', numberColumn(Float64Array.from({ length: n }, (_, i) => i + 1))],
      [
        'weight',
        numberColumn(Float64Array.from({ length: n }, (_, i) => (i % 3 ? (i % 1000) / 16 : NaN))),
      ],
      ['town', textColumn(Array.from({ length: n }, (_, i) => towns[i % towns.length] ?? null))],
      ['left', left],
    ]),
  };
}

/** What the file should hold for row i of manyRows. */
function manyRowsRow(i: number) {
  const answered = i % 9 !== 4;
  return {
    id: i + 1,
    weight: i % 3 ? (i % 1000) / 16 : null,
    town: towns[i % towns.length] ?? null,
    left_work: answered ? i & 1 : null,
    left_family: answered ? (i >> 1) & 1 : null,
  };
}

describe('writeParquet read back by parquet-wasm: row groups', () => {
  it('reads every value of three row groups, each group on its own too', async () => {
    const n = 25_000;
    const bytes = bytesOf(manyRows(n), { language: 'ru', rowGroupSize: 10_000 });
    const metadata = await footerOf(bytes);
    expect(metadata.rowGroups().map((g) => g.numRows())).toEqual([10_000, 10_000, 5_000]);
    expect(metadata.fileMetadata().numRows()).toBe(n);
    for (const group of metadata.rowGroups())
      for (const chunk of group.columns())
        expect(Compression[chunk.compression()], chunk.columnPath().join('.')).toBe('SNAPPY');
    // The towns repeat, so their chunks are dictionary-encoded: arrow-rs decodes the dictionary.
    const town = metadata.rowGroup(0).column(2);
    expect(town.columnPath()).toEqual(['town']);
    expect(town.encodings().map((e) => Encoding[e])).toContain('RLE_DICTIONARY');

    const table = arrowTable(bytes);
    expect(table.numRows).toBe(n);
    expect(fields(table)).toEqual([
      ['id', 'Int32', true],
      ['weight', 'Float64', true],
      ['town', 'Utf8', true],
      ['left_work', 'Int32', true],
      ['left_family', 'Int32', true],
    ]);
    const expected = Array.from({ length: n }, (_, i) => manyRowsRow(i));
    for (const name of ['id', 'weight', 'town', 'left_work', 'left_family'] as const)
      expect(cells(table, name), name).toEqual(expected.map((r) => r[name]));

    // The last group alone: rows 20,001 to 25,000.
    const last = arrowTable(bytes, [2]);
    expect(last.numRows).toBe(5_000);
    expect(last.get(0)!.toJSON()).toEqual(manyRowsRow(20_000));
    expect(cells(last, 'id')).toEqual(expected.slice(20_000).map((r) => r.id));
  });

  // A dataset without rows gives a file with no row group. hyparquet-writer 0.17 writes the
  // footer's empty list of row groups with element type 0, which arrow-rs refuses ("list element
  // type"); the writer mends that byte to the struct type (empty-footer.ts).
  it('reads a file without rows: no row, every column with its type', async () => {
    const columns = new Map<string, Column>([
      ['age', numberColumn(new Float64Array(0))],
      ['income', numberColumn(new Float64Array(0), [], { measure: 'scale' })],
      ['city', textColumn([])],
    ]);
    const bytes = bytesOf({ n: 0, columns }, { language: 'en' });
    const table = arrowTable(bytes);
    expect(table.numRows).toBe(0);
    // With no value to say otherwise, a number column is INT32.
    expect(fields(table)).toEqual([
      ['age', 'Int32', true],
      ['income', 'Int32', true],
      ['city', 'Utf8', true],
    ]);
    const footer = await footerOf(bytes);
    expect(footer.numRowGroups()).toBe(0);
    expect(footer.fileMetadata().numRows()).toBe(0);
  });
});
