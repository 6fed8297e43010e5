/**
 * One case's values as elements: numbers as they are (NaN system-missing), a multiple choice's
 * option as 1 or 0 (system-missing where the item was not answered), a text in UTF-8 padded with
 * spaces to its variable's width, and a very long string's text 255 bytes per segment.
 */
import type { ElementSink } from './elements.js';
import type { SavVariable } from './types.js';
import { segmentBytes, segmentElements, segmentWidths } from './segments.js';

const encoder = new TextEncoder();

/** Writes the cases of the plan's variables, one row at a time. */
export class CaseWriter {
  private readonly write: ((i: number) => void)[];

  constructor(variables: readonly SavVariable[], sink: ElementSink) {
    this.write = variables.map((v) => caseWriter(v, sink));
  }

  row(i: number): void {
    for (const w of this.write) w(i);
  }
}

function caseWriter(v: SavVariable, sink: ElementSink): (i: number) => void {
  const s = v.source;
  switch (s.kind) {
    case 'number':
      return (i) => sink.number(s.values[i]!);
    case 'option':
      return (i) => sink.number(s.answered[i] ? s.chosen[i * s.options + s.option]! : NaN);
    case 'text':
      return textWriter(v.width, s.index, s.levels, sink);
  }
}

function textWriter(
  width: number,
  index: Int32Array,
  levels: readonly string[],
  sink: ElementSink,
): (i: number) => void {
  const segments = segmentWidths(width);
  // Where each segment's elements start in the case, and which bytes of the text it holds.
  const layout = segments.map((w, k) => ({
    at: segments.slice(0, k).reduce((sum, x) => sum + segmentElements(x) * 8, 0),
    from: k * segmentBytes,
    to: Math.min(width, k * segmentBytes + Math.min(w, segmentBytes)),
  }));
  const size = segments.reduce((sum, w) => sum + segmentElements(w) * 8, 0);
  const image = new Uint8Array(size);
  const text = new Uint8Array(width);
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
}
