/**
 * The vocabulary of study and questionnaire files, written once in zod; types derive from it.
 * It follows XLSForm where XLSForm has a word (`select_one`, `relevant`, `constraint`,
 * `required`, named choice lists) and adds what panels need (`same_as`, `reference_period`,
 * grids, pages, declared missing codes). Structure is checked here; meaning (names,
 * translations, expressions, cross-wave links) in `check.ts`.
 */
import { z } from 'zod';

/** A text in every study language: `{ en: "...", ru: "..." }`. */
export const textSchema = z.record(z.string(), z.string());
export type Text = z.infer<typeof textSchema>;

const name = z.string();
const expression = z.string();

export const choiceSchema = z
  .object({
    name,
    code: z.number().int(),
    label: textSchema,
    /** A declared missing value ("don't know", "prefer not to say"). */
    missing: z.boolean().optional(),
  })
  .strict();
export type Choice = z.infer<typeof choiceSchema>;

export const sameAsSchema = z.object({ wave: z.string(), item: name }).strict();
export type SameAs = z.infer<typeof sameAsSchema>;

/** Fields every answerable item shares. */
const answerable = {
  name,
  label: textSchema,
  hint: textSchema.optional(),
  required: z.boolean().optional(),
  required_message: textSchema.optional(),
  relevant: expression.optional(),
  constraint: expression.optional(),
  constraint_message: textSchema.optional(),
  /** What period the question asks about, e.g. `last_month`; compared across waves. */
  reference_period: z.string().optional(),
  same_as: sameAsSchema.optional(),
};

/** A choice list: named (`list: trust4`) or inline (`choices: [...]`). */
const choiceSource = {
  list: z.string().optional(),
  choices: z.array(choiceSchema).optional(),
};

const scale = {
  min: z.number().int(),
  max: z.number().int(),
  min_label: textSchema.optional(),
  max_label: textSchema.optional(),
  /** Labels of points between the ends, keyed by the point: `{ 3: { en: ... } }`. */
  labels: z.record(z.string(), textSchema).optional(),
  /** Declared missing options offered beside the scale, with their codes. */
  missing: z.array(choiceSchema).optional(),
};

export const selectOneSchema = z
  .object({
    ...answerable,
    type: z.literal('select_one'),
    ...choiceSource,
    /** Adds a text variable `<name>_other`, asked when the choice `other` is chosen. */
    other: z.boolean().optional(),
  })
  .strict();

export const selectMultipleSchema = z
  .object({
    ...answerable,
    type: z.literal('select_multiple'),
    ...choiceSource,
    other: z.boolean().optional(),
    /** Choices that cannot be combined with any other (e.g. `none`). */
    exclusive: z.array(name).optional(),
    max_selected: z.number().int().positive().optional(),
  })
  .strict();

export const ratingSchema = z
  .object({ ...answerable, type: z.literal('rating'), ...scale })
  .strict();

export const gridRowSchema = z
  .object({
    name,
    label: textSchema,
    relevant: expression.optional(),
    reference_period: z.string().optional(),
    same_as: sameAsSchema.optional(),
  })
  .strict();
export type GridRow = z.infer<typeof gridRowSchema>;

export const gridSchema = z
  .object({
    name,
    type: z.literal('grid'),
    label: textSchema,
    hint: textSchema.optional(),
    required: z.boolean().optional(),
    required_message: textSchema.optional(),
    relevant: expression.optional(),
    reference_period: z.string().optional(),
    /** Each row is answered on the same scale: a choice list or a rating scale. */
    row_type: z.enum(['select_one', 'rating']),
    rows: z.array(gridRowSchema),
    ...choiceSource,
    /** With `row_type: rating`: the scale every row shares. */
    ...z.object(scale).partial().shape,
  })
  .strict();

