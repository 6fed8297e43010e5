/**
 * Too fast page by page: a response flagged when at least `min_pages` of its pages took at most
 * `fraction` of that page's median time (medians over the wave's responses that saved the
 * page). Catches speeding concentrated on some pages that the total duration hides.
 */
import { median } from './median.js';
import type { PageSpeedRule } from './rules.js';
import { atMost, type Emit, type WaveInput } from './rule-context.js';

export function pageSpeedRule(rule: PageSpeedRule, wave: WaveInput, emit: Emit): void {
  const times = new Map<string, number[]>();
  for (const r of wave.responses)
    for (const [page, s] of Object.entries(r.pageSeconds)) {
      if (!Number.isFinite(s) || s < 0) continue;
      let list = times.get(page);
      if (!list) times.set(page, (list = []));
      list.push(s);
    }
  const medians = new Map<string, number>();
  for (const [page, list] of times) {
    const m = median(list);
    if (m !== undefined && m > 0) medians.set(page, m);
  }
  for (const r of wave.responses) {
    const fast = Object.entries(r.pageSeconds)
      .filter(([page, s]) => {
        const m = medians.get(page);
        return m !== undefined && s >= 0 && atMost(s, rule.fraction * m);
      })
      .map(([page]) => page);
    if (fast.length >= rule.min_pages)
      emit(r.id, {
        figure: fast.length,
        threshold: rule.min_pages,
        reason: `${fast.length} pages took at most ${rule.fraction} of their median time (${fast.join(', ')}).`,
      });
  }
}
