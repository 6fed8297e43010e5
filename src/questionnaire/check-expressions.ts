/**
 * Checks every `relevant` and `constraint` expression: syntax, unknown variables, references
 * to items that come later (or to the item itself, a cycle), and type mismatches.
 */
import type { CheckProblem } from './check-problem.js';
import {
  ExpressionError,
  checkTypes,
  parseExpression,
  references,
  type Expr,
  type VarInfo,
} from './expression/index.js';
import type { QuestionnaireDefinition } from './schema.js';
import type { Path, Source } from './source.js';
import { variablesOf, type Variable } from './variables.js';

export function varInfo(v: Variable): VarInfo {
  switch (v.kind) {
    case 'select_one':
      return { type: 'choice', choices: v.choices.map((c) => c.name) };
    case 'select_multiple':
      return { type: 'choices', choices: v.choices.map((c) => c.name) };
    case 'rating':
    case 'integer':
    case 'decimal':
      return { type: 'number' };
    case 'date':
      return { type: 'date' };
    case 'month':
      return { type: 'month' };
    case 'country':
      return { type: 'country' };
    case 'text':
    case 'other_text':
      return { type: 'text' };
  }
}

interface Site {
  path: Path;
  text: string;
  /** The item (or row) the expression belongs to. */
  owner: string;
  /** For page relevance: the page, named in the message instead of an item. */
  page?: string;
  kind: 'relevant' | 'constraint';
  /** References must be to variables with order below this (or equal, for constraints). */
  before: number;
  /** For page relevance: references must be on pages before this one. */
  pageIndex?: number;
  current?: VarInfo;
}

export function checkExpressions(
  definition: QuestionnaireDefinition,
  source: Source,
): CheckProblem[] {
  const variables = variablesOf(definition);
  const byName = new Map(variables.map((v) => [v.name.toLowerCase(), v]));
  const notes = new Set<string>();
  const sites: Site[] = [];
  definition.pages.forEach((page, p) => {
    const first = variables.find((v) => v.pageIndex === p)?.order ?? variables.length;
    if (page.relevant !== undefined)
      sites.push({
        path: ['pages', p, 'relevant'],
        text: page.relevant,
        owner: page.id,
        page: page.id,
        kind: 'relevant',
        before: first,
        pageIndex: p,
      });
    page.items.forEach((item, i) => {
      const path = ['pages', p, 'items', i];
      if (item.type === 'note') notes.add(item.name.toLowerCase());
      const own = variables.find((v) => v.item === item);
      const order = own?.order ?? variables.filter((v) => v.pageIndex <= p).length;
      if (item.relevant !== undefined)
        sites.push({
          path: [...path, 'relevant'],
          text: item.relevant,
          owner: item.name,
          kind: 'relevant',
          before: order,
        });
      if (item.type === 'grid')
        item.rows.forEach((row, r) => {
          const rowOrder = byName.get(row.name.toLowerCase())?.order ?? order;
          if (row.relevant !== undefined)
            sites.push({
              path: [...path, 'rows', r, 'relevant'],
              text: row.relevant,
              owner: row.name,
              kind: 'relevant',
              before: rowOrder,
            });
        });
      if (item.type !== 'note' && item.type !== 'grid' && item.constraint !== undefined && own)
        sites.push({
          path: [...path, 'constraint'],
          text: item.constraint,
          owner: item.name,
          kind: 'constraint',
          before: order + 1,
          current: varInfo(own),
        });
    });
  });

  const problems: CheckProblem[] = [];
  for (const site of sites) {
    const report = (offset: number, code: string, message: string): void => {
      const where = site.page !== undefined ? ` of page '${site.page}'` : '';
      problems.push({
        file: source.file,
        ...source.locateIn(site.path, offset),
        item: site.page !== undefined ? undefined : site.owner,
        code,
        message: message.replace(/^In (relevant|constraint):/, `In ${site.kind}${where}:`),
      });
    };
    let tree: Expr;
    try {
      tree = parseExpression(site.text);
    } catch (error) {
      if (error instanceof ExpressionError) {
        report(error.offset, 'expression-syntax', `In ${site.kind}: ${error.message}`);
        continue;
      }
      throw error;
    }
    let referenceProblem = false;
    for (const ref of references(tree)) {
      const target = byName.get(ref.name.toLowerCase());
      if (!target) {
        referenceProblem = true;
        const why = notes.has(ref.name.toLowerCase())
          ? `\${${ref.name}} is a note and has no value.`
          : `Unknown variable \${${ref.name}}.`;
        report(ref.start, 'unknown-variable', `In ${site.kind}: ${why}`);
        continue;
      }
      if (target.name.toLowerCase() === site.owner.toLowerCase() && site.kind === 'relevant') {
        referenceProblem = true;
        report(
          ref.start,
          'cycle',
          `In relevant: ${site.owner} depends on itself; an item cannot decide whether it is asked from its own answer.`,
        );
        continue;
      }
      const later =
        site.pageIndex !== undefined
          ? target.pageIndex >= site.pageIndex
          : target.order >= site.before;
      if (later) {
        referenceProblem = true;
        const where =
          site.pageIndex !== undefined && target.pageIndex === site.pageIndex
            ? 'is on this same page'
            : `comes later (page '${target.page.id}')`;
        report(
          ref.start,
          'later-reference',
          `In ${site.kind}: \${${ref.name}} ${where}; ${site.kind === 'relevant' ? 'relevance' : 'a constraint'} may only use answers given before.`,
        );
      }
    }
    if (site.kind === 'relevant' && containsCurrent(tree)) {
      report(
        0,
        'current-outside-constraint',
        `In relevant: '.' (the item's own value) is only meaningful in a constraint.`,
      );
      continue;
    }
    if (referenceProblem) continue;
    const lookup = (name: string): VarInfo | undefined => {
      const v = byName.get(name.toLowerCase());
      return v ? varInfo(v) : undefined;
    };
    for (const issue of checkTypes(tree, lookup, site.current)) {
      if (issue.kind === 'unknown-variable') continue;
      report(issue.start, issue.kind, `In ${site.kind}: ${issue.message}`);
    }
  }
  return problems;
}

function containsCurrent(e: Expr): boolean {
  switch (e.kind) {
    case 'ref':
      return e.current === true;
    case 'call':
      return e.args.some(containsCurrent);
    case 'unary':
      return containsCurrent(e.operand);
    case 'binary':
      return containsCurrent(e.left) || containsCurrent(e.right);
    default:
      return false;
  }
}
