/**
 * Reads an .xlsx file (bytes in memory) into plain rows with exceljs. Cells become text as a
 * researcher sees them: numbers without trailing zeros, TRUE/FALSE as true/false, dates as
 * YYYY-MM-DD, rich text and formulas by their text and result.
 */
import ExcelJS from 'exceljs';
import { Problem } from '../../problems/problem.js';
import { sheetFromRows, type XlsformWorkbook } from './workbook.js';

export async function readXlsformWorkbook(
  data: Uint8Array,
  file: string,
): Promise<XlsformWorkbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its input as an ArrayBuffer; a copy of exactly the file's bytes is one.
    await workbook.xlsx.load(data.slice().buffer);
  } catch {
    // Old .xls files, CSV and anything else that is not an Office Open XML zip end here.
    throw new Problem(
      'input.invalid',
      `${file} is not an .xlsx workbook; save the form as .xlsx (Excel 2007 or later).`,
      { file },
    );
  }
  const sheets = workbook.worksheets.map((worksheet) => {
    const rows: { number: number; cells: string[] }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellText(cell.value);
      });
      rows.push({ number, cells: Array.from(cells, (c) => c ?? '') });
    });
    return sheetFromRows(worksheet.name, rows);
  });
  return { sheets };
}

export function cellText(value: ExcelJS.CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof Date) {
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value)
    return cellText(value.result as ExcelJS.CellValue | undefined);
  if ('hyperlink' in value) return cellText(value.text as ExcelJS.CellValue);
  return '';
}
