import { describe, expect, it } from 'vitest';
import { timeline } from './samples.test-helper.js';
import { refusal, renderChecked } from './svg.test-helper.js';
import { timelineFigure, type TimelineInput } from './timeline.js';

describe('timelineFigure', () => {
  it('stacks a bar per day and channel with completes, and marks the events', async () => {
    const figure = timelineFigure(timeline);
    // 9 days x channels listed, one of them with no completes.
    expect(figure.marks).toEqual({ bars: 8, events: 1, event_labels: 1 });
    const { texts } = await renderChecked(figure);
    expect(texts).toEqual(
      expect.arrayContaining(['Панель', 'Telegram', 'Открыт для новых', 'Заполненные анкеты']),
    );
    // Days in Russian, with the month in the genitive.
    expect(texts.some((t) => /^\d+ (авг|сент)\.$/.test(t))).toBe(true);
  });

  it('writes days and thousands in English', async () => {
    const figure = timelineFigure({
      lang: 'en',
      note: 'Wave 2.',
      channels: ['Panel'],
      days: [
        { date: '2022-09-05', channel: 'Panel', completes: 1500 },
        { date: '2022-09-06', channel: 'Panel', completes: 700 },
      ],
    });
    const { texts } = await renderChecked(figure);
    expect(texts.some((t) => /^\d+ Sep$/.test(t))).toBe(true);
    expect(texts).toContain('1,000');
  });

  it('refuses input it cannot draw, naming the field', () => {
    const bad = (change: Partial<TimelineInput>): string | undefined =>
      refusal(() => timelineFigure({ ...timeline, ...change })).field;
    const day = timeline.days[0]!;
    expect(bad({ days: [] })).toBe('days');
    expect(bad({ days: [{ ...day, date: '2022-02-30' }] })).toBe('days[0].date');
    expect(bad({ days: [{ ...day, channel: 'VK' }] })).toBe('days[0].channel');
    expect(bad({ days: [day, day] })).toBe('days[1]');
    expect(bad({ channels: ['1', '2', '3', '4', '5', '6', '7', '8', '9'] })).toBe('channels');
    expect(bad({ events: [{ date: '5 сентября', label: 'x' }] })).toBe('events[0].date');
  });
});
