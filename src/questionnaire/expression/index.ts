export type { BinaryOp, Expr } from './ast.js';
export { stripPositions } from './ast.js';
export { ExpressionError, ExpressionEvaluationError } from './errors.js';
export { evaluate, isTruthy, type EvaluationContext, type Value } from './evaluate.js';
export { parseExpression } from './parse.js';
export { printExpression } from './print.js';
export { references, type Reference } from './references.js';
export {
  checkTypes,
  inferType,
  type ExprType,
  type ExpressionIssue,
  type IssueKind,
  type Lookup,
  type VarInfo,
} from './types.js';
