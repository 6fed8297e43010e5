// The file's structure as `help dta` (format 118) lays it out, read here byte by byte; what a
// reader makes of the values is checked against haven in read-back.test.ts.
import { describe, expect, it } from 'vitest';
import { numberColumn, textColumn, type Column, type Dataset } from '../../analysis/dataset.js';
import { Problem } from '../../problems/problem.js';
import { stataTimestamp } from './header.js';
import { chunkBytes } from './rows.js';
import { surveyDataset } from './survey.test-helper.js';
import { writeDta } from './write-dta.js';

const sections = [
  '<stata_dta>',
  '<map>',
  '<variable_types>',
  '<varnames>',
  '<sortlist>',
  '<formats>',
  '<value_label_names>',
  '<variable_labels>',
  '<characteristics>',
  '<data>',
  '<strls>',
  '<value_labels>',
  '</stata_dta>',
];

function file(data: Dataset, options = { language: 'ru' }): Buffer {
  return Buffer.concat([...writeDta(data, options)]);
}

/** The 14 offsets of <map>. */
function map(bytes: Buffer): number[] {
  const at = bytes.indexOf('<map>') + 5;
  return Array.from({ length: 14 }, (_, i) => Number(bytes.readBigUInt64LE(at + 8 * i)));
}

/** The K fixed-width strings of a descriptor section. */
function strings(bytes: Buffer, tag: string, width: number, k: number): string[] {
  const at = bytes.indexOf(`<${tag}>`) + tag.length + 2;
  return Array.from({ length: k }, (_, i) => {
    const field = bytes.subarray(at + i * width, at + (i + 1) * width);
    return field.subarray(0, field.indexOf(0)).toString('utf8');
  });
}

function dataset(columns: [string, Column][], n: number): Dataset {
  return { n, columns: new Map(columns) };
}

