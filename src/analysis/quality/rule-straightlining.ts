/**
 * Straightlining (long-string responding, Meade & Craig 2012; Curran 2016): the same answer in
 * every answered row of a grid with at least `min_rows` answered rows, on a scale of at least
 * `min_choices` answers (declared missing codes aside). Within one grid this is the same as a
 * within-person standard deviation of zero. Flagged when at least `min_grids` grids are
 * straightlined; the figure is their number. With `spread`, a response that no grid flags is
 * flagged when its answers take the same position on the scale in every row of every rating
 * grid together (at least `min_rows` rows): a spread of zero across short grids.
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
          rows: i.rows.map((r) => r.variable),
          choices: Math.min(...i.rows.map((r) => substantiveAnswers(r.variable))),
        })),
    ) ?? [];
  const scaled = grids.filter((g) => g.choices >= rule.min_choices);
  const long = scaled.filter((g) => g.rows.length >= rule.min_rows);
  for (const r of wave.responses) {
    const lined: string[] = [];
    for (const grid of long) {
      const keys = grid.rows
        .map((row) => answerKey(r.answers[row.name]))
        .filter((k) => k !== undefined);
      if (keys.length >= rule.min_rows && keys.every((k) => k === keys[0])) lined.push(grid.name);
    }
    if (lined.length >= rule.min_grids) {
      emit(r.id, {
        figure: lined.length,
        threshold: rule.min_grids,
        reason: `The same answer in every row of ${lined.length} grid${lined.length === 1 ? '' : 's'} (${lined.join(', ')}).`,
      });
      continue;
    }
    if (!rule.spread) continue;
    // Within-person spread over every rating grid together: the position of each answer on
    // its scale; a standard deviation of zero over at least `min_rows` rows.
    const positions = scaled.flatMap((g) =>
      g.rows.map((row) => position(row, r.answers[row.name])).filter((x) => x !== undefined),
    );
    if (positions.length >= rule.min_rows && positions.every((x) => x === positions[0]))
      emit(r.id, {
        figure: 0,
        threshold: 0,
        reason: `The same position on the scale in all ${positions.length} rows of ${scaled.length} grids (within-person spread 0).`,
      });
  }
}

/** Where an answer sits on its row's scale (0 for the first substantive answer). */
function position(v: Variable, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (v.scale) {
    const x = Number(value);
    return Number.isFinite(x) && x >= v.scale.min && x <= v.scale.max ? x - v.scale.min : undefined;
  }
  const index = v.choices.filter((c) => !c.missing).findIndex((c) => c.name === value);
  return index < 0 ? undefined : index;
}

/** How many substantive answers a row offers: a rating scale's points, or its choices. */
function substantiveAnswers(v: Variable): number {
  if (v.scale) return v.scale.max - v.scale.min + 1;
  return v.choices.filter((c) => !c.missing).length;
}
