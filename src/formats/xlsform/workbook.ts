/**
 * An XLSForm as plain rows of text: what the importer reads, whatever spreadsheet library
 * produced it. A sheet's header is its first non-empty row; rows keep their spreadsheet numbers
 * so that every problem can name the row it comes from.
 */
export interface SheetRow {
  /** The row's number in the spreadsheet (the header is usually row 1). */
  number: number;
  /** Trimmed cell texts, one under each header cell; '' for an empty cell. */
  cells: string[];
}

export interface Sheet {
  name: string;
  header: string[];
  headerRow: number;
  rows: SheetRow[];
}

export interface XlsformWorkbook {
  sheets: Sheet[];
}

/** The sheet with this name, ignoring case and surrounding spaces, as ODK does. */
export function findSheet(workbook: XlsformWorkbook, name: string): Sheet | undefined {
  return workbook.sheets.find((s) => s.name.trim().toLowerCase() === name);
}

/** A sheet from rows of cells, the first non-empty row being the header. */
export function sheetFromRows(name: string, rows: { number: number; cells: string[] }[]): Sheet {
  const filled = rows
    .map((r) => ({ number: r.number, cells: r.cells.map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  const [head, ...rest] = filled;
  if (!head) return { name, header: [], headerRow: 1, rows: [] };
  const width = head.cells.length;
  return {
    name,
    header: head.cells,
    headerRow: head.number,
    rows: rest.map((r) => ({
      number: r.number,
      cells: Array.from({ length: width }, (_, i) => r.cells[i] ?? ''),
    })),
  };
}
