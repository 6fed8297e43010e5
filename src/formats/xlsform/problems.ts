/**
 * What the importer found, row by row. Nothing in a form is dropped without one of these:
 * - `error`: the form cannot be imported as it is (the questionnaire would fail its check);
 * - `not-imported`: something Longitude has no place for was left out (a repeat, a location,
 *   an unsupported function); the rest is still written;
 * - `note`: something without effect in Longitude (an appearance), or an assumption made.
 */
export type XlsformProblemKind = 'error' | 'not-imported' | 'note';

export interface XlsformProblem {
  /** survey, choices, settings, or another sheet's name. */
  sheet: string;
  /** The spreadsheet row; absent when the problem is about the whole sheet. */
  row?: number;
  /** The column's header as written in the form. */
  column?: string;
  kind: XlsformProblemKind;
  /** A stable word for machines: `repeat`, `media`, `unsupported-function`, `check`... */
  code: string;
  message: string;
}

/** `FORM.xlsx:survey:12 [relevant] sentence` */
export function formatXlsformProblem(file: string, p: XlsformProblem): string {
  const row = p.row !== undefined ? `:${p.row}` : '';
  const column = p.column !== undefined ? ` [${p.column}]` : '';
  return `${file}:${p.sheet}${row}${column} ${p.message}`;
}

const sheetOrder = ['settings', 'survey', 'choices'];

/** In the order a reader meets them: settings, survey, choices, other sheets; then by row. */
export function sortXlsformProblems(problems: readonly XlsformProblem[]): XlsformProblem[] {
  const rank = (sheet: string): number => {
    const i = sheetOrder.indexOf(sheet);
    return i === -1 ? sheetOrder.length : i;
  };
  return problems
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        rank(a.p.sheet) - rank(b.p.sheet) ||
        a.p.sheet.localeCompare(b.p.sheet) ||
        (a.p.row ?? 0) - (b.p.row ?? 0) ||
        a.i - b.i,
    )
    .map(({ p }) => p);
}

/** Collects problems for one sheet at a time. */
export class ProblemList {
  readonly all: XlsformProblem[] = [];

  add(p: XlsformProblem): void {
    this.all.push(p);
  }
  error(at: Place, code: string, message: string): void {
    this.all.push({ ...at, kind: 'error', code, message });
  }
  notImported(at: Place, code: string, message: string): void {
    this.all.push({ ...at, kind: 'not-imported', code, message });
  }
  note(at: Place, code: string, message: string): void {
    this.all.push({ ...at, kind: 'note', code, message });
  }
  count(kind: XlsformProblemKind): number {
    return this.all.filter((p) => p.kind === kind).length;
  }
}

export interface Place {
  sheet: string;
  row?: number;
  column?: string;
}
