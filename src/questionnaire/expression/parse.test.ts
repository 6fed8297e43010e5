import { describe, expect, it } from 'vitest';
import { ExpressionError } from './errors.js';
import { evaluate, type Value } from './evaluate.js';
import { parseExpression } from './parse.js';
import { printExpression } from './print.js';
import { references } from './references.js';

const answers: Record<string, Value> = {
  left_date: '2022-03-10',
  still_in_russia: 'no',
  return_reasons: ['documents', 'other'],
  activities: ['donate', 'volunteer'],
  country: 'GE',
  age: 34,
  income: 3,
  name: 'Анна',
  empty: null,
};
const ctx = { value: (n: string) => answers[n], today: '2022-09-05' };

// [expression, canonical print, value]
const valid: [string, string, Value][] = [
  ['1', '1', 1],
  ['  2.5 ', '2.5', 2.5],
  ['.5', '0.5', 0.5],
  ["'text'", "'text'", 'text'],
  ['"it\'s"', '"it\'s"', "it's"],
  ['true()', 'true()', true],
  ['false()', 'false()', false],
  ['${age}', '${age}', 34],
  ['${age} + 1', '${age} + 1', 35],
  ['${age} - 4 * 2', '${age} - 4 * 2', 26],
  ['(${age} - 4) * 2', '(${age} - 4) * 2', 60],
  ['10 div 4', '10 div 4', 2.5],
  ['10 / 4', '10 div 4', 2.5],
  ['10 mod 4', '10 mod 4', 2],
  ['1 div 0', '1 div 0', null],
  ['-${age}', '-${age}', -34],
  ['- -1', '--1', 1],
  ['2 - -1', '2 - -1', 3],
  ['1 - (2 - 3)', '1 - (2 - 3)', 2],
  ['(1 - 2) - 3', '1 - 2 - 3', -4],
  ['${age} >= 18', '${age} >= 18', true],
  ['${age} != 34', '${age} != 34', false],
  [
    "${left_date} >= date('2022-02-24') and ${left_date} < date('2022-09-21')",
    "${left_date} >= date('2022-02-24') and ${left_date} < date('2022-09-21')",
    true,
  ],
  ["${left_date} < '2022-02-24'", "${left_date} < '2022-02-24'", false],
  ["selected(${return_reasons}, 'other')", "selected(${return_reasons}, 'other')", true],
  ["selected(${return_reasons}, 'visa')", "selected(${return_reasons}, 'visa')", false],
  ['count-selected(${activities}) <= 3', 'count-selected(${activities}) <= 3', true],
  ["not(${still_in_russia} = 'yes')", "not(${still_in_russia} = 'yes')", true],
  ["not ${still_in_russia} = 'no'", "not(${still_in_russia} = 'no')", false],
  ["${country} != 'RU'", "${country} != 'RU'", true],
  ["${empty} = ''", "${empty} = ''", true],
  ["${age} = ''", "${age} = ''", false],
  ['${empty} > 3', '${empty} > 3', false],
  ['${empty} + 1', '${empty} + 1', null],
  ['${missing_var} = ${empty}', '${missing_var} = ${empty}', true],
  ['1 or 0 and 0', '1 or 0 and 0', true],
  ['(1 or 0) and 0', '(1 or 0) and 0', false],
  ["today() > date('2022-09-01')", "today() > date('2022-09-01')", true],
  ["if(${age} > 30, 'older', 'younger')", "if(${age} > 30, 'older', 'younger')", 'older'],
  ['coalesce(${empty}, 7)', 'coalesce(${empty}, 7)', 7],
  ['string-length(${name}) = 4', 'string-length(${name}) = 4', true],
  ["regex(${name}, '^А')", "regex(${name}, '^А')", true],
  ['${income} = 3 or ${income} = 4', '${income} = 3 or ${income} = 4', true],
  ["selected(${empty}, 'x')", "selected(${empty}, 'x')", false],
  ['count-selected(${empty})', 'count-selected(${empty})', 0],
];

