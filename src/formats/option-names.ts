/**
 * A multiple choice's 0/1 column for one of its options, as Parquet, DDI and the codebook name
 * and label it: named `<item>_<option>` (`reasons_money`) after the option's stored name, or its
 * code where it has none; labelled "item label: option label" in each language.
 */
import type { ValueLabel } from '../analysis/dataset.js';
import type { Text } from '../questionnaire/schema.js';

export function optionColumnName(item: string, option: ValueLabel): string {
  return `${item}_${option.name ?? String(option.code)}`;
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
