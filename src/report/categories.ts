/**
 * A column's answers as the report counts them: valid categories only (a declared missing
 * answer such as "don't know" is left out, as a valid percent is), in the order of their codes,
 * each with its label per language.
 */
import {
  categoriesOf,
  numbersOf,
  type Column,
  type Dataset,
  type ValueLabel,
} from '../analysis/dataset.js';
import type { Text } from './spec.js';

export interface Category {
  /** The answer as stored (`most`, `3`, `RU`). */
  name: string;
  /** Its label in each language, where the questionnaire gives one. */
  label?: Text;
}

export interface Counted {
  /** Each row's category (an index into `categories`), -1 where empty or missing. */
  codes: Int32Array;
  categories: Category[];
}

/** Raised for a finding that cannot be computed; the builder adds the spec's position. */
export class FindingError extends Error {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}

function labelOf(labels: readonly ValueLabel[], name: string): ValueLabel | undefined {
  return labels.find((l) => (l.name ?? String(l.code)) === name);
}

/** Valid categories: every code the questionnaire lists (present or not), then any others. */
export function counted(c: Column, variable: string): Counted {
  if (c.type === 'multiple')
    throw new FindingError(
      `'${variable}' is a multiple choice; use a finding of kind 'multiple' for it.`,
      'variable',
    );
  const { codes, levels } = categoriesOf(c);
  const labels = c.type === 'number' ? c.labels : [];
  const listed = labels.filter((l) => !l.missing && l.name !== undefined);
  // Choice items list every category; a rating lists its points from the scale (min to max).
  const names: string[] =
    c.info.kind === 'rating'
      ? levels.filter((l) => !labelOf(labels, l)?.missing)
      : [
          ...listed.map((l) => l.name!),
          ...levels.filter(
            (l) => !labelOf(labels, l)?.missing && !listed.some((x) => x.name === l),
          ),
        ];
  const at = new Map(names.map((n, j) => [n, j]));
  const remap = levels.map((l) => at.get(l) ?? -1);
  return {
    codes: Int32Array.from(codes, (j) => (j < 0 ? -1 : remap[j]!)),
    categories: names.map((name) => {
      const label = labelOf(labels, name)?.label;
      return label ? { name, label } : { name };
    }),
  };
}

/**
 * Numbers of a column without declared missing codes; a single choice gives its codes (an
 * ordered list such as income categories, scored 1 to 6 as the reference report scores them).
 */
export function numbersFor(c: Column, variable: string): Float64Array {
  if (c.type === 'multiple')
    throw new FindingError(`'${variable}' is a multiple choice, not a number.`, 'variable');
  let x = numbersOf(c);
  if (c.type === 'number' && c.info.kind === 'select_one') {
    const missing = new Set(c.labels.filter((l) => l.missing).map((l) => l.code));
    x = c.values.map((v) => (missing.has(v) ? NaN : v));
  }
  if (!x.some((v) => !Number.isNaN(v)))
    throw new FindingError(`'${variable}' has no numbers to compare.`, 'variable');
  return x;
}

export function need(data: Dataset, column: string, variable: string, field = 'variable'): Column {
  const c = data.columns.get(column);
  if (!c)
    throw new FindingError(
      `There is no variable '${variable}' in the sample (looked for column '${column}').`,
      field,
    );
  return c;
}

/** A text in the language, or the first one given. */
export function say(text: Text | undefined, language: string, fallback = ''): string {
  if (!text) return fallback;
  return text[language] ?? Object.values(text)[0] ?? fallback;
}
