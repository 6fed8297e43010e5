/**
 * Writes CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * a quote or a line break). Pure: lines come out one at a time, so a caller can stream them.
 *
 * Spreadsheets run a cell that starts with = + - @, a tab or a line break as a formula, so such
 * a cell gets a leading single quote, as OWASP recommends against CSV injection
 * (https://owasp.org/www-community/attacks/CSV_Injection). A plain negative number (-3, -0.5)
 * is left as it is: it cannot hold a formula, and analyses must read it back as a number.
 */
import { cellText, type Dataset } from '../analysis/dataset.js';

const formulaStart = /^[=+\-@\t\r\n]/;
const negativeNumber = /^-\d+(\.\d+)?$/;
const needsQuotes = /[",\r\n]/;

/** One cell as written: neutralised if a spreadsheet would run it, quoted if needed. */
export function csvCell(value: string | null): string {
  if (value === null) return '';
  const safe = formulaStart.test(value) && !negativeNumber.test(value) ? `'${value}` : value;
  return needsQuotes.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One line, with its CRLF. */
export function csvLine(cells: readonly (string | null)[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/** A dataset as CSV lines: the variable names, then one line per row. */
export function* csvLines(data: Dataset): Generator<string> {
  const columns = [...data.columns.values()];
  yield csvLine([...data.columns.keys()]);
  for (let i = 0; i < data.n; i++) yield csvLine(columns.map((c) => cellText(c, i)));
}
