import { describe, expect, it } from 'vitest';
import { count, decimal, percent, percentagePoints, pValue, significant } from './format.js';

const nb = '\u00a0';

describe('numbers in the report language', () => {
  it('writes percentages, points and counts as the reference report does', () => {
    expect(percent(0.4583, 'en')).toBe('46%');
    expect(percent(0.4583, 'ru', 1)).toBe('45,8%');
    expect(percentagePoints(0.1517, 'en')).toBe(`+15${nb}p.p.`);
    expect(percentagePoints(-0.1, 'ru')).toBe(`\u221210${nb}п.п.`);
    expect(percentagePoints(0.001, 'en')).toBe(`0${nb}p.p.`);
    expect(count(2176, 'en')).toBe('2,176');
    expect(count(2176, 'ru')).toBe(`2${nb}176`);
    expect(decimal(3.148, 2, 'ru')).toBe('3,15');
  });

  it('writes p-values with the bounds the reference report uses', () => {
    expect(pValue(0.0002, 'en')).toBe(`p${nb}<${nb}0.001`);
    expect(pValue(0.004, 'ru')).toBe(`p${nb}<${nb}0,01`);
    expect(pValue(0.034, 'en')).toBe(`p${nb}=${nb}0.034`);
    expect(pValue(0.41, 'en')).toBe(`p${nb}=${nb}0.41`);
    expect(significant(0.04, 'en')).toBe('statistically significant');
    expect(significant(0.06, 'ru')).toBe('статистически незначимо');
  });
});
