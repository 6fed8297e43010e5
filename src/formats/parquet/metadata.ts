/**
 * What the file's key-value metadata says of each column: a JSON document under the key
 * `longitude.column.<column name>` with its variable label, value labels, declared missing codes,
 * measure and the questionnaire's kind. Labels are given in the file's language (`label`) and in
 * every language there is (`labels`). docs/formats.md describes the document.
 */
import type { Measure, ValueLabel } from '../../analysis/dataset.js';
import type { Text } from '../../questionnaire/schema.js';
import type { VariableKind } from '../../questionnaire/variables.js';

/** The key of a column's document. */
export const columnKeyPrefix = 'longitude.column.';
/** The key of the language `label` fields are in. */
export const languageKey = 'longitude.language';

export interface CodeMetadata {
  code: number;
  /** The choice's stored name (`dk`); scale points have none. */
  name?: string;
  /** In the file's language; a choice without one has its name. */
  label?: string;
  labels?: Text;
  /** A declared missing code ("don't know", "refused"). */
  missing?: true;
}

export interface OptionMetadata {
  /** The multiple choice's own name (`reasons`). */
  item: string;
  code: number;
  name?: string;
  label?: string;
  labels?: Text;
}

export interface ColumnMetadata {
  /** The Parquet column's name. */
  name: string;
  label?: string;
  labels?: Text;
  measure: Measure;
  /** The questionnaire's kind of the variable (`select_one`, `rating`, ...). */
  kind?: VariableKind;
  referencePeriod?: string;
  scale?: { min: number; max: number };
  valueLabels?: CodeMetadata[];
  /** The codes of `valueLabels` that are declared missing, in their order. */
  missingCodes?: number[];
  /** For a multiple choice's 0/1 column: the option it stands for. */
  option?: OptionMetadata;
}

/** A text in one language, absent when it has none; an empty text counts as none. */
export function pick(text: Text | undefined, language: string): string | undefined {
  const t = text?.[language];
  return t === undefined || t === '' ? undefined : t;
}

/** A text without its empty translations; undefined when none is left. */
export function nonEmpty(text: Text | undefined): Text | undefined {
  if (!text) return undefined;
  const entries = Object.entries(text).filter(([, t]) => t !== '');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

export function codeMetadata(l: ValueLabel, language: string): CodeMetadata {
  const label = pick(l.label, language) ?? l.name;
  const labels = nonEmpty(l.label);
  return {
    code: l.code,
    ...(l.name !== undefined ? { name: l.name } : {}),
    ...(label !== undefined ? { label } : {}),
    ...(labels ? { labels } : {}),
    ...(l.missing ? { missing: true as const } : {}),
  };
}
