/**
 * A columnar dataset: one typed array per variable, built once (from responses or a CSV file)
 * and shared by every analysis.
 *
 * - number: a Float64Array; NaN where there is no answer. Choice items keep their codes here
 *   (`code` of each choice), with value labels; a rating keeps its points, and a declared missing
 *   option ("don't know") its code, marked missing in the labels.
 * - text: dictionary-encoded, an Int32Array of indices into `levels` (-1 where empty).
 * - multiple: a multiple choice, one byte per option and row (1 chosen), and one per row for
 *   whether the item was answered at all.
 *
 * Analyses read numbers (`numbersOf`: declared missing codes as NaN) or categories
 * (`categoriesOf`); both are computed once per column and cached. Expressions see a cell as the
 * stored answer did (`cellValue`: a choice's name, a number, the chosen names), and writers a cell
 * as text (`cellText`).
 */
import type { Choice, Text } from '../questionnaire/schema.js';
import type { Scale, VariableKind } from '../questionnaire/variables.js';

/** A code's meaning: the choice's stored name (for choices), its label, whether it is missing. */
export interface ValueLabel {
  code: number;
  /** The answer as stored, where the answer is a choice (`yes`, `dk`); scale points have none. */
  name?: string;
  label?: Text;
  /** A declared missing value: left out of numbers, kept as a category. */
  missing?: boolean;
}

export type Measure = 'nominal' | 'ordinal' | 'scale';

/** What a codebook says about a column. */
export interface ColumnInfo {
  label?: Text;
  measure: Measure;
  /** The questionnaire's kind of the variable, where it came from a questionnaire. */
  kind?: VariableKind;
  /** What period the question asks about (`last_month`), compared across waves. */
  referencePeriod?: string;
  /** A rating's scale: its lowest and highest points. */
  scale?: { min: number; max: number };
}

export interface NumberColumn {
  type: 'number';
  values: Float64Array;
  labels: readonly ValueLabel[];
  info: ColumnInfo;
}

export interface TextColumn {
  type: 'text';
  index: Int32Array;
  levels: readonly string[];
  info: ColumnInfo;
}

export interface MultipleColumn {
  type: 'multiple';
  options: readonly ValueLabel[];
  /** Row-major: `chosen[i * options.length + k]` is 1 when row i chose option k. */
  chosen: Uint8Array;
  answered: Uint8Array;
  info: ColumnInfo;
}

export type Column = NumberColumn | TextColumn | MultipleColumn;

export interface Dataset {
  readonly n: number;
  readonly columns: ReadonlyMap<string, Column>;
}

/** What the sample builders need to know of a questionnaire variable (a `Variable` is one). */
export interface VariableInfo {
  name: string;
  kind: VariableKind;
  label?: Text;
  choices?: readonly Choice[];
  scale?: Scale;
  referencePeriod?: string;
}

export function column(data: Dataset, name: string): Column {
  const c = data.columns.get(name);
  if (!c) throw new Error(`no column ${name}`);
  return c;
}

/** The codes' labels, by code (built once per column). */
const labelMaps = new WeakMap<readonly ValueLabel[], Map<number, ValueLabel>>();
function labelsByCode(labels: readonly ValueLabel[]): Map<number, ValueLabel> {
  let map = labelMaps.get(labels);
  if (!map) {
    map = new Map(labels.map((l) => [l.code, l]));
    labelMaps.set(labels, map);
  }
  return map;
}

function chosenNames(c: MultipleColumn, i: number): string[] {
  const k = c.options.length;
  const out: string[] = [];
  for (let j = 0; j < k; j++)
    if (c.chosen[i * k + j]) out.push(c.options[j]!.name ?? String(c.options[j]!.code));
  return out;
}

/** A cell as the answer was stored: a choice's name, a number, chosen names; null if empty. */
export function cellValue(c: Column, i: number): string | number | string[] | null {
  switch (c.type) {
    case 'number': {
      const v = c.values[i]!;
      if (Number.isNaN(v)) return null;
      return labelsByCode(c.labels).get(v)?.name ?? v;
    }
    case 'text': {
      const j = c.index[i]!;
      return j < 0 ? null : c.levels[j]!;
    }
    case 'multiple':
      return c.answered[i] ? chosenNames(c, i) : null;
  }
}

