/**
 * A dataset as CSV for spreadsheets and statistics programs: with codes (a choice's code, a
 * rating's point, numbers as they are) or with labels (a choice's label in the chosen language);
 * a multiple choice as one 0/1 column per option (empty where the item was not answered), named
 * as the other formats name them (`item_option`, option-names.ts). Cells a spreadsheet would run
 * as formulas are neutralised (csv-write.ts).
 *
 * `csvWriter` is a `TableWriter` (table-writer.ts): the header line in `head`, each chunk's lines
 * in `rows`, built into a few long strings per chunk. A label's cell text is made once per code,
 * a text's once per level, so that a row costs no more than its cells' concatenation.
 */
import { shapeOf } from '../analysis/chunked.js';
import type { Dataset, ValueLabel } from '../analysis/dataset.js';
import type { TableWriter } from './table-writer.js';
import { csvCell, csvLine } from './csv-write.js';
import { fileColumns } from './option-names.js';

export interface CsvExportOptions {
  /** Labels instead of codes. */
  labels?: boolean;
  /** The language of labels (a label missing in it falls back to the first one given). */
  language: string;
  /** A byte-order mark first, for spreadsheet programs that guess the encoding otherwise. */
  bom?: boolean;
}

function say(label: ValueLabel, language: string): string {
  if (!label.label) return label.name ?? String(label.code);
  return label.label[language] ?? Object.values(label.label)[0] ?? label.name ?? String(label.code);
}

/** The text of the whole numbers 0 to 1023, the codes of most cells. */
const smallWholes = Array.from({ length: 1024 }, (_, v) => String(v));

/** A number as a cell: as `csvCell(String(v))`, with the check skipped where it cannot apply. */
function numberCell(v: number): string {
  if (v >= 0 && v < 1024 && (v | 0) === v) return smallWholes[v]!;
  const s = String(v);
  // Only a leading minus can make a number's text formula-like (`-1e-7`, `-Infinity`).
  return s.charCodeAt(0) === 45 ? csvCell(s) : s;
}

/**
 * How one dataset column becomes cells: a number's labels' cells by code (none when codes are
 * written), a multiple choice's 0/1 cells by pattern of options chosen, as met.
 */
type Plan =
  | { type: 'number'; name: string; dense: (string | undefined)[]; sparse: Map<number, string> }
  | { type: 'text'; name: string }
  | { type: 'multiple'; name: string; k: number; unanswered: string; patterns: string[] };

/** The largest code kept in an array rather than a map. */
const denseCodes = 4096;

function plan(name: string, shape: Dataset, o: CsvExportOptions): Plan | undefined {
  const c = shape.columns.get(name)!;
  switch (c.type) {
    case 'number': {
      const dense: (string | undefined)[] = [];
      const sparse = new Map<number, string>();
      if (o.labels)
        for (const l of c.labels) {
          // A code labelled twice takes its last label, as a Map of them does.
          const cell = csvCell(say(l, o.language));
          sparse.set(l.code, cell);
          if (Number.isInteger(l.code) && l.code >= 0 && l.code < denseCodes) dense[l.code] = cell;
        }
      return { type: 'number', name, dense, sparse };
    }
    case 'text':
      return { type: 'text', name };
    case 'multiple':
      return c.options.length === 0
        ? undefined
        : {
            type: 'multiple',
            name,
            k: c.options.length,
            unanswered: ','.repeat(c.options.length - 1),
            patterns: [],
          };
  }
}

/** An answered multiple choice's 0/1 cells, made once per pattern of up to ten options. */
function chosenCells(
  p: Extract<Plan, { type: 'multiple' }>,
  chosen: Uint8Array,
  i: number,
): string {
  const k = p.k;
  const at = i * k;
  if (k > 10) {
    let out = chosen[at] ? '1' : '0';
    for (let q = 1; q < k; q++) out += chosen[at + q] ? ',1' : ',0';
    return out;
  }
  let bits = 0;
  for (let q = 0; q < k; q++) if (chosen[at + q]) bits |= 1 << q;
  let cells = p.patterns[bits];
  if (cells === undefined)
    p.patterns[bits] = cells = Array.from({ length: k }, (_, q) => (bits >> q) & 1).join(',');
  return cells;
}

/** Text is yielded in pieces of about this many characters. */
const pieceLength = 1 << 14;

/** The CSV of one shape: its header line, and the lines of any chunk of its rows. */
function csvMaker(shape: Dataset, o: CsvExportOptions) {
  const headers = fileColumns(shape).map((f) => f.name);
  const plans = [...shape.columns.keys()]
    .map((name) => plan(name, shape, o))
    .filter((p): p is Plan => p !== undefined);
  /** Each level's cell, made when first met, per levels array (shared by slices of a chunk). */
  const levelCells = new WeakMap<readonly string[], (string | undefined)[]>();

  function* lines(chunk: Dataset): Generator<string> {
    const m = plans.length;
    const values: (Float64Array | undefined)[] = new Array(m);
    const indices: (Int32Array | undefined)[] = new Array(m);
    const levels: (readonly string[])[] = new Array(m);
    const cells: (string | undefined)[][] = new Array(m);
    const chosen: (Uint8Array | undefined)[] = new Array(m);
    const answered: (Uint8Array | undefined)[] = new Array(m);
    plans.forEach((p, j) => {
      const c = chunk.columns.get(p.name);
      if (c?.type !== p.type) throw new Error(`column ${p.name} changed type`);
      if (c.type === 'number') values[j] = c.values;
      else if (c.type === 'text') {
        indices[j] = c.index;
        levels[j] = c.levels;
        let made = levelCells.get(c.levels);
        if (!made) levelCells.set(c.levels, (made = []));
        cells[j] = made;
      } else {
        chosen[j] = c.chosen;
        answered[j] = c.answered;
      }
    });
    const row: string[] = new Array<string>(m).fill('');
    let out = '';
    for (let i = 0; i < chunk.n; i++) {
      for (let j = 0; j < m; j++) {
        const p = plans[j]!;
        if (p.type === 'number') {
          const v = values[j]![i]!;
          if (v !== v)
            row[j] = ''; // NaN: empty
          else {
            const label = p.sparse.size === 0 ? undefined : (p.dense[v] ?? p.sparse.get(v));
            row[j] = label ?? numberCell(v);
          }
        } else if (p.type === 'text') {
          const at = indices[j]![i]!;
          if (at < 0) row[j] = '';
          else {
            const made = cells[j]!;
            let cell = made[at];
            if (cell === undefined) made[at] = cell = csvCell(levels[j]![at]!);
            row[j] = cell;
          }
        } else row[j] = answered[j]![i] ? chosenCells(p, chosen[j]!, i) : p.unanswered;
      }
      out += row.join(',') + '\r\n';
      if (out.length >= pieceLength) {
        yield out;
        out = '';
      }
    }
    if (out.length > 0) yield out;
  }

  return { header: (o.bom ? '\ufeff' : '') + csvLine(headers), lines };
}

/** CSV as a table writer: one reading of the rows, the header first. */
export function csvWriter(shape: Dataset, o: CsvExportOptions): TableWriter {
  const csv = csvMaker(shape, o);
  return {
    looksFirst: false,
    see() {},
    head: () => [csv.header],
    rows: (chunk) => csv.lines(chunk),
    readsAgain: false,
    again: () => [],
    tail: () => [],
  };
}

/** The header line, then the rows' lines (several to a piece of text). */
export function* csvExportLines(data: Dataset, o: CsvExportOptions): Generator<string> {
  const csv = csvMaker(shapeOf(data), o);
  yield csv.header;
  yield* csv.lines(data);
}
