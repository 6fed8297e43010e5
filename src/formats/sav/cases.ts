/**
 * One case's values as elements: numbers as they are (NaN system-missing), a multiple choice's
 * option as 1 or 0 (system-missing where the item was not answered), a text in UTF-8 padded with
 * spaces to its variable's width, and a very long string's text 255 bytes per segment.
 *
 * Rows come in chunks: for each chunk, every variable's writer is bound once to the chunk's
 * arrays, so that writing a cell is an array read and no lookup.
 */
import type { Dataset } from '../../analysis/dataset.js';
import type { ElementSink } from './elements.js';
import { segmentBytes, segmentElements, segmentWidths } from './segments.js';
import type { SavVariable } from './types.js';
import { chunkColumn } from '../../analysis/chunked.js';

const encoder = new TextEncoder();

/** Writes row `i` of the chunk it was bound to. */
type RowWriter = (i: number) => void;
/** A variable's writer for the rows of one chunk. */
type Binder = (chunk: Dataset) => RowWriter;

/** Writes the cases of the plan's variables, one chunk of rows at a time. */
export class CaseWriter {
  private readonly binders: Binder[];

  constructor(variables: readonly SavVariable[], sink: ElementSink) {
    this.binders = variables.map((v) => binder(v, sink));
  }

  /** The writer of the chunk's cases: `row(i)` writes its i-th row. */
  bind(chunk: Dataset): RowWriter {
    const write = this.binders.map((b) => b(chunk));
    return (i) => {
      for (const w of write) w(i);
    };
  }
}

function binder(v: SavVariable, sink: ElementSink): Binder {
  const s = v.source;
  switch (s.kind) {
    case 'number':
      return (chunk) => {
        const { values } = chunkColumn(chunk, v.column, 'number');
        return (i) => sink.number(values[i]!);
      };
    case 'option':
      return (chunk) => {
        const { chosen, answered } = chunkColumn(chunk, v.column, 'multiple');
        const { options, option } = s;
        return (i) => sink.number(answered[i] ? chosen[i * options + option]! : NaN);
      };
    case 'text':
      return textBinder(v.column, v.width, sink);
  }
}

function textBinder(column: string, width: number, sink: ElementSink): Binder {
  const segments = segmentWidths(width);
  // Where each segment's elements start in the case, and which bytes of the text it holds.
  const layout = segments.map((w, k) => ({
    at: segments.slice(0, k).reduce((sum, x) => sum + segmentElements(x) * 8, 0),
    from: k * segmentBytes,
    to: Math.min(width, k * segmentBytes + Math.min(w, segmentBytes)),
  }));
  const size = segments.reduce((sum, w) => sum + segmentElements(w) * 8, 0);
  // One case's bytes and one text's, shared by every chunk.
  const image = new Uint8Array(size);
  const text = new Uint8Array(width);
  return (chunk) => {
    const { index, levels } = chunkColumn(chunk, column, 'text');
    return (i) => {
      image.fill(0x20);
      const j = index[i]!;
      if (j >= 0) {
        const { written } = encoder.encodeInto(levels[j]!, text);
        for (const seg of layout)
          if (seg.from < written)
            image.set(text.subarray(seg.from, Math.min(seg.to, written)), seg.at);
      }
      for (let at = 0; at < size; at += 8) sink.string8(image, at);
    };
  };
}
