/**
 * Duplicate answer sets within a wave. Exact: the same answers to the same variables; every
 * copy after the first is flagged. Near: the share of identical answers among variables
 * answered in either response at or above `near` (Kuriakose & Robbins 2016 used 85%); the
 * later response is flagged, naming the earlier one. Exact copies are hashed; near ones found
 * by locality-sensitive hashing and verified exactly (near-duplicates.ts).
 */
import { answerKey } from './answer-key.js';
import { nearDuplicates } from './near-duplicates.js';
import type { DuplicatesRule } from './rules.js';
import { round, type Emit, type WaveInput } from './rule-context.js';

export function duplicatesRule(rule: DuplicatesRule, wave: WaveInput, emit: Emit): void {
  const keyed = wave.responses.map((r) => {
    const answers = new Map<string, string>();
    for (const [name, value] of Object.entries(r.answers)) {
      const k = answerKey(value);
      if (k !== undefined) answers.set(name, k);
    }
    return { id: r.id, answers };
  });
  const compared = keyed.filter((r) => r.answers.size >= rule.min_answers);
  const names = [...new Set(compared.flatMap((r) => [...r.answers.keys()]))].sort();
  const ids = names.map(() => new Map<string, number>());
  const vectors = compared.map((r) =>
    Int32Array.from(names, (name, k) => {
      const value = r.answers.get(name);
      if (value === undefined) return 0;
      const known = ids[k]!;
      let id = known.get(value);
      if (id === undefined) known.set(value, (id = known.size + 1));
      return id;
    }),
  );

  const firstOf = new Map<string, number>();
  const representatives: number[] = [];
  compared.forEach((r, i) => {
    const key = vectors[i]!.join(',');
    const first = firstOf.get(key);
    if (first === undefined) {
      firstOf.set(key, i);
      representatives.push(i);
      return;
    }
    emit(r.id, {
      figure: 1,
      threshold: 1,
      reason: `Exact duplicate of the answers of response ${compared[first]!.id}.`,
    });
  });

  // A copy's near matches are its original's, so only first copies are compared.
  const matches = nearDuplicates(
    representatives.map((i) => vectors[i]!),
    rule.near,
  );
  const flagged = [...matches.entries()].sort((a, b) => a[0] - b[0]);
  for (const [j, match] of flagged) {
    const r = compared[representatives[j]!]!;
    const other = compared[representatives[match.other]!]!;
    emit(r.id, {
      figure: round(match.share),
      threshold: rule.near,
      reason: `Near duplicate of response ${other.id}: ${round(match.share * 100)}% of answers identical.`,
    });
  }
}
