/**
 * Writes a dataset as an SPSS system file (.sav), following PSPP's documentation of the format
 * ("System File Format", an appendix of the PSPP developers' guide). What goes where, and how
 * names are made, is in docs/formats.md.
 *
 * The rows are streamed: `savWriter` is a `TableWriter` (../table-writer.ts) made from the
 * dataset's shape, which refuses what the shape cannot give (names, languages, the weight).
 * It then sees every chunk of rows for what the dictionary must say before the first case (the
 * number of cases, each text's widest value, each number's format), writes the dictionary, and
 * writes the cases chunk by chunk; bytes come out in chunks of `chunkSize` as they fill, and the
 * compression's pending group of elements carries over from one chunk of rows to the next. So
 * memory does not grow with the number of rows, and the file is the same byte for byte however
 * the rows are cut into chunks.
 *
 *   await pipeline(Readable.from(writeChunked(savWriter(shape, { language: 'ru' }), chunked)), out);
 *   await pipeline(Readable.from(writeSav(data, { language: 'ru' })), createWriteStream(file));
 */
import type { Dataset } from '../../analysis/dataset.js';
import { writeWhole, type TableWriter } from '../table-writer.js';
import { CaseWriter } from './cases.js';
import { ChunkWriter } from './chunk-writer.js';
import { writeDictionary, type Product } from './dictionary.js';
import { CompressedElements, PlainElements, type ElementSink } from './elements.js';
import { SavPlanner } from './plan.js';
import type { SavOptions } from './types.js';

const defaultProduct: Product = { name: 'Longitude', version: [0, 1, 0] };
const encoder = new TextEncoder();

/**
 * A .sav writer for rows of the shape's columns. The shape is checked when it is made (a
 * `SavError` naming the column); what only the rows can refuse (a text over 32,767 bytes,
 * declared missing codes that no range can hold) is refused by `see`.
 */
export function savWriter(shape: Dataset, options: SavOptions): TableWriter {
  return new SavWriter(shape, options);
}

/**
 * The file's bytes, chunk by chunk, for a dataset held whole. The dataset is checked before
 * this returns (a `SavError` naming the column); rows are written as the chunks are taken.
 */
export function writeSav(
  data: Dataset,
  options: SavOptions,
): Generator<Uint8Array, void, undefined> {
  const parts = writeWhole(savWriter(data, options), data);
  return (function* () {
    for (const part of parts) yield typeof part === 'string' ? encoder.encode(part) : part;
  })();
}

interface Writing {
  /** The number of cases the header gives. */
  n: number;
  sink: ElementSink;
  cases: CaseWriter;
}

class SavWriter implements TableWriter {
  readonly looksFirst = true;
  readonly readsAgain = false;
  private readonly planner: SavPlanner;
  private readonly out: ChunkWriter;
  private writing: Writing | undefined;
  private written = 0;

  constructor(shape: Dataset, options: SavOptions) {
    this.planner = new SavPlanner(shape, options);
    this.out = new ChunkWriter(options.chunkSize ?? 1 << 16);
  }

  see(chunk: Dataset): void {
    if (this.writing) throw new Error('the .sav writer sees every chunk before it writes');
    this.planner.see(chunk);
  }

  *head(): Generator<Uint8Array, void, undefined> {
    const plan = this.planner.plan();
    writeDictionary(this.out, plan, defaultProduct);
    const sink =
      plan.compression === 'bytes' ? new CompressedElements(this.out) : new PlainElements(this.out);
    this.writing = { n: plan.n, sink, cases: new CaseWriter(plan.variables, sink) };
    yield* this.out.take();
  }

  *rows(chunk: Dataset): Generator<Uint8Array, void, undefined> {
    const { n, cases } = this.started();
    if (this.written + chunk.n > n)
      throw new Error(`the chunks hold more rows than the ${n} seen before the dictionary`);
    this.written += chunk.n;
    const row = cases.bind(chunk);
    for (let i = 0; i < chunk.n; i++) {
      row(i);
      yield* this.out.take();
    }
  }

  again(): Iterable<Uint8Array> {
    return [];
  }

  *tail(): Generator<Uint8Array, void, undefined> {
    const { n, sink } = this.started();
    if (this.written !== n)
      throw new Error(`the chunks held ${this.written} rows, not the ${n} seen before`);
    sink.finish();
    yield* this.out.end();
  }

  private started(): Writing {
    if (!this.writing) throw new Error('the .sav writer writes its dictionary (head) first');
    return this.writing;
  }
}
