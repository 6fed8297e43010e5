/**
 * The variables of each kind of column: a number (its format, value labels and declared missing
 * values), a text (a string as wide as its longest text in UTF-8), and a multiple choice (a 0/1
 * variable per option). Labels are in the file's language, cut to what the format holds. What
 * the rows decide (a number's format, a text's width) is gathered chunk by chunk by `see`.
 */
import { chunkColumn } from '../../analysis/chunked.js';
import type { Dataset, MultipleColumn, NumberColumn, TextColumn } from '../../analysis/dataset.js';
import type { Text } from '../../questionnaire/schema.js';
import { SavError } from './errors.js';
import { alignLeft, alignRight, FormatChooser, measureCode } from './formats.js';
import { MissingLook } from './missing-values.js';
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

/** The widest display width given to a string. */
const maxDisplayWidth = 64;

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

/**
 * A variable as far as the columns' shape tells; `see` takes what its rows must still tell from
 * each chunk's column, and `done` gives the variable once every chunk has been seen.
 */
export interface Pending {
  /** The name wanted: the column's, or `item_option` for an option of a multiple choice. */
  wanted: string;
  variable(): Unnamed;
  see?(chunk: Dataset): void;
}

/** A number: its format from its values and codes, declared missing values checked on both. */
export function numberVariable(name: string, c: NumberColumn, labels: Labels): Pending {
  const formats = new FormatChooser();
  formats.seeAll(c.labels.map((l) => l.code));
  const valueLabels: ValueLabelEntry[] = [];
  const seen = new Set<number>();
  for (const l of c.labels) {
    const text = labels.fit('a value label', name, labels.pick(l.label) ?? l.name);
    if (text === undefined || seen.has(l.code)) continue;
    seen.add(l.code);
    valueLabels.push({ value: l.code, label: text });
  }
  const missingLook = new MissingLook(name, c.labels);
  const variableLabel = labels.fit('the variable label', name, labels.pick(c.info.label));
  return {
    wanted: name,
    see(chunk) {
      const { values } = chunkColumn(chunk, name, 'number');
      formats.seeAll(values);
      missingLook.see(values);
    },
    variable() {
      const format = formats.format();
      const missing = missingLook.result();
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
        source: { kind: 'number' },
      };
    },
  };
}

/** A text: a string as wide as its longest text in UTF-8, over every chunk. */
export function textVariable(name: string, c: TextColumn, labels: Labels): Pending {
  const variableLabel = labels.fit('the variable label', name, labels.pick(c.info.label));
  let width = 1;
  let characters = 1;
  return {
    wanted: name,
    see(chunk) {
      const { index, levels } = chunkColumn(chunk, name, 'text');
      const used = new Uint8Array(levels.length);
      for (let i = 0; i < index.length; i++) if (index[i]! >= 0) used[index[i]!] = 1;
      levels.forEach((level, j) => {
        if (!used[j]) return;
        // UTF-8 takes at most 3 bytes per UTF-16 unit; code points are at most the units.
        if (level.length * 3 > width) width = Math.max(width, utf8Length(level));
        if (characters < maxDisplayWidth && level.length > characters)
          characters = Math.max(characters, [...level].length);
      });
      if (width > maxStringWidth)
        throw new SavError(
          `column "${name}" has a text of ${width} bytes; SPSS strings hold at most ${maxStringWidth}`,
          name,
        );
    },
    variable: () => ({
      column: name,
      width,
      ...(variableLabel !== undefined ? { label: variableLabel } : {}),
      format: { type: 'A', width: Math.min(width, 255), decimals: 0 },
      // SPSS has no scale strings.
      measure: c.info.measure === 'ordinal' ? 2 : 1,
      displayWidth: Math.min(characters, maxDisplayWidth),
      alignment: alignLeft,
      valueLabels: [],
      source: { kind: 'text' },
    }),
  };
}

/** A multiple choice: a 0/1 variable per option, known from the shape alone. */
export function optionVariables(
  name: string,
  c: MultipleColumn,
  options: SavOptions,
  labels: Labels,
): Pending[] {
  const words =
    options.chosenLabels ?? defaultChosenLabels[options.language] ?? defaultChosenLabels.en!;
  const item = labels.pick(c.info.label);
  return c.options.map((o, k): Pending => {
    const option = labels.pick(o.label) ?? o.name ?? String(o.code);
    const variableLabel = labels.fit(
      'the variable label of an option',
      name,
      item ? `${item}: ${option}` : option,
    );
    const variable: Unnamed = {
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
      source: { kind: 'option', options: c.options.length, option: k },
    };
    return { wanted: `${name}_${o.name ?? String(o.code)}`, variable: () => variable };
  });
}
