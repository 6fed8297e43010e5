import { describe, expect, it } from 'vitest';
import { labelBytes, truncatedUtf8 } from './text-limits.js';

const decode = (b: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(b);

describe('text limits', () => {
  it('keeps labels of up to 80 characters whole, Cyrillic included (160 bytes)', () => {
    const label = 'Ж'.repeat(80);
    expect(labelBytes(label).length).toBe(160);
    expect(decode(labelBytes(label))).toBe(label);
  });

  it('cuts a longer label after its 80th character, never inside one', () => {
    expect(decode(labelBytes('Ж'.repeat(81)))).toBe('Ж'.repeat(80));
    // An emoji is two UTF-16 units and four UTF-8 bytes: it counts as one character.
    const label = `${'a'.repeat(79)}😀b`;
    expect(decode(labelBytes(label))).toBe(`${'a'.repeat(79)}😀`);
  });

  it('cuts at a byte limit after a whole character', () => {
    expect(decode(truncatedUtf8('ЖЖЖ', 10, 5))).toBe('ЖЖ');
    expect(decode(truncatedUtf8('a😀', 10, 4))).toBe('a');
  });

  it('drops zero characters, which would end a Stata string', () => {
    expect(decode(labelBytes('a\0b'))).toBe('ab');
    expect(labelBytes(undefined).length).toBe(0);
  });
});
