import { Problem } from '../../problems/problem.js';

/** A syntax error at a character offset (0-based) of the expression. */
export class ExpressionError extends Problem {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super('expression.syntax', message);
    this.name = 'ExpressionError';
    this.offset = offset;
  }
}

/** An evaluation that cannot go on: only reachable with trees the type checker refuses. */
export class ExpressionEvaluationError extends Problem {
  constructor(message: string) {
    super('expression.evaluation', message);
    this.name = 'ExpressionEvaluationError';
  }
}