/** A cell as text, as CSV files and tables show it: chosen names joined by spaces. */
export function cellText(c: Column, i: number): string | null {
  const v = cellValue(c, i);
  if (v === null) return null;
  if (Array.isArray(v)) return v.length === 0 ? null : v.join(' ');
  return String(v);
}

/**
 * A cell as sample filters take it: as stored, with text that reads as a number (a choice named
 * `1`, a number in a file without a codebook) given as that number.
 */
export function cellForExpression(c: Column, i: number): string | number | string[] | null {
  const v = cellValue(c, i);
  if (typeof v !== 'string') return v;
  const n = Number(v);
  return v.trim() !== '' && Number.isFinite(n) ? n : v;
}

/** A column's cells as text, null where empty (tables, tests). */
export function columnText(data: Dataset, name: string): (string | null)[] {
  const c = column(data, name);
  return Array.from({ length: data.n }, (_, i) => cellText(c, i));
}

const numberCache = new WeakMap<Column, Float64Array>();

/**
 * The column as numbers: NaN where empty, where a code is a declared missing value, where a
 * choice code stands for a name that is not a number, and where text is not a number.
 */
export function numbersOf(c: Column): Float64Array {
  let out = numberCache.get(c);
  if (out) return out;
  switch (c.type) {
    case 'number': {
      const byCode = labelsByCode(c.labels);
      out = Float64Array.from(c.values, (v) => choiceNumber(byCode.get(v), v));
      break;
    }
    case 'text': {
      const parsed = c.levels.map((s) => (s.trim() === '' ? NaN : Number(s)));
      out = Float64Array.from(c.index, (j) => (j < 0 ? NaN : parsed[j]!));
      break;
    }
    case 'multiple':
      out = new Float64Array(c.answered.length).fill(NaN);
      break;
  }
  numberCache.set(c, out);
  return out;
}

/**
 * A code as a number: itself for numbers and scale points; for a choice, its stored name read
 * as a number (choices named 1..5), else NaN; NaN for a declared missing value.
 */
function choiceNumber(l: ValueLabel | undefined, code: number): number {
  if (l?.missing) return NaN;
  if (l?.name === undefined) return code;
  const n = Number(l.name);
  return l.name.trim() !== '' && Number.isFinite(n) ? n : NaN;
}

export interface Categories {
  /** Each row's category, an index into `levels`; -1 where empty. */
  codes: Int32Array;
  /** The categories present, as text (a choice's name, a number, a text), in value order. */
  levels: string[];
}

const categoryCache = new WeakMap<Column, Categories>();

