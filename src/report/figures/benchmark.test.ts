import { describe, expect, it } from 'vitest';
import { benchmarkFigure, type BenchmarkInput } from './benchmark.js';
import { benchmark } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';

describe('benchmarkFigure', () => {
  it("draws the sample's value beside the benchmark's for each item, and the source under", async () => {
    const figure = benchmarkFigure(benchmark);
    expect(figure.marks).toEqual({ bars: 6, values: 6, whiskers: 3 });
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(
      expect.arrayContaining(['Эмигранты, 2022', 'Россия, 2012', 'Подавленность', '39%', '14%']),
    );
    expect(texts.join('\n')).toContain(
      'Источник (Россия, 2012): European Social Survey, 6-я волна (2012)',
    );
  });

  it('compares a mean with its benchmark in English', async () => {
    const figure = benchmarkFigure({
      lang: 'en',
      note: 'Combined sample, n = 2,176; wave 2 (September 2022).',
      measure: { kind: 'mean', min: 1, max: 5 },
      sample: 'Emigrants, 2022',
      benchmark: { label: 'Russia, 2020', source: 'RLMS-HSE 2020' },
      items: [{ label: 'Life satisfaction', value: 3.38, benchmark: 3.34 }],
    });
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(expect.arrayContaining(['3.38', '3.34', 'Russia, 2020']));
    expect(texts.join('\n')).toContain('Source (Russia, 2020): RLMS-HSE 2020');
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<BenchmarkInput>): string | undefined =>
      refusal(() => benchmarkFigure({ ...benchmark, ...change })).field;
    const item = benchmark.items[0]!;
    expect(bad({ items: [] })).toBe('items');
    expect(bad({ items: [{ ...item, benchmark: 14 }] })).toBe('items[0].benchmark');
    expect(bad({ benchmark: { label: 'Россия, 2012', source: '' } })).toBe('benchmark.source');
    expect(bad({ measure: { kind: 'median' } as never })).toBe('measure.kind');
  });
});
