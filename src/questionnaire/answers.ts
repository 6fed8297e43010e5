/** Stored answers, keyed by variable name, as kept in a response's JSON. */
export type AnswerValue = string | number | string[] | null;
export type Answers = Record<string, AnswerValue>;

export function isAnswered(value: AnswerValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'string') return value.trim() !== '';
  return true;
}
