/**
 * The required answers still missing on the respondent's path: every applicable required
 * variable without an answer, in questionnaire order. Finishing a response checks all of
 * them again, not only the last page's, so that no path around a page leaves one empty.
 */
import { isAnswered } from './answers.js';
import type { Questionnaire } from './compile.js';
import type { Applicability } from './flow.js';
import { message } from './messages.js';
import type { PageProblem } from './validate.js';

export interface MissingAnswer extends PageProblem {
  /** The index of the page that asks it. */
  pageIndex: number;
}

export function missingRequired(
  q: Questionnaire,
  a: Applicability,
  language: string,
): MissingAnswer[] {
  return q.variables
    .filter((v) => v.required && a.variables.has(v.name) && !isAnswered(a.answers[v.name]))
    .map((v) => {
      const custom = 'required_message' in v.item ? v.item.required_message : undefined;
      return {
        pageIndex: v.pageIndex,
        variable: v.name,
        item: v.item.name,
        message: custom?.[language] ?? message(language, 'required'),
      };
    });
}
