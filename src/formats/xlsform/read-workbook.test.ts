import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../problems/problem.js';
import { cellText, readXlsformWorkbook } from './read-workbook.js';
import { findSheet } from './workbook.js';

describe('reading an .xlsx file', () => {
  it('gives each sheet its header and rows of text, with the spreadsheet row numbers', async () => {
    const workbook = new ExcelJS.Workbook();
    const survey = workbook.addWorksheet('Survey');
    survey.addRow(['type', 'name', 'label', 'required']);
    survey.addRow([]);
    survey.addRow(['integer', 'age', { richText: [{ text: 'Your ' }, { text: 'age' }] }, true]);
    survey.addRow(['date', 'when', 'When?', { formula: 'IF(1=1,"yes","no")', result: 'yes' }]);
    survey.getCell('E4').value = 'beyond the header';
    workbook.addWorksheet('settings').addRow(['version', 'today']).commit();
    workbook.getWorksheet('settings')!.addRow([2022030101, new Date('2022-02-24T00:00:00Z')]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());

    const read = await readXlsformWorkbook(bytes, 'form.xlsx');
    expect(read.sheets.map((s) => s.name)).toEqual(['Survey', 'settings']);
    const sheet = findSheet(read, 'survey')!;
    expect(sheet.header).toEqual(['type', 'name', 'label', 'required']);
    expect(sheet.rows).toEqual([
      { number: 3, cells: ['integer', 'age', 'Your age', 'true'] },
      { number: 4, cells: ['date', 'when', 'When?', 'yes'] },
    ]);
    expect(findSheet(read, 'settings')!.rows[0]!.cells).toEqual(['2022030101', '2022-02-24']);
  });

  it('turns cell values into the text a researcher sees', () => {
    expect(cellText(1.5)).toBe('1.5');
    expect(cellText(null)).toBe('');
    expect(cellText(new Date('2022-02-24T10:30:00Z'))).toBe('2022-02-24T10:30:00.000Z');
    expect(cellText({ text: 'site', hyperlink: 'https://example.org' })).toBe('site');
    expect(cellText({ error: '#N/A' } as ExcelJS.CellErrorValue)).toBe('');
  });

  it('refuses a file that is not an .xlsx workbook, naming it', async () => {
    const read = readXlsformWorkbook(new TextEncoder().encode('type,name\n'), 'form.csv');
    await expect(read).rejects.toThrow(Problem);
    await expect(read).rejects.toThrow(
      'form.csv is not an .xlsx workbook; save the form as .xlsx (Excel 2007 or later).',
    );
  });
});
