// Missing-value encodings compared with the table in Stata's `help dta`, section 4 (LSF bytes).
import { describe, expect, it } from 'vitest';
import { missingLabelValue, NumericTypeChooser, setMissing, type NumericType } from './storage.js';

function missingBytes(type: NumericType, k: number, width: number): string {
  const bytes = new Uint8Array(width);
  setMissing(new DataView(bytes.buffer), 0, type, k);
  return Buffer.from(bytes).toString('hex');
}

function chosen(...values: number[]): NumericType {
  const chooser = new NumericTypeChooser();
  values.forEach((v) => chooser.see(v));
  return chooser.type();
}

describe('storage', () => {
  it('writes . .a .z as help dta lists them', () => {
    expect(missingBytes('double', 0, 8)).toBe('000000000000e07f');
    expect(missingBytes('double', 1, 8)).toBe('000000000001e07f');
    expect(missingBytes('double', 2, 8)).toBe('000000000002e07f');
    expect(missingBytes('double', 26, 8)).toBe('00000000001ae07f');
    expect(missingBytes('byte', 0, 1)).toBe('65');
    expect(missingBytes('byte', 26, 1)).toBe('7f');
    expect(missingBytes('int', 1, 2)).toBe('e67f');
    expect(missingBytes('long', 0, 4)).toBe('e5ffff7f');
    expect(missingBytes('long', 26, 4)).toBe('ffffff7f');
    expect(missingLabelValue(1)).toBe(2147483622);
  });

  it('chooses the smallest type that holds every value', () => {
    expect(chosen()).toBe('byte');
    expect(chosen(-127, 100)).toBe('byte');
    expect(chosen(101)).toBe('int');
    expect(chosen(-128)).toBe('int');
    expect(chosen(-32767, 32740)).toBe('int');
    expect(chosen(32741)).toBe('long');
    expect(chosen(-2147483647, 2147483620)).toBe('long');
    expect(chosen(2147483621)).toBe('double');
    expect(chosen(1, 0.5)).toBe('double');
  });
});
