/** Too little answered: completion share (of applicable items) below the minimum. */
import type { CompletionRule } from './rules.js';
import { round, type Emit, type WaveInput } from './rule-context.js';

export function completionRule(rule: CompletionRule, wave: WaveInput, emit: Emit): void {
  for (const r of wave.responses)
    if (r.completionShare < rule.min)
      emit(r.id, {
        figure: round(r.completionShare),
        threshold: rule.min,
        reason: `Answered ${pct(r.completionShare)} of applicable items, below the minimum of ${pct(rule.min)}.`,
      });
}

const pct = (x: number): string => `${round(x * 100)}%`;
