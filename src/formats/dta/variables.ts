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
 */
import type { Column, Dataset, MultipleColumn, ValueLabel } from '../../analysis/dataset.js';
import { Problem } from '../../problems/problem.js';
import { NameRegister, stataName } from './names.js';
import { numberStorage } from './number-variable.js';
import { numericStorage, setMissing, setNumber, systemMissing } from './storage.js';
import { labelBytes } from './text-limits.js';
import { textVariable } from './text-variable.js';
import { columnLabels, ValueLabelTables } from './value-labels.js';
import type { DtaVariable } from './variable.js';

/** Format 118 holds up to 32,767 variables (format 119 is for more). */
export const maxVariables = 32_767;

export interface Variables {
  variables: DtaVariable[];
  tables: ValueLabelTables;
}

export function dtaVariables(data: Dataset, language: string): Variables {
  const names = new NameRegister();
  const tables = new ValueLabelTables();
  const variables: DtaVariable[] = [];
  for (const [source, column] of data.columns) {
    const what = `Column '${source}'`;
    if (column.type === 'multiple') {
      variables.push(...optionVariables(source, column, language, names));
      continue;
    }
    const name = names.unique(stataName(source, what));
    const label = labelBytes(column.info.label?.[language]);
    variables.push(
      column.type === 'number'
        ? numberVariable(name, label, column, language, tables, what)
        : { name, label, valueLabel: '', ...textVariable(column, variables.length + 1) },
    );
  }
  if (variables.length === 0)
    throw new Problem(
      'input.invalid',
      data.columns.size === 0
        ? 'The dataset has no columns; a Stata file needs at least one variable.'
        : 'The dataset has only multiple-choice columns without options; a Stata file needs at least one variable.',
    );
  if (variables.length > maxVariables)
    throw new Problem(
      'input.invalid',
      `The dataset makes ${variables.length} Stata variables; a format-118 file holds at most ${maxVariables}.`,
    );
  return { variables, tables };
}

function numberVariable(
  name: string,
  label: Uint8Array,
  column: Extract<Column, { type: 'number' }>,
  language: string,
  tables: ValueLabelTables,
  what: string,
): DtaVariable {
  const { missing, entries } = columnLabels(column.labels, language, what);
  const storage = numberStorage(column, missing, what);
  const { code, width, format } = numericStorage[storage.type];
  return {
    name,
    type: code,
    width,
    format,
    label,
    valueLabel: tables.nameFor(entries, name),
    write: (row, view, _bytes, at) => storage.write(row, view, at),
  };
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
      write(row, view, _bytes, at) {
        if (!column.answered[row]) return setMissing(view, at, 'byte', systemMissing);
        setNumber(view, at, 'byte', column.chosen[row * width + k] ? 1 : 0);
      },
    };
  });
}
