/**
 * Straightlining (long-string responding, Meade & Craig 2012; Curran 2016): the same answer in
 * every answered row of a grid with at least `min_rows` answered rows. Within one grid this is
 * the same as a within-person standard deviation of zero. Flagged when at least `min_grids`
 * grids are straightlined; the figure is their number.
 */
import { answerKey } from './answer-key.js';
import type { StraightliningRule } from './rules.js';
import type { Emit, WaveInput } from './rule-context.js';

export function straightliningRule(rule: StraightliningRule, wave: WaveInput, emit: Emit): void {
  const grids =
    wave.questionnaire?.pages.flatMap((p) =>
      p.items
        .filter((i) => i.item.type === 'grid')
        .map((i) => ({ name: i.item.name, rows: i.rows.map((r) => r.variable.name) })),
    ) ?? [];
  const eligible = grids.filter((g) => g.rows.length >= rule.min_rows);
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
