import { describe, expect, it } from 'vitest';
import type { FigureSpec } from './figure.js';
import { renderSvg } from './render-svg.js';
import { sampleFigures } from './samples.test-helper.js';
import { expectSelfContained, parseSvg, renderChecked, svgSize } from './svg.test-helper.js';

describe('renderSvg', () => {
  it('draws every kind, at the default and at phone width, no wider than asked', async () => {
    for (const width of [640, 320]) {
      for (const [kind, figure] of Object.entries(sampleFigures(width))) {
        expect(figure.kind).toBe(kind);
        const { svg } = await renderChecked(figure);
        expect(svgSize(svg).width, kind).toBeLessThanOrEqual(width);
      }
    }
  });

  it('prefixes ids so that several figures can share a page', async () => {
    const figure = sampleFigures().heatmap!;
    const spec = figure.spec as { vconcat: Record<string, unknown>[] };
    // A clipped chart makes Vega write a clip path with an id and a reference to it.
    const clipped = {
      ...spec,
      vconcat: [{ ...spec.vconcat[0], layer: undefined, mark: { type: 'rect', clip: true } }],
    };
    const svg = await renderSvg(clipped as FigureSpec, { idPrefix: 'fig3' });
    parseSvg(svg);
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => id!.startsWith('fig3-'))).toBe(true);
    expectSelfContained(svg);
  });

  it('refuses a spec that would load data from elsewhere', async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: { url: 'https://example.org/data.csv' },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' } },
    } as FigureSpec;
    await expect(renderSvg(spec)).rejects.toThrow(/only the data inside its spec/);
  });

  it('stops at an error met while drawing rather than leaving the mark out', async () => {
    const spec = {
      $schema: 'https://vega.github.io/schema/vega/v6.json',
      data: [{ name: 'rows', values: [{ a: 1 }] }],
      marks: [
        {
          type: 'text',
          from: { data: 'rows' },
          encode: { enter: { text: { signal: 'datum.b.c' } } },
        },
      ],
    } as FigureSpec;
    await expect(renderSvg(spec)).rejects.toThrow(/^Vega could not draw the figure: /);
  });

  it('refuses a spec without a Vega or Vega-Lite schema, naming the field', async () => {
    await expect(renderSvg({ marks: [] } as FigureSpec)).rejects.toThrow(/^\$schema must name/);
  });
});
