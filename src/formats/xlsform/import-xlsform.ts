/**
 * An XLSForm (survey, choices and settings sheets as rows) as a Longitude questionnaire, with
 * every problem found on the way. The questionnaire is given only when it passes the checker
 * that `longitude questionnaire check` runs; its problems point at the form's cells.
 */
import { checkQuestionnaire } from '../../questionnaire/check.js';
import type {
  Choice,
  Page,
  QuestionnaireDefinition,
  Section,
  Text,
} from '../../questionnaire/schema.js';
import { readSource, type Path } from '../../questionnaire/source.js';
import { readChoiceLists, type ChoiceLists, type ChoiceRow } from './choices.js';
import { Columns, readColumns } from './columns.js';
import { otherWord } from './languages.js';
import { checkAgainstOrigins, Origins, type Origin } from './origins.js';
import { buildPages, type PageDraft } from './pages.js';
import { ProblemList, type XlsformProblem } from './problems.js';
import { choiceOf, surveyFields, type BuildContext, type ItemDraft } from './question.js';
import { readSettings } from './settings.js';
import { surveyScope } from './survey-scope.js';
import { surveyTree } from './survey-tree.js';
import { questionnaireYaml } from './to-yaml.js';
import { findSheet, type Sheet, type XlsformWorkbook } from './workbook.js';

export interface ImportOptions {
  /** The wave id the questionnaire belongs to. */
  wave: string;
  /**
   * The study's languages, when known: texts in other languages are left out and every text
   * must exist in each. Without them, the languages are those the form has texts in.
   */
  languages?: readonly string[];
  /** The name of the YAML file, for the first line and for messages. */
  form?: string;
  out?: string;
}

export interface XlsformImport {
  /** The questionnaire, when it passes the check. */
  definition?: QuestionnaireDefinition;
  /** Its YAML text, when it passes the check. */
  yaml?: string;
  languages: string[];
  problems: XlsformProblem[];
  counts: { pages: number; items: number; lists: number };
}

const textFields = ['label', 'hint', 'required_message', 'constraint_message'];

export function importXlsform(workbook: XlsformWorkbook, options: ImportOptions): XlsformImport {
  const problems = new ProblemList();
  const none = { pages: 0, items: 0, lists: 0 };
  const surveySheet = findSheet(workbook, 'survey');
  if (!surveySheet || surveySheet.rows.length === 0) {
    const sheets = workbook.sheets.map((s) => s.name).join(', ') || 'none';
    problems.error(
      { sheet: 'survey' },
      'no-survey',
      surveySheet
        ? 'The survey sheet has no rows under its header.'
        : `The workbook has no sheet named survey (its sheets: ${sheets}).`,
    );
    return { languages: [], problems: problems.all, counts: none };
  }
  reportOtherSheets(workbook, problems);
  const settings = readSettings(findSheet(workbook, 'settings'), problems);
  const defaultLanguage = settings.defaultLanguage ?? 'en';
  const survey = new Columns(surveySheet, readColumns(surveySheet, problems), defaultLanguage);
  const choicesSheet = findSheet(workbook, 'choices');
  const choiceColumns = choicesSheet
    ? new Columns(choicesSheet, readColumns(choicesSheet, problems), defaultLanguage)
    : undefined;
  for (const field of ['type', 'name'])
    if (!survey.has(field))
      problems.error(
        { sheet: surveySheet.name, row: surveySheet.headerRow },
        'columns',
        `The survey sheet has no ${field} column.`,
      );
  if (problems.count('error') > 0) return { languages: [], problems: problems.all, counts: none };
  reportUnknownColumns(survey, problems);

  const found = [...survey.languages(textFields), ...(choiceColumns?.languages(['label']) ?? [])];
  const plain = [survey, choiceColumns].some((c) =>
    c?.list.some((col) => textFields.includes(col.field) && col.language === undefined),
  );
  if (plain && settings.defaultLanguage === undefined)
    problems.note(
      { sheet: 'settings' },
      'default-language',
      "There is no default_language in the settings, so texts in columns without a language (such as 'label') are taken to be English (en).",
    );
  const languages = orderLanguages(found, defaultLanguage, options.languages, problems);
  if (languages.length === 0) {
    problems.error(
      { sheet: surveySheet.name, row: surveySheet.headerRow },
      'no-labels',
      'The survey sheet has no labels: give a label column (label, or label::English (en) for each language).',
    );
    return { languages, problems: problems.all, counts: none };
  }

  const lists = readChoiceLists(choiceColumns, problems);
  const tree = surveyTree(survey, problems);
  const scope = surveyScope(tree, survey, problems);
  const ctx: BuildContext = { columns: survey, scope, lists, problems, languages };
  const { pages, sections } = buildPages(tree, ctx);
  const origins = new Origins();
  const definition = assemble(
    options.wave,
    settings,
    pages,
    sections,
    lists,
    choiceColumns,
    ctx,
    origins,
  );
  reportUnusedLists(lists, pages, choiceColumns, problems);
  const counts = {
    pages: pages.length,
    items: pages.reduce((n, p) => n + p.items.length, 0),
    lists: Object.keys(definition.choices ?? {}).length,
  };
  if (problems.count('error') > 0) return { languages, problems: problems.all, counts };

  const out = options.out ?? 'questionnaire.yaml';
  const found2 = checkAgainstOrigins(definition, languages, origins, out);
  found2.forEach((p) => problems.add(p));
  if (found2.length > 0) return { languages, problems: problems.all, counts };

  const yaml = questionnaireYaml(
    definition,
    `Imported from ${options.form ?? 'an XLSForm'} by 'longitude questionnaire import' (see docs/xlsform.md).`,
  );
  // The file as written is checked again, exactly as `questionnaire check` reads it.
  const written = checkQuestionnaire(readSource(out, yaml), languages).problems;
  for (const p of written)
    problems.error(
      { sheet: surveySheet.name },
      'check',
      `The written questionnaire fails its check at ${out}:${p.line}:${p.column}: ${p.message}`,
    );
  if (written.length > 0) return { languages, problems: problems.all, counts };
  return { definition, yaml, languages, problems: problems.all, counts };
}

