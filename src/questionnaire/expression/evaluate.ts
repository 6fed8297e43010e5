/**
 * Evaluates a tree against answers, without eval. Semantics:
 * - null is an unanswered, not applicable or declared missing value; the literal '' equals it;
 * - `=` and `!=` treat two nulls as equal; ordering comparisons with null are false;
 * - arithmetic with null, and division by zero, give null;
 * - dates ('YYYY-MM-DD') and months ('YYYY-MM') compare as text, which is calendar order;
 * - `selected(null, c)` is false, `count-selected(null)` is 0;
 * - truthiness: null, false, 0, '' and [] are false, everything else true.
 * Today's date is passed in, never read from the clock.
 */
import type { Expr } from './ast.js';
import { ExpressionEvaluationError } from './errors.js';

export type Value = number | string | boolean | string[] | null;

export interface EvaluationContext {
  value(name: string): Value | undefined;
  current?: Value;
  today: string;
}

export function isTruthy(v: Value | undefined): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'number') return !Number.isNaN(v);
  return true;
}

const normal = (v: Value | undefined): Value => (v === undefined || v === '' ? null : v);

export function evaluate(e: Expr, ctx: EvaluationContext): Value {
  switch (e.kind) {
    case 'number':
    case 'boolean':
      return e.value;
    case 'string':
      return e.value;
    case 'ref':
      return normal(e.current ? ctx.current : ctx.value(e.name));
    case 'unary': {
      const v = evaluate(e.operand, ctx);
      if (e.op === 'not') return !isTruthy(v);
      return typeof v === 'number' ? -v : null;
    }
    case 'binary':
      return binary(e.op, e.left, e.right, ctx);
    case 'call':
      return call(e.name, e.args, ctx);
  }
}

function binary(op: string, l: Expr, r: Expr, ctx: EvaluationContext): Value {
  if (op === 'and') return isTruthy(evaluate(l, ctx)) && isTruthy(evaluate(r, ctx));
  if (op === 'or') return isTruthy(evaluate(l, ctx)) || isTruthy(evaluate(r, ctx));
  const a = normal(evaluate(l, ctx));
  const b = normal(evaluate(r, ctx));
  switch (op) {
    case '=':
      return equal(a, b);
    case '!=':
      return !equal(a, b);
    case '<':
    case '<=':
    case '>':
    case '>=': {
      if (a === null || b === null) return false;
      const c = compare(a, b);
      if (c === undefined) return false;
      return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    }
    default: {
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      switch (op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case 'div':
          return b === 0 ? null : a / b;
        case 'mod':
          return b === 0 ? null : a % b;
      }
      throw new ExpressionEvaluationError(`Unknown operator '${op}'.`);
    }
  }
}

function equal(a: Value, b: Value): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i])
    );
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  return a === b;
}

function compare(a: Value, b: Value): number | undefined {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return undefined;
}

function call(name: string, args: Expr[], ctx: EvaluationContext): Value {
  const v = (i: number): Value => normal(evaluate(args[i]!, ctx));
  const need = (n: number): void => {
    if (args.length !== n)
      throw new ExpressionEvaluationError(`${name}() takes ${n} value${n === 1 ? '' : 's'}.`);
  };
  switch (name) {
    case 'selected': {
      need(2);
      const [list, choice] = [v(0), v(1)];
      if (list === null || choice === null) return false;
      return Array.isArray(list) ? list.includes(String(choice)) : String(list) === String(choice);
    }
    case 'count-selected': {
      need(1);
      const list = v(0);
      return Array.isArray(list) ? list.length : list === null ? 0 : 1;
    }
    case 'today':
      need(0);
      return ctx.today;
    case 'date': {
      need(1);
      const d = v(0);
      return typeof d === 'string' ? d : null;
    }
    case 'string-length': {
      need(1);
      const s = v(0);
      return s === null ? 0 : [...String(s)].length;
    }
    case 'regex': {
      need(2);
      const [s, pattern] = [v(0), v(1)];
      if (s === null || typeof pattern !== 'string') return false;
      return compilePattern(pattern)?.test(String(s)) ?? false;
    }
    case 'if':
      need(3);
      return isTruthy(v(0)) ? v(1) : v(2);
    case 'coalesce': {
      need(2);
      const a = v(0);
      return a === null ? v(1) : a;
    }
    default:
      throw new ExpressionEvaluationError(`Unknown function ${name}().`);
  }
}

const patterns = new Map<string, RegExp | undefined>();

/** Compiles a regex() pattern once; an invalid pattern (the checker reports it) matches nothing. */
export function compilePattern(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    let re: RegExp | undefined;
    try {
      re = pattern.length <= maxPatternLength ? new RegExp(pattern, 'u') : undefined;
    } catch {
      re = undefined;
    }
    patterns.set(pattern, re);
  }
  return patterns.get(pattern);
}

export const maxPatternLength = 200;
