/** The only place a problem code becomes an HTTP status. */
import type { ProblemCode } from '../problems/problem.js';

const statuses: Partial<Record<ProblemCode, number>> = {
  'input.invalid': 400,
  'questionnaire.invalid': 422,
  'study.invalid': 422,
  'expression.syntax': 422,
  'study.not-found': 404,
  'wave.not-found': 404,
  'store.conflict': 409,
  'store.reference': 422,
  'store.invalid': 422,
};

export function httpStatus(code: ProblemCode): number {
  return statuses[code] ?? 500;
}
