/**
 * One survey row as a Longitude item. Besides the type: `label` and `hint` in each language,
 * `required` (yes/true/1) with its message, `relevant` and `constraint` translated, and the
 * appearances that mean something here (`multiline` makes a long text, `month-year` a month).
 * Whatever else the row holds is reported, never dropped quietly.
 */
import { printExpression } from '../../questionnaire/expression/index.js';
import type { Choice, Text } from '../../questionnaire/schema.js';
import type { Path } from '../../questionnaire/source.js';
import { filterChoices } from './choice-filter.js';
import { textOf, type ChoiceLists, type ChoiceRow } from './choices.js';
import type { Cell, Columns } from './columns.js';
import { translateExpression } from './expressions.js';
import type { Place, ProblemList } from './problems.js';
import type { SurveyScope } from './survey-scope.js';
import type { RowNode } from './survey-tree.js';
import type { SheetRow } from './workbook.js';

export interface ItemDraft {
  /** The item, its keys in the order a reader expects them. */
  item: Record<string, unknown>;
  row: number;
  /** Where each field came from: a path under the item and the column. */
  fields: { path: Path; column?: string }[];
  /** The choices a choice_filter kept, given to the item inline. */
  inlineChoices?: ChoiceRow[];
  /** The named list the item uses. */
  list?: string;
  orOther?: boolean;
}

export interface BuildContext {
  columns: Columns;
  scope: SurveyScope;
  lists: ChoiceLists;
  problems: ProblemList;
  /** Texts in other languages are left out (and reported once, elsewhere). */
  languages: readonly string[];
}

/** Fields of the survey sheet ODK knows; a filled one that is not used is reported. */
export const surveyFields = new Set([
  'type',
  'name',
  'label',
  'hint',
  'guidance_hint',
  'required',
  'required_message',
  'relevant',
  'constraint',
  'constraint_message',
  'calculation',
  'default',
  'appearance',
  'choice_filter',
  'parameters',
  'read_only',
  'repeat_count',
  'media',
  'trigger',
]);

const yes = /^(yes|true|1|true\(\))$/i;
const no = /^(no|false|0|false\(\))$/i;

/** The texts of a field in the kept languages, with where each came from. */
export function textField(
  ctx: BuildContext,
  node: { row: SheetRow },
  field: string,
  fields: { path: Path; column?: string }[],
  path: Path = [field],
): Text | undefined {
  const all = ctx.columns.texts(node.row, field);
  const cells = new Map<string, Cell>();
  for (const language of ctx.languages) {
    const cell = all.get(language);
    if (cell) cells.set(language, cell);
  }
  fields.push({ path, column: ctx.columns.header(field) });
  for (const language of ctx.languages) {
    const column = cells.get(language)?.column ?? ctx.columns.headerFor(field, language);
    if (column !== undefined) fields.push({ path: [...path, language], column });
  }
  if (cells.size === 0) return undefined;
  for (const cell of cells.values())
    if (/\$\{[^}]*\}/.test(cell.text)) {
      ctx.problems.notImported(
        { sheet: ctx.columns.sheet.name, row: node.row.number, column: cell.column },
        'piping',
        `The text shows ${/\$\{[^}]*\}/.exec(cell.text)![0]} as written: Longitude does not put answers into texts.`,
      );
      break;
    }
  return textOf(cells);
}

