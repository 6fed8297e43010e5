import { describe, expect, it } from 'vitest';
import { scaleBarsFigure, type ScaleBarsInput } from './scale-bars.js';
import { scaleBars } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';

describe('scaleBarsFigure', () => {
  it('diverges around the neutral level: a segment per item and level, shares in the wide ones', async () => {
    const figure = scaleBarsFigure(scaleBars);
    // 2 items x 5 levels; the 3% to 9% segments are too narrow to hold their share.
    expect(figure.marks.segments).toBe(10);
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(
      expect.arrayContaining(['Намного хуже', 'Так же', 'Март 2022', '51%', '55%', '25%']),
    );
    // The axis reads distances from the centre: no negative percentages.
    expect(texts.filter((t) => /^\u2212|^-/.test(t))).toEqual([]);
  });

  it('puts the neutral level half on each side of zero', () => {
    const figure = scaleBarsFigure({
      ...scaleBars,
      items: [{ label: 'A', shares: [0.1, 0.2, 0.4, 0.2, 0.1] }],
    });
    const layer = (figure.spec as { vconcat: { data: { values: { x0: number; x1: number }[] } }[] })
      .vconcat[0]!.data.values;
    expect(layer.map((s) => [s.x0, s.x1].map((v) => Math.round(v * 100) / 100))).toEqual([
      [-0.5, -0.4],
      [-0.4, -0.2],
      [-0.2, 0.2],
      [0.2, 0.4],
      [0.4, 0.5],
    ]);
  });

  it('stacks an even scale from the left, in English', async () => {
    const figure = scaleBarsFigure({
      lang: 'en',
      note: 'Combined sample, n = 2,176; wave 2.',
      layout: 'stacked',
      levels: ['Not at all', 'Rather not', 'Rather yes', 'Very'],
      items: [
        { label: 'Russian politics', shares: [0.02, 0.06, 0.3, 0.62] },
        { label: 'Local politics', shares: [0.14, 0.25, 0.4, 0.21] },
      ],
    });
    expect(figure.marks.segments).toBe(8);
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(expect.arrayContaining(['Russian politics', 'Very', '62%', '40%']));
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<ScaleBarsInput>): string | undefined =>
      refusal(() => scaleBarsFigure({ ...scaleBars, ...change })).field;
    expect(bad({ items: [] })).toBe('items');
    expect(bad({ items: [{ label: 'A', shares: [0.1, 0.2, 0.3] }] })).toBe('items[0].shares');
    expect(bad({ items: [{ label: 'A', shares: [0.1, 0.2, 0.3, 0.3, 0.3] }] })).toBe(
      'items[0].shares',
    );
    expect(bad({ items: [{ label: 'A', shares: [0.1, -0.2, 0.3, 0.3, 0.3] }] })).toBe(
      'items[0].shares[1]',
    );
    expect(bad({ neutral: 'Нейтрально' })).toBe('neutral');
    expect(bad({ neutral: 'Намного хуже' })).toBe('neutral');
    expect(bad({ neutral: undefined })).toBe('neutral');
    expect(bad({ layout: 'pie' as 'stacked' })).toBe('layout');
  });
});
