/** A count recorded during fieldwork (honeypot hits, proof-of-work failures...) at or above `min`. */
import type { SignalRule } from './rules.js';
import type { Emit, WaveInput } from './rule-context.js';

export function signalRule(rule: SignalRule, wave: WaveInput, emit: Emit): void {
  for (const r of wave.responses) {
    const n = r.signals[rule.name] ?? 0;
    if (n >= rule.min)
      emit(r.id, {
        figure: n,
        threshold: rule.min,
        reason: `Signal '${rule.name}' counted ${n} time${n === 1 ? '' : 's'} (limit ${rule.min}).`,
      });
  }
}
