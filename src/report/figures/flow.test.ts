import { describe, expect, it } from 'vitest';
import type { Spec as VegaSpec } from 'vega';
import type { Figure } from './figure.js';
import { flowFigure, type FlowInput, type FlowStagesInput } from './flow.js';
import { flow, flowStages } from './samples.test-helper.js';
import { fontSize } from './style.js';
import { countMarks, refusal, renderChecked, svgSize } from './svg.test-helper.js';
import { textWidth } from './text-width.js';

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

const english: Record<string, string> = {
  'Не хватает на еду': 'Not enough for food',
  'Хватает на еду, но не на одежду': 'Enough for food, not for clothes',
  'Хватает на одежду, но не на технику': 'Enough for clothes, not for appliances',
  'Хватает на технику, но не на машину': 'Enough for appliances, not for a car',
  'Ни в чём себе не отказываем': 'Can afford anything',
  'До отъезда': 'Before leaving',
  'Март 2022': 'March 2022',
  'Сентябрь 2022': 'September 2022',
};

/** The three-stage sample in English, with counts ten times as large. */
function inEnglish(width?: number): FlowStagesInput {
  return {
    lang: 'en',
    note: 'Panel sample, n = 6,110; waves 1 (March 2022) and 2 (September 2022).',
    ...(width === undefined ? {} : { width }),
    stages: flowStages.stages.map((s) => ({
      label: english[s.label]!,
      order: s.order.map((c) => english[c]!),
    })),
    links: flowStages.links.map((flows) =>
      flows.map((f) => ({ from: english[f.from]!, to: english[f.to]!, count: f.count * 10 })),
    ),
  };
}

/** The rows of one of the spec's data sets. */
function values(figure: Figure, name: string): Record<string, unknown>[] {
  const data = (figure.spec as VegaSpec).data!;
  return (data.find((d) => d.name === name) as { values: Record<string, unknown>[] }).values;
}

/** The labels of columns between the first and the last, with their x and the next column's. */
function middleLabels(figure: Figure): { lines: string[]; x: number; next: number }[] {
  const columns = [...new Set(values(figure, 'nodes-data').map((n) => n['x'] as number))].sort(
    (a, b) => a - b,
  );
  return values(figure, 'labels-data')
    .map((l) => ({
      lines: l['lines'] as string[],
      x: l['x'] as number,
      next: columns.find((c) => c > (l['x'] as number)) ?? Infinity,
    }))
    .filter((l) => l.x > columns[0]! && l.x < columns.at(-1)!);
}

describe('flowFigure labels and colours', () => {
  it('widens the label columns for a long word at phone width, and breaks a longer one', async () => {
    const order = ['Международная компания', 'Фриланс', 'Сверхдлиннаянеразрывнаякатегория'];
    const figure = flowFigure({
      ...flow,
      width: 320,
      from: { label: 'Март', order },
      to: { label: 'Сентябрь', order },
      flows: order.map((c) => ({ from: c, to: c, count: 10 })),
    });
    const { svg, texts } = await renderChecked(figure);
    expect(svgSize(svg).width).toBeLessThanOrEqual(320);
    expect(texts).toContain('Международная компания 33% (10)');
    const broken = texts.find((t) => t.startsWith('Сверх'))!;
    expect(broken).toMatch(/^Сверх\S+- /);
    expect(broken.replace(/- /g, '')).toBe('Сверхдлиннаянеразрывнаякатегория 33% (10)');
  });

  it('gives categories after the eighth greys, unlike the eight colours', () => {
    const order = Array.from({ length: 10 }, (_, i) => `Категория ${i + 1}`);
    const figure = flowFigure({
      ...flow,
      from: { label: 'Март', order },
      to: { label: 'Сентябрь', order },
      flows: order.map((c) => ({ from: c, to: c, count: 1 })),
    });
    const colors = values(figure, 'nodes-data')
      .filter((n) => n['stage'] === 0)
      .map((n) => n['color']);
    expect(new Set(colors).size).toBe(10);
    expect(colors.slice(8)).toEqual(['#999999', '#5E5E5E']);
  });
});

