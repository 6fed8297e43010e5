/**
 * What a sample's columns hold over all of its rows, gathered chunk by chunk, so that a sample
 * read in chunks is typed as it would be whole: choice names beyond a list coded alike in every
 * chunk (in the order first met), a number item that meets text anywhere text everywhere, an
 * undeclared item a multiple choice only when every answer anywhere was a list.
 */
import type { AnswersSeen } from './answer-columns.js';
import type { Dataset } from './dataset.js';

interface Gathered {
  names: Set<string>;
  text: boolean;
  lists: boolean;
  /** Numbers met where an undeclared item also met lists: text, as whole. */
  numbers: boolean;
  given: boolean;
}

export class AnswerCensus {
  private readonly columns = new Map<string, Gathered>();

  /** A chunk built without the census (each column typed by its own rows). */
  see(chunk: Dataset): void {
    for (const [name, c] of chunk.columns) {
      let g = this.columns.get(name);
      if (!g) {
        g = { names: new Set(), text: false, lists: false, numbers: false, given: false };
        this.columns.set(name, g);
      }
      switch (c.type) {
        case 'text':
          g.text = true;
          if (c.index.some((j) => j >= 0)) g.given = true;
          break;
        case 'number':
          for (const l of c.labels) if (l.name !== undefined) g.names.add(l.name);
          if (c.info.measure === 'scale' && c.info.kind === undefined) {
            if (c.values.some((v) => !Number.isNaN(v))) {
              g.numbers = true;
              g.given = true;
            }
          }
          break;
        case 'multiple':
          for (const o of c.options) if (o.name !== undefined) g.names.add(o.name);
          if (c.answered.some((a) => a === 1)) g.given = true;
          g.lists = true;
          break;
      }
    }
  }

  /** What each column met, by the sample's column names. */
  result(): Map<string, AnswersSeen> {
    const out = new Map<string, AnswersSeen>();
    for (const [name, g] of this.columns) {
      const text = g.text || (g.lists && g.numbers);
      out.set(name, { names: [...g.names], text, lists: g.lists && !text, given: g.given });
    }
    return out;
  }
}
