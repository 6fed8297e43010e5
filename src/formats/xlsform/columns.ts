/**
 * Column headers: ODK's aliases (`constraint message`, `jr:constraintMsg`, `bind::relevant`,
 * `caption`, `list name`...) read as one canonical field, and multilingual columns
 * (`label::English (en)`, `label::en`, `label::English`) split into field and language tag.
 * A plain text column (`label`) is in the form's default language.
 */
import { languageTag } from './languages.js';
import type { ProblemList } from './problems.js';
import type { Sheet, SheetRow } from './workbook.js';

export interface Column {
  index: number;
  /** The header as written in the form. */
  header: string;
  /** The canonical field: `label`, `constraint_message`, `media`... or the header in lower case. */
  field: string;
  /** For texts and media: the language tag of a `::language` suffix. */
  language?: string;
}

/** Fields holding texts a respondent reads, which may come in several languages. */
export const textFields = new Set([
  'label',
  'hint',
  'guidance_hint',
  'required_message',
  'constraint_message',
  'form_title',
]);

const mediaKinds = new Set(['image', 'big-image', 'audio', 'video']);

const aliases: Record<string, string> = {
  caption: 'label',
  'jr:constraintmsg': 'constraint_message',
  'bind::jr:constraintmsg': 'constraint_message',
  'jr:requiredmsg': 'required_message',
  'bind::jr:requiredmsg': 'required_message',
  relevance: 'relevant',
  'bind::relevant': 'relevant',
  'bind::required': 'required',
  'bind::constraint': 'constraint',
  calculate: 'calculation',
  'bind::calculate': 'calculation',
  readonly: 'read_only',
  'bind::readonly': 'read_only',
  'control::appearance': 'appearance',
  'jr:count': 'repeat_count',
  'control::jr:count': 'repeat_count',
  big_image: 'big-image',
  value: 'name',
};

const prefixes = new Set(['bind', 'control', 'body', 'instance']);

function normal(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/g, '_');
}

export function readColumns(sheet: Sheet, problems: ProblemList): Column[] {
  const columns: Column[] = [];
  sheet.header.forEach((header, index) => {
    if (header === '') return;
    const parts = header.split('::');
    let base: string;
    let rest: string[];
    const first = normal(parts[0]!);
    if (prefixes.has(first) && parts.length >= 2) {
      base = `${first}::${normal(parts[1]!)}`;
      rest = parts.slice(2);
    } else if (first === 'media' && parts.length >= 2) {
      base = normal(parts[1]!);
      rest = parts.slice(2);
    } else {
      base = first;
      rest = parts.slice(1);
    }
    let field = aliases[base] ?? base;
    const media = mediaKinds.has(field);
    if (media) field = 'media';
    if (rest.length === 0 || !(textFields.has(field) || media)) {
      columns.push({ index, header, field: rest.length === 0 ? field : normal(header) });
      return;
    }
    const suffix = rest.join('::');
    const language = languageTag(suffix);
    if (language === undefined) {
      problems.error(
        { sheet: sheet.name, row: sheet.headerRow, column: header },
        'language',
        `Cannot tell the language of column '${header}'; write it with the language's tag in brackets, as ${parts[0]!.trim()}::${suffix.trim()} (xx).`,
      );
      return;
    }
    columns.push({ index, header, field, language });
  });
  return columns;
}

/** One cell's text and the column it came from. */
export interface Cell {
  text: string;
  column: string;
}

/** Reads fields of one sheet's rows by canonical name. */
export class Columns {
  constructor(
    readonly sheet: Sheet,
    readonly list: Column[],
    readonly defaultLanguage: string,
  ) {}

  has(field: string): boolean {
    return this.list.some((c) => c.field === field);
  }

  /** The first non-empty cell of this field in the row. */
  value(row: SheetRow, field: string): Cell | undefined {
    for (const c of this.list)
      if (c.field === field && row.cells[c.index] !== '')
        return { text: row.cells[c.index]!, column: c.header };
    return undefined;
  }

  /** The column holding this field's text in a language, even where the cell is empty. */
  headerFor(field: string, language: string): string | undefined {
    const tagged = this.list.find((c) => c.field === field && c.language === language);
    if (tagged) return tagged.header;
    if (language !== this.defaultLanguage) return undefined;
    return this.list.find((c) => c.field === field && c.language === undefined)?.header;
  }

  /** The header of the first column of this field, for pointing at it. */
  header(field: string): string | undefined {
    return this.list.find((c) => c.field === field)?.header;
  }

  /**
   * The texts of a field by language. A column naming its language wins over a plain one in
   * the default language, so `label` beside `label::English (en)` only fills gaps.
   */
  texts(row: SheetRow, field: string): Map<string, Cell> {
    const out = new Map<string, Cell>();
    const ordered = [
      ...this.list.filter((c) => c.field === field && c.language !== undefined),
      ...this.list.filter((c) => c.field === field && c.language === undefined),
    ];
    for (const c of ordered) {
      const text = row.cells[c.index]!;
      const language = c.language ?? this.defaultLanguage;
      if (text !== '' && !out.has(language)) out.set(language, { text, column: c.header });
    }
    return out;
  }

  /** Every cell of the row that holds something, with its column. */
  filled(row: SheetRow): { column: Column; text: string }[] {
    return this.list
      .filter((c) => row.cells[c.index] !== '')
      .map((c) => ({ column: c, text: row.cells[c.index]! }));
  }

  /** Languages of these text fields that hold something (plain columns: the default language). */
  languages(fields: readonly string[]): Set<string> {
    const out = new Set<string>();
    for (const c of this.list) {
      if (!fields.includes(c.field)) continue;
      if (this.sheet.rows.some((r) => r.cells[c.index] !== ''))
        out.add(c.language ?? this.defaultLanguage);
    }
    return out;
  }
}
