/**
 * The data record: each case as 8-byte elements, either as they are or with bytecode compression
 * (PSPP, "System File Format": Data Record). Compressed, each group of eight command bytes is
 * followed by the elements its 253 codes stand for:
 *   1..251  the whole number code - bias (bias 100: -99..151)
 *   253     the element follows uncompressed
 *   254     eight spaces
 *   255     the system-missing value
 *   0       nothing (pads the last group)
 */
import type { ChunkWriter } from './chunk-writer.js';

/** The system-missing value, -DBL_MAX. */
export const sysmis = -Number.MAX_VALUE;
export const bias = 100;

export interface ElementSink {
  /** A number: NaN and infinities are system-missing. */
  number(v: number): void;
  /** Eight bytes of string data at `bytes[at]`. */
  string8(bytes: Uint8Array, at: number): void;
  /** After the last case. */
  finish(): void;
}

export class PlainElements implements ElementSink {
  constructor(private readonly out: ChunkWriter) {}

  number(v: number): void {
    this.out.float64(Number.isFinite(v) ? v : sysmis);
  }

  string8(bytes: Uint8Array, at: number): void {
    this.out.bytes(bytes, at, at + 8);
  }

  finish(): void {}
}

const codeRaw = 253;
const codeSpaces = 254;
const codeSysmis = 255;

export class CompressedElements implements ElementSink {
  private readonly codes = new Uint8Array(8);
  private count = 0;
  private readonly raw = new Uint8Array(64);
  private readonly rawView = new DataView(this.raw.buffer);
  private rawLength = 0;

  constructor(private readonly out: ChunkWriter) {}

  number(v: number): void {
    if (!Number.isFinite(v)) return this.code(codeSysmis);
    if (Number.isInteger(v) && v >= 1 - bias && v <= 251 - bias) return this.code(v + bias);
    this.rawView.setFloat64(this.rawLength, v, true);
    this.rawLength += 8;
    this.code(codeRaw);
  }

  string8(bytes: Uint8Array, at: number): void {
    let spaces = true;
    for (let k = at; k < at + 8; k++) if (bytes[k] !== 0x20) spaces = false;
    if (spaces) return this.code(codeSpaces);
    this.raw.set(bytes.subarray(at, at + 8), this.rawLength);
    this.rawLength += 8;
    this.code(codeRaw);
  }

  private code(c: number): void {
    this.codes[this.count++] = c;
    if (this.count === 8) this.flush();
  }

  private flush(): void {
    this.out.bytes(this.codes);
    this.out.bytes(this.raw, 0, this.rawLength);
    this.codes.fill(0);
    this.count = 0;
    this.rawLength = 0;
  }

  finish(): void {
    if (this.count > 0) this.flush();
  }
}
