/**
 * A Vega spec framed as a figure, for the kinds Vega-Lite cannot draw (flows, the exclusion
 * flow): the builder gives marks laid out in pixels; this adds the heading, the notes under
 * the drawing, the background, the locale and the fonts.
 */
import type { Spec as VegaSpec } from 'vega';
import { vegaSchema, type FigureBase } from './figure.js';
import { vegaLocale } from './format.js';
import { mutedTextColor, textColor } from './palette.js';
import { fontFamily, fontSize, noteLines, noteSize, padding, titleSize, widthOf } from './style.js';
import { wrapText } from './text-width.js';

export interface VegaDrawing {
  /** Height of the drawing in pixels, notes excluded; its width is the figure's. */
  height: number;
  data: { name: string; values: object[] }[];
  marks: object[];
  /** Lines above the note under the figure. */
  notes?: readonly string[];
}

const noteLineHeight = noteSize + 3;

/** Text mark properties shared by every figure. */
export const textFont = { font: { value: fontFamily }, fill: { value: textColor } };

export function vegaFrame(base: FigureBase, drawing: VegaDrawing): VegaSpec {
  const width = widthOf(base) - 2 * padding;
  const notes = noteLines(base, drawing.notes ?? [], widthOf(base));
  const notesTop = drawing.height + 14;
  const spec: Record<string, unknown> = {
    $schema: vegaSchema,
    description: [base.title, base.note].filter((t) => t !== undefined).join('. '),
    width,
    height: notesTop + notes.length * noteLineHeight,
    padding,
    autosize: { type: 'pad' },
    background: '#ffffff',
    config: { locale: vegaLocale(base.lang), text: { font: fontFamily, fontSize } },
    data: [...drawing.data, { name: 'note-data', values: [{ lines: notes }] }],
    marks: [
      ...drawing.marks,
      {
        type: 'text',
        name: 'notes',
        from: { data: 'note-data' },
        encode: {
          enter: {
            ...textFont,
            x: { value: 0 },
            y: { value: notesTop },
            text: { field: 'lines' },
            baseline: { value: 'top' },
            fontSize: { value: noteSize },
            lineHeight: { value: noteLineHeight },
            fill: { value: mutedTextColor },
          },
        },
      },
    ],
  };
  if (base.title !== undefined) {
    spec['title'] = {
      text: wrapText(base.title, width, titleSize, true),
      anchor: 'start',
      frame: 'group',
      font: fontFamily,
      fontSize: titleSize,
      fontWeight: 'bold',
      color: textColor,
      lineHeight: titleSize + 4,
      offset: 10,
    };
  }
  return spec as unknown as VegaSpec;
}
