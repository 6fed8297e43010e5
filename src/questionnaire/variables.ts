/**
 * The variables a questionnaire produces, in questionnaire order: one per answerable item,
 * one per grid row, and a text variable `<name>_other` for choice items with `other: true`.
 * Everything downstream (validation, completion, exports, statistics) works on these.
 */
import type { Choice, Item, Page, QuestionnaireDefinition, SameAs, Text } from './schema.js';

export type VariableKind =
  | 'select_one'
  | 'select_multiple'
  | 'rating'
  | 'integer'
  | 'decimal'
  | 'date'
  | 'month'
  | 'country'
  | 'text'
  | 'other_text';

export interface Scale {
  min: number;
  max: number;
  minLabel?: Text;
  maxLabel?: Text;
  labels?: Record<string, Text>;
}

export interface Variable {
  name: string;
  kind: VariableKind;
  /** The item that asks it: the grid for a row, the choice item for an `_other` text. */
  item: Item;
  /** The grid row, for grid variables. */
  row?: { name: string; label: Text; relevant?: string };
  page: Page;
  pageIndex: number;
  /** Position among all variables. */
  order: number;
  label: Text;
  /** Answer options: choices, or the declared missing options of a rating scale. */
  choices: Choice[];
  scale?: Scale;
  required: boolean;
  referencePeriod?: string;
  sameAs?: SameAs;
}

export function choicesOf(
  definition: QuestionnaireDefinition,
  item: { list?: string; choices?: Choice[] },
): Choice[] {
  if (item.choices) return item.choices;
  if (item.list !== undefined) return definition.choices?.[item.list] ?? [];
  return [];
}

export function variablesOf(definition: QuestionnaireDefinition): Variable[] {
  const out: Variable[] = [];
  definition.pages.forEach((page, pageIndex) => {
    for (const item of page.items) {
      const base = { item, page, pageIndex, label: item.label };
      switch (item.type) {
        case 'note':
          break;
        case 'grid': {
          const scale = item.row_type === 'rating' ? scaleOf(item) : undefined;
          const choices =
            item.row_type === 'rating' ? (item.missing ?? []) : choicesOf(definition, item);
          for (const row of item.rows) {
            out.push({
              ...base,
              name: row.name,
              kind: item.row_type,
              row,
              label: row.label,
              choices,
              scale,
              required: item.required ?? false,
              referencePeriod: row.reference_period ?? item.reference_period,
              sameAs: row.same_as,
              order: out.length,
            });
          }
          break;
        }
        default: {
          const isChoice = item.type === 'select_one' || item.type === 'select_multiple';
          out.push({
            ...base,
            name: item.name,
            kind: item.type,
            choices: isChoice
              ? choicesOf(definition, item)
              : item.type === 'rating'
                ? (item.missing ?? [])
                : [],
            scale: item.type === 'rating' ? scaleOf(item) : undefined,
            required: item.required ?? false,
            referencePeriod: item.reference_period,
            sameAs: item.same_as,
            order: out.length,
          });
          if (isChoice && item.other) {
            out.push({
              ...base,
              name: otherName(item.name),
              kind: 'other_text',
              choices: [],
              required: false,
              order: out.length,
            });
          }
        }
      }
    }
  });
  return out;
}

export function otherName(itemName: string): string {
  return `${itemName}_other`;
}

function scaleOf(item: {
  min?: number;
  max?: number;
  min_label?: Text;
  max_label?: Text;
  labels?: Record<string, Text>;
}): Scale {
  return {
    min: item.min ?? 1,
    max: item.max ?? 5,
    minLabel: item.min_label,
    maxLabel: item.max_label,
    labels: item.labels,
  };
}
