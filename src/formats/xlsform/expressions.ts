/**
 * XLSForm expressions (`relevant`, `constraint`, `calculation`, `choice_filter`) in
 * Longitude's expression language. Both follow XPath's spelling, so most expressions pass
 * through the parser unchanged and are printed back in Longitude's canonical form. What
 * changes: names renamed on import are renamed in `${...}`; a choice compared with a number
 * (`${q} = 1`) is compared with the choice name ('1'); a multiple choice compared with a text
 * (`${q} = 'a b'`, true in XPath when exactly those are chosen) becomes count-selected() and
 * selected(); a calculate's name is replaced by its formula. Functions Longitude lacks, and
 * references to rows that were not imported, make the expression untranslatable.
 */
import {
  ExpressionError,
  parseExpression,
  type Expr,
} from '../../questionnaire/expression/index.js';

/** The functions of Longitude's expression language (see docs/questionnaires.md). */
export const longitudeFunctions = [
  'selected',
  'count-selected',
  'today',
  'date',
  'string-length',
  'regex',
  'if',
  'coalesce',
];
/** Read by the parser itself: not(x), true(), false(). */
const builtIn = new Set(['not', 'true', 'false']);
const keywords = new Set(['and', 'or', 'div', 'mod', 'not']);

export type ChoiceKind = 'select_one' | 'select_multiple';

export interface ExpressionScope {
  /** The Longitude name of a name in the form. */
  rename(name: string): string;
  /** For choice questions (by Longitude name): which kind. */
  choiceKind(name: string): ChoiceKind | undefined;
  /** Why a name has no variable in the questionnaire ("is inside repeat 'x' (row 9)..."). */
  missing(name: string): string | undefined;
  /** A calculate's translated formula; a sentence when it cannot be used. */
  calculation(name: string): Expr | string | undefined;
}

export type Translation =
  | { ok: true; expr: Expr }
  | { ok: false; code: 'unsupported-function' | 'expression-syntax' | 'reference'; why: string };

class NotMapped extends Error {
  constructor(
    readonly code: 'reference',
    readonly why: string,
  ) {
    super(why);
  }
}

/**
 * Translates one expression. `current` is the kind of the question a constraint belongs to,
 * when it is a choice question (for `. = 1`).
 */
export function translateExpression(
  text: string,
  scope: ExpressionScope,
  current?: ChoiceKind,
): Translation {
  const renamed = text.replace(
    /\$\{([^}]*)\}/g,
    (_, name: string) => `\${${scope.rename(name.trim())}}`,
  );
  const unknown = unsupportedFunctions(renamed);
  if (unknown.length > 0) {
    const names = unknown.map((n) => `${n}()`).join(', ');
    return {
      ok: false,
      code: 'unsupported-function',
      why: `uses ${names}, which Longitude's expressions do not have (they have ${longitudeFunctions.map((f) => `${f}()`).join(', ')}, not() and arithmetic)`,
    };
  }
  let tree: Expr;
  try {
    tree = parseExpression(renamed);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return {
      ok: false,
      code: 'expression-syntax',
      why: `cannot be read at character ${error.offset + 1}: ${error.message}`,
    };
  }
  try {
    return { ok: true, expr: rewrite(tree, scope, current) };
  } catch (error) {
    if (error instanceof NotMapped) return { ok: false, code: error.code, why: error.why };
    throw error;
  }
}

/** Names called as functions that Longitude lacks, string literals left aside. */
export function unsupportedFunctions(text: string): string[] {
  const bare = text.replace(/'[^']*'|"[^"]*"/g, (s) => ' '.repeat(s.length));
  const found: string[] = [];
  for (const m of bare.matchAll(/([A-Za-z_][A-Za-z0-9_.:-]*)\s*\(/g)) {
    const name = m[1]!;
    if (keywords.has(name) || builtIn.has(name) || longitudeFunctions.includes(name)) continue;
    if (!found.includes(name)) found.push(name);
  }
  return found;
}

function rewrite(e: Expr, scope: ExpressionScope, current?: ChoiceKind): Expr {
  const again = (x: Expr): Expr => rewrite(x, scope, current);
  switch (e.kind) {
    case 'ref': {
      if (e.current) return e;
      const formula = scope.calculation(e.name);
      if (typeof formula === 'string') throw new NotMapped('reference', formula);
      if (formula) return formula;
      const why = scope.missing(e.name);
      if (why) throw new NotMapped('reference', `refers to \${${e.name}}, which ${why}`);
      return e;
    }
    case 'unary':
      return { ...e, operand: again(e.operand) };
    case 'call': {
      const args = e.args.map(again);
      if (e.name === 'selected' && args[1]?.kind === 'number') args[1] = asName(args[1]);
      return { ...e, args };
    }
    case 'binary': {
      const left = again(e.left);
      const right = again(e.right);
      if (e.op === '=' || e.op === '!=') {
        const kind = (x: Expr): ChoiceKind | undefined =>
          x.kind !== 'ref' ? undefined : x.current ? current : scope.choiceKind(x.name);
        const fixed =
          choiceComparison(left, kind(left), right, e.op, true) ??
          choiceComparison(right, kind(right), left, e.op, false);
        if (fixed) return fixed;
      }
      return { ...e, left, right };
    }
    default:
      return e;
  }
}

function asName(e: Expr & { kind: 'number' }): Expr {
  return { kind: 'string', value: String(e.value), start: e.start, end: e.end };
}

function choiceComparison(
  ref: Expr,
  kind: ChoiceKind | undefined,
  other: Expr,
  op: '=' | '!=',
  refFirst: boolean,
): Expr | undefined {
  if (kind === undefined) return undefined;
  const literal = other.kind === 'number' ? asName(other) : other;
  if (literal.kind !== 'string') return undefined;
  if (kind === 'select_one') {
    if (other.kind !== 'number') return undefined;
    const [left, right] = refFirst ? [ref, literal] : [literal, ref];
    return { kind: 'binary', op, left, right, start: left.start, end: right.end };
  }
  const names = literal.value.trim().split(/\s+/).filter(Boolean);
  if (names.length === 0) return undefined;
  const at = { start: ref.start, end: other.end };
  const and = (a: Expr, b: Expr): Expr => ({ kind: 'binary', op: 'and', left: a, right: b, ...at });
  let exact: Expr = {
    kind: 'binary',
    op: '=',
    left: { kind: 'call', name: 'count-selected', args: [ref], ...at },
    right: { kind: 'number', value: names.length, ...at },
    ...at,
  };
  for (const name of names)
    exact = and(exact, {
      kind: 'call',
      name: 'selected',
      args: [ref, { kind: 'string', value: name, ...at }],
      ...at,
    });
  return op === '=' ? exact : { kind: 'unary', op: 'not', operand: exact, ...at };
}
