/**
 * A questionnaire ready to run: its variables, and every expression parsed once.
 * Built from a definition that passed `checkQuestionnaire`; parsing cannot fail here.
 */
import { parseExpression, type Expr } from './expression/index.js';
import type { GridRow, Item, Page, QuestionnaireDefinition } from './schema.js';
import { otherName, variablesOf, type Variable } from './variables.js';

export interface CompiledRow {
  row: GridRow;
  relevant?: Expr;
  variable: Variable;
}

export interface CompiledItem {
  item: Item;
  relevant?: Expr;
  constraint?: Expr;
  /** The item's own variable (none for notes and grids). */
  variable?: Variable;
  /** The `<name>_other` text variable, for choice items with `other: true`. */
  other?: Variable;
  rows: CompiledRow[];
}

export interface CompiledPage {
  page: Page;
  index: number;
  relevant?: Expr;
  items: CompiledItem[];
}

export interface Questionnaire {
  definition: QuestionnaireDefinition;
  variables: Variable[];
  byName: Map<string, Variable>;
  pages: CompiledPage[];
}

const parseOptional = (text: string | undefined): Expr | undefined =>
  text === undefined ? undefined : parseExpression(text);

export function compileQuestionnaire(definition: QuestionnaireDefinition): Questionnaire {
  const variables = variablesOf(definition);
  const byName = new Map(variables.map((v) => [v.name, v]));
  const pages = definition.pages.map((page, index) => ({
    page,
    index,
    relevant: parseOptional(page.relevant),
    items: page.items.map((item): CompiledItem => {
      const hasOwn = item.type !== 'note' && item.type !== 'grid';
      const canOther = item.type === 'select_one' || item.type === 'select_multiple';
      return {
        item,
        relevant: parseOptional(item.relevant),
        constraint: hasOwn ? parseOptional(item.constraint) : undefined,
        variable: hasOwn ? byName.get(item.name) : undefined,
        other: canOther && item.other ? byName.get(otherName(item.name)) : undefined,
        rows:
          item.type === 'grid'
            ? item.rows.map((row) => ({
                row,
                relevant: parseOptional(row.relevant),
                variable: byName.get(row.name)!,
              }))
            : [],
      };
    }),
  }));
  return { definition, variables, byName, pages };
}
