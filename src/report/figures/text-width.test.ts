import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { findFonts } from './fonts.js';
import { textWidth, wrapText } from './text-width.js';

describe('textWidth', () => {
  it('is within 10% of the width resvg draws with the machine font', () => {
    const fonts = findFonts();
    for (const text of [
      'Доверие среди российских эмигрантов',
      'We could not deny ourselves buying anything',
      'ЖИЗНЬ СТАЛА ЛУЧШЕ',
      '+14 п.п.*',
    ]) {
      const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="40">` +
        `<text x="0" y="20" font-family="${fonts.family}" font-size="12px">${text}</text></svg>`;
      const drawn = new Resvg(svg, {
        font: { loadSystemFonts: false, fontFiles: fonts.files, defaultFontFamily: fonts.family },
      }).getBBox()!.width;
      // Liberation Sans is what the estimate is made for; other fonts run wider.
      const slack = fonts.family === 'Liberation Sans' ? 0.1 : 0.25;
      expect(Math.abs(textWidth(text, 12) / drawn - 1), text).toBeLessThan(slack);
    }
  });
});

describe('wrapText', () => {
  it('breaks at spaces so that no line is wider than asked', () => {
    const lines = wrapText('Хватает на одежду, но не на технику', 100, 12);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Хватает на одежду, но не на технику');
    for (const line of lines) expect(textWidth(line, 12)).toBeLessThanOrEqual(100);
  });

  it('keeps explicit line breaks, breaks after hyphens and leaves a long word whole', () => {
    expect(wrapText('a\nb', 500, 12)).toEqual(['a', 'b']);
    expect(wrapText('социально-экономический', 90, 12)).toEqual(['социально-', 'экономический']);
    expect(wrapText('Превысокомногорассмотрительствующий', 50, 12)).toHaveLength(1);
  });
});
