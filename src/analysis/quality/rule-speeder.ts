/**
 * Speeders (Leiner 2019): a complete response whose duration is at most `fraction` of the
 * median duration of the wave's complete responses; 0.5 is a relative speed index of 2.
 * Each stricter `sensitivity` fraction adds a flag that only informs, so analyses can be
 * repeated with 0.4 and 0.3. Only complete responses: a break-off is short by nature.
 */
import { median } from './median.js';
import type { SpeederRule } from './rules.js';
import { atMost, round, type Emit, type WaveInput } from './rule-context.js';

export function speederRule(rule: SpeederRule, wave: WaveInput, emit: Emit): void {
  const timed = wave.responses.filter(
    (r) => r.status === 'complete' && r.durationSeconds !== null && r.durationSeconds >= 0,
  );
  const m = median(timed.map((r) => r.durationSeconds!));
  if (m === undefined || m <= 0) return;
  for (const r of timed) {
    const d = r.durationSeconds!;
    const share = round(d / m);
    const say = (fraction: number, what: string): string =>
      `Took ${round(d)} s, ${share} of the wave's median of ${round(m)} s (${what} at ${fraction}).`;
    if (atMost(d, rule.fraction * m))
      emit(r.id, { figure: share, threshold: rule.fraction, reason: say(rule.fraction, 'limit') });
    for (const s of rule.sensitivity)
      if (atMost(d, s * m))
        emit(r.id, {
          figure: share,
          threshold: s,
          reason: say(s, 'sensitivity level, informative'),
          exclude: false,
        });
  }
}
