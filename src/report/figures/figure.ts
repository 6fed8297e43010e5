/**
 * What every figure shares: the report's language, the line under it (sample, n, waves), an
 * optional heading, a width in pixels, and what a builder returns.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { Spec as VegaSpec } from 'vega';

export type Lang = 'ru' | 'en';

export interface FigureBase {
  /** The report's language: labels are given in it, numbers are formatted for it. */
  lang: Lang;
  /** The line under the figure: the sample, its size and the wave(s), in the report's language. */
  note: string;
  /** A heading drawn above the figure (the report's caption usually sits outside it). */
  title?: string;
  /** The figure's width in pixels, labels included: 320 reads on a phone. Default 640. */
  width?: number;
}

export type FigureKind =
  | 'wave-bars'
  | 'scale-bars'
  | 'flow'
  | 'heatmap'
  | 'distribution'
  | 'choice-bars'
  | 'group-comparison'
  | 'benchmark'
  | 'exclusion-flow'
  | 'timeline';

export type FigureSpec = TopLevelSpec | VegaSpec;

export interface Figure {
  kind: FigureKind;
  grammar: 'vega-lite' | 'vega';
  spec: FigureSpec;
  /**
   * How many items each named mark draws, from the input: the SVG that renderSvg makes holds
   * exactly these (see countMarks in svg.test-helper.ts).
   */
  marks: Record<string, number>;
}

export const defaultWidth = 640;
export const minWidth = 280;
export const maxWidth = 2000;

export const vegaLiteSchema = 'https://vega.github.io/schema/vega-lite/v6.json';
export const vegaSchema = 'https://vega.github.io/schema/vega/v6.json';