export function buildQuestion(node: RowNode, ctx: BuildContext): ItemDraft {
  if (node.type.kind !== 'question') throw new Error('buildQuestion takes question rows');
  const { columns, scope, problems } = ctx;
  const type = node.type;
  const row = node.row;
  const name = scope.nameOf(node);
  const place = (column?: string): Place => ({
    sheet: columns.sheet.name,
    row: row.number,
    column,
  });
  const value = (field: string): Cell | undefined => columns.value(row, field);
  const handled = new Set(['type', 'name', 'label', 'hint']);
  const fields: ItemDraft['fields'] = [
    { path: [], column: columns.header('type') },
    { path: ['name'], column: columns.header('name') },
    { path: ['type'], column: columns.header('type') },
  ];
  const draft: ItemDraft = { item: {}, row: row.number, fields };
  const out: Record<string, unknown> = { name };
  const note = type.type === 'note';

  const appearance = value('appearance');
  const appearances = appearance ? appearance.text.split(/\s+/).filter(Boolean) : [];
  const usedAppearances: string[] = [];
  handled.add('appearance');

  switch (type.type) {
    case 'select_one':
    case 'select_multiple': {
      out.type = type.type;
      const list = type.list!;
      fields.push({ path: ['list'], column: columns.header('type') });
      const choices = ctx.lists.get(list);
      const filter = value('choice_filter');
      handled.add('choice_filter');
      let filtered: ChoiceRow[] | undefined;
      if (filter && choices) {
        const result = filterChoices(filter.text, choices);
        if (result.ok) filtered = result.choices;
        else
          problems.notImported(
            place(filter.column),
            'choice-filter',
            `choice_filter is not imported: it ${result.why}; all ${choices.length} choices of list '${list}' are offered.`,
          );
      }
      if (filtered) {
        draft.inlineChoices = filtered;
        out.choices = [];
      } else {
        draft.list = list;
        out.list = list;
      }
      if (type.orOther) {
        draft.orOther = true;
        out.other = true;
        fields.push({ path: ['other'], column: columns.header('type') });
      }
      break;
    }
    case 'range': {
      const scale = scope.scaleOf(node)!;
      handled.add('parameters');
      out.type = 'rating';
      out.min = scale.min;
      out.max = scale.max;
      fields.push({ path: ['min'], column: columns.header('parameters') });
      fields.push({ path: ['max'], column: columns.header('parameters') });
      break;
    }
    case 'text':
      out.type = 'text';
      if (appearances.includes('multiline')) {
        out.long = true;
        usedAppearances.push('multiline');
        fields.push({ path: ['long'], column: appearance?.column });
      }
      break;
    case 'date': {
      const month = appearances.includes('month-year');
      const constraint = value('constraint');
      if (month && !constraint && !scope.referenced.has(name)) {
        out.type = 'month';
        usedAppearances.push('month-year');
      } else {
        out.type = 'date';
        if (month)
          problems.note(
            place(appearance?.column),
            'appearance',
            `The appearance month-year is not used: a month question would change the answers' form, and this date ${constraint ? 'has a constraint' : 'is used in expressions'}. Change its type to month in the questionnaire by hand if only the month is asked.`,
          );
        if (month) usedAppearances.push('month-year');
      }
      break;
    }
    default:
      out.type = type.type;
  }

  if (!note) {
    const required = value('required');
    handled.add('required').add('required_message');
    let isRequired = false;
    if (required && yes.test(required.text)) isRequired = true;
    else if (required && !no.test(required.text))
      problems.notImported(
        place(required.column),
        'required',
        `required '${required.text}' is not imported: Longitude's required is yes or no, so the question is not required.`,
      );
    if (isRequired) {
      out.required = true;
      fields.push({ path: ['required'], column: required?.column });
      const message = textField(ctx, node, 'required_message', fields);
      if (message) out.required_message = message;
    } else if (columns.texts(row, 'required_message').size > 0)
      problems.note(
        place(columns.header('required_message')),
        'orphan-message',
        'required_message is ignored: the question is not required.',
      );
  }

  const relevant = value('relevant');
  handled.add('relevant');
  if (relevant) {
    const t = translateExpression(relevant.text, scope);
    if (t.ok) {
      out.relevant = printExpression(t.expr);
      fields.push({ path: ['relevant'], column: relevant.column });
    } else
      problems.notImported(
        place(relevant.column),
        t.code,
        `relevant is not imported: it ${t.why}; the question will be asked of everyone who reaches it.`,
      );
  }

  if (!note) {
    handled.add('constraint').add('constraint_message');
    const constraint = value('constraint');
    const current =
      type.type === 'select_one' || type.type === 'select_multiple' ? type.type : undefined;
    let kept = false;
    if (constraint) {
      const t = translateExpression(constraint.text, scope, current);
      if (t.ok) {
        kept = true;
        out.constraint = printExpression(t.expr);
        fields.push({ path: ['constraint'], column: constraint.column });
      } else
        problems.notImported(
          place(constraint.column),
          t.code,
          `constraint is not imported: it ${t.why}; answers are accepted without this check${columns.texts(row, 'constraint_message').size > 0 ? ', and its constraint_message is left out' : ''}.`,
        );
    }
    if (kept) {
      const message = textField(ctx, node, 'constraint_message', fields);
      if (message) out.constraint_message = message;
    } else if (!constraint && columns.texts(row, 'constraint_message').size > 0)
      problems.note(
        place(columns.header('constraint_message')),
        'orphan-message',
        'constraint_message is ignored: the question has no constraint.',
      );
  }

  out.label = textField(ctx, node, 'label', fields) ?? {};
  const hint = textField(ctx, node, 'hint', fields);
  if (hint) out.hint = hint;

  const ignored = appearances.filter((a) => !usedAppearances.includes(a));
  if (ignored.length > 0)
    problems.note(
      place(appearance?.column),
      'appearance',
      `The appearance ${ignored.join(' ')} has no effect in Longitude and is ignored.`,
    );
  reportLeftovers(node, ctx, handled, type.type);
  draft.item = out;
  return draft;
}

/** Reports every filled cell of the row that the item did not take. */
export function reportLeftovers(
  node: { row: SheetRow },
  ctx: BuildContext,
  handled: Set<string>,
  what: string,
): void {
  const { columns, problems } = ctx;
  for (const { column, text } of columns.filled(node.row)) {
    const field = column.field;
    if (handled.has(field) || !surveyFields.has(field)) continue;
    const place = { sheet: columns.sheet.name, row: node.row.number, column: column.header };
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    if (field === 'media')
      problems.notImported(
        place,
        'media',
        `The ${column.header} (${shown}) is not imported: Longitude shows no images, audio or video.`,
      );
    else if (field === 'default')
      problems.notImported(
        place,
        'default',
        `The default answer '${shown}' is not imported: Longitude starts every question unanswered.`,
      );
    else if (field === 'calculation')
      problems.notImported(
        place,
        'calculation',
        `The calculation of this ${what} row is not imported: Longitude has no calculated values.`,
      );
    else if (field === 'guidance_hint')
      problems.note(
        place,
        'guidance-hint',
        'guidance_hint (for interviewers and printouts) is not imported: Longitude shows the hint only.',
      );
    else
      problems.note(
        place,
        'ignored',
        `${column.header} '${shown}' has no effect on a ${what} row in Longitude and is ignored.`,
      );
  }
}

/** A choice row as a Longitude choice in the kept languages. */
export function choiceOf(choice: ChoiceRow, languages: readonly string[]): Choice {
  const label: Text = {};
  for (const language of languages) {
    const cell = choice.labels.get(language);
    if (cell) label[language] = cell.text;
  }
  return { name: choice.name, code: choice.code, label };
}