describe('flowFigure with more than two stages', () => {
  it('draws a column per stage, a band per link with a count, in Russian', async () => {
    const figure = flowFigure(flowStages);
    // Bands: 8 links before → March with a count (one is 0), 9 March → September. Nodes:
    // 3 categories present before leaving, 4 in March, 5 in September; the 4 in March are
    // labelled in the bands, on a white backing.
    expect(figure.marks).toEqual({
      bands: 17,
      nodes: 12,
      node_labels: 12,
      headers: 3,
      label_backs: 4,
    });
    const { svg, texts } = await renderChecked(figure);
    expect(countMarks(svg)).toEqual({ ...figure.marks, notes: 1 });
    expect(texts.slice(-4, -1)).toEqual(['До отъезда', 'Март 2022', 'Сентябрь 2022']);
    const all = texts.join('\n');
    expect(all).toContain('Ни в чём себе не отказываем 58% (357)');
    expect(all).toContain('Ни в чём себе не отказываем 17% (105)');
    // March is named by the first and the last column: its labels give the share and count.
    expect(texts).toContain('49% (300)');
    expect(texts).toContain('4% (24)');
    expect(svg).toContain(
      'aria-label="Хватает на технику, но не на машину → Хватает на одежду, но не на технику: 120 (Март 2022 → Сентябрь 2022)"',
    );
    expect(svg).toContain('aria-label="Хватает на еду, но не на одежду: 24 (Март 2022)"');
  });

  it('keeps labels inside the figure and the middle ones between the columns, in English', async () => {
    for (const width of [640, 320]) {
      const figure = flowFigure(inEnglish(width));
      const { svg, texts } = await renderChecked(figure);
      expect(svgSize(svg).width, `${width}`).toBeLessThanOrEqual(width);
      expect(texts).toContain('Can afford anything 58% (3,570)');
      for (const l of middleLabels(figure)) {
        const widest = Math.max(...l.lines.map((t) => textWidth(t, fontSize)));
        expect(l.x + widest, `${width}: ${l.lines.join(' ')}`).toBeLessThan(l.next);
      }
      // At phone width the middle column has room for the share alone.
      expect(texts).toContain(width === 640 ? '49% (3,000)' : '49%');
    }
  });

  it('names a middle category that neither the first nor the last column draws', async () => {
    const s = flowStages;
    const input: FlowStagesInput = {
      ...s,
      width: 320,
      stages: [
        s.stages[0]!,
        { label: 'Март', order: [...s.stages[1]!.order, 'Учёба'] },
        s.stages[2]!,
      ],
      links: [
        [...s.links[0]!, { from: s.stages[0]!.order[4]!, to: 'Учёба', count: 10 }],
        [...s.links[1]!, { from: 'Учёба', to: s.stages[2]!.order[4]!, count: 10 }],
      ],
    };
    const figure = flowFigure(input);
    expect(figure.marks).toMatchObject({ bands: 19, nodes: 13, label_backs: 5 });
    const { svg, texts } = await renderChecked(figure);
    expect(svgSize(svg).width).toBeLessThanOrEqual(320);
    expect(texts).toContain('Учёба 2%');
    expect(texts).toContain('48%');
  });

  it('draws four stages at phone width no wider than asked', async () => {
    const s = flowStages;
    const figure = flowFigure({
      ...s,
      width: 320,
      stages: [...s.stages, { label: 'Март 2023', order: s.stages[2]!.order }],
      links: [
        ...s.links,
        s.stages[2]!.order.map((c) => ({
          from: c,
          to: c,
          count: s.links[1]!.filter((f) => f.to === c).reduce((n, f) => n + f.count, 0),
        })),
      ],
    });
    expect(figure.marks).toEqual({
      bands: 22,
      nodes: 17,
      node_labels: 17,
      headers: 4,
      label_backs: 9,
    });
    const { svg } = await renderChecked(figure);
    expect(svgSize(svg).width).toBeLessThanOrEqual(320);
    // The two middle headers do not fit side by side: the second goes a row lower.
    const headers = values(figure, 'headers-data').map((h) => {
      const lines = typeof h['text'] === 'string' ? [h['text']] : (h['text'] as string[]);
      const w = Math.max(...lines.map((l) => textWidth(l, fontSize, true)));
      const x = h['x'] as number;
      const x0 = h['align'] === 'right' ? x - w : h['align'] === 'center' ? x - w / 2 : x;
      const y0 = h['y'] as number;
      return { x0, x1: x0 + w, y0, y1: y0 + lines.length * 15 };
    });
    expect(headers[2]!.y0).toBeGreaterThan(headers[1]!.y0);
    headers.forEach((a, i) =>
      headers.slice(i + 1).forEach((b, j) => {
        const apart = a.x1 <= b.x0 || b.x1 <= a.x0 || a.y1 <= b.y0 || b.y1 <= a.y0;
        expect(apart, `headers ${i} and ${i + j + 1}`).toBe(true);
      }),
    );
  });

  it('refuses links that do not fit the stages, naming the field', () => {
    const bad = (change: Partial<FlowStagesInput>): { field?: string; message: string } =>
      refusal(() => flowFigure({ ...flowStages, ...change }));
    const [before, march, september] = flowStages.stages as [
      FlowStagesInput['stages'][number],
      FlowStagesInput['stages'][number],
      FlowStagesInput['stages'][number],
    ];
    const [first, second] = flowStages.links as [FlowInput['flows'], FlowInput['flows']];
    expect(bad({ stages: [before] }).field).toBe('stages');
    expect(bad({ links: [first] }).message).toBe(
      'links must hold 2 lists, one per pair of consecutive stages, not 1.',
    );
    expect(bad({ stages: [before, march, { ...september, order: [] }] }).field).toBe(
      'stages[2].order',
    );
    expect(bad({ stages: [before, { ...march, label: ' ' }, september] }).field).toBe(
      'stages[1].label',
    );
    const moved = second.map((f, i) => (i === 3 ? { ...f, from: 'Миллионеры' } : f));
    expect(bad({ links: [first, moved] }).message).toBe(
      "links[1][3].from is 'Миллионеры', which is not listed in stages[1].order.",
    );
    const half = first.map((f, i) => (i === 1 ? { ...f, count: 2.5 } : f));
    expect(bad({ links: [half, second] }).field).toBe('links[0][1].count');
    expect(bad({ links: [first, [...second, second[0]!]] }).field).toBe('links[1][9]');
    expect(bad({ links: [first, []] }).field).toBe('links[1]');
    expect(bad({ links: [first, second.map((f) => ({ ...f, count: 0 }))] }).message).toBe(
      'links[1] must count at least one panelist.',
    );
    // One more person reaches a March category than leaves it.
    const more = first.map((f, i) => (i === 5 ? { ...f, count: f.count + 1 } : f));
    expect(bad({ links: [more, second] }).message).toBe(
      "links[1] counts 300 leaving 'Хватает на технику, но не на машину' in stages[1], but " +
        'links[0] counts 301 reaching it: the bands into a stage and out of it must count the ' +
        'same people.',
    );
  });
});
