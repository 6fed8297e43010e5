/**
 * Everything of a .dta file before <data> (`help dta` 5.1 to 5.9): the header, the map of
 * section offsets, and the descriptors. The map comes second in the file but records where every
 * later section starts, so the writer computes all section sizes first (rows have a fixed width,
 * strLs and value labels are known before any row is written) and never needs to seek back.
 */
import { Problem } from '../../problems/problem.js';
import { Bytes, utf8 } from './bytes.js';
import { labelBytes } from './text-limits.js';
import type { DtaVariable } from './variable.js';

const months = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');

/** "dd Mon yyyy hh:mm" in UTC, as <timestamp> records it (17 characters, years 1000-9999). */
export function stataTimestamp(at: Date): string {
  const year = at.getUTCFullYear();
  if (!(year >= 1000 && year <= 9999))
    throw new Problem(
      'input.invalid',
      `The time stamp ${Number.isNaN(at.getTime()) ? 'is not a valid date' : `has the year ${year}`}; a Stata file records a date of the years 1000 to 9999.`,
    );
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(at.getUTCDate())} ${months[at.getUTCMonth()]} ${year} ${two(at.getUTCHours())}:${two(at.getUTCMinutes())}`;
}

export interface HeaderInput {
  variables: readonly DtaVariable[];
  n: number;
  datasetLabel?: string;
  timestamp?: Date;
}

function header({ variables, n, datasetLabel, timestamp }: HeaderInput): Uint8Array {
  const label = labelBytes(datasetLabel);
  const stamp = timestamp ? utf8(stataTimestamp(timestamp)) : new Uint8Array(0);
  return new Bytes()
    .text('<stata_dta><header><release>118</release><byteorder>LSF</byteorder>')
    .text('<K>')
    .u16(variables.length)
    .text('</K><N>')
    .u64(n)
    .text('</N><label>')
    .u16(label.length)
    .raw(label)
    .text('</label><timestamp>')
    .u8(stamp.length)
    .raw(stamp)
    .text('</timestamp></header>')
    .done();
}

/** The descriptor sections, <variable_types> to <characteristics>, each on its own. */
function descriptors(variables: readonly DtaVariable[]): Uint8Array[] {
  const section = (tag: string, body: (b: Bytes) => void) => {
    const b = new Bytes().text(`<${tag}>`);
    body(b);
    return b.text(`</${tag}>`).done();
  };
  return [
    section('variable_types', (b) => variables.forEach((v) => b.u16(v.type))),
    section('varnames', (b) => variables.forEach((v) => b.fixed(utf8(v.name), 129))),
    // Not sorted: a zero ends the list at once; the K further entries are zeros too.
    section('sortlist', (b) => {
      for (let i = 0; i <= variables.length; i++) b.u16(0);
    }),
    section('formats', (b) => variables.forEach((v) => b.fixed(utf8(v.format), 57))),
    section('value_label_names', (b) => variables.forEach((v) => b.fixed(utf8(v.valueLabel), 129))),
    section('variable_labels', (b) => variables.forEach((v) => b.fixed(v.label, 321))),
    section('characteristics', () => {}),
  ];
}

/**
 * The bytes before <data>, given the sizes of what follows: the rows (<data> without its
 * tags), the GSOs (<strls> without its tags) and the whole <value_labels> section.
 */
export function fileHead(
  input: HeaderInput,
  sizes: { rows: number; gsos: number; valueLabels: number },
): Uint8Array[] {
  const head = header(input);
  const parts = descriptors(input.variables);
  const mapSize = '<map>'.length + 14 * 8 + '</map>'.length;
  const offsets: number[] = [0, head.length];
  let at = head.length + mapSize;
  for (const part of parts) {
    offsets.push(at);
    at += part.length;
  }
  const data = at;
  const strls = data + '<data>'.length + sizes.rows + '</data>'.length;
  const valueLabels = strls + '<strls>'.length + sizes.gsos + '</strls>'.length;
  const end = valueLabels + sizes.valueLabels;
  offsets.push(data, strls, valueLabels, end, end + '</stata_dta>'.length);
  const map = new Bytes().text('<map>');
  for (const offset of offsets) map.u64(offset);
  return [head, map.text('</map>').done(), ...parts];
}
