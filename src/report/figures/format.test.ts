import { describe, expect, it } from 'vitest';
import { formatNumber, formatPercent, formatPointChange } from './format.js';

describe('number formats', () => {
  it('writes Russian numbers with a decimal comma and a non-breaking space between thousands', () => {
    expect(formatNumber(2176, 'ru')).toBe('2\u00A0176');
    expect(formatNumber(3.384, 'ru', 2)).toBe('3,38');
    expect(formatNumber(1680.5, 'ru', 1)).toBe('1\u00A0680,5');
    expect(formatNumber(-12, 'ru')).toBe('\u221212');
  });

  it('writes English numbers with a decimal point and a comma between thousands', () => {
    expect(formatNumber(2176, 'en')).toBe('2,176');
    expect(formatNumber(3.384, 'en', 2)).toBe('3.38');
    expect(formatNumber(-0.001, 'en', 2)).toBe('0.00');
  });

  it('writes shares as whole percentages, as the reference report does', () => {
    expect(formatPercent(0.4649, 'ru')).toBe('46%');
    expect(formatPercent(0.6051, 'en')).toBe('61%');
    expect(formatPercent(1, 'ru')).toBe('100%');
  });

  it('writes changes in signed percentage points from the unrounded shares', () => {
    expect(formatPointChange(0.5, 0.57, 'ru')).toBe('+7\u00A0п.п.');
    expect(formatPointChange(0.33, 0.23, 'en')).toBe('\u221210\u00A0p.p.');
    expect(formatPointChange(0.5, 0.502, 'en')).toBe('0\u00A0p.p.');
    // 46.49% -> 60.51%: 14 points, though the rounded shares (46%, 61%) differ by 15.
    expect(formatPointChange(0.4649, 0.6051, 'en')).toBe('+14\u00A0p.p.');
  });
});