function orderLanguages(
  found: string[],
  defaultLanguage: string,
  study: readonly string[] | undefined,
  problems: ProblemList,
): string[] {
  const unique = [...new Set(found)];
  if (study) {
    for (const language of unique.filter((l) => !study.includes(l)))
      problems.note(
        { sheet: 'survey' },
        'language',
        `Texts in '${language}' are left out: the study's languages are ${study.join(', ')}.`,
      );
    return [...study];
  }
  return unique.includes(defaultLanguage)
    ? [defaultLanguage, ...unique.filter((l) => l !== defaultLanguage)]
    : unique;
}

/** Where a choice came from: its row of the choices sheet, or the question that added it. */
interface ChoiceOrigin {
  origin: Origin;
  name?: string;
  label?: string;
  labels?: Map<string, string>;
}

function choiceOrigin(
  choice: ChoiceRow,
  columns: Columns | undefined,
  languages: readonly string[],
): ChoiceOrigin {
  const labels = new Map<string, string>();
  for (const language of languages) {
    const column = choice.labels.get(language)?.column ?? columns?.headerFor('label', language);
    if (column !== undefined) labels.set(language, column);
  }
  return {
    origin: { sheet: columns?.sheet.name ?? 'choices', row: choice.row },
    name: columns?.header('name'),
    label: columns?.header('label'),
    labels,
  };
}

function setChoiceOrigins(origins: Origins, path: Path, list: ChoiceOrigin[]): void {
  if (list[0]) origins.set(path, list[0].origin);
  list.forEach((c, i) => {
    const at = [...path, i];
    origins.set(at, c.origin);
    origins.set([...at, 'name'], { ...c.origin, column: c.name ?? c.origin.column });
    origins.set([...at, 'code'], { ...c.origin, column: c.name ?? c.origin.column });
    origins.set([...at, 'label'], { ...c.origin, column: c.label ?? c.origin.column });
    for (const [language, column] of c.labels ?? [])
      origins.set([...at, 'label', language], { ...c.origin, column });
  });
}

