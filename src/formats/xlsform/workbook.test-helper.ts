// Builds XLSForm workbooks for tests: sheets as arrays of rows, the first row the header.
import ExcelJS from 'exceljs';
import { readXlsformWorkbook } from './read-workbook.js';
import type { XlsformWorkbook } from './workbook.js';

export type Cells = (string | number | boolean | null)[][];

/** The .xlsx file's bytes, written by exceljs. */
export async function xlsxBytes(sheets: Record<string, Cells>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const [name, rows] of Object.entries(sheets)) {
    const sheet = workbook.addWorksheet(name);
    for (const row of rows) sheet.addRow(row);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** The workbook as the importer sees it, after a round trip through an .xlsx file. */
export async function xlsform(sheets: Record<string, Cells>): Promise<XlsformWorkbook> {
  return readXlsformWorkbook(await xlsxBytes(sheets), 'form.xlsx');
}
