/**
 * What a codebook is written from: the study's citation, the questionnaire's variables for their
 * question texts, what a public-use file changed (`CodebookInfo`), and the data. The DDI writer
 * (`../ddi/`) and the readable codebook (Markdown, HTML) take the same codebook, so an export
 * passes the dataset it wrote and the wave's variables (`variablesOf(definition)`) as they are:
 *
 * - `Codebook`: the info with the dataset in memory (`writeDdi`, `writeCodebookHtml`, ...);
 * - the info and the data's shape, for the table writers (`ddiWriter`, `codebookHtmlWriter`,
 *   ...), which count the rows chunk by chunk into a `DataSummary` (summary.ts) before they
 *   write: a `DescribedCodebook` is what they then describe.
 */
import type { Dataset } from '../../analysis/dataset.js';
import type { Text } from '../../questionnaire/schema.js';
import type { DataSummary } from './summary.js';

export interface StudyCitation {
  /** The study's title in each language. */
  title: Text;
  /** The study's identifier (`exile-panel`) or an archive's number for it. */
  id?: string;
  /** Principal investigators, in the order they are cited. */
  authors?: readonly { name: string; affiliation?: string }[];
  /** Who produced the data (an institute, a team). */
  producer?: string;
  /** When this version of the data was produced, as an ISO date: `2022-10-01`. */
  date?: string;
  /** The data's version: `1.0`, `public-use 2`. */
  version?: string;
}

/**
 * A change a public-use file made, a sentence per variable: `{ variable: 'contact', change:
 * 'dropped' }`, `{ variable: 'country', change: 'countries with fewer than 5 respondents grouped
 * into "other"' }`, `{ variable: 'id', change: 'replaced by new random ids' }`. The variable may be
 * a column of the data, an option's column (`reasons_money`), or one no longer in it.
 */
export interface PublicUseChange {
  variable: string;
  change: string;
}

/**
 * What the codebook reads of a questionnaire variable: a `Variable` from
 * `questionnaire/variables.ts` is one. The question is the item's label; a grid row's own label
 * follows its grid's.
 */
export interface QuestionSource {
  name: string;
  label: Text;
  item: { label: Text; hint?: Text };
  row?: { label: Text };
}

/** Everything a codebook says but the data. */
export interface CodebookInfo {
  study: StudyCitation;
  /** The questionnaire's variables, matched to columns by name; columns without one have no question. */
  variables?: readonly QuestionSource[];
  /** What a public-use file changed, in the order to list it. */
  changes?: readonly PublicUseChange[];
  /**
   * The languages to give labels and questions in, in order; by default those of the study's
   * title, then any other met in labels and questions.
   */
  languages?: readonly string[];
  /** The data file described (`wave-1.parquet`). */
  fileName?: string;
}

/** A codebook with its dataset in memory. */
export interface Codebook extends CodebookInfo {
  data: Dataset;
}

/** A codebook's info with the data's columns (their labels and info; no rows needed). */
export interface CodebookShape extends CodebookInfo {
  shape: Dataset;
}

/** A codebook's info, the data's columns and what its rows held: what the writers describe. */
export interface DescribedCodebook extends CodebookShape {
  summary: DataSummary;
}
