/** The languages a dataset's labels are in, and the check that a file's language is one of them. */
import type { Column, Dataset } from '../analysis/dataset.js';
import type { Text } from '../questionnaire/schema.js';

/** Every language of a variable or value label, in the order first met. */
export function labelLanguages(data: Dataset): string[] {
  const languages = new Set<string>();
  const see = (t: Text | undefined): void => {
    for (const k of Object.keys(t ?? {})) languages.add(k);
  };
  for (const c of data.columns.values()) {
    see(c.info.label);
    for (const l of codeLabels(c)) see(l.label);
  }
  return [...languages];
}

function codeLabels(c: Column): readonly { label?: Text }[] {
  return c.type === 'number' ? c.labels : c.type === 'multiple' ? c.options : [];
}

/**
 * A sentence refusing `language` when the dataset has labels but none in it; undefined when
 * the language will do (or there are no labels at all).
 */
export function languageRefusal(data: Dataset, language: string): string | undefined {
  const languages = labelLanguages(data);
  if (languages.length === 0 || languages.includes(language)) return undefined;
  return `no label is in the language "${language}"; the dataset's labels are in ${languages.sort().join(', ')}`;
}
