/**
 * Writes a dataset as an SPSS system file (.sav), following PSPP's documentation of the format
 * ("System File Format", an appendix of the PSPP developers' guide). The dictionary comes first,
 * then the cases one row at a time; bytes come out in chunks as they fill, so memory does not
 * grow with the number of rows. What goes where, and how names are made, is in docs/formats.md.
 *
 *   await pipeline(Readable.from(writeSav(data, { language: 'ru' })), createWriteStream(file));
 */
import type { Dataset } from '../../analysis/dataset.js';
import { CaseWriter } from './cases.js';
import { ChunkWriter } from './chunk-writer.js';
import { writeDictionary, type Product } from './dictionary.js';
import { CompressedElements, PlainElements } from './elements.js';
import { planSav } from './plan.js';
import type { SavOptions, SavPlan } from './types.js';

const defaultProduct: Product = { name: 'Longitude', version: [0, 1, 0] };

/**
 * The file's bytes, chunk by chunk. The dataset is checked before this returns (a `SavError`
 * naming the column); rows are read as the chunks are taken.
 */
export function writeSav(
  data: Dataset,
  options: SavOptions,
): Generator<Uint8Array, void, undefined> {
  return writePlan(planSav(data, options), options.chunkSize ?? 1 << 16);
}

function* writePlan(plan: SavPlan, chunkSize: number): Generator<Uint8Array, void, undefined> {
  const out = new ChunkWriter(chunkSize);
  writeDictionary(out, plan, defaultProduct);
  yield* out.take();
  const sink = plan.compression === 'bytes' ? new CompressedElements(out) : new PlainElements(out);
  const cases = new CaseWriter(plan.variables, sink);
  for (let i = 0; i < plan.n; i++) {
    cases.row(i);
    yield* out.take();
  }
  sink.finish();
  yield* out.end();
}
