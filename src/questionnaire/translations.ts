/**
 * Every text a respondent or reader sees must exist in every study language. Texts are found
 * by their field names, so a new item field holding a text only needs its name listed here.
 */
import type { CheckProblem } from './check-problem.js';
import type { Path, Source } from './source.js';

/** The fields that hold a text in each language, wherever they stand. */
export const textFields: ReadonlySet<string> = new Set([
  'title',
  'label',
  'hint',
  'required_message',
  'constraint_message',
  'min_label',
  'max_label',
  'description',
  'text',
  'end_text',
  'subject',
  'body',
]);

export function checkTranslations(
  source: Source,
  languages: readonly string[],
  nameAt: (path: Path) => string | undefined,
): CheckProblem[] {
  const problems: CheckProblem[] = [];
  const visitText = (value: unknown, path: Path): void => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    const texts = value as Record<string, unknown>;
    const item = nameAt(path);
    for (const language of languages) {
      const text = texts[language];
      if (text === undefined) {
        problems.push({
          file: source.file,
          ...source.locate(path),
          item,
          code: 'translation',
          message: `Missing the '${language}' text of ${describe(path)}.`,
        });
      } else if (typeof text === 'string' && text.trim() === '') {
        problems.push({
          file: source.file,
          ...source.locate([...path, language]),
          item,
          code: 'translation',
          message: `The '${language}' text of ${describe(path)} is empty.`,
        });
      }
    }
    for (const key of Object.keys(texts)) {
      if (!languages.includes(key)) {
        problems.push({
          file: source.file,
          ...source.locate([...path, key]),
          item,
          code: 'translation',
          message: `Text in '${key}', which is not a study language (${languages.join(', ')}).`,
        });
      }
    }
  };
  const walk = (value: unknown, path: Path): void => {
    if (Array.isArray(value)) {
      value.forEach((v, i) => walk(v, [...path, i]));
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      if (textFields.has(key)) visitText(child, [...path, key]);
      else if (key === 'labels' && typeof child === 'object' && child !== null)
        for (const [point, text] of Object.entries(child)) visitText(text, [...path, key, point]);
      else walk(child, [...path, key]);
    }
  };
  walk(source.value, []);
  return problems;
}

function describe(path: Path): string {
  const last = path[path.length - 1];
  const field = typeof last === 'string' ? last : 'text';
  const owner = path[path.length - 2];
  if (path[path.length - 2] === 'labels') return `the label of point ${String(last)}`;
  return typeof owner === 'number' || owner === undefined ? `its ${field}` : `${owner}'s ${field}`;
}
