/**
 * What a .sav file of a dataset holds, worked out before anything is written: a variable per
 * number or text column and per option of a multiple choice, their names, labels in one language,
 * formats, declared missing values and value labels, and a multiple-response set per multiple
 * choice. Refuses what SPSS cannot hold, with a sentence naming the column; notes what it
 * shortened. The types are in types.ts, each kind of column's variables in variables.ts.
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
  type Unnamed,
} from './variables.js';

const maxFileLabelBytes = 64;
/** The header's number of cases is a 32-bit integer. */
const maxCases = 2 ** 31 - 1;

/** What the dataset becomes in a .sav file. */
export function planSav(data: Dataset, options: SavOptions): SavPlan {
  if (data.columns.size === 0) throw new SavError('the dataset has no columns to write');
  checkLanguage(data, options.language);
  for (const name of data.columns.keys())
    if (validNameFor(name) === undefined) throw unnameable(name);
  const labels = new Labels(options.language);
  const notes = labels.notes;

  const unnamed: Unnamed[] = [];
  const requests: NameRequest[] = [];
  const sets: { column: string; label: string; first: number; count: number }[] = [];
  for (const [name, c] of data.columns) {
    if (c.type !== 'multiple') {
      unnamed.push(
        c.type === 'number' ? numberVariable(name, c, labels) : textVariable(name, c, labels),
      );
      requests.push({ wanted: name, column: name });
      continue;
    }
    const first = unnamed.length;
    for (const o of optionVariables(name, c, options, labels)) {
      unnamed.push(o.variable);
      requests.push({ wanted: o.wanted, column: name });
    }
    if (c.options.length >= 2)
      sets.push({
        column: name,
        label: (labels.pick(c.info.label) ?? '').replace(/[\r\n]+/g, ' '),
        first,
        count: c.options.length,
      });
    else
      notes.push(
        `column "${name}" is a multiple choice with ${c.options.length} option(s): ` +
          'no multiple-response set, which needs two',
      );
  }
  if (unnamed.length === 0) throw new SavError('the dataset has no columns that can be written');
  if (data.n > maxCases)
    throw new SavError(
      `the dataset has ${data.n} rows; the file header counts at most ${maxCases}`,
    );

  const long = longNames(requests);
  const short = shortNames(
    long,
    unnamed.map((d) => segmentWidths(d.width).length),
  );
  const variables: SavVariable[] = unnamed.map((d, i) => ({
    ...d,
    name: long[i]!,
    shortNames: short[i]!,
  }));

  const fileLabel = options.fileLabel ?? '';
  if (utf8Length(fileLabel) > maxFileLabelBytes)
    notes.push(`the file label shortened to ${maxFileLabelBytes} bytes`);

  return {
    n: data.n,
    variables,
    sets: responseSets(sets, variables),
    weightIndex: weightIndex(data, variables, options.weight),
    compression: options.compression ?? 'bytes',
    fileLabel: truncateUtf8(fileLabel, maxFileLabelBytes),
    ...(options.created ? { created: options.created } : {}),
    notes,
  };
}

/** A set per multiple choice, named `$` and the item's name made valid, unique among sets. */
function responseSets(
  sets: readonly { column: string; label: string; first: number; count: number }[],
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

function weightIndex(data: Dataset, variables: readonly SavVariable[], weight?: string): number {
  if (weight === undefined) return 0;
  const c = data.columns.get(weight);
  if (!c) throw new SavError(`the weight column "${weight}" is not in the dataset`, weight);
  if (c.type !== 'number')
    throw new SavError(`the weight column "${weight}" is not a number column`, weight);
  let index = 1;
  for (const v of variables) {
    if (v.column === weight) return index;
    index += elementsOf(v.width);
  }
  return 0;
}
