// Parquet files read back by a second reader, hyparquet (a reader of its own, not the writer's
// code), and compared with the source: values, nulls, Cyrillic, the schema's types and the
// key-value metadata. R's arrow package would be a third reader; it is not in Debian, so no
// test uses it.
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import {
  numberColumn,
  textColumn,
  type Column,
  type Dataset,
  type MultipleColumn,
} from '../../analysis/dataset.js';
import { fixture, longText } from '../sav/fixture.test-helper.js';
import { ParquetError } from './errors.js';
import type { ColumnMetadata } from './metadata.js';
import { writeParquet, type ParquetOptions } from './write-parquet.js';

function fileOf(data: Dataset, options: ParquetOptions): ArrayBuffer {
  const bytes = Buffer.concat([...writeParquet(data, options)]);
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
}

async function read(file: ArrayBuffer): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file });
}

function columnMetadata(file: ArrayBuffer): Map<string, ColumnMetadata> {
  const kv = parquetMetadata(file).key_value_metadata ?? [];
  return new Map(
    kv
      .filter((e) => e.key.startsWith('longitude.column.'))
      .map((e) => [
        e.key.slice('longitude.column.'.length),
        JSON.parse(e.value!) as ColumnMetadata,
      ]),
  );
}

describe('writeParquet read back by hyparquet', () => {
  it('keeps values, nulls and Cyrillic text, a 0/1 column per option', async () => {
    const file = fileOf(fixture(), { language: 'ru' });
    const rows = await read(file);
    expect(rows).toHaveLength(6);
    expect(Object.keys(rows[0]!)).toEqual([
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
    ]);
    const col = (name: string) => rows.map((r) => r[name]);
    expect(col('id')).toEqual([1, 2, 3, 4, 5, 6]);
    // Declared missing codes stay as codes; NaN (no answer) is null.
    expect(col('gender')).toEqual([1, 2, 99, null, 2, 1]);
    expect(col('satisfaction')).toEqual([5, 1, 3, 96, 97, null]);
    expect(col('household income')).toEqual([1234.5, -3.25, 1e6, 0, -99, 151]);
    expect(col('2022 moved')).toEqual([152, -100, 0.125, 1 / 3, 2022, null]);
    // An empty text stays empty; a missing one is null.
    expect(col('город')).toEqual(['Тбилиси', 'Ереван', null, 'Белград', 'Tbilisi', '']);
    expect(col('comment')).toEqual([
      longText,
      'коротко',
      null,
      'short',
      longText.slice(0, 200),
      'x',
    ]);
    // Rows: money+war, safety, nothing chosen, not answered, all three, war.
    expect(col('reasons_money')).toEqual([1, 0, 0, null, 1, 0]);
    expect(col('reasons_safety')).toEqual([0, 1, 0, null, 1, 0]);
    expect(col('reasons_war')).toEqual([1, 0, 0, null, 1, 1]);
    expect(col('Q1')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(col('q1')).toEqual([6, 5, 4, 3, 2, 1]);
  });

  it('types whole numbers as INT32, others as DOUBLE, text as UTF-8; all nullable', () => {
    const meta = parquetMetadata(fileOf(fixture(), { language: 'en' }));
    expect(meta.created_by).toBe('Longitude version 0.1.0');
    expect(Number(meta.num_rows)).toBe(6);
    const types = Object.fromEntries(
      meta.schema.slice(1).map((e) => [e.name, [e.type, e.converted_type, e.repetition_type]]),
    );
    expect(types).toEqual({
      id: ['INT32', undefined, 'OPTIONAL'],
      gender: ['INT32', undefined, 'OPTIONAL'],
      satisfaction: ['INT32', undefined, 'OPTIONAL'],
      'household income': ['DOUBLE', undefined, 'OPTIONAL'],
      '2022 moved': ['DOUBLE', undefined, 'OPTIONAL'],
      город: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      comment: ['BYTE_ARRAY', 'UTF8', 'OPTIONAL'],
      reasons_money: ['INT32', undefined, 'OPTIONAL'],
      reasons_safety: ['INT32', undefined, 'OPTIONAL'],
      reasons_war: ['INT32', undefined, 'OPTIONAL'],
      Q1: ['INT32', undefined, 'OPTIONAL'],
      q1: ['INT32', undefined, 'OPTIONAL'],
    });
  });

  it('keeps numbers beyond INT32, infinities and -0 as DOUBLE', async () => {
    const columns = new Map<string, Column>([
      ['big', numberColumn(Float64Array.of(2 ** 31, 1, NaN))],
      ['low', numberColumn(Float64Array.of(-(2 ** 31), 2 ** 31 - 1, 0))],
      ['inf', numberColumn(Float64Array.of(Infinity, -Infinity, 1))],
    ]);
    const file = fileOf({ n: 3, columns }, { language: 'en' });
    const types = parquetMetadata(file)
      .schema.slice(1)
      .map((e) => e.type);
    expect(types).toEqual(['DOUBLE', 'INT32', 'DOUBLE']);
    const rows = await read(file);
    expect(rows.map((r) => r.big)).toEqual([2 ** 31, 1, null]);
    expect(rows.map((r) => r.low)).toEqual([-(2 ** 31), 2 ** 31 - 1, 0]);
    expect(rows.map((r) => r.inf)).toEqual([Infinity, -Infinity, 1]);
  });

  it('writes the labels, missing codes and measure of each column as JSON in the metadata', () => {
    const file = fileOf(fixture(), { language: 'ru' });
    const kv = parquetMetadata(file).key_value_metadata ?? [];
    expect(kv[0]).toEqual({ key: 'longitude.language', value: 'ru' });
    const meta = columnMetadata(file);
    expect([...meta.keys()]).toHaveLength(12);
    expect(meta.get('gender')).toEqual({
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
    });
    expect(meta.get('satisfaction')!.missingCodes).toEqual([96, 97, 98, 99]);
    expect(meta.get('satisfaction')!.measure).toBe('ordinal');
    expect(meta.get('household income')).toEqual({
      name: 'household income',
      label: 'Доход семьи',
      labels: { en: 'Household income', ru: 'Доход семьи' },
      measure: 'scale',
    });
    expect(meta.get('2022 moved')).toEqual({ name: '2022 moved', measure: 'scale' });
    expect(meta.get('город')!.label).toBe('Город');
    expect(meta.get('reasons_war')).toEqual({
      name: 'reasons_war',
      label: 'Причины отъезда: Война',
      labels: { en: 'Reasons for leaving: The war', ru: 'Причины отъезда: Война' },
      measure: 'nominal',
      option: {
        item: 'reasons',
        code: 3,
        name: 'war',
        label: 'Война',
        labels: { en: 'The war', ru: 'Война' },
      },
    });
  });

  it('labels in the language asked for, a choice without it by its name', () => {
    const columns = new Map<string, Column>([
      [
        'trust',
        numberColumn(
          Float64Array.of(1, 5, 9),
          [
            { code: 1, label: { en: 'None', ru: 'Нет' } },
            { code: 5, label: { ru: 'Полное' } },
            { code: 9, name: 'dk', label: { ru: 'Не знаю' }, missing: true },
          ],
          {
            label: { en: 'Trust', ru: 'Доверие' },
            measure: 'ordinal',
            kind: 'rating',
            scale: { min: 1, max: 5 },
            referencePeriod: 'now',
          },
        ),
      ],
    ]);
    const meta = columnMetadata(fileOf({ n: 3, columns }, { language: 'en' })).get('trust')!;
    expect(meta.label).toBe('Trust');
    expect(meta.scale).toEqual({ min: 1, max: 5 });
    expect(meta.referencePeriod).toBe('now');
    expect(meta.kind).toBe('rating');
    expect(meta.valueLabels).toEqual([
      { code: 1, label: 'None', labels: { en: 'None', ru: 'Нет' } },
      { code: 5, labels: { ru: 'Полное' } },
      { code: 9, name: 'dk', label: 'dk', labels: { ru: 'Не знаю' }, missing: true },
    ]);
  });

  it("keeps the dataset's names; an option column whose name is taken gets _2", async () => {
    // A multiple choice with an option `other` and the text `reasons_other` its `other: true` adds.
    const reasons: MultipleColumn = {
      type: 'multiple',
      options: [
        { code: 1, name: 'money' },
        { code: 2, name: 'other' },
      ],
      chosen: Uint8Array.of(0, 1, 1, 0),
      answered: Uint8Array.of(1, 1),
      info: { measure: 'nominal' },
    };
    const columns = new Map<string, Column>([
      ['reasons', reasons],
      ['reasons_other', textColumn(['Работа', null])],
      ['reasons_other_2', numberColumn(Float64Array.of(7, 8))],
    ]);
    const file = fileOf({ n: 2, columns }, { language: 'en' });
    expect(await read(file)).toEqual([
      { reasons_money: 0, reasons_other_3: 1, reasons_other: 'Работа', reasons_other_2: 7 },
      { reasons_money: 1, reasons_other_3: 0, reasons_other: null, reasons_other_2: 8 },
    ]);
    expect(columnMetadata(file).get('reasons_other_3')!.option).toEqual({
      item: 'reasons',
      code: 2,
      name: 'other',
      label: 'other',
    });
  });

  it('writes a dataset without rows: the schema and metadata, no row group', async () => {
    const columns = new Map<string, Column>([
      ['age', numberColumn(new Float64Array(0))],
      ['city', textColumn([])],
    ]);
    const file = fileOf({ n: 0, columns }, { language: 'en' });
    const meta = parquetMetadata(file);
    expect(meta.row_groups).toHaveLength(0);
    expect(meta.schema.slice(1).map((e) => e.name)).toEqual(['age', 'city']);
    expect(await read(file)).toEqual([]);
  });
});

describe('writeParquet: what it refuses', () => {
  it('refuses a dataset without columns and a language no label is in', () => {
    expect(() => writeParquet({ n: 0, columns: new Map() }, { language: 'en' })).toThrow(
      new ParquetError('the dataset has no columns to write'),
    );
    expect(() => writeParquet(fixture(), { language: 'de' })).toThrow(
      'no label is in the language "de"; the dataset\'s labels are in en, ru',
    );
  });

  it('refuses a column without a name', () => {
    const columns = new Map<string, Column>([['', numberColumn(Float64Array.of(1))]]);
    expect(() => writeParquet({ n: 1, columns }, { language: 'en' })).toThrow(
      'a column without a name cannot be written',
    );
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

describe('writeParquet: row groups and streaming', () => {
  it('writes row groups of the size asked for and reads back every row', async () => {
    const n = 25_000;
    const file = fileOf(bigDataset(n), { language: 'en', rowGroupSize: 10_000 });
    const meta = parquetMetadata(file);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([10_000, 10_000, 5_000]);
    const rows = await read(file);
    expect(rows).toHaveLength(n);
    expect(rows[0]).toEqual({
      id: 1,
      score: 0,
      city: 'Тбилиси',
      reasons_money: null,
      reasons_safety: null,
      reasons_war: null,
    });
    expect(rows[4]).toEqual({
      id: 5,
      score: 0.5,
      city: null,
      reasons_money: 0,
      reasons_safety: 0,
      reasons_war: 1,
    });
    expect(rows[n - 1]).toEqual({
      id: n,
      score: 999 / 8,
      city: null,
      reasons_money: 1,
      reasons_safety: 1,
      reasons_war: 1,
    });
  });

  it('sizes row groups to about 1,048,576 cells by default', () => {
    // 6 columns: 174,762 rows a group.
    const file = fileOf(bigDataset(200_000), { language: 'en' });
    expect(parquetMetadata(file).row_groups.map((g) => Number(g.num_rows))).toEqual([
      174_762, 25_238,
    ]);
  });

  it('hands out a row group before the next is read', async () => {
    const n = 30_000;
    const data = bigDataset(n);
    const id = (data.columns.get('id') as { values: Float64Array }).values;
    const chunks = writeParquet(data, { language: 'en', rowGroupSize: 10_000 });
    const first: Uint8Array[] = [];
    for (let r = chunks.next(); !r.done; r = chunks.next()) {
      first.push(r.value);
      if (first.reduce((s, c) => s + c.length, 0) > 4 + 10_000 * 8) break;
    }
    const firstCopy = first.map((c) => Uint8Array.from(c));
    // The last row is not read yet if this change shows up in the file.
    id[n - 1] = -1;
    const all = [...first, ...chunks];
    // Three row groups, each ending in a chunk of its own.
    expect(all.length).toBeGreaterThan(3);
    expect(first).toEqual(firstCopy);
    const bytes = Buffer.concat(all);
    const rows = await read(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    expect(rows[n - 1]!.id).toBe(-1);
    expect(rows[n - 2]!.id).toBe(n - 1);
  });
});
