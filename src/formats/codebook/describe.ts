/**
 * What a codebook says of each column, from the data's shape and what its rows held (a
 * `DataSummary`, summary.ts): a number or text column is one variable; a multiple choice is a
 * group of 0/1 variables, one per option, named as the data files name them (`reasons_money`).
 * Categories carry their counts in the data; numbers without categories their minimum, maximum,
 * mean and standard deviation. Entries are made one column at a time, as a writer asks for them.
 */
import { shapeOf } from '../../analysis/chunked.js';
import type {
  ColumnInfo,
  MultipleColumn,
  NumberColumn,
  TextColumn,
  ValueLabel,
} from '../../analysis/dataset.js';
import type { Text } from '../../questionnaire/schema.js';
import { fileColumns, optionLabels } from '../option-names.js';
import type {
  Codebook,
  CodebookInfo,
  CodebookShape,
  DescribedCodebook,
  QuestionSource,
} from './codebook.js';
import { DataSummary, everyCode, type ColumnSummary, type Moments } from './summary.js';
import { hasWords, wordsFor } from './words.js';

export interface Question {
  /** A grid's own question, asked before its rows. */
  stem?: Text;
  text: Text;
  hint?: Text;
}

export interface Category {
  code: number;
  /** The choice's stored name (`dk`); scale points and 0/1 have none. */
  name?: string;
  label?: Text;
  /** A declared missing code. */
  missing: boolean;
  /** Rows with this code. */
  count: number;
}

/** Over the valid values: not empty, not a declared missing code. */
export interface NumberSummary {
  min: number;
  max: number;
  mean: number;
  /** The sample standard deviation (n - 1), as R's `sd`; NaN for fewer than two values. */
  sd: number;
}

export interface VariableEntry {
  kind: 'variable';
  /** The variable's name in the data files. */
  name: string;
  /** The dataset column it comes from. */
  column: string;
  type: 'number' | 'text';
  label?: Text;
  question?: Question;
  info: ColumnInfo;
  categories: Category[];
  /** Rows with a valid value. */
  valid: number;
  /** Rows with a declared missing code. */
  declaredMissing: number;
  /** Rows without an answer. */
  empty: number;
  summary?: NumberSummary;
  /** For a multiple choice's 0/1 variable: the option it stands for. */
  option?: { item: string; code: number; name?: string; label?: Text };
  /** What the public-use file changed in it. */
  changes: string[];
}

export interface GroupEntry {
  kind: 'group';
  /** The multiple choice's column. */
  name: string;
  label?: Text;
  question?: Question;
  info: ColumnInfo;
  /** Rows that answered the item (chose something, or said they chose nothing). */
  answered: number;
  /** Rows that did not answer it. */
  empty: number;
  variables: VariableEntry[];
  changes: string[];
}

export type Entry = VariableEntry | GroupEntry;

/** A codebook with its dataset in memory, described: its rows summarised at once. */
export function describedOf(codebook: Codebook): DescribedCodebook {
  const { data, ...info } = codebook;
  return { ...info, shape: shapeOf(data), summary: DataSummary.of(data) };
}

/** The languages of the codebook: asked for, or the title's, then any met in labels and questions. */
export function codebookLanguages(codebook: CodebookShape): string[] {
  if (codebook.languages) return [...codebook.languages];
  const out = new Set(Object.keys(codebook.study.title));
  const see = (t: Text | undefined): void => {
    for (const k of Object.keys(t ?? {})) out.add(k);
  };
  for (const c of codebook.shape.columns.values()) {
    see(c.info.label);
    const labels = c.type === 'number' ? c.labels : c.type === 'multiple' ? c.options : [];
    for (const l of labels) see(l.label);
  }
  for (const v of codebook.variables ?? []) {
    see(v.item.label);
    see(v.row?.label);
  }
  return [...out];
}

export function questionOf(source: QuestionSource | undefined): Question | undefined {
  if (!source) return undefined;
  const hint = source.item.hint;
  if (source.row)
    return { stem: source.item.label, text: source.row.label, ...(hint ? { hint } : {}) };
  return { text: source.item.label, ...(hint ? { hint } : {}) };
}

/** Each column's entry, in the dataset's order. */
export function* entries(codebook: DescribedCodebook): Generator<Entry, void, undefined> {
  const sources = new Map((codebook.variables ?? []).map((v) => [v.name, v]));
  const changes = changesByVariable(codebook);
  const languages = codebookLanguages(codebook);
  const optionNames = new Map<string, string[]>();
  for (const f of fileColumns(codebook.shape))
    if (f.option !== undefined)
      optionNames.set(f.column, [...(optionNames.get(f.column) ?? []), f.name]);
  const { n, columns } = codebook.summary;
  for (const [name, c] of codebook.shape.columns) {
    const question = questionOf(sources.get(name));
    const common = { question, changes: changes.get(name) ?? [], n };
    const s = columns.get(name);
    if (c.type === 'multiple' && s?.type === 'multiple')
      yield groupEntry(name, c, s, optionNames.get(name) ?? [], common, changes, languages);
    else if (c.type === 'number' && s?.type === 'number') yield numberEntry(name, c, s, common);
    else if (c.type === 'text' && s?.type === 'text') yield textEntry(name, c, s, common);
    else throw new Error(`the summary has no ${c.type} column ${name}`);
  }
}

/** Changes by variable name, in the order given. */
export function changesByVariable(codebook: CodebookInfo): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const { variable, change } of codebook.changes ?? []) {
    const list = out.get(variable) ?? [];
    list.push(change);
    out.set(variable, list);
  }
  return out;
}

