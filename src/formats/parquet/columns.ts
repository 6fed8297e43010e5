/**
 * The Parquet columns of a dataset, in its order: a number column as INT32 when every value is a
 * whole number that fits, else DOUBLE; a text column as a UTF-8 string; a multiple choice as an
 * INT32 column of 0 and 1 per option. Every column is nullable: null where there is no answer
 * (NaN, an empty text, a multiple choice not answered). Declared missing codes stay as they are,
 * marked in the column's metadata.
 */
import type {
  Column,
  Dataset,
  MultipleColumn,
  NumberColumn,
  TextColumn,
} from '../../analysis/dataset.js';
import type { SchemaElement } from 'hyparquet-writer';
import { fileColumns, optionLabels } from '../option-names.js';
import { ParquetError } from './errors.js';
import { codeMetadata, nonEmpty, pick, type ColumnMetadata } from './metadata.js';

export type Cell = number | string | null;

export interface ParquetColumn {
  /** The Parquet column's name. */
  name: string;
  /** The dataset column it comes from. */
  column: string;
  element: SchemaElement;
  /** The cells of rows `start` to `end - 1`. */
  cells(start: number, end: number): Cell[];
  metadata: ColumnMetadata;
}

const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/** Every column the file will have, named as `fileColumns` names them; none without a name. */
export function parquetColumns(data: Dataset, language: string): ParquetColumn[] {
  return fileColumns(data).map((f) => {
    if (f.name === '')
      throw new ParquetError('a column without a name cannot be written', f.column);
    const c = data.columns.get(f.column)!;
    switch (c.type) {
      case 'number':
        return numberColumn(f.name, c, language);
      case 'text':
        return textColumn(f.name, c, language);
      case 'multiple':
        return optionColumn(f.name, f.column, c, f.option!, language);
    }
  });
}

function base(name: string, c: Column, language: string): ColumnMetadata {
  const label = pick(c.info.label, language);
  const labels = nonEmpty(c.info.label);
  return {
    name,
    ...(label !== undefined ? { label } : {}),
    ...(labels ? { labels } : {}),
    measure: c.info.measure,
    ...(c.info.kind ? { kind: c.info.kind } : {}),
    ...(c.info.referencePeriod ? { referencePeriod: c.info.referencePeriod } : {}),
    ...(c.info.scale ? { scale: { ...c.info.scale } } : {}),
  };
}

/** Whether every value present is a whole number that INT32 holds. */
export function wholeInt32(values: Float64Array): boolean {
  for (const v of values)
    if (!Number.isNaN(v) && !(Number.isInteger(v) && v >= int32.min && v <= int32.max))
      return false;
  return true;
}

function numberColumn(name: string, c: NumberColumn, language: string): ParquetColumn {
  const type = wholeInt32(c.values) ? 'INT32' : 'DOUBLE';
  const valueLabels = c.labels.map((l) => codeMetadata(l, language));
  const missingCodes = c.labels.filter((l) => l.missing).map((l) => l.code);
  return {
    name,
    column: name,
    element: { name, type, repetition_type: 'OPTIONAL' },
    cells: (start, end) => {
      const out = new Array<Cell>(end - start);
      for (let i = start; i < end; i++) {
        const v = c.values[i]!;
        out[i - start] = Number.isNaN(v) ? null : v;
      }
      return out;
    },
    metadata: {
      ...base(name, c, language),
      ...(valueLabels.length > 0 ? { valueLabels } : {}),
      ...(missingCodes.length > 0 ? { missingCodes } : {}),
    },
  };
}

function textColumn(name: string, c: TextColumn, language: string): ParquetColumn {
  return {
    name,
    column: name,
    element: { name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    cells: (start, end) => {
      const out = new Array<Cell>(end - start);
      for (let i = start; i < end; i++) {
        const j = c.index[i]!;
        out[i - start] = j < 0 ? null : c.levels[j]!;
      }
      return out;
    },
    metadata: base(name, c, language),
  };
}

function optionColumn(
  column: string,
  name: string,
  c: MultipleColumn,
  option: number,
  language: string,
): ParquetColumn {
  const k = c.options.length;
  const o = c.options[option]!;
  const labels = optionLabels(c.info.label, o);
  const label = pick(labels, language);
  const optionLabel = pick(o.label, language) ?? o.name;
  const optionTexts = nonEmpty(o.label);
  return {
    name: column,
    column: name,
    element: { name: column, type: 'INT32', repetition_type: 'OPTIONAL' },
    cells: (start, end) => {
      const out = new Array<Cell>(end - start);
      for (let i = start; i < end; i++)
        out[i - start] = c.answered[i] ? c.chosen[i * k + option]! : null;
      return out;
    },
    metadata: {
      name: column,
      ...(label !== undefined ? { label } : {}),
      ...(labels ? { labels } : {}),
      measure: 'nominal',
      ...(c.info.kind ? { kind: c.info.kind } : {}),
      ...(c.info.referencePeriod ? { referencePeriod: c.info.referencePeriod } : {}),
      option: {
        item: name,
        code: o.code,
        ...(o.name !== undefined ? { name: o.name } : {}),
        ...(optionLabel !== undefined ? { label: optionLabel } : {}),
        ...(optionTexts ? { labels: optionTexts } : {}),
      },
    },
  };
}
