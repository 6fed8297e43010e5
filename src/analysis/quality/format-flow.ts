/** The exclusion flow as a plain text table, one line per step, then what remains. */
import type { ExclusionFlow } from './exclusion-flow.js';

export function formatFlow(flow: ExclusionFlow): string {
  const rows = flow.steps.map((s) => {
    const reasons = Object.entries(s.reasons)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([why, n]) => `${why}: ${n}`);
    if (s.kept) reasons.push(`kept despite flags: ${s.kept}`);
    return [s.step, String(s.entering), String(s.leaving), reasons.join('; ')];
  });
  const header = ['step', 'entering', 'leaving', 'reasons'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]): string =>
    r
      .map((cell, c) =>
        c === 3 ? cell : c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!),
      )
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line), `remaining: ${flow.kept.length}`].join('\n');
}
