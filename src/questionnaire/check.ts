/**
 * Checks one wave's questionnaire for everything that would break fieldwork or analysis:
 * names, choice lists, scales, ranges, translations and expressions. Every problem carries
 * its file, line and column. Checks needing other waves (`same_as`) are in check-study.ts.
 */
import type { CheckProblem } from './check-problem.js';
import { checkExpressions } from './check-expressions.js';
import { isKnownCountry } from './countries.js';
import { choiceNamePattern, variableNameProblem } from './names.js';
import type { Choice, Item, QuestionnaireDefinition } from './schema.js';
import type { Path, Source } from './source.js';
import { structureQuestionnaire } from './structure.js';
import { checkTranslations } from './translations.js';
import { otherName } from './variables.js';

export interface QuestionnaireCheck {
  definition?: QuestionnaireDefinition;
  problems: CheckProblem[];
}

export function checkQuestionnaire(
  source: Source,
  languages: readonly string[],
): QuestionnaireCheck {
  if (source.syntax.length > 0) return { problems: source.syntax };
  const { definition, problems } = structureQuestionnaire(source);
  problems.push(...checkTranslations(source, languages, (path) => itemNameAt(source, path)));
  if (!definition) return { problems };
  const ctx = new Context(source, problems);
  checkNames(definition, ctx);
  checkChoiceLists(definition, ctx);
  definition.pages.forEach((page, p) =>
    page.items.forEach((item, i) => checkItem(definition, item, ['pages', p, 'items', i], ctx)),
  );
  problems.push(...checkExpressions(definition, source));
  return { definition: problems.length === 0 ? definition : undefined, problems };
}

class Context {
  constructor(
    readonly source: Source,
    readonly problems: CheckProblem[],
  ) {}
  report(path: Path, code: string, message: string, item?: string): void {
    this.problems.push({
      file: this.source.file,
      ...this.source.locate(path),
      item,
      code,
      message,
    });
  }
}

function checkNames(definition: QuestionnaireDefinition, ctx: Context): void {
  const seen = new Map<string, { name: string; line: number; otherOf?: string }>();
  const claim = (name: string, path: Path, item: string, generated = false): void => {
    const problem = variableNameProblem(name);
    if (problem && !generated) ctx.report(path, 'bad-name', problem, item);
    const key = name.toLowerCase();
    const first = seen.get(key);
    if (first) {
      const how = generated ? ` (the 'other' text of ${item})` : '';
      const user = first.otherOf
        ? `item '${first.otherOf}' already uses it for its 'other' text (line ${first.line})`
        : `'${first.name}' is already used at line ${first.line}`;
      ctx.report(
        path,
        'duplicate-name',
        `Duplicate name '${name}'${how}; ${user}. Names must be unique, ignoring case.`,
        generated ? item : name,
      );
    } else
      seen.set(key, {
        name,
        line: ctx.source.locate(path).line,
        otherOf: generated ? item : undefined,
      });
  };
  definition.pages.forEach((page, p) =>
    page.items.forEach((item, i) => {
      const path = ['pages', p, 'items', i];
      claim(item.name, [...path, 'name'], item.name);
      if (item.type === 'grid')
        item.rows.forEach((row, r) => claim(row.name, [...path, 'rows', r, 'name'], row.name));
      if ((item.type === 'select_one' || item.type === 'select_multiple') && item.other)
        claim(otherName(item.name), [...path, 'other'], item.name, true);
    }),
  );
  const unique = (ids: string[], label: string, at: (i: number) => Path): void => {
    const first = new Map<string, number>();
    ids.forEach((id, i) => {
      const before = first.get(id);
      if (before !== undefined)
        ctx.report(
          at(i),
          'duplicate-id',
          `Duplicate ${label} id '${id}'; entry ${before + 1} uses it too.`,
        );
      else first.set(id, i);
    });
  };
  unique(
    definition.pages.map((p) => p.id),
    'page',
    (i) => ['pages', i, 'id'],
  );
  const sections = definition.sections ?? [];
  unique(
    sections.map((s) => s.id),
    'section',
    (i) => ['sections', i, 'id'],
  );
  definition.pages.forEach((page, p) => {
    if (page.items.length === 0)
      ctx.report(['pages', p], 'empty-page', `Page '${page.id}' has no items.`);
    if (page.section !== undefined && !sections.some((s) => s.id === page.section))
      ctx.report(
        ['pages', p, 'section'],
        'unknown-section',
        `Page '${page.id}' names section '${page.section}', which is not declared under 'sections'.`,
      );
  });
}

