// Property-based tests: printing then parsing gives back the same tree; no string makes the
// parser throw anything but an ExpressionError; evaluation of any tree never throws a raw error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stripPositions, type BinaryOp, type Expr } from './ast.js';
import { ExpressionError } from './errors.js';
import { evaluate, type Value } from './evaluate.js';
import { parseExpression } from './parse.js';
import { printExpression } from './print.js';
import { Problem } from '../../problems/problem.js';

const at = { start: 0, end: 0 };
const ops: BinaryOp[] = ['or', 'and', '=', '!=', '<', '<=', '>', '>=', '+', '-', '*', 'div', 'mod'];
const names = ['a', 'b', 'age', 'left_date', 'x_1'];
const functions = [
  'selected',
  'count-selected',
  'today',
  'date',
  'string-length',
  'if',
  'coalesce',
  'regex',
];

const tree: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .oneof(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 99_999 }).map((n) => n / 100),
      )
      .map((value): Expr => ({ kind: 'number', value, ...at })),
    fc
      .string({ maxLength: 8 })
      .filter((s) => !(s.includes("'") && s.includes('"')))
      .map((value): Expr => ({ kind: 'string', value, ...at })),
    fc.boolean().map((value): Expr => ({ kind: 'boolean', value, ...at })),
    fc.constantFrom(...names).map((name): Expr => ({ kind: 'ref', name, ...at })),
    fc.constant<Expr>({ kind: 'ref', name: '.', current: true, ...at }),
    fc
      .record({ op: fc.constantFrom<'-' | 'not'>('-', 'not'), operand: tie('expr') })
      .map((u): Expr => ({ kind: 'unary', ...u, ...at })),
    fc
      .record({ op: fc.constantFrom(...ops), left: tie('expr'), right: tie('expr') })
      // Comparisons do not chain: a comparison directly under a comparison would not print back.
      .map((b): Expr => ({ kind: 'binary', ...b, ...at })),
    fc
      .record({
        name: fc.constantFrom(...functions),
        args: fc.array(tie('expr'), { maxLength: 3 }),
      })
      .map((c): Expr => ({ kind: 'call', ...c, ...at })),
  ),
})).expr;

describe('expression properties', () => {
  it('print then parse gives the same tree', () => {
    fc.assert(
      fc.property(tree, (t) => {
        const text = printExpression(t);
        expect(stripPositions(parseExpression(text))).toEqual(stripPositions(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('parsing any string throws nothing but an ExpressionError', () => {
    const alphabet = fc.constantFrom(
      '${a}',
      '${',
      '}',
      '$',
      '(',
      ')',
      ',',
      "'",
      '"',
      '.',
      '1',
      '2.5',
      ' ',
      'and',
      'or',
      'not',
      'div',
      'mod',
      '=',
      '!=',
      '<',
      '<=',
      '>',
      '>=',
      '+',
      '-',
      '*',
      '/',
      'selected',
      'today()',
      '!',
      '&',
      '#',
      'é',
      '\n',
    );
    const tokens = fc.array(alphabet, { maxLength: 30 }).map((parts) => parts.join(''));
    for (const strings of [
      fc.string({ maxLength: 60 }),
      fc.string({ unit: 'binary', maxLength: 60 }),
      tokens,
    ])
      fc.assert(
        fc.property(strings, (s) => {
          try {
            parseExpression(s);
          } catch (error) {
            expect(error).toBeInstanceOf(ExpressionError);
          }
        }),
        { numRuns: 3000 },
      );
  });

  it('never overflows the stack on deep nesting', () => {
    for (const deep of [
      '('.repeat(5000),
      '-'.repeat(5000) + '1',
      'not '.repeat(5000) + '1',
      'f('.repeat(5000),
    ])
      expect(() => parseExpression(deep)).toThrow(ExpressionError);
  });

  it('evaluating any tree on any answers throws nothing but a Problem', () => {
    const value: fc.Arbitrary<Value> = fc.oneof(
      fc.constant(null),
      fc.integer(),
      fc.double({ noNaN: false }),
      fc.string({ maxLength: 5 }),
      fc.boolean(),
      fc.array(fc.constantFrom('x', 'y', 'other'), { maxLength: 3 }),
    );
    fc.assert(
      fc.property(
        tree,
        fc.dictionary(fc.constantFrom(...names), value),
        value,
        (t, answers, current) => {
          try {
            evaluate(t, { value: (n) => answers[n], current, today: '2022-09-05' });
          } catch (error) {
            expect(error).toBeInstanceOf(Problem);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