/** Changes to variables that are not in the data file (dropped ones). */
export function changesNotInData(codebook: CodebookShape): { variable: string; change: string }[] {
  const present = new Set<string>(codebook.shape.columns.keys());
  for (const f of fileColumns(codebook.shape)) present.add(f.name);
  return (codebook.changes ?? []).filter((c) => !present.has(c.variable));
}

interface Common {
  question: Question | undefined;
  changes: string[];
  /** The number of rows. */
  n: number;
}

type Summary<T extends ColumnSummary['type']> = Extract<ColumnSummary, { type: T }>;

function withQuestion<T extends object>(entry: T, question: Question | undefined): T {
  return question ? { ...entry, question } : entry;
}

function numberEntry(
  name: string,
  c: NumberColumn,
  s: Summary<'number'>,
  common: Common,
): VariableEntry {
  const { counts, empty } = s;
  const missingCodes = new Set(c.labels.filter((l) => l.missing).map((l) => l.code));
  let declaredMissing = 0;
  for (const code of missingCodes) declaredMissing += counts.get(code) ?? 0;
  const categories = categoriesOf(c, counts);
  const summary =
    c.info.measure === 'scale' || categories.length === 0 ? summarise(s.moments) : undefined;
  return withQuestion(
    {
      kind: 'variable',
      name,
      column: name,
      type: 'number',
      ...(c.info.label ? { label: c.info.label } : {}),
      info: c.info,
      categories,
      valid: common.n - empty - declaredMissing,
      declaredMissing,
      empty,
      ...(summary ? { summary } : {}),
      changes: common.changes,
    },
    common.question,
  );
}

/**
 * A number column's categories: a scale (integer, decimal) has only its labelled codes; a
 * nominal or ordinal column with labels or a scale has every labelled code, every scale point and
 * every code in the data. Valid codes come in numeric order, declared missing ones after them.
 */
function categoriesOf(c: NumberColumn, counts: ReadonlyMap<number, number>): Category[] {
  const labelled = new Map<number, ValueLabel>();
  for (const l of c.labels) if (!labelled.has(l.code)) labelled.set(l.code, l);
  const codes = new Set(labelled.keys());
  if (everyCode(c)) {
    const s = c.info.scale;
    if (s && s.max - s.min <= 1000) for (let p = s.min; p <= s.max; p++) codes.add(p);
    for (const code of counts.keys()) codes.add(code);
  }
  const category = (code: number): Category => {
    const l = labelled.get(code);
    return {
      code,
      ...(l?.name !== undefined ? { name: l.name } : {}),
      ...(l?.label ? { label: l.label } : {}),
      missing: l?.missing === true,
      count: counts.get(code) ?? 0,
    };
  };
  const all = [...codes].map(category);
  const valid = all.filter((k) => !k.missing).sort((a, b) => a.code - b.code);
  const missingOrder = c.labels.filter((l) => l.missing).map((l) => l.code);
  const missing = all
    .filter((k) => k.missing)
    .sort((a, b) => missingOrder.indexOf(a.code) - missingOrder.indexOf(b.code));
  return [...valid, ...missing];
}

/** The valid values' figures (Welford's one pass, summary.ts); none without a valid value. */
function summarise(m: Moments | undefined): NumberSummary | undefined {
  if (!m || m.n === 0) return undefined;
  return { min: m.min, max: m.max, mean: m.mean, sd: m.n > 1 ? Math.sqrt(m.m2 / (m.n - 1)) : NaN };
}

function textEntry(
  name: string,
  c: TextColumn,
  { empty }: Summary<'text'>,
  common: Common,
): VariableEntry {
  return withQuestion(
    {
      kind: 'variable',
      name,
      column: name,
      type: 'text',
      ...(c.info.label ? { label: c.info.label } : {}),
      info: c.info,
      categories: [],
      valid: common.n - empty,
      declaredMissing: 0,
      empty,
      changes: common.changes,
    },
    common.question,
  );
}

/** 0 and 1 in each codebook language the codebook has words in (English when none). */
function chosenLabels(languages: readonly string[]): { notChosen: Text; chosen: Text } {
  const known = languages.filter(hasWords);
  const notChosen: Text = {};
  const chosen: Text = {};
  for (const l of known.length > 0 ? known : ['en']) {
    notChosen[l] = wordsFor(l).notChosen;
    chosen[l] = wordsFor(l).chosen;
  }
  return { notChosen, chosen };
}

function groupEntry(
  name: string,
  c: MultipleColumn,
  { answered, chosen }: Summary<'multiple'>,
  names: readonly string[],
  common: Common,
  changes: ReadonlyMap<string, string[]>,
  languages: readonly string[],
): GroupEntry {
  const n = common.n;
  const words = chosenLabels(languages);
  const variables = c.options.map((o, j): VariableEntry => {
    const column = names[j]!;
    const label = optionLabels(c.info.label, o);
    return withQuestion(
      {
        kind: 'variable',
        name: column,
        column: name,
        type: 'number',
        ...(label ? { label } : {}),
        info: { ...c.info, measure: 'nominal' },
        categories: [
          { code: 0, label: words.notChosen, missing: false, count: answered - chosen[j]! },
          { code: 1, label: words.chosen, missing: false, count: chosen[j]! },
        ],
        valid: answered,
        declaredMissing: 0,
        empty: n - answered,
        option: {
          item: name,
          code: o.code,
          ...(o.name !== undefined ? { name: o.name } : {}),
          ...(o.label ? { label: o.label } : {}),
        },
        changes: changes.get(column) ?? [],
      },
      common.question,
    );
  });
  return withQuestion(
    {
      kind: 'group',
      name,
      ...(c.info.label ? { label: c.info.label } : {}),
      info: c.info,
      answered,
      empty: n - answered,
      variables,
      changes: common.changes,
    },
    common.question,
  );
}
