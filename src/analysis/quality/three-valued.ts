/**
 * Evaluates a condition in three values (Kleene): true, false, or unknown when the answer would
 * depend on something not answered. `and`, `or` and `not` combine as in SQL; any other part
 * that reads an unanswered variable is unknown, unless it tests emptiness itself (`''`,
 * coalesce), so `${a} = 'x' and ${b} > 3` is false, not unknown, for a = 'y' and b missing.
 */
import {
  evaluate,
  isTruthy,
  references,
  type EvaluationContext,
  type Expr,
} from '../../questionnaire/expression/index.js';

export type Truth = boolean | 'unknown';

export function evaluateThreeValued(
  e: Expr,
  ctx: EvaluationContext,
  answered: (name: string) => boolean,
): Truth {
  if (e.kind === 'binary' && (e.op === 'and' || e.op === 'or')) {
    const l = evaluateThreeValued(e.left, ctx, answered);
    const r = evaluateThreeValued(e.right, ctx, answered);
    if (e.op === 'and')
      return l === false || r === false ? false : l === true && r === true ? true : 'unknown';
    return l === true || r === true ? true : l === false && r === false ? false : 'unknown';
  }
  if (e.kind === 'unary' && e.op === 'not') {
    const v = evaluateThreeValued(e.operand, ctx, answered);
    return v === 'unknown' ? v : !v;
  }
  if (!testsEmptiness(e) && references(e).some((ref) => !answered(ref.name))) return 'unknown';
  return isTruthy(evaluate(e, ctx));
}

function testsEmptiness(e: Expr): boolean {
  switch (e.kind) {
    case 'string':
      return e.value === '';
    case 'call':
      return e.name === 'coalesce' || e.args.some(testsEmptiness);
    case 'unary':
      return testsEmptiness(e.operand);
    case 'binary':
      return testsEmptiness(e.left) || testsEmptiness(e.right);
    default:
      return false;
  }
}
