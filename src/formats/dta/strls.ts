/**
 * The <strls> section: one GSO (generic string object) per long string, in the order their
 * (v,o) values first appear in <data> -- by observation, then by variable (`help dta` 5.11.2).
 * The GSOs of one chunk of rows are made at a time, after all rows are written; chunks come in
 * the order of their rows, so the whole section keeps that order. Each GSO is yielded on its
 * own, so a long text is never copied into a bigger buffer.
 */
import { Bytes } from './bytes.js';
import type { StrLs } from './variable.js';

/** GSO type 130: a UTF-8 string, stored with its terminating zero byte. */
const textGso = 130;

/** The GSOs of one chunk's strL variables (in ascending v), by o, then v. */
export function* gsos(all: readonly StrLs[]): Generator<Uint8Array> {
  const next = all.map(() => 0);
  for (;;) {
    let pick = -1;
    for (let c = 0; c < all.length; c++) {
      if (next[c]! >= all[c]!.rows.length) continue;
      // Variables come in ascending v, so on equal rows the earlier one wins.
      if (pick < 0 || all[c]!.rows[next[c]!]! < all[pick]!.rows[next[pick]!]!) pick = c;
    }
    if (pick < 0) return;
    const s = all[pick]!;
    const i = next[pick]!++;
    const text = s.text(i);
    yield new Bytes()
      .text('GSO')
      .u32(s.v)
      .u64(s.rows[i]!)
      .u8(textGso)
      .u32(text.length + 1)
      .raw(text)
      .u8(0)
      .done();
  }
}
