/**
 * The dataset's columns as the variables of a .dta file, in the dataset's order:
 *
 * - a number column: one numeric variable, its value labels and declared missing codes;
 * - a text column: one string variable (str# or strL);
 * - a multiple choice: one byte variable per option, named `<item>_<option>` (`reasons_money`),
 *   labelled "<item label>: <option label>", 1 where the option was chosen, 0 where not, and
 *   `.` where the item was not answered.
 *
 * Labels are taken in the export's language; a value label falls back to the choice's name.
 * Everything here comes from the dataset's shape, and what it refuses is refused before any row
 * is read; a number's storage type and a text's width come from the rows (`DtaColumn.see`).
 */
import type { Dataset, MultipleColumn, ValueLabel } from '../../analysis/dataset.js';
import { Problem } from '../../problems/problem.js';
import { NameRegister, stataName } from './names.js';
import { numberColumn } from './number-variable.js';
import { numericStorage, setMissing, setNumber, systemMissing } from './storage.js';
import { labelBytes } from './text-limits.js';
import { textColumn } from './text-variable.js';
import { columnLabels, ValueLabelTables } from './value-labels.js';
import { chunkColumn } from '../../analysis/chunked.js';
import type { DtaColumn, DtaVariable } from './variable.js';

/** Format 118 holds up to 32,767 variables (format 119 is for more). */
export const maxVariables = 32_767;

export interface Columns {
  columns: DtaColumn[];
  tables: ValueLabelTables;
}

export function dtaColumns(shape: Dataset, language: string): Columns {
  const names = new NameRegister();
  const tables = new ValueLabelTables();
  const columns: DtaColumn[] = [];
  let count = 0;
  for (const [source, column] of shape.columns) {
    const what = `Column '${source}'`;
    if (column.type === 'multiple') {
      const options = optionVariables(source, column, language, names);
      columns.push({ variables: () => options });
      count += options.length;
      continue;
    }
    const name = names.unique(stataName(source, what));
    const label = labelBytes(column.info.label?.[language]);
    count += 1;
    if (column.type === 'text') {
      columns.push(textColumn({ source, name, label, v: count }));
      continue;
    }
    const { missing, entries } = columnLabels(column.labels, language, what);
    const valueLabel = tables.nameFor(entries, name);
    columns.push(numberColumn({ source, name, label, valueLabel, missing, what }));
  }
  if (count === 0)
    throw new Problem(
      'input.invalid',
      shape.columns.size === 0
        ? 'The dataset has no columns; a Stata file needs at least one variable.'
        : 'The dataset has only multiple-choice columns without options; a Stata file needs at least one variable.',
    );
  if (count > maxVariables)
    throw new Problem(
      'input.invalid',
      `The dataset makes ${count} Stata variables; a format-118 file holds at most ${maxVariables}.`,
    );
  return { columns, tables };
}

function optionText(option: ValueLabel, language: string): string {
  return option.label?.[language] ?? option.name ?? String(option.code);
}

function optionVariables(
  source: string,
  column: MultipleColumn,
  language: string,
  names: NameRegister,
): DtaVariable[] {
  const width = column.options.length;
  const itemLabel = column.info.label?.[language];
  return column.options.map((option, k) => {
    const optionName = option.name ?? String(option.code);
    const what = `Option '${optionName}' of column '${source}'`;
    const name = names.unique(stataName(`${source}_${optionName}`, what));
    const text = optionText(option, language);
    return {
      name,
      type: numericStorage.byte.code,
      width: 1,
      format: numericStorage.byte.format,
      label: labelBytes(itemLabel ? `${itemLabel}: ${text}` : text),
      valueLabel: '',
      bind(chunk) {
        const { chosen, answered } = chunkColumn(chunk, source, 'multiple');
        return (row, view, _bytes, at) => {
          if (!answered[row]) return setMissing(view, at, 'byte', systemMissing);
          setNumber(view, at, 'byte', chosen[row * width + k] ? 1 : 0);
        };
      },
    };
  });
}