describe('writeDta: the file', () => {
  it('writes the header of format 118, little-endian, with K, N, label and time stamp', () => {
    const bytes = file(surveyDataset(), { language: 'ru' });
    const stamped = Buffer.concat([
      ...writeDta(surveyDataset(), {
        language: 'ru',
        datasetLabel: 'Волна 1',
        timestamp: new Date('2022-03-24T09:05:00Z'),
      }),
    ]);
    const start = '<stata_dta><header><release>118</release><byteorder>LSF</byteorder><K>';
    expect(bytes.subarray(0, start.length).toString('latin1')).toBe(start);
    const k = start.length;
    expect(bytes.readUInt16LE(k)).toBe(13);
    expect(bytes.subarray(k + 2, k + 9).toString()).toBe('</K><N>');
    expect(bytes.readBigUInt64LE(k + 9)).toBe(6n);
    // No label: a 2-byte zero length; no time stamp: a 1-byte zero length.
    expect(bytes.subarray(k + 17, bytes.indexOf('</header>')).toString('hex')).toBe(
      Buffer.from('</N><label>\0\0</label><timestamp>\0</timestamp>').toString('hex'),
    );
    const label = Buffer.from('Волна 1');
    const at = stamped.indexOf('<label>') + 7;
    expect(stamped.readUInt16LE(at)).toBe(label.length);
    expect(stamped.subarray(at + 2, at + 2 + label.length).equals(label)).toBe(true);
    const stamp = stamped.indexOf('<timestamp>') + 11;
    expect(stamped[stamp]).toBe(17);
    expect(stamped.subarray(stamp + 1, stamp + 18).toString()).toBe('24 Mar 2022 09:05');
  });

  it('records in <map> where each section starts, and the end of the file', () => {
    const bytes = file(surveyDataset());
    const offsets = map(bytes);
    expect(offsets[0]).toBe(0);
    sections.forEach((tag, i) =>
      expect(bytes.subarray(offsets[i]!, offsets[i]! + tag.length).toString(), tag).toBe(tag),
    );
    expect(offsets[13]).toBe(bytes.length);
    expect(bytes.subarray(bytes.length - 12).toString()).toBe('</stata_dta>');
  });

  it('gives each variable its type, name, format, value-label name and label', () => {
    const bytes = file(surveyDataset());
    const k = 13;
    const at = bytes.indexOf('<variable_types>') + 16;
    const types = Array.from({ length: k }, (_, i) => bytes.readUInt16LE(at + 2 * i));
    // id byte, gender byte, trust byte, trust_w2 byte, income double, count int, population
    // long, city str14 (Тбилиси: 14 bytes), comment strL, note str2045, three option bytes.
    expect(types).toEqual([
      65530, 65530, 65530, 65530, 65526, 65529, 65528, 14, 32768, 2045, 65530, 65530, 65530,
    ]);
    expect(strings(bytes, 'varnames', 129, k).slice(0, 4)).toEqual([
      'id',
      'gender',
      'trust',
      'trust_w2',
    ]);
    expect(strings(bytes, 'formats', 57, k)).toEqual([
      '%8.0g',
      '%8.0g',
      '%8.0g',
      '%8.0g',
      '%10.0g',
      '%8.0g',
      '%12.0g',
      '%14s',
      '%9s',
      '%2045s',
      '%8.0g',
      '%8.0g',
      '%8.0g',
    ]);
    // trust and trust_w2 have the same labels: one table, named after the first.
    expect(strings(bytes, 'value_label_names', 129, k).slice(0, 5)).toEqual([
      '',
      'gender',
      'trust',
      'trust',
      '',
    ]);
    expect(bytes.toString('latin1').split('<lbl>').length - 1).toBe(2);
    expect(strings(bytes, 'variable_labels', 321, k)[1]).toBe('Пол');
    // Not sorted: K + 1 zeros.
    const sort = bytes.indexOf('<sortlist>') + 10;
    expect(bytes.subarray(sort, sort + 2 * (k + 1)).every((b) => b === 0)).toBe(true);
    expect(bytes.indexOf('</sortlist>')).toBe(sort + 2 * (k + 1));
  });

  it('writes a long text once, where it first occurs, and refers back to it', () => {
    const long = 'Ж'.repeat(1100);
    const bytes = file(
      dataset(
        [
          ['id', numberColumn(Float64Array.from([1, 2, 3, 4]))],
          ['story', textColumn([null, long, '', long])],
        ],
        4,
      ),
    );
    const data = bytes.indexOf('<data>') + 6;
    // Rows of 9 bytes: id (byte), then (v,o) as 2 + 6 bytes.
    const vo = (row: number) => {
      const at = data + row * 9 + 1;
      return [bytes.readUInt16LE(at), bytes.readUIntLE(at + 2, 6)];
    };
    expect([vo(0), vo(1), vo(2), vo(3)]).toEqual([
      [0, 0],
      [2, 2],
      [0, 0],
      [2, 2],
    ]);
    const strls = bytes.subarray(bytes.indexOf('<strls>') + 7, bytes.indexOf('</strls>'));
    expect(strls.subarray(0, 3).toString()).toBe('GSO');
    expect(strls.readUInt32LE(3)).toBe(2);
    expect(Number(strls.readBigUInt64LE(7))).toBe(2);
    expect(strls[15]).toBe(130);
    expect(strls.readUInt32LE(16)).toBe(2201);
    expect(strls.subarray(20, 20 + 2200).toString()).toBe(long);
    expect(strls.length).toBe(20 + 2201);
  });

  it('writes GSOs in the order of <data>: by observation, then by variable', () => {
    const a = 'a'.repeat(3000);
    const b = 'b'.repeat(3000);
    const bytes = file(
      dataset(
        [
          ['first', textColumn([null, a])],
          ['second', textColumn([b, a])],
        ],
        2,
      ),
    );
    const strls = bytes.subarray(bytes.indexOf('<strls>') + 7, bytes.indexOf('</strls>'));
    const gsos: [number, number][] = [];
    for (let at = 0; at < strls.length; at += 20 + strls.readUInt32LE(at + 16))
      gsos.push([strls.readUInt32LE(at + 3), Number(strls.readBigUInt64LE(at + 7))]);
    expect(gsos).toEqual([
      [2, 1],
      [1, 2],
      [2, 2],
    ]);
  });

  it('streams rows in chunks of at most 64 KiB', () => {
    const n = 50_000;
    const chunks = [
      ...writeDta(
        dataset(
          [
            ['x', numberColumn(Float64Array.from({ length: n }, (_, i) => i / 3))],
            ['y', numberColumn(Float64Array.from({ length: n }, (_, i) => i))],
          ],
          n,
        ),
        { language: 'en' },
      ),
    ];
    const total = chunks.reduce((sum, c) => sum + c.length, 0);
    expect(total).toBeGreaterThan(n * 12);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(chunkBytes);
    expect(chunks.length).toBeGreaterThan((n * 12) / chunkBytes);
  });

  it('writes the time stamp as dd Mon yyyy hh:mm in UTC', () => {
    expect(stataTimestamp(new Date('2032-07-04T04:23:59Z'))).toBe('04 Jul 2032 04:23');
    expect(stataTimestamp(new Date('2017-03-10T14:23:00Z'))).toBe('10 Mar 2017 14:23');
    expect(() => stataTimestamp(new Date('not a date'))).toThrow(/is not a valid date/);
    expect(() => stataTimestamp(new Date('+010000-01-01T00:00:00Z'))).toThrow(/year 10000/);
  });
});

