/**
 * A little-endian byte builder for the parts of a .dta file that are not rows: tags, header,
 * descriptors, value labels and strL objects. Sizes are small (the metadata of K variables),
 * so it simply grows; rows are written by `rows.ts` into chunks of their own.
 */
const encoder = new TextEncoder();

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export class Bytes {
  private buffer = new Uint8Array(256);
  private view = new DataView(this.buffer.buffer);
  length = 0;

  private room(n: number): number {
    const at = this.length;
    if (at + n > this.buffer.length) {
      let size = this.buffer.length * 2;
      while (size < at + n) size *= 2;
      const bigger = new Uint8Array(size);
      bigger.set(this.buffer.subarray(0, at));
      this.buffer = bigger;
      this.view = new DataView(bigger.buffer);
    }
    this.length += n;
    return at;
  }

  /** ASCII or UTF-8 text as it is, without a terminator (tags, "GSO"). */
  text(s: string): this {
    return this.raw(utf8(s));
  }

  raw(bytes: Uint8Array): this {
    const at = this.room(bytes.length);
    this.buffer.set(bytes, at);
    return this;
  }

  u8(v: number): this {
    // The room first: growing the buffer replaces the view.
    const at = this.room(1);
    this.view.setUint8(at, v);
    return this;
  }

  u16(v: number): this {
    // The room first: growing the buffer replaces the view.
    const at = this.room(2);
    this.view.setUint16(at, v, true);
    return this;
  }

  i32(v: number): this {
    // The room first: growing the buffer replaces the view.
    const at = this.room(4);
    this.view.setInt32(at, v, true);
    return this;
  }

  u32(v: number): this {
    // The room first: growing the buffer replaces the view.
    const at = this.room(4);
    this.view.setUint32(at, v, true);
    return this;
  }

  u64(v: number): this {
    // The room first: growing the buffer replaces the view.
    const at = this.room(8);
    this.view.setBigUint64(at, BigInt(v), true);
    return this;
  }

  /** A field of `width` bytes: the bytes, then zeros (the terminator and the padding). */
  fixed(bytes: Uint8Array, width: number): this {
    if (bytes.length > width) throw new RangeError(`${bytes.length} bytes do not fit in ${width}`);
    const at = this.room(width);
    this.buffer.set(bytes, at);
    this.buffer.fill(0, at + bytes.length, at + width);
    return this;
  }

  /** A copy of what was written. */
  done(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