function checkChoiceLists(definition: QuestionnaireDefinition, ctx: Context): void {
  for (const [name, choices] of Object.entries(definition.choices ?? {}))
    checkChoices(choices, ['choices', name], `list '${name}'`, ctx);
}

function checkChoices(
  choices: Choice[],
  path: Path,
  owner: string,
  ctx: Context,
  item?: string,
): void {
  if (choices.length === 0)
    ctx.report(path, 'empty-choices', `The choices of ${owner} are empty.`, item);
  const names = new Map<string, number>();
  const codes = new Map<number, string>();
  choices.forEach((choice, c) => {
    if (!choiceNamePattern.test(choice.name))
      ctx.report(
        [...path, c, 'name'],
        'bad-name',
        `Choice name '${choice.name}' in ${owner} may contain only letters, digits, '_' and '-'.`,
        item,
      );
    if (names.has(choice.name))
      ctx.report(
        [...path, c, 'name'],
        'duplicate-choice',
        `Choice '${choice.name}' appears twice in ${owner}.`,
        item,
      );
    else names.set(choice.name, c);
    const other = codes.get(choice.code);
    if (other !== undefined)
      ctx.report(
        [...path, c, 'code'],
        'code-collision',
        `Choice code ${choice.code} is used by both '${other}' and '${choice.name}' in ${owner}.`,
        item,
      );
    else codes.set(choice.code, choice.name);
  });
}

function checkItem(
  definition: QuestionnaireDefinition,
  item: Item,
  path: Path,
  ctx: Context,
): void {
  const report = (sub: Path, code: string, message: string): void =>
    ctx.report([...path, ...sub], code, message, item.name);
  if (item.type !== 'note' && item.type !== 'grid') {
    if (item.required_message && !item.required)
      report(
        ['required_message'],
        'orphan-message',
        `'required_message' is given but the item is not required.`,
      );
    if (item.constraint_message && item.constraint === undefined)
      report(
        ['constraint_message'],
        'orphan-message',
        `'constraint_message' is given but the item has no constraint.`,
      );
  }
  if (item.type === 'grid' && item.required_message && !item.required)
    report(
      ['required_message'],
      'orphan-message',
      `'required_message' is given but the item is not required.`,
    );

  switch (item.type) {
    case 'select_one':
    case 'select_multiple': {
      const choices = resolveChoices(definition, item, path, ctx);
      if (!choices) return;
      if (item.other && !choices.some((c) => c.name === 'other'))
        report(
          ['other'],
          'other-choice',
          `'other: true' needs a choice named 'other' to ask for the text.`,
        );
      if (item.type === 'select_multiple') {
        (item.exclusive ?? []).forEach((name, e) => {
          if (!choices.some((c) => c.name === name))
            report(
              ['exclusive', e],
              'unknown-choice',
              `Exclusive choice '${name}' is not one of the item's choices.`,
            );
        });
        if (item.max_selected !== undefined && item.max_selected > choices.length)
          report(
            ['max_selected'],
            'range',
            `max_selected is ${item.max_selected} but there are only ${choices.length} choices.`,
          );
      }
      return;
    }
    case 'rating':
      checkScale(item, path, ctx, item.name);
      return;
    case 'grid': {
      if (item.rows.length === 0)
        report(['rows'], 'empty-grid', `Grid '${item.name}' has no rows.`);
      if (item.row_type === 'select_one') {
        if (item.min !== undefined || item.max !== undefined)
          report(
            ['row_type'],
            'grid-scale',
            `A grid of select_one rows takes a choice list, not min and max.`,
          );
        resolveChoices(definition, item, path, ctx);
      } else {
        if (item.list !== undefined || item.choices !== undefined)
          report(
            ['row_type'],
            'grid-scale',
            `A grid of rating rows takes min and max, not a choice list.`,
          );
        if (item.min === undefined || item.max === undefined)
          report(['row_type'], 'grid-scale', `A grid of rating rows needs min and max.`);
        else checkScale({ ...item, min: item.min, max: item.max }, path, ctx, item.name);
      }
      return;
    }
    case 'integer':
    case 'decimal':
      if (item.type === 'integer')
        for (const bound of ['min', 'max'] as const)
          if (item[bound] !== undefined && !Number.isInteger(item[bound]))
            report([bound], 'range', `${bound} of an integer item must be a whole number.`);
      if (item.min !== undefined && item.max !== undefined && item.min > item.max)
        report(['min'], 'range', `min (${item.min}) is greater than max (${item.max}).`);
      return;
    case 'date':
    case 'month': {
      const pattern = item.type === 'date' ? /^\d{4}-\d{2}-\d{2}$/ : /^\d{4}-\d{2}$/;
      const example = item.type === 'date' ? '2022-02-24' : '2022-02';
      for (const bound of ['min', 'max'] as const) {
        const v = item[bound];
        if (
          v !== undefined &&
          !(pattern.test(v) && isRealDate(item.type === 'date' ? v : `${v}-01`))
        )
          report([bound], 'range', `${bound} '${v}' is not a ${item.type} like ${example}.`);
      }
      if (item.min !== undefined && item.max !== undefined && item.min > item.max)
        report(['min'], 'range', `min (${item.min}) is after max (${item.max}).`);
      return;
    }
    case 'country':
      (item.top ?? []).forEach((code, t) => {
        if (!isKnownCountry(code))
          report(
            ['top', t],
            'unknown-country',
            `'${code}' is not an ISO 3166-1 alpha-2 country code.`,
          );
      });
      return;
    default:
      return;
  }
}

