/**
 * The columns of a data file as Parquet, DDI and the codebook name them: a number or text column
 * keeps its name; a multiple choice has a 0/1 column per option, named `<item>_<option>`
 * (`reasons_money`) after the option's stored name, or its code where it has none, and labelled
 * "item label: option label" in each language.
 */
import type { Dataset, ValueLabel } from '../analysis/dataset.js';
import type { Text } from '../questionnaire/schema.js';

export function optionColumnName(item: string, option: ValueLabel): string {
  return `${item}_${option.name ?? String(option.code)}`;
}

export interface FileColumn {
  /** The name in the file. */
  name: string;
  /** The dataset column it comes from. */
  column: string;
  /** For a multiple choice: the option's position among its options. */
  option?: number;
}

/**
 * Every column of the file, in the dataset's order. The dataset's own names are kept; an option's
 * column whose name is taken (an item `reasons` with an option `other` and the text
 * `reasons_other` its `other: true` adds) ends in `_2`, `_3`, ... instead: `reasons_other_2`.
 */
export function fileColumns(data: Dataset): FileColumn[] {
  const taken = new Set<string>();
  for (const [name, c] of data.columns) if (c.type !== 'multiple') taken.add(name);
  const out: FileColumn[] = [];
  for (const [name, c] of data.columns) {
    if (c.type !== 'multiple') {
      out.push({ name, column: name });
      continue;
    }
    c.options.forEach((o, option) => {
      const wanted = optionColumnName(name, o);
      let unique = wanted;
      for (let k = 2; taken.has(unique); k++) unique = `${wanted}_${k}`;
      taken.add(unique);
      out.push({ name: unique, column: name, option });
    });
  }
  return out;
}

/**
 * "item label: option label" in each language either is in; an option without a label in a
 * language goes by its name. Empty texts count as none.
 */
export function optionLabels(item: Text | undefined, option: ValueLabel): Text | undefined {
  const out: Text = {};
  const languages = new Set([...Object.keys(item ?? {}), ...Object.keys(option.label ?? {})]);
  for (const language of languages) {
    const i = item?.[language] || undefined;
    const o = option.label?.[language] || option.name || String(option.code);
    out[language] = i !== undefined ? `${i}: ${o}` : o;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
