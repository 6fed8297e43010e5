import { describe, expect, it } from 'vitest';
import { distributionFigure, type DistributionInput } from './distribution.js';
import { distribution } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';

describe('distributionFigure', () => {
  it('draws a bar, a share and a whisker per answer, in the given order', async () => {
    const figure = distributionFigure(distribution);
    expect(figure.marks).toEqual({ bars: 4, values: 4, whiskers: 4 });
    const { texts } = await renderChecked(figure);
    const labels = texts.filter((t) => t.includes('интересуюсь'));
    expect(labels).toEqual([
      'Очень интересуюсь',
      'Скорее интересуюсь',
      'Скорее не интересуюсь',
      'Совсем не интересуюсь',
    ]);
    expect(texts).toEqual(expect.arrayContaining(['62%', '30%', '6%', '2%']));
  });

  it('draws no whiskers and no legend for bare shares', async () => {
    const figure = distributionFigure({
      ...distribution,
      categories: distribution.categories.map(({ label, share }) => ({ label, share })),
    });
    expect(figure.marks.whiskers).toBe(0);
    const { svg } = await renderChecked(figure);
    expect(svg).not.toContain('role-legend');
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<DistributionInput>): string | undefined =>
      refusal(() => distributionFigure({ ...distribution, ...change })).field;
    expect(bad({ categories: [] })).toBe('categories');
    expect(bad({ categories: [{ label: 'A', share: 2 }] })).toBe('categories[0].share');
    expect(bad({ categories: [{ label: 'A', share: 0.5, interval: [0.6, 0.7] }] })).toBe(
      'categories[0].interval',
    );
    expect(bad({ categories: [{ label: '', share: 0.5 }] })).toBe('categories[].label[0]');
    expect(bad({ lang: 'de' as 'en' })).toBe('lang');
  });
});
