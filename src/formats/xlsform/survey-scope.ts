/**
 * What every survey row becomes, decided before any expression is translated: the Longitude
 * name of each row, which names are variables (and of which kind), which rows are left out
 * and why, and the formulas of calculate rows. Rows left out are reported here, once each.
 */
import { type Expr } from '../../questionnaire/expression/index.js';
import { didYouMean } from '../../questionnaire/suggest.js';
import type { Columns } from './columns.js';
import { translateExpression, type ChoiceKind, type ExpressionScope } from './expressions.js';
import type { ProblemList } from './problems.js';
import { leaves, type GroupNode, type RowNode } from './survey-tree.js';

export interface SurveyScope extends ExpressionScope {
  /** The Longitude name of a row. */
  nameOf(node: RowNode): string;
  /** Longitude names some expression of the form refers to. */
  referenced: Set<string>;
  /** The scale of a `range` question that maps to a rating. */
  scaleOf(node: RowNode): { min: number; max: number } | undefined;
  /** Whether the row becomes an item. */
  imported(node: RowNode): boolean;
}

const knownTypes = [
  'select_one',
  'select_multiple',
  'integer',
  'decimal',
  'text',
  'date',
  'note',
  'range',
  'calculate',
  'begin group',
  'end group',
];

const expressionFields = ['relevant', 'constraint', 'calculation', 'choice_filter', 'required'];

