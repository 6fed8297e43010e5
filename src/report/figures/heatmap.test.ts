import { describe, expect, it } from 'vitest';
import { heatmapFigure, type HeatmapInput } from './heatmap.js';
import { heatmap } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';

describe('heatmapFigure', () => {
  it('draws every cell of the matrix and writes share and count in the non-empty ones', async () => {
    const figure = heatmapFigure(heatmap);
    expect(figure.marks).toEqual({ cells: 16, cell_texts: 8 });
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(
      expect.arrayContaining(['Март 2022', 'Сентябрь 2022', 'Фриланс', '60% (120)', '100% (80)']),
    );
    expect(texts).toContain('Международная компания');
  });

  it('writes only the share when cells are narrow (phone width)', async () => {
    const figure = heatmapFigure({ ...heatmap, width: 280 });
    const { texts } = await renderChecked(figure);
    expect(texts).toContain('60%');
    expect(texts).not.toContain('60% (120)');
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<HeatmapInput>): string | undefined =>
      refusal(() => heatmapFigure({ ...heatmap, ...change })).field;
    const cell = heatmap.cells[0]!;
    expect(bad({ cells: [] })).toBe('cells');
    expect(bad({ cells: [{ ...cell, column: 'Пенсия' }] })).toBe('cells[0].column');
    expect(bad({ cells: [{ ...cell, share: 1.5 }] })).toBe('cells[0].share');
    expect(bad({ cells: [{ ...cell, count: -1 }] })).toBe('cells[0].count');
    expect(bad({ cells: [cell, cell] })).toBe('cells[1]');
    // A row whose shares do not add up to 1.
    expect(bad({ cells: [{ ...cell, share: 0.5 }] })).toBe('cells');
    expect(bad({ rows: { title: 'Март', order: ['A', 'A'] } })).toBe('rows.order[1]');
  });
});
