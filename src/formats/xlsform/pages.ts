/**
 * Groups as pages. A group that holds questions (and no other group) becomes a page: its name
 * the page id, its label the page title, its relevant the page's. A question outside any group
 * gets a page of its own, as ODK Collect shows it on a screen of its own; this also keeps
 * every answer saved as soon as it is given. A top-level group that holds groups becomes a
 * section, and the pages inside it belong to that section; deeper nesting is flattened. The
 * relevant of an enclosing group is joined with 'and' to the relevant of each page inside it.
 */
import { printExpression, type Expr } from '../../questionnaire/expression/index.js';
import type { Text } from '../../questionnaire/schema.js';
import type { Path } from '../../questionnaire/source.js';
import { translateExpression } from './expressions.js';
import type { Origin } from './origins.js';
import {
  buildQuestion,
  reportLeftovers,
  textField,
  type BuildContext,
  type ItemDraft,
} from './question.js';
import type { GroupNode, SurveyNode } from './survey-tree.js';

export interface PageDraft {
  id: string;
  section?: string;
  title?: Text;
  relevant?: string;
  origin: Origin;
  fields: { path: Path; column?: string }[];
  items: ItemDraft[];
}

export interface SectionDraft {
  id: string;
  title: Text;
  origin: Origin;
  fields: { path: Path; column?: string }[];
}

interface Place {
  section?: string;
  /** The section's group name, for messages. */
  sectionGroup?: string;
  chain: Expr[];
}

export function buildPages(
  root: GroupNode,
  ctx: BuildContext,
): { pages: PageDraft[]; sections: SectionDraft[] } {
  const pages: PageDraft[] = [];
  const sections: SectionDraft[] = [];
  const ids = new Set<string>();
  const sheet = ctx.columns.sheet.name;
  const typeColumn = ctx.columns.header('type');
  const unique = (base: string): string => {
    let id = base;
    for (let n = 2; ids.has(id); n++) id = `${base}_${n}`;
    ids.add(id);
    return id;
  };
  const joined = (chain: Expr[]): string | undefined => {
    if (chain.length === 0) return undefined;
    const tree = chain.reduce((a, b) => ({
      kind: 'binary',
      op: 'and',
      left: a,
      right: b,
      start: 0,
      end: 0,
    }));
    return printExpression(tree);
  };

  const emit = (node: SurveyNode, place: Place): void => {
    if (node.kind === 'row') {
      if (!ctx.scope.imported(node)) return;
      const item = buildQuestion(node, ctx);
      const relevant = joined(place.chain);
      pages.push({
        id: unique(ctx.scope.nameOf(node)),
        ...(place.section !== undefined ? { section: place.section } : {}),
        ...(relevant !== undefined ? { relevant } : {}),
        origin: { sheet, row: node.row.number, column: typeColumn },
        fields: [],
        items: [item],
      });
      return;
    }
    if (node.repeat) return;
    const row = node.row!;
    const at = (column?: string) => ({ sheet, row: row.number, column });
    const fields: PageDraft['fields'] = [];
    const title = textField(ctx, { row }, 'label', fields, ['title']);
    let chain = place.chain;
    const relevant = ctx.columns.value(row, 'relevant');
    if (relevant) {
      const t = translateExpression(relevant.text, ctx.scope);
      if (t.ok) {
        chain = [...chain, t.expr];
        fields.push({ path: ['relevant'], column: relevant.column });
      } else
        ctx.problems.notImported(
          at(relevant.column),
          t.code,
          `The group's relevant is not imported: it ${t.why}; its questions will be asked of everyone who reaches them.`,
        );
    }
    const appearance = ctx.columns.value(row, 'appearance');
    const ignored = (appearance?.text.split(/\s+/) ?? []).filter(
      (a) => a !== '' && a !== 'field-list',
    );
    if (ignored.length > 0)
      ctx.problems.note(
        at(appearance?.column),
        'appearance',
        `The appearance ${ignored.join(' ')} has no effect in Longitude and is ignored; a group is shown as one page.`,
      );
    reportLeftovers(
      { row },
      ctx,
      new Set(['type', 'name', 'label', 'relevant', 'appearance']),
      'group',
    );
    const name = node.name !== '' ? node.name : `group_${row.number}`;
    const holdsGroups = node.children.some((c) => c.kind === 'group' && !c.repeat);
    if (!holdsGroups) {
      const items = node.children
        .filter((c) => c.kind === 'row' && ctx.scope.imported(c))
        .map((c) => buildQuestion(c as Extract<SurveyNode, { kind: 'row' }>, ctx));
      if (items.length === 0) {
        ctx.problems.note(
          at(typeColumn),
          'empty-group',
          `Group '${name}' holds no question that is imported, so it makes no page.`,
        );
        return;
      }
      const pageRelevant = joined(chain);
      pages.push({
        id: unique(name),
        ...(place.section !== undefined ? { section: place.section } : {}),
        ...(title ? { title } : {}),
        ...(pageRelevant !== undefined ? { relevant: pageRelevant } : {}),
        origin: at(typeColumn),
        fields,
        items,
      });
      return;
    }
    let inner: Place = { ...place, chain };
    if (place.section === undefined && title) {
      sections.push({ id: name, title, origin: at(typeColumn), fields });
      inner = { section: name, sectionGroup: name, chain };
    } else if (title)
      ctx.problems.note(
        at(ctx.columns.header('label')),
        'nested-group',
        `Group '${name}' holds groups inside group '${place.sectionGroup}'; Longitude has pages in sections one level deep, so this group's label is not shown and its groups become pages of section '${place.sectionGroup}'.`,
      );
    for (const child of node.children) emit(child, inner);
  };

  for (const child of root.children) emit(child, { chain: [] });
  return { pages, sections };
}
