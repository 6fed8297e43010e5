import { decode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { findFonts } from './fonts.js';
import { renderPng } from './render-png.js';
import { renderSvg } from './render-svg.js';
import { sampleFigures } from './samples.test-helper.js';
import { svgSize } from './svg.test-helper.js';
import { fontFamily } from './style.js';

/** Pixels darker than mid-grey in a rectangle of a decoded image. */
function darkPixels(png: Buffer, box = { x: 0, y: 0, width: Infinity, height: Infinity }): number {
  const image = decode(png);
  let dark = 0;
  for (let y = box.y; y < Math.min(image.height, box.y + box.height); y++) {
    for (let x = box.x; x < Math.min(image.width, box.x + box.width); x++) {
      const i = (y * image.width + x) * image.channels;
      const rgb = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!];
      if (rgb.every((c) => c < 128)) dark++;
    }
  }
  return dark;
}

const label = (text: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40">` +
  `<rect width="200" height="40" fill="#ffffff"/>` +
  `<text x="10" y="26" font-family="${fontFamily}" font-size="16px">${text}</text></svg>`;

describe('renderPng', () => {
  it('draws a figure at twice its size by default, as a PNG that decodes', async () => {
    const svg = await renderSvg(sampleFigures()['wave-bars']!.spec);
    const { width, height } = svgSize(svg);
    const png = renderPng(svg);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const image = decode(png);
    expect([image.width, image.height]).toEqual([2 * width, 2 * height]);
    expect(darkPixels(png)).toBeGreaterThan(1000);
    expect(decode(renderPng(svg, { scale: 1 })).width).toBe(width);
  });

  it('draws Cyrillic letters: a Russian label leaves ink where it stands', () => {
    const russian = renderPng(label('Доверие людям'), { scale: 1 });
    const inLabel = darkPixels(russian, { x: 10, y: 8, width: 180, height: 24 });
    const outside = darkPixels(russian, { x: 0, y: 30, width: 200, height: 10 });
    expect(inLabel).toBeGreaterThan(150);
    expect(outside).toBe(0);
    // As much ink as the same number of Latin letters, give or take: glyphs, not boxes.
    const latin = darkPixels(renderPng(label('Doverie lyudyam'), { scale: 1 }));
    expect(inLabel / latin).toBeGreaterThan(0.6);
    expect(inLabel / latin).toBeLessThan(1.6);
  });

  it('draws the Russian labels of a figure: removing one removes its ink', async () => {
    const figure = sampleFigures()['exclusion-flow']!;
    const svg = await renderSvg(figure.spec);
    const blank = svg.replace('Начали заполнять анкету', '');
    expect(blank).not.toBe(svg);
    const a = decode(renderPng(svg, { scale: 1 }));
    const b = decode(renderPng(blank, { scale: 1 }));
    let differing = 0;
    for (let i = 0; i < a.data.length; i++) if (a.data[i] !== b.data[i]) differing++;
    expect(differing).toBeGreaterThan(200);
  });

  it('refuses a scale it cannot draw, and font files that are not there', () => {
    expect(() => renderPng(label('x'), { scale: 0 })).toThrow(/^scale must be above 0/);
    expect(() =>
      renderPng(label('x'), { fonts: { family: 'Nope', files: ['/nonexistent/nope.ttf'] } }),
    ).toThrow('The font file /nonexistent/nope.ttf does not exist.');
  });
});

describe('findFonts', () => {
  it('finds a font with Cyrillic letters on this machine', () => {
    const fonts = findFonts();
    expect(['Liberation Sans', 'DejaVu Sans', 'Noto Sans']).toContain(fonts.family);
    expect(fonts.files.length).toBeGreaterThan(0);
  });

  it('says what to install when there is none', () => {
    expect(() => findFonts('/nonexistent')).toThrow(
      /^No font to draw PNG figures with: none of Liberation Sans, DejaVu Sans or Noto Sans is under \/nonexistent\. Install/,
    );
  });
});
