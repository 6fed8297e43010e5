/**
 * Value labels (`help dta` 5.7 and 5.12). A number column's labels become a value-label table
 * in the export's language; columns whose tables come out the same share one, named after the
 * first variable that uses it. Declared missing codes ("don't know") become Stata's extended
 * missing values `.a`, `.b`, ... in the order the labels list them, and their labels move to
 * those values. Stata labels only integers: a label on a code that is not a whole number in
 * the range of a 4-byte integer is left out.
 */
import type { ValueLabel } from '../../analysis/dataset.js';
import { Problem } from '../../problems/problem.js';
import { Bytes, utf8 } from './bytes.js';
import { maxValueLabelBytes, truncatedUtf8 } from './text-limits.js';
import { maxExtendedMissing, missingLabelValue, missingName, numericStorage } from './storage.js';

export interface LabelEntry {
  /** The value as the table records it: the code, or an extended missing value's code. */
  value: number;
  text: Uint8Array;
}

export interface ColumnLabels {
  /** Declared missing codes and the extended missing value each becomes (1 for `.a`). */
  missing: ReadonlyMap<number, number>;
  /** The table's entries in ascending order of value; empty when nothing is labelled. */
  entries: readonly LabelEntry[];
}

function labelText(l: ValueLabel, language: string): string | undefined {
  const text = l.label?.[language] ?? l.name;
  return text === undefined || text === '' ? undefined : text;
}

/** A number column's labels in `language`: its missing codes and its value-label table. */
export function columnLabels(
  labels: readonly ValueLabel[],
  language: string,
  what: string,
): ColumnLabels {
  const missing = new Map<number, number>();
  for (const l of labels) {
    if (!l.missing || missing.has(l.code)) continue;
    if (missing.size === maxExtendedMissing)
      throw new Problem(
        'input.invalid',
        `${what} declares more than ${maxExtendedMissing} missing codes; Stata has only ${maxExtendedMissing} extended missing values (.a to .z).`,
      );
    missing.set(l.code, missing.size + 1);
  }
  const byValue = new Map<number, LabelEntry>();
  for (const l of labels) {
    const text = labelText(l, language);
    if (text === undefined) continue;
    const k = missing.get(l.code);
    const value = k !== undefined ? missingLabelValue(k) : l.code;
    if (k === undefined && !labelable(l.code)) continue;
    if (!byValue.has(value))
      byValue.set(value, { value, text: truncatedUtf8(text, Infinity, maxValueLabelBytes) });
  }
  const entries = [...byValue.values()].sort((a, b) => a.value - b.value);
  return { missing, entries };
}

function labelable(code: number): boolean {
  return (
    Number.isInteger(code) && code >= numericStorage.long.min && code <= numericStorage.long.max
  );
}

/** Describes a missing code's mapping for messages and documentation: `99 -> .a`. */
export function describeMissing(missing: ReadonlyMap<number, number>): string {
  return [...missing].map(([code, k]) => `${code} -> ${missingName(k)}`).join(', ');
}

function tableKey(entries: readonly LabelEntry[]): string {
  const decoder = new TextDecoder();
  return JSON.stringify(entries.map((e) => [e.value, decoder.decode(e.text)]));
}

/** The value-label tables of a file, one per distinct set of entries. */
export class ValueLabelTables {
  private readonly byKey = new Map<string, string>();
  private readonly tables: { name: string; entries: readonly LabelEntry[] }[] = [];

  /** The table's name for a variable with these entries ('' when there are none). */
  nameFor(entries: readonly LabelEntry[], variableName: string): string {
    if (entries.length === 0) return '';
    const key = tableKey(entries);
    let name = this.byKey.get(key);
    if (name === undefined) {
      name = variableName;
      this.byKey.set(key, name);
      this.tables.push({ name, entries });
    }
    return name;
  }

  /** <value_labels>...</value_labels>. */
  section(): Uint8Array {
    const out = new Bytes().text('<value_labels>');
    for (const { name, entries } of this.tables) {
      const txtlen = entries.reduce((sum, e) => sum + e.text.length + 1, 0);
      const n = entries.length;
      out.text('<lbl>').i32(8 + 8 * n + txtlen);
      out.fixed(utf8(name), 129).fixed(new Uint8Array(0), 3);
      out.i32(n).i32(txtlen);
      let offset = 0;
      for (const e of entries) {
        out.i32(offset);
        offset += e.text.length + 1;
      }
      for (const e of entries) out.i32(e.value);
      for (const e of entries) out.raw(e.text).u8(0);
      out.text('</lbl>');
    }
    return out.text('</value_labels>').done();
  }
}
