/**
 * Writes a dataset as a Stata .dta file, format 118 (Stata 14 and later), little-endian, from
 * Stata's own description of the format (`help dta`). The file is produced as a stream of
 * chunks: the header and descriptors, the rows of <data> in chunks of about 64 KiB, then the
 * strLs and the value labels. Memory does not grow with the number of rows beyond the dataset
 * itself: strL texts are the text columns' own levels, written after the data (where the format
 * puts them) without being copied.
 *
 * Everything that can be refused is checked when `writeDta` is called, before any byte is
 * produced: names that cannot become Stata names, numbers Stata cannot hold, more than 26
 * declared missing codes in a column, no variables, more than 32,767 variables.
 */
import type { Dataset } from '../../analysis/dataset.js';
import { utf8 } from './bytes.js';
import { fileHead } from './header.js';
import { rowChunks, rowWidth } from './rows.js';
import { gsoBytes, gsos } from './strls.js';
import { dtaVariables } from './variables.js';
import type { StrLs } from './variable.js';

export interface DtaOptions {
  /** The language of variable and value labels (`ru`, `en`). */
  language: string;
  /** The dataset label: at most 80 characters are kept. */
  datasetLabel?: string;
  /** When the file is written, recorded to the minute in UTC; no time stamp when absent. */
  timestamp?: Date;
}

export function writeDta(data: Dataset, options: DtaOptions): Generator<Uint8Array> {
  const { variables, tables } = dtaVariables(data, options.language);
  const strls = variables.flatMap((v): StrLs[] => (v.strls ? [v.strls] : []));
  const valueLabels = tables.section();
  const head = fileHead(
    {
      variables,
      n: data.n,
      datasetLabel: options.datasetLabel,
      timestamp: options.timestamp,
    },
    { rows: data.n * rowWidth(variables), gsos: gsoBytes(strls), valueLabels: valueLabels.length },
  );
  return chunks();

  function* chunks(): Generator<Uint8Array> {
    yield* head;
    yield utf8('<data>');
    yield* rowChunks(variables, data.n);
    yield utf8('</data><strls>');
    yield* gsos(strls);
    yield utf8('</strls>');
    yield valueLabels;
    yield utf8('</stata_dta>');
  }
}
