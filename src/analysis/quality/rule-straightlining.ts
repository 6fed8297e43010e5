/**
 * Straightlining (long-string responding, Meade & Craig 2012; Curran 2016): the same answer in
 * every answered row of a grid with at least `min_rows` answered rows, on a scale of at least
 * `min_choices` answers (declared missing codes aside). Within one grid this is
 * the same as a within-person standard deviation of zero. Flagged when at least `min_grids`
 * grids are straightlined; the figure is their number.
 */
import type { Variable } from '../../questionnaire/variables.js';
import { answerKey } from './answer-key.js';
import type { StraightliningRule } from './rules.js';
import type { Emit, WaveInput } from './rule-context.js';

export function straightliningRule(rule: StraightliningRule, wave: WaveInput, emit: Emit): void {
  const grids =
    wave.questionnaire?.pages.flatMap((p) =>
      p.items
        .filter((i) => i.item.type === 'grid')
        .map((i) => ({
          name: i.item.name,
          rows: i.rows.map((r) => r.variable.name),
          choices: Math.min(...i.rows.map((r) => substantiveAnswers(r.variable))),
        })),
    ) ?? [];
  const eligible = grids.filter(
    (g) => g.rows.length >= rule.min_rows && g.choices >= rule.min_choices,
  );
  if (eligible.length === 0) return;
  for (const r of wave.responses) {
    const lined: string[] = [];
    for (const grid of eligible) {
      const keys = grid.rows.map((row) => answerKey(r.answers[row])).filter((k) => k !== undefined);
      if (keys.length >= rule.min_rows && keys.every((k) => k === keys[0])) lined.push(grid.name);
    }
    if (lined.length >= rule.min_grids)
      emit(r.id, {
        figure: lined.length,
        threshold: rule.min_grids,
        reason: `The same answer in every row of ${lined.length} grid${lined.length === 1 ? '' : 's'} (${lined.join(', ')}).`,
      });
  }
}

/** How many substantive answers a row offers: a rating scale's points, or its choices. */
function substantiveAnswers(v: Variable): number {
  if (v.scale) return v.scale.max - v.scale.min + 1;
  return v.choices.filter((c) => !c.missing).length;
}