function assemble(
  wave: string,
  settings: ReturnType<typeof readSettings>,
  drafts: PageDraft[],
  sectionDrafts: ReturnType<typeof buildPages>['sections'],
  lists: ChoiceLists,
  choiceColumns: Columns | undefined,
  ctx: BuildContext,
  origins: Origins,
): QuestionnaireDefinition {
  const { languages, problems } = ctx;
  const sheet = ctx.columns.sheet.name;
  const choices: Record<string, Choice[]> = {};
  const listOrigins = new Map<string, ChoiceOrigin[]>();
  const useList = (name: string): void => {
    const rows = lists.get(name);
    if (!rows || choices[name]) return;
    choices[name] = rows.map((c) => choiceOf(c, languages));
    listOrigins.set(
      name,
      rows.map((c) => choiceOrigin(c, choiceColumns, languages)),
    );
  };
  const items = drafts.flatMap((p) => p.items);
  const inlineOrigins = new Map<ItemDraft, ChoiceOrigin[]>();
  for (const draft of items) {
    if (draft.list !== undefined) useList(draft.list);
    if (draft.inlineChoices) {
      draft.item.choices = draft.inlineChoices.map((c) => choiceOf(c, languages));
      inlineOrigins.set(
        draft,
        draft.inlineChoices.map((c) => choiceOrigin(c, choiceColumns, languages)),
      );
    }
  }
  addOtherChoices(items, choices, listOrigins, inlineOrigins, ctx);

  const pages: Page[] = drafts.map((d) => ({
    id: d.id,
    ...(d.section !== undefined ? { section: d.section } : {}),
    ...(d.title ? { title: d.title } : {}),
    ...(d.relevant !== undefined ? { relevant: d.relevant } : {}),
    items: d.items.map((i) => i.item) as Page['items'],
  }));
  const sections: Section[] = sectionDrafts.map((s) => ({ id: s.id, title: s.title }));
  const title = titleOf(settings, languages, problems);
  const definition: QuestionnaireDefinition = {
    wave,
    ...(title ? { title } : {}),
    ...(Object.keys(choices).length > 0 ? { choices } : {}),
    ...(sections.length > 0 ? { sections } : {}),
    pages,
  };

  // Where each part came from, for the checker's problems.
  if (settings.origin) origins.set(['title'], settings.origin);
  for (const [name, list] of listOrigins) setChoiceOrigins(origins, ['choices', name], list);
  sectionDrafts.forEach((s, i) => {
    origins.set(['sections', i], s.origin);
    for (const f of s.fields)
      origins.set(['sections', i, ...f.path], { ...s.origin, column: f.column });
  });
  drafts.forEach((d, p) => {
    origins.set(['pages', p], d.origin);
    for (const f of d.fields)
      origins.set(['pages', p, ...f.path], { ...d.origin, column: f.column });
    d.items.forEach((draft, i) => {
      const at = { sheet, row: draft.row };
      for (const f of draft.fields)
        origins.set(['pages', p, 'items', i, ...f.path], { ...at, column: f.column });
      const inline = inlineOrigins.get(draft);
      if (inline) setChoiceOrigins(origins, ['pages', p, 'items', i, 'choices'], inline);
    });
  });
  return definition;
}

/**
 * `or_other` asks for a choice named 'other'. A list that lacks one gets it (code: one above
 * the list's highest); when some questions use the list without or_other, the questions with
 * it get a copy of the list, `<list>_or_other`, instead.
 */
