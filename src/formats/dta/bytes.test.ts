import { describe, expect, it } from 'vitest';
import { Bytes } from './bytes.js';

describe('Bytes', () => {
  it('keeps every number written as the buffer grows past its first size', () => {
    const b = new Bytes();
    // 255 bytes, then numbers that cross the first buffer's end (256 bytes).
    b.raw(new Uint8Array(255).fill(7));
    b.i32(-5)
      .u16(513)
      .u32(4_000_000_000)
      .u64(2 ** 40)
      .u8(9);
    const out = b.done();
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    expect(out.length).toBe(255 + 4 + 2 + 4 + 8 + 1);
    expect(view.getInt32(255, true)).toBe(-5);
    expect(view.getUint16(259, true)).toBe(513);
    expect(view.getUint32(261, true)).toBe(4_000_000_000);
    expect(Number(view.getBigUint64(265, true))).toBe(2 ** 40);
    expect(out[273]).toBe(9);
  });
});
