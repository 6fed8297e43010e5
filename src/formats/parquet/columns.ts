/**
 * The Parquet columns of a dataset's shape, in its order: a number column as INT32 when every
 * value is a whole number that fits (which the writer learns by seeing every row first, with
 * `WholeNumbers`), else DOUBLE; a text column as a UTF-8 string; a multiple choice as an INT32
 * column of 0 and 1 per option. Every column is nullable: null where there is no answer (NaN, an
 * empty text, a multiple choice not answered). Declared missing codes stay as they are, marked
 * in the column's metadata. A column's cells are taken from any chunk of rows (`fill`).
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
  /** The cells of rows `from` to `to - 1` of a chunk's column, into `out` from `at` on. */
  fill(c: Column, from: number, to: number, out: Cell[], at: number): void;
  metadata: ColumnMetadata;
}

const int32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

/**
 * Every column the file will have, named as `fileColumns` names them; none without a name. `whole`
 * says which number columns are INT32 (`WholeNumbers.whole` once every row is seen).
 */
export function parquetColumns(
  shape: Dataset,
  language: string,
  whole: (column: string) => boolean,
): ParquetColumn[] {
  return fileColumns(shape).map((f) => {
    if (f.name === '')
      throw new ParquetError('a column without a name cannot be written', f.column);
    const c = shape.columns.get(f.column)!;
    switch (c.type) {
      case 'number':
        return numberColumn(f.name, c, language, whole(f.name));
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

/** Which number columns hold whole INT32 numbers only, learnt chunk by chunk. */
export class WholeNumbers {
  private readonly notWhole = new Set<string>();

  see(chunk: Dataset): void {
    for (const [name, c] of chunk.columns)
      if (c.type === 'number' && !this.notWhole.has(name) && !wholeInt32(c.values))
        this.notWhole.add(name);
  }

  whole(name: string): boolean {
    return !this.notWhole.has(name);
  }
}

function mismatch(name: string, c: Column, type: Column['type']): never {
  throw new ParquetError(`a chunk's column is ${c.type}, not ${type} as before`, name);
}

function numberColumn(
  name: string,
  c: NumberColumn,
  language: string,
  whole: boolean,
): ParquetColumn {
  const type = whole ? 'INT32' : 'DOUBLE';
  const valueLabels = c.labels.map((l) => codeMetadata(l, language));
  const missingCodes = c.labels.filter((l) => l.missing).map((l) => l.code);
  return {
    name,
    column: name,
    element: { name, type, repetition_type: 'OPTIONAL' },
    fill: (chunk, from, to, out, at) => {
      if (chunk.type !== 'number') mismatch(name, chunk, 'number');
      const values = chunk.values;
      for (let i = from; i < to; i++) {
        const v = values[i]!;
        if (Number.isNaN(v)) out[at++] = null;
        else if (whole && !(Number.isInteger(v) && v >= int32.min && v <= int32.max))
          throw new ParquetError(`${v} came after every value was seen to be whole`, name);
        else out[at++] = v;
      }
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
    fill: (chunk, from, to, out, at) => {
      if (chunk.type !== 'text') mismatch(name, chunk, 'text');
      const { index, levels } = chunk;
      for (let i = from; i < to; i++) {
        const j = index[i]!;
        out[at++] = j < 0 ? null : levels[j]!;
      }
    },
    metadata: base(name, c, language),
  };
}

function optionColumn(
  name: string,
  item: string,
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
    name,
    column: item,
    element: { name, type: 'INT32', repetition_type: 'OPTIONAL' },
    fill: (chunk, from, to, out, at) => {
      if (chunk.type !== 'multiple') mismatch(item, chunk, 'multiple');
      const { answered, chosen } = chunk;
      for (let i = from; i < to; i++) out[at++] = answered[i] ? chosen[i * k + option]! : null;
    },
    metadata: {
      name,
      ...(label !== undefined ? { label } : {}),
      ...(labels ? { labels } : {}),
      measure: 'nominal',
      ...(c.info.kind ? { kind: c.info.kind } : {}),
      ...(c.info.referencePeriod ? { referencePeriod: c.info.referencePeriod } : {}),
      option: {
        item,
        code: o.code,
        ...(o.name !== undefined ? { name: o.name } : {}),
        ...(optionLabel !== undefined ? { label: optionLabel } : {}),
        ...(optionTexts ? { labels: optionTexts } : {}),
      },
    },
  };
}
