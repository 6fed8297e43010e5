/**
 * The look every figure shares: fonts, sizes, colours of text and lines, the locale of
 * numbers and dates, and the frame around a Vega-Lite chart (heading above, notes below).
 */
import type { Config, TopLevelSpec } from 'vega-lite';
import { defaultWidth, vegaLiteSchema, type FigureBase, type Lang } from './figure.js';
import { vegaLocale } from './format.js';
import { lineColor, mutedTextColor, textColor } from './palette.js';
import { wrapText } from './text-width.js';

/**
 * Fonts with Cyrillic letters, Liberation Sans first (Arial's metrics, so a browser with
 * Arial lays text out the same); renderPng loads the first it finds on the machine.
 */
export const fontFamily = 'Liberation Sans, Arial, DejaVu Sans, Noto Sans, sans-serif';
export const fontSize = 12;
export const lineHeight = 15;
export const titleSize = 15;
export const noteSize = 11;
export const padding = 6;

export function widthOf(base: FigureBase): number {
  return Math.round(base.width ?? defaultWidth);
}

export function vegaLiteConfig(lang: Lang): Config {
  return {
    font: fontFamily,
    background: '#ffffff',
    padding,
    view: { stroke: null },
    locale: vegaLocale(lang) as Config['locale'],
    axis: {
      labelFontSize: fontSize,
      titleFontSize: fontSize,
      labelColor: textColor,
      titleColor: textColor,
      titleFontWeight: 'normal',
      domainColor: lineColor,
      tickColor: lineColor,
      gridColor: '#E6E6E6',
    },
    legend: {
      orient: 'top',
      title: null,
      labelFontSize: fontSize,
      labelColor: textColor,
      symbolType: 'square',
      symbolSize: 120,
      symbolStrokeWidth: 0,
    },
    title: {
      anchor: 'start',
      fontSize: titleSize,
      color: textColor,
      subtitleFontSize: noteSize,
      subtitleColor: mutedTextColor,
    },
    text: { fontSize, color: textColor },
  };
}

/** Multi-line legend labels: Vega splits them on the line break. */
export const splitLabelExpr = "split(datum.label, '\\n')";

/**
 * Axis properties that draw labels holding line breaks on several lines, centred on the
 * tick ('centre', for a left axis) or rising from it ('up', for a top axis).
 */
export function multiLineLabels(place: 'centre' | 'up', size = fontSize): object {
  const lines = "(length(split(datum.label, '\\n')) - 1)";
  const step = place === 'centre' ? (size + 3) / 2 : size + 3;
  return {
    labelLineHeight: size + 3,
    labelExpr: "split(datum.label, '\\n')",
    encoding: { labels: { dy: { value: { expr: `-${lines} * ${step}` } } } },
  };
}

/** A label wrapped to a width, its lines joined by line breaks. */
export function wrapped(label: string, maxWidth: number, size = fontSize): string {
  return wrapText(label, maxWidth, size).join('\n');
}

/** The notes under a figure, wrapped to its width: the figure's own first, the sample last. */
export function noteLines(base: FigureBase, extra: readonly string[], width: number): string[] {
  return [...extra, base.note].flatMap((line) => wrapText(line, width - 2 * padding, noteSize));
}

/**
 * A Vega-Lite chart framed as a figure: the heading (if any) above, the notes below, the
 * language's locale and the shared look. The chart is the single view of a vertical concat,
 * so that the heading and the notes can both be titles.
 */
export function frame(
  base: FigureBase,
  chart: Record<string, unknown>,
  extraNotes: readonly string[] = [],
): TopLevelSpec {
  const width = widthOf(base);
  const notes = noteLines(base, extraNotes, width);
  const inner = {
    ...chart,
    title: {
      text: notes,
      orient: 'bottom',
      anchor: 'start',
      frame: 'bounds',
      fontSize: noteSize,
      fontWeight: 'normal',
      color: mutedTextColor,
      lineHeight: noteSize + 3,
      offset: 12,
    },
  };
  const spec: Record<string, unknown> = {
    $schema: vegaLiteSchema,
    description: [base.title, base.note].filter((t) => t !== undefined).join('. '),
    config: vegaLiteConfig(base.lang),
    vconcat: [inner],
  };
  if (base.title !== undefined) {
    spec['title'] = {
      text: wrapText(base.title, width - 2 * padding, titleSize, true),
      lineHeight: titleSize + 4,
    };
  }
  return spec as unknown as TopLevelSpec;
}
