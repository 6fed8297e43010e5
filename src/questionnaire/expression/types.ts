/**
 * Static checks of an expression against the types of the variables it uses: comparing a
 * choice with a number, a date with a number, a choice name that does not exist, functions
 * that do not exist or get the wrong number of values. Returns issues; never throws.
 */
import type { Expr } from './ast.js';
import { maxPatternLength } from './evaluate.js';

export type VarInfo =
  | { type: 'number' }
  | { type: 'text' }
  | { type: 'date' }
  | { type: 'month' }
  | { type: 'country' }
  | { type: 'choice'; choices: string[] }
  | { type: 'choices'; choices: string[] };

export type ExprType =
  'number' | 'text' | 'date' | 'month' | 'boolean' | 'choice' | 'choices' | 'country' | 'unknown';

export type IssueKind =
  | 'unknown-variable'
  | 'type-mismatch'
  | 'unknown-function'
  | 'arity'
  | 'unknown-choice'
  | 'bad-literal';

export interface ExpressionIssue {
  message: string;
  start: number;
  end: number;
  kind: IssueKind;
}

export type Lookup = (name: string) => VarInfo | undefined;

const arity: Record<string, number> = {
  selected: 2,
  'count-selected': 1,
  today: 0,
  date: 1,
  'string-length': 1,
  regex: 2,
  if: 3,
  coalesce: 2,
};

const typeWords: Record<ExprType, string> = {
  number: 'a number',
  text: 'a text',
  date: 'a date',
  month: 'a month',
  boolean: 'true or false',
  choice: 'a single-choice item',
  choices: 'a multiple-choice item',
  country: 'a country',
  unknown: 'a value',
};

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isoMonth = /^\d{4}-\d{2}$/;

