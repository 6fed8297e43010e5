import { describe, expect, it } from 'vitest';
import { exclusionFlowFigure, type ExclusionFlowInput } from './exclusion-flow.js';
import { exclusionFlow } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';

describe('exclusionFlowFigure', () => {
  it('draws a box per step and for what remains, a side box per step and the arrows', async () => {
    const figure = exclusionFlowFigure(exclusionFlow);
    expect(figure.marks).toEqual({
      steps: 4,
      steps_texts: 4,
      exclusions: 3,
      exclusions_texts: 3,
      arrows: 6,
    });
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Начали заполнять анкету n = 2\u00A0400',
        'Исключены: 420 Уехали до 24 февраля 2022: 300 Живут в России: 120',
        'В анализе n = 1\u00A0680',
      ]),
    );
  });

  it('wraps long labels inside the boxes at phone width, in English', async () => {
    const figure = exclusionFlowFigure({
      lang: 'en',
      width: 320,
      note: 'Wave 1 (March 2022).',
      steps: [
        {
          label: 'Left Russia after 24 February 2022 and answered at least half of the questions',
          entering: 1200,
          leaving: 0,
          reasons: [],
        },
      ],
      remaining: 'Analysed',
    });
    const { texts } = await renderChecked(figure);
    expect(texts).toContain('Excluded: 0');
    expect(texts).toContain('Analysed n = 1,200');
  });

  it('refuses a flow that does not add up, naming the field', () => {
    const bad = (change: Partial<ExclusionFlowInput>): string | undefined =>
      refusal(() => exclusionFlowFigure({ ...exclusionFlow, ...change })).field;
    const [first, second] = exclusionFlow.steps;
    expect(bad({ steps: [] })).toBe('steps');
    expect(bad({ steps: [first!, { ...second!, entering: 1990 }] })).toBe('steps[1].entering');
    expect(bad({ steps: [{ ...first!, leaving: 3000 }] })).toBe('steps[0].leaving');
    expect(bad({ steps: [{ ...first!, reasons: [{ label: 'x', count: 1 }] }] })).toBe(
      'steps[0].reasons',
    );
    expect(bad({ remaining: '' })).toBe('remaining');
  });
});
