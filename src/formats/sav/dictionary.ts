/**
 * The dictionary of a system file, in the order PSPP's "System File Format" gives: the file
 * header, the variable records, value labels (types 3 and 4), the extension records (type 7) in
 * ascending subtype, and the dictionary termination record (999). Integers and floats are
 * little-endian IEEE 754; text is UTF-8.
 */
import type { ChunkWriter } from './chunk-writer.js';
import { bias, sysmis } from './elements.js';
import { formatCode } from './formats.js';
import { missingCount, missingElements } from './missing-values.js';
import type { SavPlan, SavVariable } from './types.js';
import { elementsOf, segmentElements, segmentWidths } from './segments.js';
import { fixedUtf8, utf8 } from './utf8.js';

/** Character code of UTF-8 in the machine integer info record (a Windows code page number). */
export const utf8CodePage = 65001;

export interface Product {
  name: string;
  /** major, minor, revision */
  version: [number, number, number];
}

export function writeDictionary(out: ChunkWriter, plan: SavPlan, product: Product): void {
  writeHeader(out, plan, product);
  for (const v of plan.variables) writeVariable(out, v);
  writeValueLabels(out, plan);
  writeMachineIntegers(out, product);
  writeMachineFloats(out);
  if (plan.sets.length > 0) writeResponseSets(out, plan);
  writeDisplayParameters(out, plan);
  writeLongNames(out, plan);
  writeVeryLongStrings(out, plan);
  writeEncoding(out);
  out.int32(999);
  out.int32(0);
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function writeHeader(out: ChunkWriter, plan: SavPlan, product: Product): void {
  const elements = plan.variables.reduce((sum, v) => sum + elementsOf(v.width), 0);
  out.bytes(utf8('$FL2'));
  out.bytes(fixedUtf8(`@(#) SPSS DATA FILE ${product.name} ${product.version.join('.')}`, 60));
  out.int32(2); // layout code: little-endian integers
  out.int32(elements);
  out.int32(plan.compression === 'bytes' ? 1 : 0);
  out.int32(plan.weightIndex);
  out.int32(plan.n);
  out.float64(bias);
  const t = plan.created;
  const two = (n: number): string => String(n).padStart(2, '0');
  out.bytes(
    utf8(
      t
        ? `${two(t.getUTCDate())} ${months[t.getUTCMonth()]} ${two(t.getUTCFullYear() % 100)}`
        : '01 Jan 70',
    ),
  );
  out.bytes(
    utf8(
      t
        ? `${two(t.getUTCHours())}:${two(t.getUTCMinutes())}:${two(t.getUTCSeconds())}`
        : '00:00:00',
    ),
  );
  out.bytes(fixedUtf8(plan.fileLabel, 64));
  out.bytes(new Uint8Array(3));
}

/** One record per 8 bytes of each segment; only a segment's first carries name and format. */
function writeVariable(out: ChunkWriter, v: SavVariable): void {
  segmentWidths(v.width).forEach((width, k) => {
    const first = k === 0;
    const label = first && v.label !== undefined ? utf8(v.label) : undefined;
    const missing = first ? missingElements(v.missing) : [];
    const format = formatCode(width === 0 ? v.format : { type: 'A', width, decimals: 0 });
    out.int32(2);
    out.int32(width);
    out.int32(label ? 1 : 0);
    out.int32(first ? missingCount(v.missing) : 0);
    out.int32(format);
    out.int32(format);
    out.bytes(fixedUtf8(v.shortNames[k]!, 8));
    if (label) {
      out.int32(label.length);
      out.bytes(label);
      out.bytes(new Uint8Array((4 - (label.length % 4)) % 4));
    }
    for (const m of missing) out.float64(m);
    for (let c = 1; c < segmentElements(width); c++) {
      out.int32(2);
      out.int32(-1);
      for (let f = 0; f < 4; f++) out.int32(0);
      out.bytes(fixedUtf8('', 8));
    }
  });
}

/** A value label record (3) and its variables (4) for each distinct set of labels. */
function writeValueLabels(out: ChunkWriter, plan: SavPlan): void {
  const groups = new Map<string, { labels: SavVariable['valueLabels']; indexes: number[] }>();
  let index = 1;
  for (const v of plan.variables) {
    if (v.width === 0 && v.valueLabels.length > 0) {
      const key = JSON.stringify(v.valueLabels);
      const g = groups.get(key) ?? { labels: v.valueLabels, indexes: [] };
      g.indexes.push(index);
      groups.set(key, g);
    }
    index += elementsOf(v.width);
  }
  for (const { labels, indexes } of groups.values()) {
    out.int32(3);
    out.int32(labels.length);
    for (const l of labels) {
      const text = utf8(l.label);
      out.float64(l.value);
      out.byte(text.length);
      out.bytes(text);
      out.bytes(fixedUtf8('', (8 - ((1 + text.length) % 8)) % 8));
    }
    out.int32(4);
    out.int32(indexes.length);
    for (const i of indexes) out.int32(i);
  }
}

function extension(out: ChunkWriter, subtype: number, size: number, count: number): void {
  out.int32(7);
  out.int32(subtype);
  out.int32(size);
  out.int32(count);
}

function textExtension(out: ChunkWriter, subtype: number, text: Uint8Array): void {
  extension(out, subtype, 1, text.length);
  out.bytes(text);
}

function writeMachineIntegers(out: ChunkWriter, product: Product): void {
  extension(out, 3, 4, 8);
  for (const part of product.version) out.int32(part);
  out.int32(-1); // machine code
  out.int32(1); // IEEE 754
  out.int32(1); // compression code, always 1
  out.int32(2); // little-endian
  out.int32(utf8CodePage);
}

function writeMachineFloats(out: ChunkWriter): void {
  extension(out, 4, 8, 3);
  out.float64(sysmis);
  out.float64(Number.MAX_VALUE); // HIGHEST
  out.float64(-Number.MAX_VALUE); // LOWEST, as SPSS 21 and later write it
}

/**
 * Multiple dichotomy sets, counted value 1, labelled with the item (subtype 7, `D`):
 * `$name=D1 1 <label bytes> <label> <short names in lower case>` and a line feed each.
 */
function writeResponseSets(out: ChunkWriter, plan: SavPlan): void {
  const lines = plan.sets.map((s) => {
    const names = s.variables.map((v) => v.shortNames[0]!.toLowerCase()).join(' ');
    return `${s.name}=D1 1 ${utf8(s.label).length} ${s.label} ${names}\n`;
  });
  textExtension(out, 7, utf8(lines.join('')));
}

/** Measure, display width and alignment for each segment (subtype 11). */
function writeDisplayParameters(out: ChunkWriter, plan: SavPlan): void {
  const rows = plan.variables.flatMap((v) =>
    segmentWidths(v.width).map(() => [v.measure, v.displayWidth, v.alignment]),
  );
  extension(out, 11, 4, rows.length * 3);
  for (const row of rows) for (const x of row) out.int32(x);
}

/** `SHORT=long` pairs separated by tabs (subtype 13). */
function writeLongNames(out: ChunkWriter, plan: SavPlan): void {
  const pairs = plan.variables.map((v) => `${v.shortNames[0]}=${v.name}`);
  textExtension(out, 13, utf8(pairs.join('\t')));
}

/** `SHORT=width` (five digits) for each string over 255 bytes, each ended by NUL and tab. */
function writeVeryLongStrings(out: ChunkWriter, plan: SavPlan): void {
  const long = plan.variables.filter((v) => v.width > 255);
  if (long.length === 0) return;
  const text = long.map((v) => `${v.shortNames[0]}=${String(v.width).padStart(5, '0')}\0\t`);
  textExtension(out, 14, utf8(text.join('')));
}

function writeEncoding(out: ChunkWriter): void {
  textExtension(out, 20, utf8('UTF-8'));
}
