import { describe, expect, it } from 'vitest';
import { groupComparisonFigure, type GroupComparisonInput } from './group-comparison.js';
import { groupComparison } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';

describe('groupComparisonFigure', () => {
  it('draws a bar per category and group, the groups with their sizes and the test under', async () => {
    const figure = groupComparisonFigure(groupComparison);
    expect(figure.marks).toEqual({ bars: 8, values: 8, whiskers: 0 });
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(
      expect.arrayContaining(['Вернулись (n = 98)', 'Остались за границей (n = 513)', '45%']),
    );
    expect(texts.join('\n')).toContain('χ²(3) = 21,4; p < 0,001 Панельная выборка');
  });

  it('compares means on their scale with a decimal comma, and intervals', async () => {
    const figure = groupComparisonFigure({
      ...groupComparison,
      measure: { kind: 'mean', min: 1, max: 5 },
      categories: [
        {
          label: 'Привязанность к России',
          values: [3.42, 3.15],
          intervals: [
            [3.2, 3.64],
            [3.05, 3.25],
          ],
        },
      ],
      test: 't = 2,9; p < 0,01',
    });
    expect(figure.marks).toEqual({ bars: 2, values: 2, whiskers: 2 });
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(expect.arrayContaining(['3,42', '3,15', '1', '5']));
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<GroupComparisonInput>): string | undefined =>
      refusal(() => groupComparisonFigure({ ...groupComparison, ...change })).field;
    expect(bad({ categories: [] })).toBe('categories');
    expect(bad({ test: ' ' })).toBe('test');
    expect(bad({ categories: [{ label: '1', values: [0.1] }] })).toBe('categories[0].values');
    expect(bad({ categories: [{ label: '1', values: [0.1, 1.1] }] })).toBe(
      'categories[0].values[1]',
    );
    expect(
      bad({
        measure: { kind: 'mean', min: 1, max: 5 },
        categories: [{ label: '1', values: [0.5, 3] }],
      }),
    ).toBe('categories[0].values[0]');
    expect(bad({ measure: { kind: 'mean', min: 5, max: 1 } })).toBe('measure');
    expect(bad({ groups: [{ label: 'A', n: 1.5 }, { label: 'B' }] })).toBe('groups[0].n');
  });
});
