/**
 * The settings sheet: its first row under the header. Longitude uses `form_title` (the
 * questionnaire's title) and `default_language` (the language of plain text columns);
 * `form_id` is passed over without a note (the wave id comes from the study), and every other
 * setting is reported as a note.
 */
import { Columns, readColumns, type Cell } from './columns.js';
import { languageTag } from './languages.js';
import type { Origin } from './origins.js';
import type { ProblemList } from './problems.js';
import type { Sheet } from './workbook.js';

export interface Settings {
  /** The language of plain text columns, when the settings say. */
  defaultLanguage?: string;
  /** form_title by language; a plain form_title is in the default language. */
  title: Map<string, Cell>;
  /** Where the settings row is, for pointing at the title. */
  origin?: Origin;
}

const used = new Set(['form_title', 'form_id', 'default_language']);

export function readSettings(sheet: Sheet | undefined, problems: ProblemList): Settings {
  if (!sheet || sheet.rows.length === 0) return { title: new Map() };
  const row = sheet.rows[0]!;
  const columns = readColumns(sheet, problems);
  const at = (column: string): Origin => ({ sheet: sheet.name, row: row.number, column });
  let defaultLanguage: string | undefined;
  const declared = new Columns(sheet, columns, 'en').value(row, 'default_language');
  if (declared) {
    defaultLanguage = languageTag(declared.text);
    if (defaultLanguage === undefined)
      problems.error(
        at(declared.column),
        'language',
        `Cannot tell the language of default_language '${declared.text}'; write it as ${declared.text} (xx) with the language's tag.`,
      );
  }
  const read = new Columns(sheet, columns, defaultLanguage ?? 'en');
  for (const { column, text } of read.filled(row)) {
    if (used.has(column.field)) continue;
    problems.note(
      at(column.header),
      'setting',
      `The setting ${column.header} (${text}) has no use in Longitude and is ignored.`,
    );
  }
  for (const extra of sheet.rows.slice(1))
    problems.note(
      { sheet: sheet.name, row: extra.number },
      'setting',
      'Only the first row under the header of the settings sheet is read; this row is ignored.',
    );
  return {
    defaultLanguage,
    title: read.texts(row, 'form_title'),
    origin: at(read.header('form_title') ?? ''),
  };
}
