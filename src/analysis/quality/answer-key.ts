/**
 * Answers as comparable text: empty when not answered, else a canonical JSON (multiple choices
 * sorted, so the order of clicking does not matter; 3 and '3' stay different).
 */
export function answerKey(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : JSON.stringify(value);
  if (Array.isArray(value))
    return value.length === 0
      ? undefined
      : JSON.stringify(value.map((v) => JSON.stringify(v)).sort());
  return JSON.stringify(value);
}