function resolveChoices(
  definition: QuestionnaireDefinition,
  item: { name: string; list?: string; choices?: Choice[] },
  path: Path,
  ctx: Context,
): Choice[] | undefined {
  if (item.list !== undefined && item.choices !== undefined) {
    ctx.report(
      [...path, 'list'],
      'choice-source',
      `Give either 'list' or 'choices', not both.`,
      item.name,
    );
    return undefined;
  }
  if (item.choices !== undefined) {
    checkChoices(item.choices, [...path, 'choices'], `item '${item.name}'`, ctx, item.name);
    return item.choices;
  }
  if (item.list === undefined) {
    ctx.report(
      path,
      'choice-source',
      `Item '${item.name}' needs its choices: 'list: <name>' or 'choices: [...]'.`,
      item.name,
    );
    return undefined;
  }
  const lists = Object.keys(definition.choices ?? {});
  const choices = definition.choices?.[item.list];
  if (!choices) {
    const known =
      lists.length > 0 ? ` Lists: ${lists.join(', ')}.` : ' The file has no choice lists.';
    ctx.report(
      [...path, 'list'],
      'unknown-list',
      `Choice list '${item.list}' does not exist.${known}`,
      item.name,
    );
    return undefined;
  }
  return choices;
}

function checkScale(
  item: { min: number; max: number; labels?: Record<string, unknown>; missing?: Choice[] },
  path: Path,
  ctx: Context,
  name: string,
): void {
  if (item.min >= item.max) {
    ctx.report(
      [...path, 'min'],
      'range',
      `The scale's min (${item.min}) must be below its max (${item.max}).`,
      name,
    );
    return;
  }
  if (item.max - item.min > 100)
    ctx.report(
      [...path, 'max'],
      'range',
      `A scale of more than 101 points is not a rating; use integer.`,
      name,
    );
  for (const point of Object.keys(item.labels ?? {})) {
    const n = Number(point);
    if (!Number.isInteger(n) || n < item.min || n > item.max)
      ctx.report(
        [...path, 'labels', point],
        'range',
        `Label for point ${point}, outside the scale ${item.min}–${item.max}.`,
        name,
      );
  }
  if (item.missing) {
    checkChoices(item.missing, [...path, 'missing'], `item '${name}'`, ctx, name);
    item.missing.forEach((choice, m) => {
      if (choice.code >= item.min && choice.code <= item.max)
        ctx.report(
          [...path, 'missing', m, 'code'],
          'code-collision',
          `Missing-value code ${choice.code} ('${choice.name}') lies inside the scale ${item.min}–${item.max}.`,
          name,
        );
    });
  }
}

function isRealDate(iso: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
}

export function itemNameAt(source: Source, path: Path): string | undefined {
  if (path.length < 4 || path[0] !== 'pages' || path[2] !== 'items') return undefined;
  const pages = (
    source.value as { pages?: { items?: { name?: unknown; rows?: { name?: unknown }[] }[] }[] }
  ).pages;
  const item = pages?.[path[1] as number]?.items?.[path[3] as number];
  if (path[4] === 'rows' && typeof path[5] === 'number') {
    const row = item?.rows?.[path[5]]?.name;
    if (typeof row === 'string') return row;
  }
  return typeof item?.name === 'string' ? item.name : undefined;
}
