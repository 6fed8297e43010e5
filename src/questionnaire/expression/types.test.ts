import { describe, expect, it } from 'vitest';
import { parseExpression } from './parse.js';
import { checkTypes, inferType, type VarInfo } from './types.js';

const vars: Record<string, VarInfo> = {
  gender: { type: 'choice', choices: ['female', 'male', 'other'] },
  reasons: { type: 'choices', choices: ['documents', 'visa', 'other'] },
  age: { type: 'number' },
  left: { type: 'date' },
  arrived: { type: 'month' },
  country: { type: 'country' },
  comment: { type: 'text' },
};
const lookup = (n: string) => vars[n];
const check = (text: string, current?: VarInfo) =>
  checkTypes(parseExpression(text), lookup, current).map((i) => [i.kind, i.message, i.start]);

describe('type checking', () => {
  it.each([
    ["${gender} = 'female'"],
    ["selected(${reasons}, 'visa') and count-selected(${reasons}) > 1"],
    ["${left} >= date('2022-02-24') and ${left} < today()"],
    ["${left} < '2022-09-21'"],
    ["${arrived} >= '2022-03'"],
    ["${country} = 'RU'"],
    ['${age} * 2 > 30'],
    ["${gender} = '' or ${reasons} = ''"],
    ["string-length(${comment}) < 100 and regex(${comment}, '^[a-z]+$')"],
    ["selected(${gender}, 'male')"],
  ])('accepts %s', (text) => {
    expect(check(text)).toEqual([]);
  });

  it.each([
    [
      '${gender} = 1',
      'type-mismatch',
      "Cannot compare ${gender} (a single-choice item) with a number; compare it with a choice name in quotes, such as 'female'.",
      12,
    ],
    [
      "${gender} = 'femal'",
      'unknown-choice',
      "'femal' is not a choice of ${gender}; its choices are: female, male, other.",
      12,
    ],
    [
      "${gender} > 'female'",
      'type-mismatch',
      "Cannot order ${gender} (a single-choice item) with '<' or '>'; compare it with '=' to a choice name.",
      0,
    ],
    [
      "${reasons} = 'visa'",
      'type-mismatch',
      "${reasons} is a multiple-choice item; use selected(${reasons}, 'choice') or count-selected(${reasons}).",
      0,
    ],
    [
      "selected(${reasons}, 'visas')",
      'unknown-choice',
      "'visas' is not a choice of ${reasons}; its choices are: documents, visa, other.",
      21,
    ],
    [
      "selected(${age}, 'x')",
      'type-mismatch',
      'selected() needs a choice item, but ${age} is a number.',
      9,
    ],
    [
      'count-selected(${gender})',
      'type-mismatch',
      'count-selected() needs a multiple-choice item, but ${gender} is a single-choice item.',
      15,
    ],
    [
      '${left} > 2022',
      'type-mismatch',
      "Cannot compare ${left} (a date) with a number; compare it with date('2022-02-24').",
      10,
    ],
    [
      "${left} > '2022-02-30'",
      'bad-literal',
      "'2022-02-30' is not a date like date('2022-02-24').",
      10,
    ],
    ["${arrived} > '2022-13'", 'bad-literal', "'2022-13' is not a month like '2022-02'.", 13],
    [
      "date('24.02.2022')",
      'bad-literal',
      "date() takes a calendar date in quotes, such as date('2022-02-24').",
      5,
    ],
    [
      "${country} = 'Russia'",
      'bad-literal',
      "'Russia' is not a country code; use two capital letters such as 'RU'.",
      13,
    ],
    ["${age} + 'a'", 'type-mismatch', "Arithmetic needs numbers, but 'a' is a text.", 9],
    ["${age} = 'old'", 'type-mismatch', "Cannot compare ${age} (a number) with the text 'old'.", 9],
    [
      'frobnicate(1)',
      'unknown-function',
      'Unknown function frobnicate(); known functions: selected, count-selected, today, date, string-length, regex, if, coalesce.',
      0,
    ],
    ['today(1)', 'arity', 'today() takes 0 values, not 1.', 0],
    ['selected(${reasons})', 'arity', 'selected() takes 2 values, not 1.', 0],
    [
      'string-length(${age})',
      'type-mismatch',
      'string-length() needs a text, but ${age} is a number.',
      14,
    ],
    [
      "regex(${comment}, '(')",
      'bad-literal',
      'The pattern of regex() is not a valid regular expression.',
      18,
    ],
    ['${nobody} = 1', 'unknown-variable', 'Unknown variable ${nobody}.', 0],
    ['-${gender}', 'type-mismatch', 'Cannot negate ${gender}, which is a single-choice item.', 1],
    [
      'selected(${reasons}, ${gender})',
      'type-mismatch',
      'The second value of selected() is a choice name in quotes.',
      21,
    ],
  ])('reports %s', (text, kind, message, start) => {
    expect(check(text)).toEqual([[kind, message, start]]);
  });

  it('checks . against the item it constrains', () => {
    expect(check('. >= 1920', { type: 'number' })).toEqual([]);
    expect(check('. = 3', { type: 'choice', choices: ['a'] })[0]?.[0]).toBe('type-mismatch');
  });

  it('infers the type of the whole expression', () => {
    expect(inferType(parseExpression('${age} > 1'), lookup)).toBe('boolean');
    expect(inferType(parseExpression('${age} + 1'), lookup)).toBe('number');
    expect(inferType(parseExpression('today()'), lookup)).toBe('date');
    expect(inferType(parseExpression('${gender}'), lookup)).toBe('choice');
  });
});
