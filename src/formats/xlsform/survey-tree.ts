/**
 * The survey sheet as a tree: `begin group`/`end group` and `begin repeat`/`end repeat` rows
 * open and close nodes; every other row with a type is a leaf. Unbalanced groups are errors
 * that name the rows involved.
 */
import type { Columns } from './columns.js';
import type { ProblemList } from './problems.js';
import { readRowType, type RowType } from './row-types.js';
import type { SheetRow } from './workbook.js';

export interface RowNode {
  kind: 'row';
  row: SheetRow;
  type: RowType;
  /** The name as written in the form ('' when the row has none). */
  name: string;
}

export interface GroupNode {
  kind: 'group';
  /** Absent for the root, which stands for the whole survey. */
  row?: SheetRow;
  name: string;
  repeat: boolean;
  children: SurveyNode[];
  /** The row of its `end group` or `end repeat`. */
  endRow?: number;
}

export type SurveyNode = RowNode | GroupNode;

export function surveyTree(columns: Columns, problems: ProblemList): GroupNode {
  const sheet = columns.sheet.name;
  const typeColumn = columns.header('type');
  const root: GroupNode = { kind: 'group', name: '', repeat: false, children: [] };
  const stack: GroupNode[] = [root];
  for (const row of columns.sheet.rows) {
    const top = stack[stack.length - 1]!;
    const typeCell = columns.value(row, 'type');
    const name = columns.value(row, 'name')?.text ?? '';
    if (!typeCell) {
      if (name !== '' || columns.value(row, 'label'))
        problems.note(
          { sheet, row: row.number, column: typeColumn },
          'no-type',
          'This row has no type and is ignored.',
        );
      continue;
    }
    const type = readRowType(typeCell.text);
    if (type.kind === 'begin-group' || type.kind === 'begin-repeat') {
      const group: GroupNode = {
        kind: 'group',
        row,
        name,
        repeat: type.kind === 'begin-repeat',
        children: [],
      };
      top.children.push(group);
      stack.push(group);
      continue;
    }
    if (type.kind === 'end-group' || type.kind === 'end-repeat') {
      const word = type.kind === 'end-group' ? 'end group' : 'end repeat';
      if (stack.length === 1) {
        problems.error(
          { sheet, row: row.number, column: typeColumn },
          'unbalanced-group',
          `'${word}' has no 'begin ${word.slice(4)}' before it.`,
        );
        continue;
      }
      if (top.repeat !== (type.kind === 'end-repeat'))
        problems.error(
          { sheet, row: row.number, column: typeColumn },
          'unbalanced-group',
          `'${word}' closes ${describe(top)}; close it with 'end ${top.repeat ? 'repeat' : 'group'}'.`,
        );
      top.endRow = row.number;
      stack.pop();
      continue;
    }
    top.children.push({ kind: 'row', row, type, name });
  }
  for (const open of stack.slice(1))
    problems.error(
      { sheet, row: open.row!.number, column: typeColumn },
      'unbalanced-group',
      `${capital(describe(open))} is never closed with 'end ${open.repeat ? 'repeat' : 'group'}'.`,
    );
  return root;
}

function describe(group: GroupNode): string {
  const what = group.repeat ? 'repeat' : 'group';
  const name = group.name !== '' ? ` '${group.name}'` : '';
  return `the ${what}${name} of row ${group.row!.number}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Every leaf row under a node, in order. */
export function leaves(node: SurveyNode): RowNode[] {
  return node.kind === 'row' ? [node] : node.children.flatMap(leaves);
}
