import { describe, expect, it } from 'vitest';
import { categorical, divergingColors, okabeIto, ramp, textColorOn, tint } from './palette.js';

describe('palette', () => {
  it('uses the eight Okabe-Ito colours for categories', () => {
    expect([...categorical].sort()).toEqual(Object.values(okabeIto).sort());
  });

  it('mixes colours with white for ordered levels, lightest first', () => {
    expect(tint('#0072B2', 0)).toBe('#0072B2');
    expect(tint('#0072B2', 1)).toBe('#FFFFFF');
    const blues = ramp('#0072B2', 4);
    expect(blues).toHaveLength(4);
    expect(blues[3]).toBe('#0072B2');
  });

  it('gives a diverging scale vermillion below, blue above and grey in the middle', () => {
    const five = divergingColors(5, true);
    expect(five).toHaveLength(5);
    expect(five[0]).toBe(okabeIto.vermillion);
    expect(five[2]).toBe('#BDBDBD');
    expect(five[4]).toBe(okabeIto.blue);
    expect(divergingColors(4, false)).toHaveLength(4);
  });

  it('writes black on light fills and white on dark ones', () => {
    expect(textColorOn('#FFFFFF')).toBe('#000000');
    expect(textColorOn('#F0E442')).toBe('#000000');
    expect(textColorOn('#0072B2')).toBe('#FFFFFF');
  });
});
