/**
 * Runs the rules, in the file's order, over each wave's responses. Every response gets a list
 * of flags (empty when nothing was found), in rule order. Adding a rule type means a schema in
 * rules.ts and an entry in `evaluators`; nothing else changes.
 */
import type { Questionnaire } from '../../questionnaire/compile.js';
import type { Flag, ResponseFacts } from './facts.js';
import { completionRule } from './rule-completion.js';
import type { Emit, WaveInput } from './rule-context.js';
import { deviceRule } from './rule-device.js';
import { duplicatesRule } from './rule-duplicates.js';
import { eligibilityRule } from './rule-eligibility.js';
import { pageSpeedRule } from './rule-page-speed.js';
import { signalRule } from './rule-signal.js';
import { speederRule } from './rule-speeder.js';
import { straightliningRule } from './rule-straightlining.js';
import type { QualityRules, Rule, RuleType } from './rules.js';

type Evaluator<T extends RuleType> = (
  rule: Extract<Rule, { type: T }>,
  wave: WaveInput,
  emit: Emit,
) => void;

const evaluators: { [T in RuleType]: Evaluator<T> } = {
  completion: completionRule,
  speeder: speederRule,
  'page-speed': pageSpeedRule,
  straightlining: straightliningRule,
  duplicates: duplicatesRule,
  device: deviceRule,
  signal: signalRule,
  eligibility: eligibilityRule,
};

export function runQuality(
  rules: QualityRules,
  questionnaires: Map<string, Questionnaire>,
  responses: ResponseFacts[],
): Map<string, Flag[]> {
  const flags = new Map<string, Flag[]>(responses.map((r) => [r.id, []]));
  const waves = new Map<string, ResponseFacts[]>();
  for (const r of responses) {
    const list = waves.get(r.waveId);
    if (list) list.push(r);
    else waves.set(r.waveId, [r]);
  }
  for (const rule of rules.rules) {
    for (const [waveId, list] of waves) {
      if (rule.waves && !rule.waves.includes(waveId)) continue;
      const wave: WaveInput = {
        waveId,
        questionnaire: questionnaires.get(waveId),
        responses: list,
      };
      const emit: Emit = (id, body) =>
        flags.get(id)!.push({
          rule: rule.id,
          kind: rule.type,
          figure: body.figure,
          threshold: body.threshold,
          reason: body.reason,
          exclude: rule.exclude && (body.exclude ?? true),
        });
      (evaluators[rule.type] as Evaluator<typeof rule.type>)(rule, wave, emit);
    }
  }
  return flags;
}
