import { describe, expect, it } from 'vitest';
import { formatCode, numberFormat } from './formats.js';

describe('sav number formats', () => {
  it('codes type, width and decimals a byte each, type highest', () => {
    // PSPP, "System File Format", Variable Record: F is type 5, A type 1.
    expect(formatCode({ type: 'F', width: 8, decimals: 2 })).toBe(0x050802);
    expect(formatCode({ type: 'A', width: 255, decimals: 0 })).toBe(0x01ff00);
  });

  it('is wide enough for the values and codes, with the decimals they need up to 4', () => {
    expect(numberFormat([1, 2, NaN], [99])).toEqual({ type: 'F', width: 8, decimals: 0 });
    expect(numberFormat([1234567.5, -3.25], [])).toEqual({ type: 'F', width: 10, decimals: 2 });
    expect(numberFormat([-123456789], [])).toEqual({ type: 'F', width: 10, decimals: 0 });
    expect(numberFormat([1 / 3], [])).toEqual({ type: 'F', width: 8, decimals: 4 });
    expect(numberFormat([1e300, Infinity], [])).toEqual({ type: 'F', width: 40, decimals: 0 });
    expect(numberFormat([], [])).toEqual({ type: 'F', width: 8, decimals: 0 });
  });
});
