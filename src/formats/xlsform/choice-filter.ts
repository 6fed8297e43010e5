/**
 * `choice_filter`: which choices of a list a question offers. Longitude offers every choice of
 * a list, so only a filter that reads nothing but the choices' own columns maps: it picks the
 * same choices for every respondent (`type = 'city'`, `name != 'other'`), and the question
 * gets exactly those choices. A filter on an earlier answer (`${country} = state`, cascading
 * selects) changes with the respondent and cannot be mapped.
 */
import {
  ExpressionError,
  evaluate,
  isTruthy,
  parseExpression,
  type Expr,
} from '../../questionnaire/expression/index.js';
import type { ChoiceRow } from './choices.js';
import { unsupportedFunctions } from './expressions.js';

const keywords = new Set(['and', 'or', 'div', 'mod', 'not']);

export type FilterResult = { ok: true; choices: ChoiceRow[] } | { ok: false; why: string };

export function filterChoices(filter: string, choices: ChoiceRow[]): FilterResult {
  const answer = /\$\{([^}]*)\}/.exec(filter);
  if (answer)
    return {
      ok: false,
      why: `depends on the answer to \${${answer[1]}}, and Longitude offers the same choices to everyone`,
    };
  if (/\btoday\s*\(/.test(filter))
    return {
      ok: false,
      why: 'depends on the date, and Longitude offers the same choices every day',
    };
  const unknown = unsupportedFunctions(filter);
  if (unknown.length > 0)
    return {
      ok: false,
      why: `uses ${unknown.map((n) => `${n}()`).join(', ')}, which Longitude lacks`,
    };
  let tree: Expr;
  try {
    tree = parseExpression(columnsAsReferences(filter));
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return { ok: false, why: `cannot be read: ${error.message}` };
  }
  const kept = choices.filter((choice) =>
    isTruthy(
      evaluate(tree, {
        today: '1970-01-01',
        value: (column) => {
          const text = choice.cells.get(column.toLowerCase());
          if (text === undefined || text === '') return null;
          return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
        },
      }),
    ),
  );
  return { ok: true, choices: kept };
}

/** Bare column names (`state`, `name`) as `${state}`, so that the parser reads them. */
function columnsAsReferences(filter: string): string {
  let out = '';
  let i = 0;
  while (i < filter.length) {
    const c = filter[i]!;
    if (c === "'" || c === '"') {
      const close = filter.indexOf(c, i + 1);
      const end = close === -1 ? filter.length : close + 1;
      out += filter.slice(i, end);
      i = end;
      continue;
    }
    const word = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(filter.slice(i));
    if (word && !/[A-Za-z0-9_$.]/.test(filter[i - 1] ?? '')) {
      const name = word[0].replace(/-+$/, '');
      const after = filter.slice(i + name.length).trimStart();
      out += keywords.has(name) || after.startsWith('(') ? name : `\${${name}}`;
      i += name.length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}
