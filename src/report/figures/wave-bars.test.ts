import { describe, expect, it } from 'vitest';
import { waveBars } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';
import { waveBarsFigure, type WaveBarsInput } from './wave-bars.js';

describe('waveBarsFigure', () => {
  it('draws a bar per category and wave, whiskers where given and the change beside each pair', async () => {
    const figure = waveBarsFigure(waveBars);
    // 3 categories x 2 waves; intervals only on the first category.
    expect(figure.marks).toEqual({ bars: 6, values: 6, whiskers: 2, changes: 3 });
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(
      expect.arrayContaining(['Март 2022', 'Сентябрь 2022', 'Людям в целом', '46%', '61%']),
    );
    // 0.4649 -> 0.6051 is 14.02 points; 0.33 -> 0.23 is -10, with a true minus sign.
    expect(texts).toContain('+14\u00A0п.п.*');
    expect(texts).toContain('+7\u00A0п.п.*');
    expect(texts).toContain('\u221210\u00A0п.п.');
    // The notes under the figure are one text of several lines.
    expect(texts.join('\n')).toContain(
      '* изменение значимо при p < 0,05 Панельная выборка, n = 611;',
    );
  });

  it('writes English labels and points for an English report, at phone width', async () => {
    const figure = waveBarsFigure({
      lang: 'en',
      width: 320,
      note: 'Panel sample, n = 611; waves 1 and 2.',
      waves: ['March 2022', 'September 2022'],
      categories: [{ label: 'People in general', shares: [0.4649, 0.6051] }],
    });
    const { svg, texts } = await renderChecked(figure);
    expect(texts).toEqual(expect.arrayContaining(['March 2022', '46%', '61%', '+14\u00A0p.p.']));
    expect(svg).not.toMatch(/[А-яЁё]/);
    expect(Number(/width="(\d+)"/.exec(svg)![1])).toBeLessThanOrEqual(320);
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<WaveBarsInput>): string | undefined =>
      refusal(() => waveBarsFigure({ ...waveBars, ...change })).field;
    expect(bad({ categories: [] })).toBe('categories');
    expect(bad({ categories: [{ label: 'A', shares: [0.5, 1.2] }] })).toBe(
      'categories[0].shares[1]',
    );
    expect(
      bad({
        categories: [
          {
            label: 'A',
            shares: [0.5, 0.4],
            intervals: [
              [0.6, 0.7],
              [0.3, 0.5],
            ],
          },
        ],
      }),
    ).toBe('categories[0].intervals[0]');
    expect(bad({ significanceNote: undefined })).toBe('significanceNote');
    expect(bad({ waves: ['Март', 'Март'] })).toBe('waves[1]');
    expect(bad({ note: '' })).toBe('note');
    expect(bad({ width: 100 })).toBe('width');
  });
});
