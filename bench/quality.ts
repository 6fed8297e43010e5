/**
 * Near-duplicate detection at scale: 100,000 responses of 60 answers (five choices each),
 * 2% of them near copies of an earlier response (58 of 60 answers the same, a share of 0.967),
 * checked with the `duplicates` rule at its default threshold of 0.95, as `quality run` does.
 */
import {
  parseQualityRules,
  runQuality,
  type ResponseFacts,
} from '../src/analysis/quality/index.js';
import { seededRandom } from '../test/support/seeded-random.js';

export interface NearDuplicateBench {
  responses: number;
  planted: number;
  found: number;
  seconds: number;
}

export function nearDuplicateBench(n: number, variables = 60, share = 0.02): NearDuplicateBench {
  const random = seededRandom(2022);
  const responses: ResponseFacts[] = [];
  const planted = new Set<string>();
  for (let i = 0; i < n; i++) {
    let answers: Record<string, unknown>;
    if (i > 0 && random() < share) {
      const original = responses[Math.floor(random() * i)]!.answers;
      answers = { ...original };
      for (let k = 0; k < 2; k++) {
        const v = `q${Math.floor(random() * variables)}`;
        answers[v] = ((Number(answers[v]) % 5) + 1) as number;
      }
      planted.add(`r${i}`);
    } else {
      answers = {};
      for (let v = 0; v < variables; v++) answers[`q${v}`] = 1 + Math.floor(random() * 5);
    }
    responses.push({
      id: `r${i}`,
      waveId: 'wave-1',
      status: 'complete',
      completionShare: 1,
      durationSeconds: 600,
      pageSeconds: {},
      answers,
      deviceHash: null,
      signals: {},
    });
  }
  const { rules } = parseQualityRules(
    'rules:\n  - id: duplicates\n    type: duplicates\n    near: 0.95\n',
    'bench.yaml',
  );
  const started = performance.now();
  const flags = runQuality(rules!, new Map(), responses);
  const seconds = (performance.now() - started) / 1000;
  let found = 0;
  for (const id of planted) if ((flags.get(id) ?? []).some((f) => f.rule === 'duplicates')) found++;
  return { responses: n, planted: planted.size, found, seconds };
}
