/** The analysis spec of `longitude analyze`, written once in zod. */
import { z } from 'zod';

const name = z.string().min(1);
const scalar = z.union([z.string(), z.number()]);

export const analysisSchema = z.discriminatedUnion('kind', [
  z
    .object({
      id: name,
      kind: z.literal('proportion'),
      variable: name,
      value: scalar.optional(),
      values: z.array(scalar).min(1).optional(),
      sample: name.optional(),
    })
    .strict()
    .refine((a) => (a.value === undefined) !== (a.values === undefined), {
      message: "Give either 'value' or 'values'",
    }),
  z
    .object({
      id: name,
      kind: z.literal('distribution'),
      variable: name,
      order: z.array(scalar).min(1).optional(),
      sample: name.optional(),
    })
    .strict(),
  z
    .object({
      id: name,
      kind: z.literal('box'),
      variable: name,
      order: z.array(scalar).min(2),
      size: z.number().int().positive().default(2),
      sample: name.optional(),
    })
    .strict()
    .refine((a) => 2 * a.size <= a.order.length, {
      message: "'size' must be at most half the number of points in 'order'",
    }),
  z
    .object({ id: name, kind: z.enum(['mean', 'total']), variable: name, sample: name.optional() })
    .strict(),
  z
    .object({
      id: name,
      kind: z.literal('crosstab'),
      rows: name,
      columns: name,
      sample: name.optional(),
    })
    .strict(),
  z
    .object({
      id: name,
      kind: z.enum(['t-test', 'rank-sum', 'anova', 'kruskal-wallis']),
      variable: name,
      by: name,
      sample: name.optional(),
    })
    .strict(),
  z
    .object({
      id: name,
      kind: z.enum(['paired-t', 'signed-rank']),
      variables: z.tuple([name, name]),
      sample: name.optional(),
    })
    .strict(),
  z
    .object({
      id: name,
      kind: z.literal('quantile'),
      variable: name,
      probabilities: z.array(z.number().min(0).max(1)).min(1),
      sample: name.optional(),
    })
    .strict(),
  z
    .object({
      id: name,
      kind: z.literal('fisher'),
      rows: name,
      columns: name,
      alternative: z.enum(['two.sided', 'less', 'greater']).optional(),
      simulate: z.boolean().optional(),
      replicates: z.number().int().positive().optional(),
      seed: z.number().int().positive().optional(),
      sample: name.optional(),
    })
    .strict(),
  z
    .object({
      id: name,
      kind: z.literal('marginal-homogeneity'),
      variables: z.tuple([name, name]),
      sample: name.optional(),
    })
    .strict(),
  z
    .object({
      id: name,
      kind: z.literal('mcnemar'),
      variables: z.tuple([name, name]),
      value: z.union([z.string(), z.number()]),
      sample: name.optional(),
    })
    .strict(),
]);
export type Analysis = z.infer<typeof analysisSchema>;

export const specSchema = z
  .object({
    weights: z
      .union([
        z.object({ column: name }).strict(),
        z
          .object({
            rake: z
              .object({
                start: name.optional(),
                margins: z
                  .array(
                    z
                      .object({
                        variable: name,
                        population: z.record(z.string(), z.number().positive()),
                      })
                      .strict(),
                  )
                  .min(1),
                maxit: z.number().int().positive().optional(),
                epsilon: z.number().positive().optional(),
              })
              .strict(),
          })
          .strict(),
      ])
      .optional(),
    design: z
      .object({ strata: name.optional(), clusters: name.optional(), fpc: name.optional() })
      .strict()
      .optional(),
    samples: z.record(z.string(), z.string()).optional(),
    level: z.number().gt(0).lt(1).optional(),
    analyses: z.array(analysisSchema).min(1),
  })
  .strict();
export type AnalysisSpec = z.infer<typeof specSchema>;
