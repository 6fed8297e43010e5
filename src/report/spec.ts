/**
 * The report spec (YAML), written once in zod: title, authors, languages, custom samples,
 * findings (a sample, an analysis and its options), figures (a kind and the findings it shows)
 * and sections of Markdown text that cite computed values with `{{ finding.path | format }}`.
 * docs/reports.md describes every field.
 */
import { z } from 'zod';
import { specSchema as analysisSpecSchema } from '../analysis/spec.js';

/** A text in every report language: `{ en: "...", ru: "..." }`. */
export const textSchema = z.record(z.string(), z.string());
export type Text = z.infer<typeof textSchema>;

const id = z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, {
  message: 'An id is a letter, then letters, digits or _',
});
const name = z.string().min(1);
const value = z.union([z.string(), z.number()]);
const sample = z.string().min(1).default('combined');

const benchmark = z
  .object({ value: z.number(), source: textSchema, label: textSchema.optional() })
  .strict();

/** What a finding computes; `variable` names a questionnaire variable (no wave suffix). */
export const findingSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id,
      kind: z.literal('change'),
      sample: z.string().min(1).default('panel'),
      variable: name,
      /** The share of these answers in each wave (McNemar); without it, the distribution. */
      values: z.array(value).min(1).optional(),
      label: textSchema.optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('share'),
      sample,
      variable: name,
      wave: z.string().optional(),
      /** Weighted by the report's `weights` (the combined sample only). */
      weighted: z.boolean().optional(),
      /** The share of respondents whose answer is one of these. */
      values: z.array(value).min(1),
      label: textSchema.optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('distribution'),
      sample,
      variable: name,
      /** Which wave's answers, for the panel sample (default: the latest). */
      wave: z.string().optional(),
      /** Weighted by the report's `weights` (the combined sample only). */
      weighted: z.boolean().optional(),
      label: textSchema.optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('flow'),
      sample: z.string().min(1).default('panel'),
      /** Two or more stages, each a variable and its wave: `income_now@wave-1`. */
      stages: z.array(name).min(2),
      /** How the figure heads each stage (default: its wave). */
      stage_labels: z.array(textSchema).optional(),
      label: textSchema.optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('multiple'),
      sample,
      variable: name,
      wave: z.string().optional(),
      label: textSchema.optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('benchmark'),
      sample,
      variable: name,
      wave: z.string().optional(),
      /** A share of these answers, or (without) the mean, against the benchmark value. */
      values: z.array(value).min(1).optional(),
      benchmark,
      label: textSchema.optional(),
    })
    .strict(),
  z
    .object({
      id,
      kind: z.literal('groups'),
      sample: z.string().min(1).default('panel'),
      variable: name,
      wave: z.string().optional(),
      /** Each group an expression over the sample's variables, in the order shown. */
      groups: z.record(z.string(), z.object({ where: z.string(), label: textSchema }).strict()),
      /** Compare as numbers (Welch t and Mann-Whitney) instead of categories (chi-square). */
      numeric: z.boolean().optional(),
      label: textSchema.optional(),
    })
    .strict(),
]);
export type Finding = z.infer<typeof findingSchema>;
export type FindingKind = Finding['kind'];

export const figureKinds = [
  'wave-bars',
  'stacked',
  'diverging',
  'flow',
  'heatmap',
  'distribution',
  'multiple',
  'groups',
  'benchmark',
  'exclusion-flow',
  'timeline',
] as const;
export type FigureKind = (typeof figureKinds)[number];

export const figureSchema = z
  .object({
    id,
    kind: z.enum(figureKinds),
    title: textSchema,
    /** The findings it shows (none for the exclusion flow and the timeline). */
    findings: z.array(id).default([]),
    /** For the fieldwork figures: which wave. */
    wave: z.string().optional(),
    /**
     * Shorter labels for what the figure shows, by answer name or quality rule id
     * (`food: { en: Not enough for food }`); the questionnaire's labels otherwise.
     */
    labels: z.record(z.string(), textSchema).optional(),
    /** For the exclusion flow: the quality flags' reasons in the report's languages, by reason. */
    reasons: z.record(z.string(), textSchema).optional(),
    note: textSchema.optional(),
  })
  .strict();
export type Figure = z.infer<typeof figureSchema>;

export const sectionSchema = z
  .object({
    title: textSchema,
    /** Markdown, with `{{ finding.path | format }}` citing computed values. */
    text: textSchema.optional(),
    figures: z.array(id).default([]),
  })
  .strict();
export type Section = z.infer<typeof sectionSchema>;

export const reportSpecSchema = z
  .object({
    title: textSchema,
    subtitle: textSchema.optional(),
    authors: z.array(z.string()).default([]),
    /** Languages the report is written in; figures know English and Russian. */
    languages: z.array(z.enum(['en', 'ru'])).min(1),
    /** The two waves compared (default: the study's first and latest). */
    waves: z.tuple([z.string(), z.string()]).optional(),
    /**
     * Weights for the combined sample, as `longitude analyze` takes them: a column, or raking to
     * population margins (`rake: { margins: [{ variable, population }] }`). Findings that say
     * `weighted: true` use them, with design-based intervals (docs/analysis.md).
     */
    weights: analysisSpecSchema.shape.weights,
    /** How figures and captions name each wave: `wave-1: { en: March 2022 }`. */
    wave_labels: z.record(z.string(), textSchema).default({}),
    samples: z
      .record(
        z.string(),
        z
          .object({
            from: z.enum(['panel', 'combined']),
            where: z.string(),
            label: textSchema.optional(),
          })
          .strict(),
      )
      .default({}),
    findings: z.array(findingSchema).min(1),
    figures: z.array(figureSchema).default([]),
    sections: z.array(sectionSchema).min(1),
  })
  .strict();
export type ReportSpec = z.infer<typeof reportSpecSchema>;
