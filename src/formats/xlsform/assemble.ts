/**
 * The questionnaire from its pages, sections and the choice lists its questions use, in the
 * order of examples/exile-panel; and where each of its parts came from in the form.
 */
import type {
  Choice,
  Page,
  QuestionnaireDefinition,
  Section,
  Text,
} from '../../questionnaire/schema.js';
import type { ChoiceLists } from './choices.js';
import type { Columns } from './columns.js';
import { addOtherChoices } from './or-other.js';
import { choiceOrigin, setChoiceOrigins, type ChoiceOrigin, type Origins } from './origins.js';
import type { PageDraft, SectionDraft } from './pages.js';
import type { ProblemList } from './problems.js';
import { choiceOf, type BuildContext, type ItemDraft } from './question.js';
import type { Settings } from './settings.js';

export function assemble(
  wave: string,
  settings: Settings,
  drafts: PageDraft[],
  sectionDrafts: SectionDraft[],
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

function titleOf(
  settings: Settings,
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