describe('writeDta: refusals, before any byte', () => {
  const refused = (data: Dataset, message: RegExp) => {
    let error: unknown;
    try {
      writeDta(data, { language: 'ru' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).code).toBe('input.invalid');
    expect((error as Problem).message).toMatch(message);
  };
  const one = Float64Array.from([1]);

  it('refuses a dataset without columns or variables', () => {
    refused(
      dataset([], 0),
      /^The dataset has no columns; a Stata file needs at least one variable/,
    );
    refused(
      dataset(
        [
          [
            'empty',
            {
              type: 'multiple',
              options: [],
              chosen: new Uint8Array(0),
              answered: Uint8Array.from([1]),
              info: { measure: 'nominal' },
            },
          ],
        ],
        1,
      ),
      /only multiple-choice columns without options/,
    );
  });

  it('refuses a column whose name cannot become a Stata name, naming it', () => {
    refused(
      dataset(
        [
          ['id', numberColumn(one)],
          ['возраст', numberColumn(one)],
        ],
        1,
      ),
      /^Column 'возраст' cannot be named in a Stata file/,
    );
    refused(dataset([['***', numberColumn(one)]], 1), /^Column '\*\*\*' cannot be named/);
    refused(
      dataset(
        [
          [
            'reasons',
            {
              type: 'multiple',
              options: [{ code: 1, name: 'деньги' }],
              chosen: Uint8Array.from([1]),
              answered: Uint8Array.from([1]),
              info: { measure: 'nominal' },
            },
          ],
        ],
        1,
      ),
      /^Option 'деньги' of column 'reasons' cannot be named/,
    );
  });

  it('refuses numbers Stata cannot hold and more than 26 missing codes, naming the column', () => {
    refused(
      dataset([['weight', numberColumn(Float64Array.from([1, Infinity]))]], 2),
      /^Column 'weight' holds Infinity in row 2; a Stata file cannot store it as a number/,
    );
    refused(
      dataset([['weight', numberColumn(Float64Array.from([2 ** 1023]))]], 1),
      /^Column 'weight' holds 8\.98846567431158e\+307 in row 1/,
    );
    const codes = Array.from({ length: 27 }, (_, i) => ({ code: 100 + i, missing: true }));
    refused(
      dataset([['q', numberColumn(one, codes)]], 1),
      /^Column 'q' declares more than 26 missing codes/,
    );
  });
});
