import type { ResponseFacts } from './facts.js';
import { parseQualityRules } from './parse-rules.js';
import type { QualityRules } from './rules.js';

export function facts(id: string, over: Partial<ResponseFacts> = {}): ResponseFacts {
  return {
    id,
    waveId: 'wave-1',
    status: 'complete',
    completionShare: 1,
    durationSeconds: 600,
    pageSeconds: {},
    answers: {},
    deviceHash: null,
    signals: {},
    ...over,
  };
}

export function rulesFrom(yaml: string): QualityRules {
  const parsed = parseQualityRules(yaml, 'quality.yaml');
  if (!parsed.rules) throw new Error(JSON.stringify(parsed.problems));
  return parsed.rules;
}
