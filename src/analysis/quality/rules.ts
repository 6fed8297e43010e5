/**
 * The vocabulary of a quality rules file, written once in zod; types derive from it. Every rule
 * has an `id` (its name in flags and in the exclusion flow), a `type`, and parameters whose
 * defaults follow the literature cited in docs/quality.md. `exclude: false` turns a rule into
 * one that only informs; `waves` limits it to some waves.
 */
import { z } from 'zod';

const share = z.number().min(0).max(1);

const common = {
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
  exclude: z.boolean().default(true),
  waves: z.array(z.string()).optional(),
};

export const completionRuleSchema = z
  .object({ ...common, type: z.literal('completion'), min: share.default(0.5) })
  .strict();

export const speederRuleSchema = z
  .object({
    ...common,
    type: z.literal('speeder'),
    /** Flag at most this fraction of the wave's median duration (Leiner 2019: RSI 2). */
    fraction: share.default(0.5),
    /** Stricter fractions reported as informative flags, for sensitivity analyses. */
    sensitivity: z.array(share).default([0.4, 0.3]),
  })
  .strict();

export const pageSpeedRuleSchema = z
  .object({
    ...common,
    type: z.literal('page-speed'),
    fraction: share.default(0.3),
    min_pages: z.number().int().positive().default(3),
  })
  .strict();

export const straightliningRuleSchema = z
  .object({
    ...common,
    type: z.literal('straightlining'),
    min_rows: z.number().int().min(2).default(5),
    /**
     * Only grids on a rating scale of at least this many answers: the same answer to every row
     * of a yes/no grid ("none of these activities") is an ordinary answer, not straightlining.
     */
    min_choices: z.number().int().min(2).default(3),
    /** Also flag a spread of zero over all rating grids together (at least `min_rows` rows). */
    spread: z.boolean().default(true),
    min_grids: z.number().int().positive().default(1),
  })
  .strict();

export const duplicatesRuleSchema = z
  .object({
    ...common,
    type: z.literal('duplicates'),
    /** Share of identical answers among variables answered in either response. */
    near: share.default(0.95),
    /** Responses with fewer answers are not compared: short answer sets match by chance. */
    min_answers: z.number().int().positive().default(5),
  })
  .strict();

export const deviceRuleSchema = z.object({ ...common, type: z.literal('device') }).strict();

export const signalRuleSchema = z
  .object({
    ...common,
    type: z.literal('signal'),
    /** A signal counted during fieldwork: honeypot, pow_failed, too_fast_pages... */
    name: z.string().regex(/^[a-z][a-z0-9_]*$/, 'lowercase letters, digits and _'),
    min: z.number().positive().default(1),
  })
  .strict();

export const eligibilityRuleSchema = z
  .object({
    ...common,
    type: z.literal('eligibility'),
    /** True for an eligible response; the language of `relevant`, without today(). */
    expression: z.string(),
    message: z.union([z.string(), z.record(z.string(), z.string())]).optional(),
    /** When answers the expression needs are missing: flag the response, or let it pass. */
    when_missing: z.enum(['flag', 'pass']).default('flag'),
  })
  .strict();

/** Each rule type and its schema; the parser picks by `type` to give precise messages. */
export const ruleSchemas = {
  completion: completionRuleSchema,
  speeder: speederRuleSchema,
  'page-speed': pageSpeedRuleSchema,
  straightlining: straightliningRuleSchema,
  duplicates: duplicatesRuleSchema,
  device: deviceRuleSchema,
  signal: signalRuleSchema,
  eligibility: eligibilityRuleSchema,
} as const;

export type RuleType = keyof typeof ruleSchemas;
export const ruleTypes = Object.keys(ruleSchemas) as RuleType[];

export type CompletionRule = z.infer<typeof completionRuleSchema>;
export type SpeederRule = z.infer<typeof speederRuleSchema>;
export type PageSpeedRule = z.infer<typeof pageSpeedRuleSchema>;
export type StraightliningRule = z.infer<typeof straightliningRuleSchema>;
export type DuplicatesRule = z.infer<typeof duplicatesRuleSchema>;
export type DeviceRule = z.infer<typeof deviceRuleSchema>;
export type SignalRule = z.infer<typeof signalRuleSchema>;
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;

export const ruleSchema = z.discriminatedUnion('type', [
  completionRuleSchema,
  speederRuleSchema,
  pageSpeedRuleSchema,
  straightliningRuleSchema,
  duplicatesRuleSchema,
  deviceRuleSchema,
  signalRuleSchema,
  eligibilityRuleSchema,
]);
export type Rule = z.infer<typeof ruleSchema>;

export interface QualityRules {
  rules: Rule[];
}