function addOtherChoices(
  items: ItemDraft[],
  choices: Record<string, Choice[]>,
  listOrigins: Map<string, ChoiceOrigin[]>,
  inlineOrigins: Map<ItemDraft, ChoiceOrigin[]>,
  ctx: BuildContext,
): void {
  const sheet = ctx.columns.sheet.name;
  const typeColumn = ctx.columns.header('type');
  const other = (list: Choice[], owner: string, row: number): Choice => {
    const label: Text = {};
    const unknown: string[] = [];
    for (const language of ctx.languages) {
      const word = otherWord(language);
      if (word === undefined) unknown.push(language);
      label[language] = word ?? 'Other';
    }
    const code = Math.max(0, ...list.map((c) => c.code)) + 1;
    const words = Object.values(label).join(' / ');
    const missing =
      unknown.length > 0
        ? `; Longitude has no word for it in ${unknown.join(', ')}, so it reads 'Other' there: add a choice named other to the list to word it`
        : '';
    ctx.problems.note(
      { sheet, row, column: typeColumn },
      'or-other',
      `or_other adds the choice 'other' (code ${code}, '${words}') to ${owner}${missing}.`,
    );
    return { name: 'other', code, label };
  };
  const addedAt = (row: number): ChoiceOrigin => ({
    origin: { sheet, row, column: typeColumn },
  });
  const hasOther = (list: Choice[]): boolean => list.some((c) => c.name === 'other');
  const copies = new Map<string, string>();
  for (const draft of items) {
    if (!draft.orOther) continue;
    const inline = draft.item.choices as Choice[] | undefined;
    if (inline) {
      if (!hasOther(inline)) {
        inline.push(other(inline, `question '${String(draft.item.name)}'`, draft.row));
        inlineOrigins.get(draft)?.push(addedAt(draft.row));
      }
      continue;
    }
    const name = draft.list!;
    const list = choices[name];
    if (!list || hasOther(list)) continue;
    const shared = items.some((d) => d.list === name && !d.orOther);
    if (!shared) {
      list.push(other(list, `list '${name}'`, draft.row));
      listOrigins.get(name)?.push(addedAt(draft.row));
      continue;
    }
    let copy = copies.get(name);
    if (copy === undefined) {
      copy = `${name}_or_other`;
      for (let n = 2; choices[copy]; n++) copy = `${name}_or_other_${n}`;
      copies.set(name, copy);
      const owner = `list '${copy}' (a copy of '${name}', which other questions use without or_other)`;
      choices[copy] = [...list, other(list, owner, draft.row)];
      listOrigins.set(copy, [...(listOrigins.get(name) ?? []), addedAt(draft.row)]);
    }
    draft.item.list = copy;
  }
}

function titleOf(
  settings: ReturnType<typeof readSettings>,
  languages: readonly string[],
  problems: ProblemList,
): Text | undefined {
  if (settings.title.size === 0) return undefined;
  const first = [...settings.title.values()][0]!;
  const title: Text = {};
  const borrowed: string[] = [];
  for (const language of languages) {
    const cell = settings.title.get(language);
    if (!cell) borrowed.push(language);
    title[language] = (cell ?? first).text;
  }
  if (borrowed.length > 0)
    problems.note(
      settings.origin ?? { sheet: 'settings' },
      'title',
      `form_title has no text in ${borrowed.join(', ')}; '${first.text}' is used there too. Translate it in the questionnaire.`,
    );
  return title;
}

function reportOtherSheets(workbook: XlsformWorkbook, problems: ProblemList): void {
  for (const sheet of workbook.sheets) {
    const name = sheet.name.trim().toLowerCase();
    if (['survey', 'choices', 'settings'].includes(name) || sheet.rows.length === 0) continue;
    if (name === 'external_choices')
      problems.notImported(
        { sheet: sheet.name },
        'external-choices',
        'The external_choices sheet is not imported: Longitude reads choices from the choices sheet only.',
      );
    else
      problems.note(
        { sheet: sheet.name },
        'sheet',
        `The sheet '${sheet.name}' is not part of XLSForm and is ignored.`,
      );
  }
}

/** Columns no XLSForm tool knows are reported once each; Kobo's own ($kuid...) are skipped. */
function reportUnknownColumns(columns: Columns, problems: ProblemList): void {
  const sheet: Sheet = columns.sheet;
  for (const column of columns.list) {
    if (surveyFields.has(column.field) || column.header.startsWith('$')) continue;
    if (!sheet.rows.some((r) => r.cells[column.index] !== '')) continue;
    problems.note(
      { sheet: sheet.name, row: sheet.headerRow, column: column.header },
      'unknown-column',
      `The column ${column.header} is not one Longitude reads and is ignored.`,
    );
  }
}

function reportUnusedLists(
  lists: ChoiceLists,
  pages: PageDraft[],
  columns: Columns | undefined,
  problems: ProblemList,
): void {
  const used = new Set(
    pages.flatMap((p) => p.items.map((i) => i.list ?? i.inlineChoices?.[0]?.list)),
  );
  for (const [name, rows] of lists)
    if (!used.has(name))
      problems.note(
        {
          sheet: columns?.sheet.name ?? 'choices',
          row: rows[0]!.row,
          column: columns?.header('list_name'),
        },
        'unused-list',
        `List '${name}' is used by no imported question and is left out.`,
      );
}
