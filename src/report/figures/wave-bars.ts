/**
 * Wave 1 against wave 2: for each category (an item's "yes", a kind of trust) the share in
 * each wave side by side, optional interval whiskers, and the change in percentage points
 * written beside the pair, marked with an asterisk when the input says the change is
 * significant (the test is the analysis's, not the figure's).
 */
import {
  checkBase,
  checkInterval,
  checkNonEmpty,
  checkShare,
  checkText,
  checkUnique,
  fail,
  type Interval,
} from './check.js';
import type { Figure, FigureBase } from './figure.js';
import { formatPercent, formatPointChange } from './format.js';
import { groupedBarsSpec, type BarRow } from './grouped-bars.js';
import { waveColors } from './palette.js';

export interface WaveCategory {
  label: string;
  /** The share in the first wave and in the second, 0..1. */
  shares: readonly [number, number];
  /** An interval around each share, e.g. the 95% confidence interval. */
  intervals?: readonly [Interval, Interval];
  /** The change between the waves is significant: marked with an asterisk. */
  significant?: boolean;
}

export interface WaveBarsInput extends FigureBase {
  /** The waves as the legend names them, e.g. ["March 2022", "September 2022"]. */
  waves: readonly [string, string];
  categories: readonly WaveCategory[];
  /** What the asterisk means, e.g. "* change significant at p < 0.05"; needed when one is set. */
  significanceNote?: string;
}

export function waveBarsFigure(input: WaveBarsInput): Figure {
  checkBase(input);
  if (!Array.isArray(input.waves) || input.waves.length !== 2) {
    fail('waves', 'must name two waves.');
  }
  checkUnique(input.waves, 'waves');
  checkNonEmpty(input.categories, 'categories');
  checkUnique(
    input.categories.map((c) => c.label),
    'categories[].label',
  );
  const rows: BarRow[] = [];
  const side: { category: string; text: string }[] = [];
  input.categories.forEach((c, i) => {
    const field = `categories[${i}]`;
    if (!Array.isArray(c.shares) || c.shares.length !== 2) {
      fail(`${field}.shares`, 'must hold two shares, one per wave.');
    }
    c.shares.forEach((s, w) => checkShare(s, `${field}.shares[${w}]`));
    c.intervals?.forEach((iv, w) =>
      checkInterval(iv, c.shares[w]!, 0, 1, `${field}.intervals[${w}]`),
    );
    input.waves.forEach((wave, w) => {
      const share = c.shares[w]!;
      const iv = c.intervals?.[w];
      rows.push({
        category: c.label,
        group: wave,
        value: share,
        ...(iv ? { lo: iv[0], hi: iv[1] } : {}),
        text: formatPercent(share, input.lang),
      });
    });
    const change = formatPointChange(c.shares[0], c.shares[1], input.lang);
    side.push({ category: c.label, text: c.significant === true ? `${change}*` : change });
  });
  const notes: string[] = [];
  if (input.categories.some((c) => c.significant === true)) {
    checkText(input.significanceNote, 'significanceNote');
    notes.push(input.significanceNote);
  }
  const spec = groupedBarsSpec({
    base: input,
    categories: input.categories.map((c) => c.label),
    groups: input.waves,
    colors: waveColors,
    rows,
    domain: [0, 1],
    axis: false,
    side,
    notes,
  });
  return {
    kind: 'wave-bars',
    grammar: 'vega-lite',
    spec,
    marks: {
      bars: rows.length,
      values: rows.length,
      whiskers: rows.filter((r) => r.lo !== undefined).length,
      changes: side.length,
    },
  };
}