describe('parse, print and evaluate', () => {
  it.each(valid)('%s', (text, printed, value) => {
    const tree = parseExpression(text);
    expect(printExpression(tree)).toBe(printed);
    expect(evaluate(tree, ctx)).toEqual(value);
  });

  it('evaluates . as the current value in constraints', () => {
    const tree = parseExpression('. >= 1920 and . <= 2006');
    expect(evaluate(tree, { ...ctx, current: 1990 })).toBe(true);
    expect(evaluate(tree, { ...ctx, current: 1890 })).toBe(false);
  });

  it('lists references in source order with their offsets', () => {
    const tree = parseExpression("${b} > 1 and selected(${a}, 'x') or ${b} = 2");
    expect(references(tree)).toEqual([
      { name: 'b', start: 0, end: 4 },
      { name: 'a', start: 22, end: 26 },
      { name: 'b', start: 36, end: 40 },
    ]);
  });

  it('keeps positions of every node', () => {
    const tree = parseExpression('${a} + 12');
    expect(tree).toMatchObject({
      kind: 'binary',
      start: 0,
      end: 9,
      right: { kind: 'number', start: 7, end: 9 },
    });
  });
});

// [expression, message, offset]
const invalid: [string, string, number][] = [
  ['', 'The expression is empty.', 0],
  ['   ', 'The expression is empty.', 0],
  ['${a} >', 'Expected a value, found end of expression.', 6],
  ['(1 + 2', "Expected ')' to close the '(' at column 1, found end of expression.", 6],
  ['f(1, 2', "Expected ')' to close the '(' at column 2, found end of expression.", 6],
  ['1 + 2)', "Unexpected ')' after a complete expression.", 5],
  ['1 2', "Unexpected '2' after a complete expression.", 2],
  ["'abc", 'Unterminated string starting at column 1.', 0],
  ['${a} = "x', 'Unterminated string starting at column 8.', 7],
  [
    '${a b}',
    "A reference is written ${name} with a name of letters, digits and '_'; '${a b}' is not one.",
    0,
  ],
  [
    '${}',
    "A reference is written ${name} with a name of letters, digits and '_'; '${}' is not one.",
    0,
  ],
  [
    '$a',
    "A reference is written ${name} with a name of letters, digits and '_'; '$a' is not one.",
    0,
  ],
  ['#', "Unknown character '#'.", 0],
  ['1 ? 2', "Unknown character '?'.", 2],
  ['!${a}', "Unknown operator '!'; write 'not' or '!='.", 0],
  ['${a} && ${b}', "Unknown operator '&'; write 'and' or 'or'.", 5],
  ['${a} || ${b}', "Unknown operator '|'; write 'and' or 'or'.", 5],
  ['1 < 2 < 3', "Comparisons cannot be chained; join them with 'and', as in a < b and b < c.", 6],
  ['age > 3', "Unknown word 'age'; refer to an answer as ${age} and quote text as 'age'.", 0],
  ['and 1', "Expected a value before 'and'.", 0],
  ['1 and or 2', "Expected a value before 'or'.", 6],
  ['12abc', "A number cannot be followed by 'a'.", 2],
  ['not(1, 2)', 'not() takes one value, not 2.', 0],
  ['()', "Expected a value, found ')'.", 1],
  ['1 +', 'Expected a value, found end of expression.', 3],
  [',', "Expected a value, found ','.", 0],
  ['f(1 2)', "Expected ')' to close the '(' at column 2, found '2'.", 4],
  ['('.repeat(150) + '1' + ')'.repeat(150), 'The expression nests deeper than 100 levels.', 100],
];

describe('syntax errors', () => {
  it.each(invalid)('%s', (text, message, offset) => {
    let error: unknown;
    try {
      parseExpression(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toBe(message);
    expect((error as ExpressionError).offset).toBe(offset);
    expect((error as ExpressionError).code).toBe('expression.syntax');
  });
});
