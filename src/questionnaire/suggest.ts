import { closest, distance } from 'fastest-levenshtein';

/** "; did you mean 'label'?" when a known word is close to the unknown one, else "". */
export function didYouMean(word: string, known: readonly string[]): string {
  if (known.length === 0) return '';
  const best = closest(word, [...known]);
  // A word known elsewhere but not allowed here gets no suggestion of itself.
  if (best === word) return '';
  const limit = Math.max(2, Math.floor(word.length / 3));
  return distance(word, best) <= limit ? `; did you mean '${best}'?` : '';
}
