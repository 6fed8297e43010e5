/**
 * A dataset as CSV for spreadsheets and statistics programs, one line at a time: with codes (a
 * choice's code, a rating's point, numbers as they are) or with labels (a choice's label in the
 * chosen language); a multiple choice as one 0/1 column per option (empty where the item was not
 * answered), named as the other formats name them (`item_option`, option-names.ts). Cells a spreadsheet would run as formulas are neutralised
 * (csv-write.ts).
 */
import type { Column, Dataset, ValueLabel } from '../analysis/dataset.js';
import { csvLine } from './csv-write.js';
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

/** The CSV columns of one dataset column: its header(s) and a cell maker per row. */
function writers(
  name: string,
  c: Column,
  o: CsvExportOptions,
  optionNames: ReadonlyMap<string, string>,
): { headers: string[]; cells: (i: number) => (string | null)[] } {
  switch (c.type) {
    case 'number': {
      const byCode = new Map(c.labels.map((l) => [l.code, l]));
      const text = (v: number): string | null => {
        if (Number.isNaN(v)) return null;
        const l = byCode.get(v);
        return o.labels && l ? say(l, o.language) : String(v);
      };
      return { headers: [name], cells: (i) => [text(c.values[i]!)] };
    }
    case 'text':
      return {
        headers: [name],
        cells: (i) => [c.index[i]! < 0 ? null : c.levels[c.index[i]!]!],
      };
    case 'multiple': {
      const k = c.options.length;
      return {
        headers: c.options.map((_, j) => optionNames.get(`${name}\u0000${j}`)!),
        cells: (i) =>
          c.answered[i]
            ? Array.from({ length: k }, (_, j) => (c.chosen[i * k + j] ? '1' : '0'))
            : new Array<string | null>(k).fill(null),
      };
    }
  }
}

/** The header line, then one line per row. */
export function* csvExportLines(data: Dataset, o: CsvExportOptions): Generator<string> {
  const optionNames = new Map(
    fileColumns(data)
      .filter((f) => f.option !== undefined)
      .map((f) => [`${f.column}\u0000${f.option}`, f.name]),
  );
  const parts = [...data.columns].map(([name, c]) => writers(name, c, o, optionNames));
  yield (o.bom ? '\ufeff' : '') + csvLine(parts.flatMap((p) => p.headers));
  for (let i = 0; i < data.n; i++) yield csvLine(parts.flatMap((p) => p.cells(i)));
}
