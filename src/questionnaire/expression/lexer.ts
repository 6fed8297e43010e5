/** Splits an expression into tokens; the only error is a character the language lacks. */
import { ExpressionError } from './errors.js';

export type TokenKind =
  'number' | 'string' | 'ref' | 'current' | 'name' | 'op' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** For strings, the text without quotes; for refs, the variable name. */
  value: string;
  start: number;
  end: number;
}

const operators = ['!=', '<=', '>=', '=', '<', '>', '+', '-', '*', '/'];

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (
    kind: TokenKind,
    start: number,
    end: number,
    value = text.slice(start, end),
  ): void => {
    tokens.push({ kind, text: text.slice(start, end), value, start, end });
  };
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === '$') {
      const m = /^\$\{([A-Za-z_][A-Za-z0-9_]*)\}/.exec(text.slice(i));
      if (!m) {
        const close = text.indexOf('}', i);
        const shown = close === -1 ? text.slice(i, i + 12) : text.slice(i, close + 1);
        throw new ExpressionError(
          `A reference is written \${name} with a name of letters, digits and '_'; '${shown}' is not one.`,
          i,
        );
      }
      i += m[0].length;
      push('ref', start, i, m[1]);
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const m = /^(\d+(\.\d*)?|\.\d+)/.exec(text.slice(i))!;
      i += m[0].length;
      if (/[A-Za-z_]/.test(text[i] ?? ''))
        throw new ExpressionError(`A number cannot be followed by '${text[i]}'.`, i);
      push('number', start, i);
      continue;
    }
    if (c === '.') {
      i++;
      push('current', start, i);
      continue;
    }
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      if (close === -1)
        throw new ExpressionError(`Unterminated string starting at column ${i + 1}.`, i);
      i = close + 1;
      push('string', start, i, text.slice(start + 1, close));
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(text.slice(i))!;
      // A trailing '-' belongs to subtraction, not to the name (`a-` then `1`).
      const word = m[0].replace(/-+$/, '');
      i += word.length;
      push('name', start, i);
      continue;
    }
    if (c === '(' || c === ')' || c === ',') {
      i++;
      push(c, start, i);
      continue;
    }
    const op = operators.find((o) => text.startsWith(o, i));
    if (op) {
      i += op.length;
      push('op', start, i);
      continue;
    }
    if (c === '!') throw new ExpressionError(`Unknown operator '!'; write 'not' or '!='.`, i);
    if (c === '&' || c === '|')
      throw new ExpressionError(`Unknown operator '${c}'; write 'and' or 'or'.`, i);
    throw new ExpressionError(
      `Unknown character '${String.fromCodePoint(text.codePointAt(i)!)}'.`,
      i,
    );
  }
  push('end', text.length, text.length, '');
  return tokens;
}
