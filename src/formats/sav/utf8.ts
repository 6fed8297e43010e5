/** UTF-8 bytes of strings, cut only between characters. */
const encoder = new TextEncoder();

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

export function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** The longest start of `s` that takes at most `max` bytes, never splitting a character. */
export function truncateUtf8(s: string, max: number): string {
  if (utf8Length(s) <= max) return s;
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const n = utf8Length(ch);
    if (bytes + n > max) break;
    bytes += n;
    end += ch.length;
  }
  return s.slice(0, end);
}

/** `s` in exactly `size` bytes: cut between characters, then padded with `pad` bytes. */
export function fixedUtf8(s: string, size: number, pad = 0x20): Uint8Array {
  const out = new Uint8Array(size).fill(pad);
  out.set(utf8(truncateUtf8(s, size)));
  return out;
}