export const numberSchema = z
  .object({
    ...answerable,
    type: z.enum(['integer', 'decimal']),
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict();

export const dateSchema = z
  .object({
    ...answerable,
    type: z.enum(['date', 'month']),
    /** ISO literals: `2022-02-24` for dates, `2022-02` for months. */
    min: z.string().optional(),
    max: z.string().optional(),
  })
  .strict();

export const countrySchema = z
  .object({
    ...answerable,
    type: z.literal('country'),
    /** ISO 3166-1 alpha-2 codes listed first, e.g. the main destinations. */
    top: z.array(z.string()).optional(),
  })
  .strict();

export const textItemSchema = z
  .object({
    ...answerable,
    type: z.literal('text'),
    long: z.boolean().optional(),
    max_length: z.number().int().positive().optional(),
  })
  .strict();

export const noteSchema = z
  .object({
    name,
    type: z.literal('note'),
    label: textSchema,
    hint: textSchema.optional(),
    relevant: expression.optional(),
  })
  .strict();

/** Each item type and its schema; the checker picks by `type` to give precise messages. */
export const itemSchemas = {
  select_one: selectOneSchema,
  select_multiple: selectMultipleSchema,
  rating: ratingSchema,
  grid: gridSchema,
  integer: numberSchema,
  decimal: numberSchema,
  date: dateSchema,
  month: dateSchema,
  country: countrySchema,
  text: textItemSchema,
  note: noteSchema,
} as const;

export type ItemType = keyof typeof itemSchemas;
export const itemTypes = Object.keys(itemSchemas) as ItemType[];

export type SelectOneItem = z.infer<typeof selectOneSchema>;
export type SelectMultipleItem = z.infer<typeof selectMultipleSchema>;
export type RatingItem = z.infer<typeof ratingSchema>;
export type GridItem = z.infer<typeof gridSchema>;
export type NumberItem = z.infer<typeof numberSchema>;
export type DateItem = z.infer<typeof dateSchema>;
export type CountryItem = z.infer<typeof countrySchema>;
export type TextItem = z.infer<typeof textItemSchema>;
export type NoteItem = z.infer<typeof noteSchema>;
export type Item =
  | SelectOneItem
  | SelectMultipleItem
  | RatingItem
  | GridItem
  | NumberItem
  | DateItem
  | CountryItem
  | TextItem
  | NoteItem;

export const itemSchema = z.union([
  selectOneSchema,
  selectMultipleSchema,
  ratingSchema,
  gridSchema,
  numberSchema,
  dateSchema,
  countrySchema,
  textItemSchema,
  noteSchema,
]);

export const pageSchema = z
  .object({
    id: name,
    section: z.string().optional(),
    title: textSchema.optional(),
    relevant: expression.optional(),
    items: z.array(itemSchema),
  })
  .strict();
export type Page = z.infer<typeof pageSchema>;

export const sectionSchema = z.object({ id: name, title: textSchema }).strict();
export type Section = z.infer<typeof sectionSchema>;

export const questionnaireSchema = z
  .object({
    /** The wave this questionnaire belongs to (its id in the study file). */
    wave: z.string(),
    title: textSchema.optional(),
    choices: z.record(z.string(), z.array(choiceSchema)).optional(),
    sections: z.array(sectionSchema).optional(),
    pages: z.array(pageSchema),
  })
  .strict();
export type QuestionnaireDefinition = z.infer<typeof questionnaireSchema>;

const isoDateTime = z.iso.datetime({ offset: true });

export const waveEntrySchema = z
  .object({
    id: z.string(),
    file: z.string(),
    title: textSchema,
    /** Start of the panel-only phase: personal links and panel codes work, open links not yet. */
    panel_opens: isoDateTime.optional(),
    /** Start of the open phase: open links work too. */
    opens: isoDateTime.optional(),
    closes: isoDateTime.optional(),
  })
  .strict();
export type WaveEntry = z.infer<typeof waveEntrySchema>;

export const channelSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    description: textSchema.optional(),
  })
  .strict();
export type ChannelEntry = z.infer<typeof channelSchema>;

/** A mail in every study language. `{link}`, `{opt_out}`, `{wave}` and `{study}` are filled in. */
export const mailTemplateSchema = z.object({ subject: textSchema, body: textSchema }).strict();
export type MailTemplate = z.infer<typeof mailTemplateSchema>;

/** Placeholders a mail template may use; `{link}` and `{opt_out}` must be in every body. */
export const mailPlaceholders = ['link', 'opt_out', 'wave', 'study'] as const;

export const panelSchema = z
  .object({
    /**
     * Consent to be asked again, shown at the end of a wave with the three choices (leave a
     * contact, take a panel code, decline). The version is stored with every panelist.
     */
    consent: z.object({ version: z.number().int().positive(), text: textSchema }).strict(),
    /**
     * An unfinished response with at least this share of its applicable items answered counts
     * as partial (and is kept); below it, as a break-off. The reference report used one half.
     */
    partial_share: z.number().min(0).max(1).default(0.5),
    mail: z
      .object({
        /** The sender, as `Name <address>`. */
        from: z.string().min(3),
        invitation: mailTemplateSchema,
        reminder: mailTemplateSchema,
      })
      .strict()
      .optional(),
  })
  .strict();
export type PanelDefinition = z.infer<typeof panelSchema>;

export const studySchema = z
  .object({
    id: z.string(),
    title: textSchema,
    languages: z.array(z.string()).min(1),
    default_language: z.string(),
    consent: z.object({ version: z.number().int().positive(), text: textSchema }).strict(),
    end_text: textSchema.optional(),
    /**
     * Ask browsers to solve a small proof-of-work puzzle (ALTCHA) before a response starts:
     * switch on when a link is flooded. Failures are quality signals, never refusals.
     */
    proof_of_work: z.boolean().optional(),
    channels: z.array(channelSchema).optional(),
    /** Re-contact across waves; without it the end page offers no panel. */
    panel: panelSchema.optional(),
    waves: z.array(waveEntrySchema).min(1),
  })
  .strict();
export type StudyDefinition = z.infer<typeof studySchema>;