export function isRealDate(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

function show(e: Expr): string {
  if (e.kind === 'ref') return e.current ? 'the answer (.)' : `\${${e.name}}`;
  if (e.kind === 'string') return `'${e.value}'`;
  if (e.kind === 'number') return String(e.value);
  return 'this value';
}

export function checkTypes(e: Expr, lookup: Lookup, current?: VarInfo): ExpressionIssue[] {
  const issues: ExpressionIssue[] = [];
  inferWith(e, lookup, current, issues);
  return issues;
}

export function inferType(e: Expr, lookup: Lookup, current?: VarInfo): ExprType {
  return inferWith(e, lookup, current, []);
}

function inferWith(
  e: Expr,
  lookup: Lookup,
  current: VarInfo | undefined,
  issues: ExpressionIssue[],
): ExprType {
  const issue = (node: Expr, kind: IssueKind, message: string): void => {
    issues.push({ message, start: node.start, end: node.end, kind });
  };
  const info = (node: Expr): VarInfo | undefined =>
    node.kind === 'ref' ? (node.current ? current : lookup(node.name)) : undefined;
  const infer = (node: Expr): ExprType => inferWith(node, lookup, current, issues);

  switch (e.kind) {
    case 'number':
      return 'number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'boolean';
    case 'ref': {
      const v = info(e);
      if (!v) {
        if (!e.current) issue(e, 'unknown-variable', `Unknown variable \${${e.name}}.`);
        return 'unknown';
      }
      return v.type;
    }
    case 'unary': {
      const t = infer(e.operand);
      if (e.op === 'not') return 'boolean';
      if (t !== 'number' && t !== 'unknown')
        issue(
          e.operand,
          'type-mismatch',
          `Cannot negate ${show(e.operand)}, which is ${typeWords[t]}.`,
        );
      return 'number';
    }
    case 'binary':
      return binaryType(e, infer, info, issue);
    case 'call':
      return callType(e, infer, info, issue);
  }
}

type Issue = (node: Expr, kind: IssueKind, message: string) => void;

function binaryType(
  e: Extract<Expr, { kind: 'binary' }>,
  infer: (e: Expr) => ExprType,
  info: (e: Expr) => VarInfo | undefined,
  issue: Issue,
): ExprType {
  const lt = infer(e.left);
  const rt = infer(e.right);
  if (e.op === 'and' || e.op === 'or') return 'boolean';
  if (['+', '-', '*', 'div', 'mod'].includes(e.op)) {
    for (const [side, t] of [
      [e.left, lt],
      [e.right, rt],
    ] as const)
      if (t !== 'number' && t !== 'unknown')
        issue(
          side,
          'type-mismatch',
          `Arithmetic needs numbers, but ${show(side)} is ${typeWords[t]}.`,
        );
    return 'number';
  }
  const ordering = e.op !== '=' && e.op !== '!=';
  checkComparison(e.left, lt, e.right, rt, ordering, info, issue);
  checkComparison(e.right, rt, e.left, lt, ordering, info, issue);
  return 'boolean';
}

/** Checks `side` (of type t) compared with `other`; each side is checked once as `side`. */
function checkComparison(
  side: Expr,
  t: ExprType,
  other: Expr,
  ot: ExprType,
  ordering: boolean,
  info: (e: Expr) => VarInfo | undefined,
  issue: Issue,
): void {
  const emptyLiteral = other.kind === 'string' && other.value === '';
  if (emptyLiteral && !ordering) return;
  const v = info(side);
  switch (t) {
    case 'choice': {
      if (ordering) {
        issue(
          side,
          'type-mismatch',
          `Cannot order ${show(side)} (a single-choice item) with '<' or '>'; compare it with '=' to a choice name.`,
        );
        return;
      }
      if (
        other.kind === 'string' &&
        v?.type === 'choice' &&
        v.choices.length > 0 &&
        !v.choices.includes(other.value)
      )
        issue(
          other,
          'unknown-choice',
          `'${other.value}' is not a choice of ${show(side)}; its choices are: ${v.choices.join(', ')}.`,
        );
      else if (ot === 'number')
        issue(
          other,
          'type-mismatch',
          `Cannot compare ${show(side)} (a single-choice item) with a number; compare it with a choice name in quotes, such as '${v?.type === 'choice' ? (v.choices[0] ?? 'yes') : 'yes'}'.`,
        );
      else if (ot === 'date' || ot === 'month' || ot === 'choices')
        issue(
          other,
          'type-mismatch',
          `Cannot compare ${show(side)} (a single-choice item) with ${typeWords[ot]}.`,
        );
      return;
    }
    case 'choices':
      if (other.kind !== 'string' || other.value !== '')
        issue(
          side,
          'type-mismatch',
          `${show(side)} is a multiple-choice item; use selected(${show(side)}, 'choice') or count-selected(${show(side)}).`,
        );
      return;
    case 'date':
    case 'month': {
      const pattern = t === 'date' ? isoDate : isoMonth;
      const example = t === 'date' ? `date('2022-02-24')` : `'2022-02'`;
      if (other.kind === 'string') {
        const ok =
          t === 'date'
            ? isRealDate(other.value)
            : pattern.test(other.value) && isRealDate(`${other.value}-01`);
        if (!ok)
          issue(other, 'bad-literal', `${show(other)} is not ${typeWords[t]} like ${example}.`);
      } else if (ot !== t && ot !== 'unknown' && !(t === 'date' && ot === 'date'))
        issue(
          other,
          'type-mismatch',
          `Cannot compare ${show(side)} (${typeWords[t]}) with ${typeWords[ot]}; compare it with ${example}.`,
        );
      return;
    }
    case 'country':
      if (other.kind === 'string' && !/^[A-Z]{2}$/.test(other.value))
        issue(
          other,
          'bad-literal',
          `${show(other)} is not a country code; use two capital letters such as 'RU'.`,
        );
      else if (ot === 'number')
        issue(other, 'type-mismatch', `Cannot compare ${show(side)} (a country) with a number.`);
      return;
    case 'number':
      if (other.kind === 'string' && info(other) === undefined && Number.isNaN(Number(other.value)))
        issue(
          other,
          'type-mismatch',
          `Cannot compare ${show(side)} (a number) with the text ${show(other)}.`,
        );
      return;
    default:
      return;
  }
}

function callType(
  e: Extract<Expr, { kind: 'call' }>,
  infer: (e: Expr) => ExprType,
  info: (e: Expr) => VarInfo | undefined,
  issue: Issue,
): ExprType {
  const expected = arity[e.name];
  if (expected === undefined) {
    issue(
      e,
      'unknown-function',
      `Unknown function ${e.name}(); known functions: ${Object.keys(arity).join(', ')}.`,
    );
    e.args.forEach(infer);
    return 'unknown';
  }
  if (e.args.length !== expected) {
    issue(
      e,
      'arity',
      `${e.name}() takes ${expected} value${expected === 1 ? '' : 's'}, not ${e.args.length}.`,
    );
    e.args.forEach(infer);
    return e.name === 'today' || e.name === 'date' ? 'date' : 'unknown';
  }
  const types = e.args.map(infer);
  const [a, b] = e.args;
  /** Reports the first argument unless its type is one of `allowed` (or unknown). */
  const needFirst = (allowed: ExprType[], what: string): void => {
    const t = types[0]!;
    if (t !== 'unknown' && !allowed.includes(t))
      issue(a!, 'type-mismatch', `${e.name}() needs ${what}, but ${show(a!)} is ${typeWords[t]}.`);
  };
  switch (e.name) {
    case 'selected': {
      const v = info(a!);
      needFirst(['choice', 'choices'], 'a choice item');
      if (b!.kind !== 'string')
        issue(b!, 'type-mismatch', `The second value of selected() is a choice name in quotes.`);
      else if (
        (v?.type === 'choice' || v?.type === 'choices') &&
        v.choices.length > 0 &&
        !v.choices.includes(b!.value)
      )
        issue(
          b!,
          'unknown-choice',
          `'${b!.value}' is not a choice of ${show(a!)}; its choices are: ${v.choices.join(', ')}.`,
        );
      return 'boolean';
    }
    case 'count-selected':
      needFirst(['choices'], 'a multiple-choice item');
      return 'number';
    case 'today':
      return 'date';
    case 'date':
      if (a!.kind !== 'string' || !isRealDate(a!.value))
        issue(
          a!,
          'bad-literal',
          `date() takes a calendar date in quotes, such as date('2022-02-24').`,
        );
      return 'date';
    case 'string-length':
      needFirst(['text'], 'a text');
      return 'number';
    case 'regex':
      needFirst(['text'], 'a text');
      if (b!.kind !== 'string')
        issue(b!, 'type-mismatch', `The pattern of regex() must be written in quotes.`);
      else if (b!.value.length > maxPatternLength)
        issue(
          b!,
          'bad-literal',
          `The pattern of regex() is longer than ${maxPatternLength} characters.`,
        );
      else if (!validPattern(b!.value))
        issue(b!, 'bad-literal', `The pattern of regex() is not a valid regular expression.`);
      return 'boolean';
    case 'if':
      return types[1] === types[2] ? types[1]! : 'unknown';
    case 'coalesce':
      return types[0] === types[1] ? types[0]! : 'unknown';
    default:
      return 'unknown';
  }
}

function validPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