/** Numbers in numeric order, then text in alphabetical order: the order of a scale's points. */
export function byValue(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  if (Number.isFinite(x) && Number.isFinite(y)) return x - y;
  if (Number.isFinite(x)) return -1;
  if (Number.isFinite(y)) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The column as categories. Codes keep their order (a choice list's codes, a scale's points);
 * text sorts as `byValue` does. A multiple choice has no single category per row: use one of
 * its options (`optionChosen`).
 */
export function categoriesOf(c: Column): Categories {
  let out = categoryCache.get(c);
  if (out) return out;
  switch (c.type) {
    case 'number': {
      const present = [...new Set(c.values)].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
      const at = new Map(present.map((v, j) => [v, j]));
      const byCode = labelsByCode(c.labels);
      out = {
        codes: Int32Array.from(c.values, (v) => at.get(v) ?? -1),
        levels: present.map((v) => byCode.get(v)?.name ?? String(v)),
      };
      break;
    }
    case 'text': {
      const used = new Uint8Array(c.levels.length);
      for (const j of c.index) if (j >= 0) used[j] = 1;
      const order = c.levels
        .map((s, j) => [s, j] as const)
        .filter(([, j]) => used[j])
        .sort(([a], [b]) => byValue(a, b));
      const remap = new Int32Array(c.levels.length).fill(-1);
      order.forEach(([, j], k) => (remap[j] = k));
      out = {
        codes: Int32Array.from(c.index, (j) => (j < 0 ? -1 : remap[j]!)),
        levels: order.map(([s]) => s),
      };
      break;
    }
    case 'multiple':
      throw new TypeError('a multiple choice has no single category per row');
  }
  categoryCache.set(c, out);
  return out;
}

/** 1 where row i chose the option named `name` (or coded so), 0 where not, -1 if unanswered. */
export function optionChosen(c: MultipleColumn, name: string): Int8Array | undefined {
  const k = c.options.findIndex(
    (o) => (o.name ?? String(o.code)) === name || String(o.code) === name,
  );
  if (k < 0) return undefined;
  const width = c.options.length;
  return Int8Array.from(c.answered, (a, i) => (a ? c.chosen[i * width + k]! : -1));
}

/** The rows given, in that order, of every column (levels and labels shared). */
export function selectRows(data: Dataset, rows: ArrayLike<number>): Dataset {
  const columns = new Map<string, Column>();
  const n = rows.length;
  for (const [name, c] of data.columns) {
    switch (c.type) {
      case 'number':
        columns.set(name, {
          ...c,
          values: Float64Array.from({ length: n }, (_, i) => c.values[rows[i]!]!),
        });
        break;
      case 'text':
        columns.set(name, {
          ...c,
          index: Int32Array.from({ length: n }, (_, i) => c.index[rows[i]!]!),
        });
        break;
      case 'multiple': {
        const k = c.options.length;
        const chosen = new Uint8Array(n * k);
        for (let i = 0; i < n; i++)
          chosen.set(c.chosen.subarray(rows[i]! * k, rows[i]! * k + k), i * k);
        columns.set(name, {
          ...c,
          chosen,
          answered: Uint8Array.from({ length: n }, (_, i) => c.answered[rows[i]!]!),
        });
        break;
      }
    }
  }
  return { n, columns };
}

/** Text cells dictionary-encoded, levels in the order first seen. */
export function textColumn(
  cells: ArrayLike<string | null>,
  info: ColumnInfo = { measure: 'nominal' },
): TextColumn {
  const at = new Map<string, number>();
  const levels: string[] = [];
  const index = new Int32Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const v = cells[i];
    if (v === null || v === undefined) {
      index[i] = -1;
      continue;
    }
    let j = at.get(v);
    if (j === undefined) {
      j = levels.length;
      at.set(v, j);
      levels.push(v);
    }
    index[i] = j;
  }
  return { type: 'text', index, levels, info };
}

export function numberColumn(
  values: Float64Array,
  labels: readonly ValueLabel[] = [],
  info: ColumnInfo = { measure: 'scale' },
): NumberColumn {
  return { type: 'number', values, labels, info };
}

const numeric = /^\s*-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;

/**
 * A column of text cells read from a file without a codebook: numbers when every non-empty
 * cell is a plain decimal number, text otherwise.
 */
export function inferColumn(cells: ArrayLike<string | null>): Column {
  let allNumbers = true;
  let any = false;
  for (let i = 0; i < cells.length && allNumbers; i++) {
    const v = cells[i];
    if (v === null || v === undefined) continue;
    any = true;
    if (!numeric.test(v)) allNumbers = false;
  }
  if (!any || !allNumbers) return textColumn(cells);
  return numberColumn(
    Float64Array.from({ length: cells.length }, (_, i) => {
      const v = cells[i];
      return v === null || v === undefined ? NaN : Number(v);
    }),
  );
}

/** A dataset from text cells per column (a file, a table), each column typed by `inferColumn`. */
export function datasetFromCells(cells: ReadonlyMap<string, ArrayLike<string | null>>): Dataset {
  let n: number | undefined;
  const columns = new Map<string, Column>();
  for (const [name, values] of cells) {
    if (n !== undefined && values.length !== n)
      throw new Error(`column ${name} has ${values.length} cells, not ${n}`);
    n = values.length;
    columns.set(name, inferColumn(values));
  }
  return { n: n ?? 0, columns };
}
