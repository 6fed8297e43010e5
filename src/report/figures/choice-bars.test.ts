import { describe, expect, it } from 'vitest';
import { choiceBarsFigure, type ChoiceBarsInput } from './choice-bars.js';
import { choiceBars } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';

describe('choiceBarsFigure', () => {
  it('sorts options by share, keeps "Other" last and says what the shares add up to', async () => {
    const figure = choiceBarsFigure(choiceBars);
    expect(figure.marks).toEqual({ bars: 5, values: 5, whiskers: 0 });
    const { texts } = await renderChecked(figure);
    const options = choiceBars.options.map((o) => o.label);
    expect(texts.filter((t) => options.includes(t))).toEqual([
      'Дела: квартира, документы, виза',
      'Не понравилось в новой стране',
      'Финансовые трудности',
      'Языковой барьер',
      'Другое',
    ]);
    // 0.30 + 0.26 + 0.66 + 0.20 + 0.06 = 1.48
    expect(texts.join('\n')).toContain('Можно было выбрать несколько ответов: сумма долей — 148%.');
  });

  it('says it in English for an English report', async () => {
    const figure = choiceBarsFigure({
      lang: 'en',
      note: 'Returnees, n = 98; wave 2.',
      options: [
        { label: 'Documents', share: 0.66 },
        { label: 'Did not like it', share: 0.26 },
      ],
    });
    const { texts } = await renderChecked(figure);
    expect(texts.join('\n')).toContain(
      'Several answers could be chosen: the shares add up to 92%.',
    );
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<ChoiceBarsInput>): string | undefined =>
      refusal(() => choiceBarsFigure({ ...choiceBars, ...change })).field;
    expect(bad({ options: [] })).toBe('options');
    expect(bad({ last: ['Прочее'] })).toBe('last[0]');
    expect(bad({ options: [{ label: 'A', share: 1.01 }] })).toBe('options[0].share');
    expect(
      bad({
        options: [
          { label: 'A', share: 0.1 },
          { label: 'A', share: 0.2 },
        ],
      }),
    ).toBe('options[].label[1]');
  });
});
