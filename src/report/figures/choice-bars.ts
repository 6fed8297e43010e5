/**
 * A multiple-choice item: the share of respondents who chose each option, largest first,
 * with a line saying that several answers could be chosen and what the shares add up to.
 */
import { checkBase, checkListed, checkText, checkUnique } from './check.js';
import { shareRows, singleSeriesMarks, type ShareBar } from './distribution.js';
import type { Figure, FigureBase } from './figure.js';
import { groupedBarsSpec } from './grouped-bars.js';
import { sampleColor } from './palette.js';
import { words } from './words.js';

export interface ChoiceBarsInput extends FigureBase {
  /** Each option with the share of respondents (who answered the item) who chose it. */
  options: readonly ShareBar[];
  /** Options kept at the end in this order whatever their share, e.g. "Other". */
  last?: readonly string[];
  /** Replaces the line about several answers. */
  sumNote?: string;
}

export function choiceBarsFigure(input: ChoiceBarsInput): Figure {
  checkBase(input);
  const rows = shareRows(input.options, 'options', input);
  const last = input.last ?? [];
  checkUnique(last, 'last');
  last.forEach((l, i) =>
    checkListed(
      l,
      rows.map((r) => r.category),
      `last[${i}]`,
      'options',
    ),
  );
  const rank = (category: string): number => last.indexOf(category);
  const sorted = rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const la = rank(a.r.category);
      const lb = rank(b.r.category);
      if (la !== lb) return la === -1 ? -1 : lb === -1 ? 1 : la - lb;
      return b.r.value - a.r.value || a.i - b.i;
    })
    .map(({ r }) => r);
  if (input.sumNote !== undefined) checkText(input.sumNote, 'sumNote');
  const total = rows.reduce((sum, r) => sum + r.value, 0);
  const spec = groupedBarsSpec({
    base: input,
    categories: sorted.map((r) => r.category),
    groups: [''],
    colors: [sampleColor],
    rows: sorted,
    domain: [0, 1],
    axis: false,
    notes: [input.sumNote ?? words[input.lang].severalAnswers(total)],
  });
  return { kind: 'choice-bars', grammar: 'vega-lite', spec, marks: singleSeriesMarks(rows) };
}
