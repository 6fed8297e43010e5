import { describe, expect, it } from 'vitest';
import { flowFigure, type FlowInput } from './flow.js';
import { flow } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';

describe('flowFigure', () => {
  it('draws a band per flow, a bar and a label per category present on each side', async () => {
    const figure = flowFigure(flow);
    // 9 flows; 4 categories in March (nobody lacked money for food), 5 in September.
    expect(figure.marks).toEqual({ bands: 9, nodes: 9, node_labels: 9, headers: 2 });
    const { svg, texts } = await renderChecked(figure);
    expect(texts).toEqual(expect.arrayContaining(['Март 2022', 'Сентябрь 2022']));
    const all = texts.join('\n');
    // 300 of 611 panelists: 49%; thousands and shares written the Russian way.
    expect(all).toContain('Хватает на технику, но не на машину 49% (300)');
    expect(all).toContain('Не хватает на еду 1% (4)');
    expect(svg).toContain('aria-label="Хватает на технику, но не на машину → Хватает на одежду');
  });

  it('writes thousands with a non-breaking space in Russian and a comma in English', async () => {
    const big = (lang: 'ru' | 'en'): FlowInput => ({
      ...flow,
      lang,
      flows: [
        { from: flow.from.order[0]!, to: flow.to.order[0]!, count: 1200 },
        { from: flow.from.order[1]!, to: flow.to.order[0]!, count: 300 },
      ],
    });
    expect((await renderChecked(flowFigure(big('ru')))).texts.join('\n')).toContain(
      '80% (1\u00A0200)',
    );
    expect((await renderChecked(flowFigure(big('en')))).texts.join('\n')).toContain('80% (1,200)');
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<FlowInput>): string | undefined =>
      refusal(() => flowFigure({ ...flow, ...change })).field;
    expect(bad({ flows: [] })).toBe('flows');
    expect(bad({ flows: [{ from: 'Миллионеры', to: flow.to.order[0]!, count: 3 }] })).toBe(
      'flows[0].from',
    );
    expect(bad({ flows: [{ from: flow.from.order[0]!, to: flow.to.order[0]!, count: 2.5 }] })).toBe(
      'flows[0].count',
    );
    expect(bad({ flows: [{ from: flow.from.order[0]!, to: flow.to.order[0]!, count: 0 }] })).toBe(
      'flows',
    );
    expect(bad({ flows: [flow.flows[0]!, flow.flows[0]!] })).toBe('flows[1]');
    expect(bad({ to: { label: 'Сентябрь', order: [] } })).toBe('to.order');
  });
});
