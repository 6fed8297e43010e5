import { describe, expect, it } from 'vitest';
import { columnText, datasetFromCells } from '../analysis/dataset.js';
import { readCsv } from './csv-read.js';
import { csvCell, csvLine, csvLines } from './csv-write.js';

describe('csv-write', () => {
  it('neutralises cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+7 999')).toBe("'+7 999");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
    expect(csvCell('\nx')).toBe(`"'\nx"`);
    expect(csvCell('-3')).toBe('-3');
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('quotes commas, quotes and line breaks, and writes null as an empty cell', () => {
    expect(csvLine(['a,b', 'say "hi"', 'two\nlines', null, 'Москва'])).toBe(
      '"a,b","say ""hi""","two\nlines",,Москва\r\n',
    );
  });

  it('writes a dataset that the CSV reader reads back', () => {
    const data = datasetFromCells(
      new Map<string, (string | null)[]>([
        ['id', ['1', '2']],
        ['comment', ['Да, конечно', null]],
      ]),
    );
    const text = [...csvLines(data)].join('');
    expect(text).toBe('id,comment\r\n1,"Да, конечно"\r\n2,\r\n');
    const back = readCsv(text, 'x.csv');
    expect(back.n).toBe(2);
    expect(columnText(back, 'comment')).toEqual(['Да, конечно', null]);
    expect(back.columns.get('id')!.type).toBe('number');
  });
});
