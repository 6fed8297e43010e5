/**
 * Eligibility written as an expression over answers, true for an eligible response. When the
 * verdict depends on answers that are missing, `when_missing` decides: flag ('not answered')
 * or pass.
 */
import { parseExpression, type Value } from '../../questionnaire/expression/index.js';
import { answerKey } from './answer-key.js';
import type { EligibilityRule } from './rules.js';
import type { Emit, WaveInput } from './rule-context.js';
import { evaluateThreeValued } from './three-valued.js';

export function eligibilityRule(rule: EligibilityRule, wave: WaveInput, emit: Emit): void {
  const expr = parseExpression(rule.expression);
  const message = messageOf(rule);
  for (const r of wave.responses) {
    const truth = evaluateThreeValued(
      expr,
      // No today(): the parser refuses it, so the date given here is never read.
      { value: (name) => toValue(r.answers[name]), today: '' },
      (name) => answerKey(r.answers[name]) !== undefined,
    );
    if (truth === true) continue;
    if (truth === 'unknown') {
      if (rule.when_missing === 'pass') continue;
      emit(r.id, {
        figure: 'not answered',
        threshold: rule.expression,
        reason: `Eligibility cannot be decided: answers it needs are missing (${message}).`,
      });
      continue;
    }
    emit(r.id, { figure: 'false', threshold: rule.expression, reason: message });
  }
}

function messageOf(rule: EligibilityRule): string {
  const m = rule.message;
  if (typeof m === 'string') return m;
  if (m) return m.en ?? Object.values(m)[0] ?? `Not eligible: ${rule.expression}.`;
  return `Not eligible: ${rule.expression} is false.`;
}

function toValue(v: unknown): Value {
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(String);
  return null;
}
