import { describe, expect, it } from 'vitest';
import { parseExpression, printExpression } from '../../questionnaire/expression/index.js';
import { translateExpression, unsupportedFunctions, type ExpressionScope } from './expressions.js';

const scope: ExpressionScope = {
  rename: (name) => name.replace(/[.-]/g, '_'),
  choiceKind: (name) =>
    ({ status: 'select_one', rank: 'select_one', langs: 'select_multiple' })[name] as
      'select_one' | 'select_multiple' | undefined,
  missing: (name) =>
    name === 'gps' ? 'is a geopoint question (row 7) that is not imported' : undefined,
  calculation: (name) => {
    if (name === 'age') return parseExpression('2022 - ${birth_year}');
    if (name === 'broken') return 'refers to ${broken}, whose calculation (row 9) uses concat()';
    return undefined;
  },
};

function translated(text: string, current?: 'select_one' | 'select_multiple'): string {
  const t = translateExpression(text, scope, current);
  if (!t.ok) throw new Error(t.why);
  return printExpression(t.expr);
}

describe('XLSForm expressions in Longitude', () => {
  it('passes what both languages share through, in canonical form', () => {
    expect(translated("${status} = 'left'")).toBe("${status} = 'left'");
    expect(translated('selected(${langs}, "ru")')).toBe("selected(${langs}, 'ru')");
    expect(translated("${a} > 1 and (${b} = 'x' or not(${c} = 'y'))")).toBe(
      "${a} > 1 and (${b} = 'x' or not(${c} = 'y'))",
    );
    expect(translated('(${a} + ${b}) * 2 div 3 - ${c} mod 4')).toBe(
      '(${a} + ${b}) * 2 div 3 - ${c} mod 4',
    );
    expect(translated('string-length(.) <= 200')).toBe('string-length(.) <= 200');
    expect(translated('. <= today() and . >= date("2022-02-24")')).toBe(
      ". <= today() and . >= date('2022-02-24')",
    );
    expect(translated("count-selected(.) <= 3 and regex(${t}, '^[0-9]+$')")).toBe(
      "count-selected(.) <= 3 and regex(${t}, '^[0-9]+$')",
    );
    expect(translated("if(${a} > 1, 'x', 'y') = 'x' and coalesce(${b}, 0) = 0")).toBe(
      "if(${a} > 1, 'x', 'y') = 'x' and coalesce(${b}, 0) = 0",
    );
    expect(translated('true() and not(false())')).toBe('true() and not(false())');
  });

  it('compares a choice with its name where the form wrote a number', () => {
    expect(translated('${rank} = 1 or 2 != ${rank}')).toBe("${rank} = '1' or '2' != ${rank}");
    expect(translated('selected(${langs}, 3)')).toBe("selected(${langs}, '3')");
    expect(translated('. = 98', 'select_one')).toBe(". = '98'");
    // Not a choice: numbers stay numbers.
    expect(translated('${count} = 1')).toBe('${count} = 1');
  });

  it('reads a multiple choice compared with a text as exactly those choices', () => {
    expect(translated("${langs} = 'ru'")).toBe(
      "count-selected(${langs}) = 1 and selected(${langs}, 'ru')",
    );
    expect(translated("${langs} != 'ru en'")).toBe(
      "not(count-selected(${langs}) = 2 and selected(${langs}, 'ru') and selected(${langs}, 'en'))",
    );
    expect(translated("${langs} = ''")).toBe("${langs} = ''");
  });

  it('renames names that Longitude would refuse, and puts calculations in place', () => {
    expect(translated("${first-name} != '' and ${a.b} = 1")).toBe(
      "${first_name} != '' and ${a_b} = 1",
    );
    expect(translated('${age} >= 18')).toBe('2022 - ${birth_year} >= 18');
    expect(translated('${age} * 2 > 40')).toBe('(2022 - ${birth_year}) * 2 > 40');
  });

  it('refuses functions Longitude lacks, naming every one', () => {
    const t = translateExpression(
      "concat(${a}, 'x') = jr:choice-name(${b}, '${b}') and int(${c}) > 1",
      scope,
    );
    expect(t).toMatchObject({ ok: false, code: 'unsupported-function' });
    expect(!t.ok && t.why).toMatch(
      /^uses concat\(\), jr:choice-name\(\), int\(\), which Longitude/,
    );
    expect(unsupportedFunctions("selected(${a}, 'round(x)') and round(${b}) > 1")).toEqual([
      'round',
    ]);
    expect(unsupportedFunctions('${a} and (${b} or ${c})')).toEqual([]);
  });

  it('refuses references to rows that were not imported', () => {
    expect(translateExpression("${gps} != ''", scope)).toEqual({
      ok: false,
      code: 'reference',
      why: 'refers to ${gps}, which is a geopoint question (row 7) that is not imported',
    });
    expect(translateExpression('${broken} = 1', scope)).toMatchObject({
      ok: false,
      why: 'refers to ${broken}, whose calculation (row 9) uses concat()',
    });
  });

  it('says where an expression cannot be read', () => {
    expect(translateExpression('/data/age > 18', scope)).toMatchObject({
      ok: false,
      code: 'expression-syntax',
      why: "cannot be read at character 1: Expected a value, found '/'.",
    });
    expect(translateExpression('${a} = ', scope)).toMatchObject({ ok: false });
  });
});
