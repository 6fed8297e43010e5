/**
 * `or_other` asks for a choice named 'other'. A list that lacks one gets it (code: one above
 * the list's highest, label in each language from a short table); when some questions use the
 * list without or_other, the questions with it get a copy, `<list>_or_other`, instead.
 */
import type { Choice, Text } from '../../questionnaire/schema.js';
import { otherWord } from './languages.js';
import type { ChoiceOrigin } from './origins.js';
import type { BuildContext, ItemDraft } from './question.js';

export function addOtherChoices(
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
