/**
 * One catalogue of problems. Every error a user can cause is a Problem with a stable code,
 * a sentence for people, and the place it points at (file and line, item, field).
 * Mapping codes to HTTP statuses happens only in `web/`.
 */
export const problemCodes = {
  'config.invalid': 'A configuration value is invalid.',
  'file.unreadable': 'A file could not be read.',
  'file.syntax': 'A file is not valid YAML or JSON.',
  'questionnaire.invalid': 'A questionnaire or study file has problems.',
  'expression.syntax': 'An expression could not be parsed.',
  'expression.evaluation': 'An expression could not be evaluated.',
  'study.not-found': 'No such study.',
  'wave.not-found': 'No such wave.',
  'study.invalid': 'A study folder has problems.',
  'migration.failed': 'A database migration failed.',
  'store.conflict': 'The change conflicts with what is stored.',
  'store.reference': 'The change refers to something that does not exist.',
  'store.invalid': 'The database refused a value.',
  'store.in-use': 'The embedded database folder is in use by another process.',
  'input.invalid': 'The input is invalid.',
} as const;

export type ProblemCode = keyof typeof problemCodes;

/** Where a problem is: any of these that are known. */
export interface Place {
  file?: string;
  line?: number;
  column?: number;
  item?: string;
  field?: string;
}

export class Problem extends Error {
  readonly code: ProblemCode;
  readonly place: Place;
  readonly details: readonly unknown[];

  constructor(code: ProblemCode, message: string, place: Place = {}, details: unknown[] = []) {
    super(message);
    this.name = 'Problem';
    this.code = code;
    this.place = place;
    this.details = details;
  }
}

export function isProblem(error: unknown): error is Problem {
  return error instanceof Problem;
}

/** "file:line:column" (whatever is known), for messages. */
export function formatPlace(place: Place): string {
  const parts: string[] = [];
  if (place.file !== undefined) {
    let at = place.file;
    if (place.line !== undefined) at += `:${place.line}`;
    if (place.line !== undefined && place.column !== undefined) at += `:${place.column}`;
    parts.push(at);
  }
  if (place.item !== undefined) parts.push(`item ${place.item}`);
  if (place.field !== undefined) parts.push(`field ${place.field}`);
  return parts.join(', ');
}
