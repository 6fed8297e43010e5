/**
 * The choices sheet: named lists of choices. Each choice keeps its `name` and gets an integer
 * `code` for exports and statistics: a name that is a whole number is its own code (`98` is
 * 98); the others are numbered 1, 2, 3... in list order, skipping codes that numeric names
 * already hold. Extra columns stay with each choice for `choice_filter`.
 */
import type { Text } from '../../questionnaire/schema.js';
import { Columns, type Cell } from './columns.js';
import type { ProblemList } from './problems.js';

export interface ChoiceRow {
  list: string;
  name: string;
  code: number;
  row: number;
  labels: Map<string, Cell>;
  /** Every column of the row by header, lower case, for choice filters. */
  cells: Map<string, string>;
}

export type ChoiceLists = Map<string, ChoiceRow[]>;

const wholeNumber = /^-?\d{1,9}$/;

export function readChoiceLists(columns: Columns | undefined, problems: ProblemList): ChoiceLists {
  const lists: ChoiceLists = new Map();
  if (!columns) return lists;
  const sheet = columns.sheet;
  if (!columns.has('list_name') || !columns.has('name')) {
    problems.error(
      { sheet: sheet.name, row: sheet.headerRow },
      'columns',
      `The choices sheet needs the columns list_name and name; it has ${sheet.header.filter(Boolean).join(', ') || 'none'}.`,
    );
    return lists;
  }
  for (const row of sheet.rows) {
    const list = columns.value(row, 'list_name')?.text;
    const name = columns.value(row, 'name');
    if (list === undefined) {
      problems.note(
        { sheet: sheet.name, row: row.number, column: columns.header('list_name') },
        'no-list',
        'This row has no list_name and is ignored.',
      );
      continue;
    }
    if (name === undefined) {
      problems.error(
        { sheet: sheet.name, row: row.number, column: columns.header('name') },
        'no-name',
        `A choice of list '${list}' has no name.`,
      );
      continue;
    }
    for (const { column, text } of columns.filled(row))
      if (column.field === 'media')
        problems.notImported(
          { sheet: sheet.name, row: row.number, column: column.header },
          'media',
          `The choice's ${column.header} (${text}) is not imported: Longitude shows no images, audio or video.`,
        );
    const cells = new Map<string, string>();
    columns.list.forEach((c) => cells.set(c.header.trim().toLowerCase(), row.cells[c.index]!));
    cells.set('name', name.text);
    const choices = lists.get(list) ?? [];
    choices.push({
      list,
      name: name.text,
      code: 0,
      row: row.number,
      labels: columns.texts(row, 'label'),
      cells,
    });
    lists.set(list, choices);
  }
  for (const choices of lists.values()) numberChoices(choices);
  return lists;
}

function numberChoices(choices: ChoiceRow[]): void {
  const taken = new Set(choices.filter((c) => wholeNumber.test(c.name)).map((c) => Number(c.name)));
  let next = 1;
  for (const choice of choices) {
    if (wholeNumber.test(choice.name)) {
      choice.code = Number(choice.name);
      continue;
    }
    while (taken.has(next)) next++;
    choice.code = next;
    taken.add(next);
  }
}

/** A Text from cells by language. */
export function textOf(cells: Map<string, Cell>): Text {
  const out: Text = {};
  for (const [language, cell] of cells) out[language] = cell.text;
  return out;
}
