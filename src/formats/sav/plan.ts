/**
 * What a .sav file of a dataset holds, worked out before anything is written: a variable per
 * number or text column and per option of a multiple choice, their names, labels in one language,
 * formats, declared missing values and value labels, and a multiple-response set per multiple
 * choice. Refuses what SPSS cannot hold, with a sentence naming the column; notes what it
 * shortened. The types are in types.ts, each kind of column's variables in variables.ts.
 *
 * The plan is made in two steps, so that the rows can come in chunks: the shape (names, labels,
 * languages, the weight: refused at once), then every chunk of rows (the number of cases, a
 * text's widest value, a number's format, whether declared missing codes fit in a range).
 */
import type { Column, Dataset } from '../../analysis/dataset.js';
import type { Text } from '../../questionnaire/schema.js';
import { SavError } from './errors.js';
import {
  longNames,
  maxNameBytes,
  nameKey,
  shortNames,
  unnameable,
  validNameFor,
  type NameRequest,
} from './names.js';
import { elementsOf, segmentWidths } from './segments.js';
import type { SavOptions, SavPlan, SavResponseSet, SavVariable } from './types.js';
import { truncateUtf8, utf8Length } from './utf8.js';
import {
  Labels,
  numberVariable,
  optionVariables,
  textVariable,
  type Pending,
} from './variables.js';

const maxFileLabelBytes = 64;
/** The header's number of cases is a 32-bit integer. */
const maxCases = 2 ** 31 - 1;

interface SetRequest {
  column: string;
  label: string;
  first: number;
  count: number;
}

/**
 * Plans a .sav file from a dataset's shape, then its rows chunk by chunk (`see`), then `plan()`.
 * Everything the shape decides is checked when it is made.
 */
export class SavPlanner {
  private readonly pending: Pending[] = [];
  private readonly seeing: Pending[];
  private readonly sets: SetRequest[] = [];
  private readonly long: string[];
  private readonly notes: string[];
  private n = 0;

  constructor(
    shape: Dataset,
    private readonly options: SavOptions,
  ) {
    if (shape.columns.size === 0) throw new SavError('the dataset has no columns to write');
    checkLanguage(shape, options.language);
    for (const name of shape.columns.keys())
      if (validNameFor(name) === undefined) throw unnameable(name);
    const labels = new Labels(options.language);
    this.notes = labels.notes;

    const requests: NameRequest[] = [];
    for (const [name, c] of shape.columns) {
      if (c.type !== 'multiple') {
        this.pending.push(
          c.type === 'number' ? numberVariable(name, c, labels) : textVariable(name, c, labels),
        );
        requests.push({ wanted: name, column: name });
        continue;
      }
      const first = this.pending.length;
      for (const o of optionVariables(name, c, options, labels)) {
        this.pending.push(o);
        requests.push({ wanted: o.wanted, column: name });
      }
      if (c.options.length >= 2)
        this.sets.push({
          column: name,
          label: (labels.pick(c.info.label) ?? '').replace(/[\r\n]+/g, ' '),
          first,
          count: c.options.length,
        });
      else
        this.notes.push(
          `column "${name}" is a multiple choice with ${c.options.length} option(s): ` +
            'no multiple-response set, which needs two',
        );
    }
    if (this.pending.length === 0)
      throw new SavError('the dataset has no columns that can be written');
    checkWeight(shape, options.weight);
    this.long = longNames(requests);
    this.seeing = this.pending.filter((p) => p.see !== undefined);

    const fileLabel = options.fileLabel ?? '';
    if (utf8Length(fileLabel) > maxFileLabelBytes)
      this.notes.push(`the file label shortened to ${maxFileLabelBytes} bytes`);
  }

  /** The next chunk of rows: counted, and what the dictionary needs of them kept. */
  see(chunk: Dataset): void {
    this.n += chunk.n;
    if (this.n > maxCases)
      throw new SavError(
        `the dataset has more than ${maxCases} rows, which the file header counts at most`,
      );
    for (const p of this.seeing) p.see!(chunk);
  }

  /** What the file holds, once every chunk has been seen. */
  plan(): SavPlan {
    const unnamed = this.pending.map((p) => p.variable());
    const short = shortNames(
      this.long,
      unnamed.map((d) => segmentWidths(d.width).length),
    );
    const variables: SavVariable[] = unnamed.map((d, i) => ({
      ...d,
      name: this.long[i]!,
      shortNames: short[i]!,
    }));
    const { options } = this;
    return {
      n: this.n,
      variables,
      sets: responseSets(this.sets, variables),
      weightIndex: weightIndex(variables, options.weight),
      compression: options.compression ?? 'bytes',
      fileLabel: truncateUtf8(options.fileLabel ?? '', maxFileLabelBytes),
      ...(options.created ? { created: options.created } : {}),
      notes: [...this.notes],
    };
  }
}

/** What a dataset held whole becomes in a .sav file. */
export function planSav(data: Dataset, options: SavOptions): SavPlan {
  const planner = new SavPlanner(data, options);
  planner.see(data);
  return planner.plan();
}

/** A set per multiple choice, named `$` and the item's name made valid, unique among sets. */
function responseSets(
  sets: readonly SetRequest[],
  variables: readonly SavVariable[],
): SavResponseSet[] {
  const taken = new Set<string>();
  return sets.map((s) => {
    const base = validNameFor(s.column)!;
    let name = `$${truncateUtf8(base, maxNameBytes - 1)}`;
    for (let k = 2; taken.has(nameKey(name)); k++)
      name = `$${truncateUtf8(base, maxNameBytes - 2 - String(k).length)}_${k}`;
    taken.add(nameKey(name));
    return { name, label: s.label, variables: variables.slice(s.first, s.first + s.count) };
  });
}

/** Refuses a language no label is in while labels exist in others. */
function checkLanguage(data: Dataset, language: string): void {
  const languages = new Set<string>();
  const see = (t: Text | undefined): void => {
    for (const k of Object.keys(t ?? {})) languages.add(k);
  };
  for (const c of data.columns.values()) {
    see(c.info.label);
    const labels = labelsOf(c);
    for (const l of labels) see(l.label);
  }
  if (languages.size > 0 && !languages.has(language))
    throw new SavError(
      `no label is in the language "${language}"; the dataset's labels are in ${[...languages].sort().join(', ')}`,
    );
}

function labelsOf(c: Column): readonly { label?: Text }[] {
  return c.type === 'number' ? c.labels : c.type === 'multiple' ? c.options : [];
}

function checkWeight(data: Dataset, weight?: string): void {
  if (weight === undefined) return;
  const c = data.columns.get(weight);
  if (!c) throw new SavError(`the weight column "${weight}" is not in the dataset`, weight);
  if (c.type !== 'number')
    throw new SavError(`the weight column "${weight}" is not a number column`, weight);
}

/** The weight variable's dictionary index, counting 8-byte elements from 1; 0 for none. */
function weightIndex(variables: readonly SavVariable[], weight?: string): number {
  if (weight === undefined) return 0;
  let index = 1;
  for (const v of variables) {
    if (v.column === weight) return index;
    index += elementsOf(v.width);
  }
  return 0;
}
