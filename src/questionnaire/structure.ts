/**
 * Turns a parsed file into a typed definition, or into sentences that say what is wrong and
 * where. Items are checked against the schema of their own `type`, so a misspelt field in a
 * `rating` item is reported as such, not as "matches no item type".
 */
import { z } from 'zod';
import type { CheckProblem } from './check-problem.js';
import {
  itemSchemas,
  itemTypes,
  pageSchema,
  questionnaireSchema,
  studySchema,
  type Item,
  type ItemType,
  type QuestionnaireDefinition,
  type StudyDefinition,
} from './schema.js';
import type { Path, Source } from './source.js';
import { didYouMean } from './suggest.js';

const rawPage = pageSchema.extend({ items: z.array(z.unknown()) });
const rawQuestionnaire = questionnaireSchema.extend({ pages: z.array(rawPage) });

/** Every field name any schema knows, for "did you mean" suggestions. */
const knownFields = [
  ...new Set(
    [
      ...Object.values(itemSchemas).flatMap((s) => Object.keys(s.shape)),
      ...Object.keys(rawPage.shape),
      ...Object.keys(questionnaireSchema.shape),
      ...Object.keys(studySchema.shape),
      'code',
      'file',
      'opens',
      'closes',
      'panel_opens',
      'version',
      'text',
      'wave',
      'item',
      'missing',
    ].sort(),
  ),
];

export function structureQuestionnaire(source: Source): {
  definition?: QuestionnaireDefinition;
  problems: CheckProblem[];
} {
  const problems: CheckProblem[] = [];
  const top = rawQuestionnaire.safeParse(source.value);
  if (!top.success) {
    problems.push(...describeIssues(source, top.error.issues, []));
  }
  // Items are checked even when the rest has problems, so one run reports everything.
  const pages = pagesOf(source.value);
  const typedPages: { items: Item[] }[] = [];
  pages.forEach((page, p) => {
    const items: Item[] = [];
    itemsOf(page).forEach((raw, i) => {
      const path = ['pages', p, 'items', i];
      const item = structureItem(source, raw, path, problems);
      if (item) items.push(item);
    });
    typedPages.push({ items });
  });
  if (problems.length > 0 || !top.success) return { problems };
  const definition = {
    ...top.data,
    pages: top.data.pages.map((page, p) => ({ ...page, items: typedPages[p]!.items })),
  } as QuestionnaireDefinition;
  return { definition, problems };
}

export function structureStudy(source: Source): {
  definition?: StudyDefinition;
  problems: CheckProblem[];
} {
  const parsed = studySchema.safeParse(source.value);
  if (parsed.success) return { definition: parsed.data, problems: [] };
  return { problems: describeIssues(source, parsed.error.issues, []) };
}

function structureItem(
  source: Source,
  raw: unknown,
  path: Path,
  problems: CheckProblem[],
): Item | undefined {
  const at = (message: string, sub: Path = [], item?: string): void => {
    const pos = source.locate([...path, ...sub]);
    problems.push({ file: source.file, ...pos, item, code: 'structure', message });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    at('An item must be a mapping with at least name, type and label.');
    return undefined;
  }
  const record = raw as Record<string, unknown>;
  const itemName = typeof record.name === 'string' ? record.name : undefined;
  const type = record.type;
  if (type === undefined) {
    at(`Item has no type; give one of: ${itemTypes.join(', ')}.`, [], itemName);
    return undefined;
  }
  if (typeof type !== 'string' || !(type in itemSchemas)) {
    const shown = typeof type === 'string' ? `'${type}'` : JSON.stringify(type);
    at(
      `Unknown item type ${shown}${typeof type === 'string' ? didYouMean(type, itemTypes) : '.'} Known types: ${itemTypes.join(', ')}.`,
      ['type'],
      itemName,
    );
    return undefined;
  }
  const parsed = itemSchemas[type as ItemType].safeParse(raw);
  if (parsed.success) return parsed.data as Item;
  problems.push(...describeIssues(source, parsed.error.issues, path, itemName));
  return undefined;
}

/** zod's issues as problems with file, line and column; any file read with readSource. */
export function describeIssues(
  source: Source,
  issues: readonly z.core.$ZodIssue[],
  prefix: Path,
  itemName?: string,
): CheckProblem[] {
  const out: CheckProblem[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...(issue.path as (string | number)[])];
    // Items inside pages are checked one by one in structureItem.
    if (prefix.length === 0 && isItemPath(path)) continue;
    const item = itemName ?? itemNameAt(source.value, path);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const pos = source.locate([...path, key]);
        out.push({
          file: source.file,
          ...pos,
          item,
          code: 'unknown-field',
          message: `Unknown field '${key}'${didYouMean(key, knownFields) || '.'}`,
        });
      }
      continue;
    }
    const pos = source.locate(path);
    out.push({
      file: source.file,
      ...pos,
      item,
      code: 'structure',
      message: sentence(issue, path, source),
    });
  }
  return out;
}

function isItemPath(path: Path): boolean {
  return path.length >= 4 && path[0] === 'pages' && path[2] === 'items';
}

function sentence(issue: z.core.$ZodIssue, path: Path, source: Source): string {
  const field = describeField(path);
  switch (issue.code) {
    case 'invalid_type': {
      const actual = valueAt(source.value, path);
      if (actual === undefined) return `${field} is missing.`;
      return `${field} must be ${article(issue.expected)}, not ${kindOf(actual)}.`;
    }
    case 'invalid_value':
      return `${field} must be one of: ${issue.values.map((v) => String(v)).join(', ')}.`;
    case 'too_small':
      return issue.origin === 'array'
        ? `${field} must have at least ${String(issue.minimum)} entr${issue.minimum === 1 ? 'y' : 'ies'}.`
        : `${field} must be at least ${String(issue.minimum)}.`;
    case 'invalid_format':
      if (issue.format === 'datetime')
        return `${field} must be a date and time with its offset, such as 2022-08-23T00:00:00+03:00.`;
      return `${field} is not a valid ${issue.format}.`;
    case 'invalid_union':
      if (valueAt(source.value, path) === undefined) return `${field} is missing.`;
      return `${field}: ${issue.message}.`;
    default:
      return `${field}: ${issue.message}.`;
  }
}

function describeField(path: Path): string {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  if (last === undefined) return 'The file';
  const index = path[path.length - 1];
  return typeof index === 'number' ? `Entry ${index + 1} of '${last}'` : `Field '${last}'`;
}

function article(expected: string): string {
  const words: Record<string, string> = {
    string: 'a text',
    number: 'a number',
    int: 'a whole number',
    boolean: 'true or false',
    array: 'a list',
    object: 'a mapping',
    record: 'a mapping',
  };
  return words[expected] ?? `a ${expected}`;
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `the text '${value}'`;
  return `${typeof value} ${String(value)}`;
}

function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const key of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

function itemNameAt(value: unknown, path: Path): string | undefined {
  if (!isItemPath(path)) return undefined;
  const item = valueAt(value, path.slice(0, 4));
  const n = (item as { name?: unknown } | undefined)?.name;
  return typeof n === 'string' ? n : undefined;
}

function pagesOf(value: unknown): unknown[] {
  const pages = (value as { pages?: unknown } | undefined)?.pages;
  return Array.isArray(pages) ? pages : [];
}

function itemsOf(page: unknown): unknown[] {
  const items = (page as { items?: unknown } | undefined)?.items;
  return Array.isArray(items) ? items : [];
}
