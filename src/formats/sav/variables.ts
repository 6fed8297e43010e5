/**
 * The variables of each kind of column: a number (its format, value labels and declared missing
 * values), a text (a string as wide as its longest text in UTF-8), and a multiple choice (a 0/1
 * variable per option). Labels are in the file's language, cut to what the format holds.
 */
import type { MultipleColumn, NumberColumn, TextColumn } from '../../analysis/dataset.js';
import type { Text } from '../../questionnaire/schema.js';
import { SavError } from './errors.js';
import { alignLeft, alignRight, measureCode, numberFormat } from './formats.js';
import { declaredMissing } from './missing-values.js';
import type { SavOptions, SavVariable, ValueLabelEntry } from './types.js';
import { truncateUtf8, utf8Length } from './utf8.js';

/** Longest variable and value labels written (the format's byte for value labels; SPSS's 256). */
export const maxLabelBytes = 255;
/** SPSS's widest string. */
export const maxStringWidth = 32767;

const defaultChosenLabels: Record<string, { notChosen: string; chosen: string }> = {
  en: { notChosen: 'not chosen', chosen: 'chosen' },
  ru: { notChosen: 'не выбрано', chosen: 'выбрано' },
};

/** A variable before it is named. */
export type Unnamed = Omit<SavVariable, 'name' | 'shortNames'>;

/** Labels in one language, cut to what the format holds; a note for each one cut. */
export class Labels {
  readonly notes: string[] = [];
  constructor(private readonly language: string) {}

  pick(text: Text | undefined): string | undefined {
    return text?.[this.language];
  }

  fit(what: string, column: string, text: string | undefined): string | undefined {
    if (text === undefined || text === '') return undefined;
    const cut = truncateUtf8(text, maxLabelBytes);
    if (cut !== text)
      this.notes.push(`${what} of column "${column}" shortened to ${maxLabelBytes} bytes`);
    return cut;
  }
}

export function numberVariable(name: string, c: NumberColumn, labels: Labels): Unnamed {
  const format = numberFormat(
    c.values,
    c.labels.map((l) => l.code),
  );
  const valueLabels: ValueLabelEntry[] = [];
  const seen = new Set<number>();
  for (const l of c.labels) {
    const text = labels.fit('a value label', name, labels.pick(l.label) ?? l.name);
    if (text === undefined || seen.has(l.code)) continue;
    seen.add(l.code);
    valueLabels.push({ value: l.code, label: text });
  }
  const missing = declaredMissing(name, c);
  const variableLabel = labels.fit('the variable label', name, labels.pick(c.info.label));
  return {
    column: name,
    width: 0,
    ...(variableLabel !== undefined ? { label: variableLabel } : {}),
    format,
    measure: measureCode(c.info.measure),
    displayWidth: format.width,
    alignment: alignRight,
    ...(missing ? { missing } : {}),
    valueLabels,
    source: { kind: 'number', values: c.values },
  };
}

export function textVariable(name: string, c: TextColumn, labels: Labels): Unnamed {
  const variableLabel = labels.fit('the variable label', name, labels.pick(c.info.label));
  const used = new Uint8Array(c.levels.length);
  for (let i = 0; i < c.index.length; i++) if (c.index[i]! >= 0) used[c.index[i]!] = 1;
  let width = 1;
  let characters = 1;
  c.levels.forEach((level, j) => {
    if (!used[j]) return;
    width = Math.max(width, utf8Length(level));
    characters = Math.max(characters, [...level].length);
  });
  if (width > maxStringWidth)
    throw new SavError(
      `column "${name}" has a text of ${width} bytes; SPSS strings hold at most ${maxStringWidth}`,
      name,
    );
  return {
    column: name,
    width,
    ...(variableLabel !== undefined ? { label: variableLabel } : {}),
    format: { type: 'A', width: Math.min(width, 255), decimals: 0 },
    // SPSS has no scale strings.
    measure: c.info.measure === 'ordinal' ? 2 : 1,
    displayWidth: Math.min(characters, 64),
    alignment: alignLeft,
    valueLabels: [],
    source: { kind: 'text', index: c.index, levels: c.levels },
  };
}

export function optionVariables(
  name: string,
  c: MultipleColumn,
  options: SavOptions,
  labels: Labels,
): { wanted: string; variable: Unnamed }[] {
  const words =
    options.chosenLabels ?? defaultChosenLabels[options.language] ?? defaultChosenLabels.en!;
  const item = labels.pick(c.info.label);
  return c.options.map((o, k) => {
    const option = labels.pick(o.label) ?? o.name ?? String(o.code);
    const variableLabel = labels.fit(
      'the variable label of an option',
      name,
      item ? `${item}: ${option}` : option,
    );
    return {
      wanted: `${name}_${o.name ?? String(o.code)}`,
      variable: {
        column: name,
        width: 0,
        ...(variableLabel !== undefined ? { label: variableLabel } : {}),
        format: { type: 'F', width: 1, decimals: 0 },
        measure: 1,
        displayWidth: 8,
        alignment: alignRight,
        valueLabels: [
          { value: 0, label: words.notChosen },
          { value: 1, label: words.chosen },
        ],
        source: {
          kind: 'option',
          chosen: c.chosen,
          answered: c.answered,
          options: c.options.length,
          option: k,
        },
      },
    };
  });
}
