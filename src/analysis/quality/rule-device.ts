/** The same device nonce as an earlier response of the wave: the later ones are flagged. */
import type { DeviceRule } from './rules.js';
import type { Emit, WaveInput } from './rule-context.js';

export function deviceRule(_rule: DeviceRule, wave: WaveInput, emit: Emit): void {
  const seen = new Map<string, { first: string; count: number }>();
  for (const r of wave.responses) {
    if (r.deviceHash === null || r.deviceHash === '') continue;
    const earlier = seen.get(r.deviceHash);
    if (!earlier) {
      seen.set(r.deviceHash, { first: r.id, count: 1 });
      continue;
    }
    emit(r.id, {
      figure: earlier.count,
      threshold: 1,
      reason: `Same device as ${earlier.count} earlier response${earlier.count === 1 ? '' : 's'} of the wave, first ${earlier.first}.`,
    });
    earlier.count++;
  }
}
