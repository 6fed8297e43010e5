/**
 * An XLSForm (survey, choices and settings sheets as rows) as a Longitude questionnaire, with
 * every problem found on the way. The questionnaire is given only when it passes the checker
 * that `longitude questionnaire check` runs; its problems point at the form's cells.
 */
import { checkQuestionnaire } from '../../questionnaire/check.js';
import type { QuestionnaireDefinition } from '../../questionnaire/schema.js';
import { readSource } from '../../questionnaire/source.js';
import { assemble } from './assemble.js';
import { readChoiceLists, type ChoiceLists } from './choices.js';
import { Columns, readColumns } from './columns.js';
import { checkAgainstOrigins, Origins } from './origins.js';
import { buildPages, type PageDraft } from './pages.js';
import { ProblemList, sortXlsformProblems, type XlsformProblem } from './problems.js';
import { surveyFields, type BuildContext } from './question.js';
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
    return { languages: [], problems: sortXlsformProblems(problems.all), counts: none };
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
  if (problems.count('error') > 0)
    return { languages: [], problems: sortXlsformProblems(problems.all), counts: none };
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
    return { languages, problems: sortXlsformProblems(problems.all), counts: none };
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
  const out = options.out ?? 'questionnaire.yaml';
  // A study language the form has no text in at all is said once, not at every text.
  const absent = languages.filter((l) => !found.includes(l));
  for (const language of absent)
    problems.error(
      { sheet: surveySheet.name, row: surveySheet.headerRow },
      'translation',
      `The form has no texts in '${language}', one of the study's languages; add label::${language} columns to the survey and choices sheets, and hint::${language} and the like where the form has those texts.`,
    );
  for (const p of checkAgainstOrigins(definition, languages, origins, out))
    if (!absent.some((l) => p.code === 'translation' && p.message.startsWith(`Missing the '${l}'`)))
      problems.add(p);
  const done = (written?: {
    definition: QuestionnaireDefinition;
    yaml: string;
  }): XlsformImport => ({
    ...written,
    languages,
    problems: sortXlsformProblems(problems.all),
    counts,
  });
  if (problems.count('error') > 0) return done();

  const yaml = questionnaireYaml(
    definition,
    `Imported from ${options.form ?? 'an XLSForm'} by 'longitude questionnaire import' (see docs/xlsform.md).`,
  );
  // The file as written is checked again, exactly as `questionnaire check` reads it.
  for (const p of checkQuestionnaire(readSource(out, yaml), languages).problems)
    problems.error(
      { sheet: surveySheet.name },
      'check',
      `The written questionnaire fails its check at ${out}:${p.line}:${p.column}: ${p.message}`,
    );
  if (problems.count('error') > 0) return done();
  return done({ definition, yaml });
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
