import { describe, expect, it } from 'vitest';
import { ChunkWriter } from './chunk-writer.js';
import { CompressedElements, PlainElements, sysmis } from './elements.js';

function float(v: number): number[] {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setFloat64(0, v, true);
  return [...b];
}

const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

function bytesOf(write: (sink: CompressedElements | PlainElements) => void, compressed: boolean) {
  const out = new ChunkWriter(64);
  const sink = compressed ? new CompressedElements(out) : new PlainElements(out);
  write(sink);
  sink.finish();
  return [...Buffer.concat(out.end())];
}

// Expected bytes follow PSPP's "System File Format", Data Record, bias 100.
describe('sav data elements', () => {
  it('compresses whole numbers from -99 to 151 as one code byte each', () => {
    const got = bytesOf((s) => [0, 5, -99, 151, 1, -0].forEach((v) => s.number(v)), true);
    expect(got).toEqual([100, 105, 1, 251, 101, 100, 0, 0]);
  });

  it('writes code 253 and the raw value after the group for other numbers, 255 for missing', () => {
    const got = bytesOf(
      (s) => [152, -100, 0.5, NaN, Infinity, 7].forEach((v) => s.number(v)),
      true,
    );
    expect(got).toEqual([
      253,
      253,
      253,
      255,
      255,
      107,
      0,
      0,
      ...float(152),
      ...float(-100),
      ...float(0.5),
    ]);
  });

  it('starts a new group of codes after eight, raw values after the group they belong to', () => {
    const got = bytesOf((s) => [1, 2, 3, 4, 5, 6, 7, 1000, 2000].forEach((v) => s.number(v)), true);
    expect(got).toEqual([
      101,
      102,
      103,
      104,
      105,
      106,
      107,
      253,
      ...float(1000),
      253,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...float(2000),
    ]);
  });

  it('compresses eight spaces as 254 and writes other string bytes raw', () => {
    const text = ascii('abc             '); // 16 bytes: 'abc' + 5 spaces, then 8 spaces
    const got = bytesOf((s) => {
      s.string8(text, 0);
      s.string8(text, 8);
    }, true);
    expect(got).toEqual([253, 254, 0, 0, 0, 0, 0, 0, ...ascii('abc     ')]);
  });

  it('writes every element as 8 bytes uncompressed, missing as -DBL_MAX', () => {
    const got = bytesOf((s) => {
      s.number(3);
      s.number(NaN);
      s.string8(ascii('Tbilisi '), 0);
    }, false);
    expect(got).toEqual([...float(3), ...float(sysmis), ...ascii('Tbilisi ')]);
    expect(float(sysmis)).toEqual([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xef, 0xff]);
  });
});
