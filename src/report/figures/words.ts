/**
 * The few words a figure writes itself, in each language. Everything about the content
 * (categories, waves, groups, notes) comes in with the figure's input.
 */
import type { Lang } from './figure.js';
import { formatPercent } from './format.js';

export interface Words {
  /** Under multiple-choice bars; `total` is the sum of the shares, over 100%. */
  severalAnswers(total: number): string;
  /** Heading of an exclusion flow's side box. */
  excluded: string;
  /** Before a sample size: "n = 611". */
  n: string;
  /** Before the source of a benchmark. */
  source: string;
}

export const words: Record<Lang, Words> = {
  en: {
    severalAnswers: (total) =>
      `Several answers could be chosen: the shares add up to ${formatPercent(total, 'en')}.`,
    excluded: 'Excluded',
    n: 'n',
    source: 'Source',
  },
  ru: {
    severalAnswers: (total) =>
      `Можно было выбрать несколько ответов: сумма долей — ${formatPercent(total, 'ru')}.`,
    excluded: 'Исключены',
    n: 'n',
    source: 'Источник',
  },
};
