/**
 * Completion share = answered applicable items / applicable items, counting each grid row
 * as an item and leaving out notes and "other, specify" texts. A declared missing answer
 * ("don't know") counts as answered: the respondent did respond. Pages not yet reached count
 * with the answers given so far, so the share grows as the respondent goes on.
 */
import { isAnswered, type Answers } from './answers.js';
import type { Questionnaire } from './compile.js';
import { applicability, type Applicability, type FlowContext } from './flow.js';

export function completionShare(q: Questionnaire, answers: Answers, ctx: FlowContext): number {
  return completionShareOf(q, applicability(q, answers, ctx));
}

/** The same, from the answers' applicability when it is already at hand. */
export function completionShareOf(q: Questionnaire, a: Applicability): number {
  const { variables, answers: effective } = a;
  let applicable = 0;
  let answered = 0;
  for (const name of variables) {
    if (q.byName.get(name)?.kind === 'other_text') continue;
    applicable++;
    if (isAnswered(effective[name])) answered++;
  }
  return applicable === 0 ? 0 : answered / applicable;
}
