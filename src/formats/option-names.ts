/**
 * The name of a multiple choice's 0/1 column for one of its options, `<item>_<option>`
 * (`reasons_money`), as Parquet, DDI and the codebook name it: the option's stored name, or its
 * code where it has none.
 */
import type { ValueLabel } from '../analysis/dataset.js';

export function optionColumnName(item: string, option: ValueLabel): string {
  return `${item}_${option.name ?? String(option.code)}`;
}
