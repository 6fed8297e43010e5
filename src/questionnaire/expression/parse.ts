/**
 * A recursive-descent parser for `relevant` and `constraint` expressions. Precedence, lowest
 * first: or; and; not; comparisons (not chained); + -; * div mod; unary minus. `not(x)` is
 * read like XLSForm's function; `not x` as a keyword over the comparison that follows.
 */
import type { BinaryOp, Expr } from './ast.js';
import { ExpressionError } from './errors.js';
import { tokenize, type Token } from './lexer.js';

const maxDepth = 100;
const comparisons = new Set(['=', '!=', '<', '<=', '>', '>=']);
const keywords = new Set(['and', 'or', 'not', 'div', 'mod']);

export function parseExpression(text: string): Expr {
  const parser = new Parser(tokenize(text));
  if (parser.peek().kind === 'end') throw new ExpressionError('The expression is empty.', 0);
  const tree = parser.or();
  const rest = parser.peek();
  if (rest.kind !== 'end')
    throw new ExpressionError(
      `Unexpected ${describe(rest)} after a complete expression.`,
      rest.start,
    );
  return tree;
}

function describe(t: Token): string {
  return t.kind === 'end' ? 'end of expression' : `'${t.text}'`;
}

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }
  private isWord(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t.kind === 'name' && t.text === word;
  }
  private enter(at: number): void {
    if (++this.depth > maxDepth)
      throw new ExpressionError(`The expression nests deeper than ${maxDepth} levels.`, at);
  }

  or(): Expr {
    return this.leftAssoc(
      () => this.and(),
      (t) => (t.kind === 'name' && t.text === 'or' ? 'or' : undefined),
    );
  }
  private and(): Expr {
    return this.leftAssoc(
      () => this.not(),
      (t) => (t.kind === 'name' && t.text === 'and' ? 'and' : undefined),
    );
  }
  private not(): Expr {
    if (this.isWord('not') && this.peek(1).kind !== '(') {
      const start = this.next().start;
      this.enter(start);
      const operand = this.not();
      this.depth--;
      return { kind: 'unary', op: 'not', operand, start, end: operand.end };
    }
    return this.comparison();
  }
  private comparison(): Expr {
    const left = this.additive();
    const t = this.peek();
    if (t.kind !== 'op' || !comparisons.has(t.text)) return left;
    this.next();
    const right = this.additive();
    const after = this.peek();
    if (after.kind === 'op' && comparisons.has(after.text))
      throw new ExpressionError(
        `Comparisons cannot be chained; join them with 'and', as in a < b and b < c.`,
        after.start,
      );
    return {
      kind: 'binary',
      op: t.text as BinaryOp,
      left,
      right,
      start: left.start,
      end: right.end,
    };
  }
  private additive(): Expr {
    return this.leftAssoc(
      () => this.multiplicative(),
      (t) => (t.kind === 'op' && (t.text === '+' || t.text === '-') ? t.text : undefined),
    );
  }
  private multiplicative(): Expr {
    return this.leftAssoc(
      () => this.unary(),
      (t) => {
        if (t.kind === 'op' && t.text === '*') return '*';
        if (t.kind === 'op' && t.text === '/') return 'div';
        if (t.kind === 'name' && (t.text === 'div' || t.text === 'mod')) return t.text;
        return undefined;
      },
    );
  }
  private leftAssoc(operand: () => Expr, opOf: (t: Token) => BinaryOp | undefined): Expr {
    let left = operand();
    for (let op = opOf(this.peek()); op !== undefined; op = opOf(this.peek())) {
      this.next();
      const right = operand();
      left = { kind: 'binary', op, left, right, start: left.start, end: right.end };
    }
    return left;
  }
  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '-') {
      this.next();
      this.enter(t.start);
      const operand = this.unary();
      this.depth--;
      return { kind: 'unary', op: '-', operand, start: t.start, end: operand.end };
    }
    return this.primary();
  }
  private primary(): Expr {
    const t = this.next();
    switch (t.kind) {
      case 'number':
        return { kind: 'number', value: Number(t.text), start: t.start, end: t.end };
      case 'string':
        return { kind: 'string', value: t.value, start: t.start, end: t.end };
      case 'ref':
        return { kind: 'ref', name: t.value, start: t.start, end: t.end };
      case 'current':
        return { kind: 'ref', name: '.', current: true, start: t.start, end: t.end };
      case '(': {
        this.enter(t.start);
        const inner = this.or();
        this.depth--;
        this.expectClose(t);
        return inner;
      }
      case 'name':
        return this.word(t);
      default:
        throw new ExpressionError(`Expected a value, found ${describe(t)}.`, t.start);
    }
  }
  private word(t: Token): Expr {
    if (this.peek().kind !== '(') {
      if (keywords.has(t.text))
        throw new ExpressionError(`Expected a value before '${t.text}'.`, t.start);
      throw new ExpressionError(
        `Unknown word '${t.text}'; refer to an answer as \${${t.text}} and quote text as '${t.text}'.`,
        t.start,
      );
    }
    const open = this.next();
    this.enter(open.start);
    const args: Expr[] = [];
    if (this.peek().kind !== ')') {
      args.push(this.or());
      while (this.peek().kind === ',') {
        this.next();
        args.push(this.or());
      }
    }
    this.depth--;
    const close = this.expectClose(open);
    if (t.text === 'not') {
      if (args.length !== 1)
        throw new ExpressionError(`not() takes one value, not ${args.length}.`, t.start);
      return { kind: 'unary', op: 'not', operand: args[0]!, start: t.start, end: close.end };
    }
    if ((t.text === 'true' || t.text === 'false') && args.length === 0)
      return { kind: 'boolean', value: t.text === 'true', start: t.start, end: close.end };
    if (keywords.has(t.text))
      throw new ExpressionError(`Expected a value before '${t.text}'.`, t.start);
    return { kind: 'call', name: t.text, args, start: t.start, end: close.end };
  }
  private expectClose(open: Token): Token {
    const t = this.peek();
    if (t.kind === ')') return this.next();
    const found = t.kind === ',' ? "','" : describe(t);
    throw new ExpressionError(
      `Expected ')' to close the '(' at column ${open.start + 1}, found ${found}.`,
      t.start,
    );
  }
}
