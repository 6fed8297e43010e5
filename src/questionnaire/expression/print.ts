/** Canonical text of a tree, with only the parentheses precedence needs. */
import type { BinaryOp, Expr } from './ast.js';

const precedence: Record<BinaryOp, number> = {
  or: 1,
  and: 2,
  '=': 4,
  '!=': 4,
  '<': 4,
  '<=': 4,
  '>': 4,
  '>=': 4,
  '+': 5,
  '-': 5,
  '*': 6,
  div: 6,
  mod: 6,
};
const unaryMinus = 7;
const primaryLevel = 8;

function level(e: Expr): number {
  if (e.kind === 'binary') return precedence[e.op];
  if (e.kind === 'unary') return e.op === '-' ? unaryMinus : primaryLevel;
  return primaryLevel;
}

function at(e: Expr, min: number): string {
  const text = printExpression(e);
  return level(e) < min ? `(${text})` : text;
}

function number(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 100 });
}

export function printExpression(e: Expr): string {
  switch (e.kind) {
    case 'number':
      return number(e.value);
    case 'string':
      return e.value.includes("'") ? `"${e.value}"` : `'${e.value}'`;
    case 'boolean':
      return e.value ? 'true()' : 'false()';
    case 'ref':
      return e.current ? '.' : `\${${e.name}}`;
    case 'call':
      return `${e.name}(${e.args.map(printExpression).join(', ')})`;
    case 'unary':
      return e.op === 'not'
        ? `not(${printExpression(e.operand)})`
        : `-${at(e.operand, unaryMinus)}`;
    case 'binary': {
      const p = precedence[e.op];
      // Comparisons do not chain, so both sides bind tighter; other operators are left-associative.
      const leftMin = p === 4 ? p + 1 : p;
      return `${at(e.left, leftMin)} ${e.op} ${at(e.right, p + 1)}`;
    }
  }
}
