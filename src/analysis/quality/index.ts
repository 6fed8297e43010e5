/** Quality rules: parse a rules file, flag responses, and count the exclusion flow. Pure. */
export type { Flag, Override, ResponseFacts } from './facts.js';
export { parseQualityRules } from './parse-rules.js';
export { ruleSchemas, ruleTypes, type QualityRules, type Rule, type RuleType } from './rules.js';
export { runQuality } from './run-quality.js';
export {
  exclusionFlow,
  reasonCategory,
  type ExclusionFlow,
  type FlowStep,
} from './exclusion-flow.js';
export { formatFlow } from './format-flow.js';
export { bandShape, nearDuplicates, shareOf } from './near-duplicates.js';
