import { describe, expect, it } from 'vitest';
import { drawFigure, type FigureContext } from './figure-inputs.js';
import type { FindingResult } from './findings.js';
import type { Figure as FigureSpec } from './spec.js';

const ctx: FigureContext = {
  lang: 'en',
  waves: ['wave-1', 'wave-2'],
  waveLabel: (w) => (w === 'wave-1' ? 'March 2022' : 'September 2022'),
  sampleLabel: (s) => s,
  flows: [],
  timeline: [],
  labels: { food: { en: 'Not enough for food' } },
};

const categories = (counts: number[]) =>
  ['food', 'clothes', 'car'].slice(0, counts.length).map((name, j) => ({
    name,
    label: { en: name === 'car' ? 'Could not buy a car' : 'Clothes hard to buy' },
    count: counts[j]!,
  }));

/** A flow over three stages as findings.ts computes it; nobody was in 'car' in March. */
const income: FindingResult = {
  kind: 'flow',
  sample: 'panel',
  n: 10,
  stages: [
    {
      variable: 'income_before',
      wave: 'wave-1',
      title: { en: 'Before leaving' },
      categories: categories([3, 7]),
    },
    { variable: 'income_now', wave: 'wave-1', categories: categories([6, 4, 0]) },
    { variable: 'income_now', wave: 'wave-2', categories: categories([5, 3, 2]) },
  ],
  links: [
    [
      [3, 0, 0],
      [3, 4, 0],
    ],
    [
      [5, 0, 1],
      [0, 3, 1],
      [0, 0, 0],
    ],
  ],
  table: [
    [3, 0, 0],
    [2, 3, 2],
  ],
};

const spec = (kind: 'flow' | 'heatmap'): FigureSpec => ({
  id: 'income',
  kind,
  title: { en: 'Income' },
  findings: ['income_flow'],
});

describe('the flow figure of a flow finding', () => {
  it('draws every stage, and a row per link with a count naming both stages', () => {
    const { figure, rows } = drawFigure(spec('flow'), [income], 'Panel sample, n = 10.', ctx);
    // Nodes: 2 categories before leaving, 2 in March (car is empty), 3 in September.
    expect(figure.marks).toEqual({
      bands: 7,
      nodes: 7,
      node_labels: 7,
      headers: 3,
      label_backs: 2,
    });
    const data = (figure.spec as { data: { name: string; values: Record<string, unknown>[] }[] })
      .data;
    const headers = data.find((d) => d.name === 'headers-data')!.values.map((h) => h['text']);
    expect(headers).toEqual(['Before leaving', 'March 2022', 'September 2022']);
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      from_stage: 'income_before@wave-1',
      from: 'food',
      to_stage: 'income_now@wave-1',
      to: 'food',
      count: 3,
    });
    expect(rows.at(-1)).toEqual({
      from_stage: 'income_now@wave-1',
      from: 'clothes',
      to_stage: 'income_now@wave-2',
      to: 'car',
      count: 1,
    });
  });

  it('keeps the heatmap on the counts from the first stage to the last', () => {
    const { figure, rows } = drawFigure(spec('heatmap'), [income], 'Panel sample, n = 10.', ctx);
    expect(figure.kind).toBe('heatmap');
    expect(rows).toHaveLength(6);
    expect(rows[4]).toEqual({ row: 'clothes', column: 'clothes', count: 3, row_share: 3 / 7 });
  });
});