export function surveyScope(root: GroupNode, columns: Columns, problems: ProblemList): SurveyScope {
  const sheet = columns.sheet.name;
  const typeColumn = columns.header('type');
  const nameColumn = columns.header('name');
  const renames = new Map<string, string>();
  const names = new Map<RowNode, string>();
  const kinds = new Map<string, ChoiceKind | undefined>();
  const missing = new Map<string, string>();
  const scales = new Map<RowNode, { min: number; max: number }>();
  const calculations = new Map<string, { row: number; text?: string; result?: Expr | string }>();
  const busy = new Set<string>();

  const rename = (name: string): string => {
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name) || !/[.-]/.test(name)) return name;
    return name.replace(/[.-]/g, '_');
  };
  const at = (node: { row?: { number: number } }, column = typeColumn) => ({
    sheet,
    row: node.row?.number,
    column,
  });

  const visit = (group: GroupNode, repeat?: GroupNode): void => {
    if (group.repeat && !repeat) {
      const inside = leaves(group);
      const first = inside[0]?.row.number;
      const last = inside[inside.length - 1]?.row.number;
      const span =
        inside.length === 0
          ? ' it is left out'
          : inside.length === 1
            ? ` the row inside it (row ${first}) is left out`
            : ` the ${inside.length} rows inside it (rows ${first}–${last}) are left out`;
      problems.notImported(
        at(group),
        'repeat',
        `Repeat${group.name ? ` '${group.name}'` : ''} is not imported: Longitude asks each question once per respondent, so${span}.`,
      );
      repeat = group;
    }
    for (const child of group.children) {
      if (child.kind === 'group') {
        visit(child, repeat);
        continue;
      }
      visitRow(child, repeat);
    }
  };

  const visitRow = (node: RowNode, repeat?: GroupNode): void => {
    let name = rename(node.name);
    if (name !== node.name) {
      renames.set(node.name, name);
      problems.note(
        at(node, nameColumn),
        'renamed',
        `'${node.name}' is renamed '${name}': Longitude names have letters, digits and '_' only; expressions that use it are changed to match.`,
      );
    }
    const type = node.type;
    if (name === '' && type.kind === 'question' && type.type === 'note')
      name = `note_${node.row.number}`;
    names.set(node, name);
    if (repeat) {
      if (name !== '')
        missing.set(
          name,
          `is inside repeat '${repeat.name}' (row ${repeat.row!.number}), which is not imported`,
        );
      return;
    }
    const left = (why: string): void => {
      if (name !== '') missing.set(name, why);
    };
    switch (type.kind) {
      case 'question': {
        if (name === '') {
          problems.error(at(node, nameColumn), 'no-name', `A ${type.type} question needs a name.`);
          return;
        }
        if (type.type === 'range') {
          const scale = rangeScale(columns.value(node.row, 'parameters')?.text ?? '');
          if (typeof scale === 'string') {
            problems.notImported(
              at(node),
              'range',
              `This range question is not imported: ${scale}`,
            );
            left(`is a range question (row ${node.row.number}) that is not imported`);
            return;
          }
          scales.set(node, scale);
        }
        if (type.type === 'note') return;
        const kind =
          type.type === 'select_one' || type.type === 'select_multiple' ? type.type : undefined;
        kinds.set(name, kind);
        if (type.orOther) kinds.set(`${name}_other`, undefined);
        return;
      }
      case 'calculate': {
        const text = columns.value(node.row, 'calculation')?.text;
        calculations.set(name, { row: node.row.number, text });
        problems.notImported(
          at(node),
          'calculate',
          `Calculate '${name}' is not imported as a variable: Longitude has no calculated variables. Where expressions refer to \${${name}}, its calculation is put in its place.`,
        );
        return;
      }
      case 'hidden':
        problems.notImported(
          at(node),
          'hidden',
          `Hidden '${name}' is not imported: Longitude has no hidden variables.`,
        );
        left(`is a hidden row (row ${node.row.number}) that is not imported`);
        return;
      case 'metadata':
        problems.note(
          at(node),
          'metadata',
          `The ${type.type} metadata is not imported: ${type.reason}`,
        );
        left(`is the ${type.type} metadata (row ${node.row.number}), which is not imported`);
        return;
      case 'unsupported':
        problems.notImported(
          at(node),
          'unsupported-type',
          `This ${type.type} question is not imported: ${type.reason}`,
        );
        left(`is a ${type.type} question (row ${node.row.number}) that is not imported`);
        return;
      case 'unknown': {
        const first = type.type.split(/\s+/)[0]!.toLowerCase();
        problems.error(
          at(node),
          'unknown-type',
          `Unknown type '${type.type}'${didYouMean(first, knownTypes) || '.'}`,
        );
        left(`has the unknown type '${type.type}' (row ${node.row.number})`);
        return;
      }
      default:
        return;
    }
  };

  visit(root);

  const referenced = new Set<string>();
  for (const row of columns.sheet.rows)
    for (const field of expressionFields) {
      const text = columns.value(row, field)?.text ?? '';
      for (const m of text.matchAll(/\$\{([^}]*)\}/g)) referenced.add(rename(m[1]!.trim()));
    }

  const scope: SurveyScope = {
    rename: (name) => renames.get(name) ?? rename(name),
    choiceKind: (name) => kinds.get(name),
    missing: (name) => missing.get(name),
    calculation: (name) => {
      const calc = calculations.get(name);
      if (!calc) return undefined;
      if (calc.result !== undefined) return calc.result;
      if (busy.has(name))
        return `refers to \${${name}}, whose calculation (row ${calc.row}) refers back to itself`;
      if (calc.text === undefined) {
        calc.result = `refers to \${${name}}, a calculate row (row ${calc.row}) without a calculation`;
        return calc.result;
      }
      busy.add(name);
      const t = translateExpression(calc.text, scope);
      busy.delete(name);
      calc.result = t.ok
        ? t.expr
        : `refers to \${${name}}, whose calculation (row ${calc.row}) ${t.why}`;
      return calc.result;
    },
    nameOf: (node) => names.get(node) ?? node.name,
    referenced,
    scaleOf: (node) => scales.get(node),
    imported: (node) => {
      const name = names.get(node) ?? '';
      if (node.type.kind !== 'question' || name === '' || missing.has(name)) return false;
      return node.type.type === 'note' || kinds.has(name);
    },
  };
  return scope;
}

/**
 * `start=1 end=5 step=1` (ODK's defaults: 1, 10, 1) as a rating scale, or why it is not one.
 */
export function rangeScale(parameters: string): { min: number; max: number } | string {
  const values: Record<string, number> = { start: 1, end: 10, step: 1 };
  for (const part of parameters.split(/[\s;,]+/).filter(Boolean)) {
    const [key, value] = part.split('=');
    const n = Number(value);
    if (
      key === undefined ||
      !(key.toLowerCase() in values) ||
      value === undefined ||
      !Number.isFinite(n)
    )
      return `its parameters '${parameters}' are not start=, end= and step= with numbers.`;
    values[key.toLowerCase()] = n;
  }
  const { start, end, step } = values as { start: number; end: number; step: number };
  if (step !== 1 || !Number.isInteger(start) || !Number.isInteger(end))
    return `Longitude's rating scale has whole points one apart, and this range goes from ${start} to ${end} in steps of ${step}.`;
  if (start >= end)
    return `Longitude's rating scale rises from min to max, and this range goes from ${start} to ${end}.`;
  if (end - start > 100)
    return `Longitude's rating scale has at most 101 points, and this range has ${end - start + 1}.`;
  return { min: start, max: end };
}
