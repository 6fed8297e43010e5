/**
 * Numbers as the report's text writes them, in its language, with the figures' formatting
 * (figures/format.ts: decimal comma and non-breaking spaces in Russian, a true minus sign):
 * whole percentages ("46%"), signed changes in percentage points ("+15 p.p." / "+15 п.п."),
 * p-values as the reference report gives them ("p < 0.001", "p = 0.04"), counts with thousands
 * separators ("2,176" / "2 176"), and decimals.
 */
import { formatNumber, formatPercent, formatPoints, nbsp } from './figures/format.js';
import type { Lang } from './figures/figure.js';

export function decimal(x: number, digits: number, language: Lang): string {
  return formatNumber(x, language, digits);
}

export function count(x: number, language: Lang): string {
  return formatNumber(Math.round(x), language);
}

/** A share as a whole percentage (or with `digits` decimals). */
export function percent(share: number, language: Lang, digits = 0): string {
  return formatPercent(share, language, digits);
}

/** A change in shares as signed percentage points: "+15 p.p.", "−3 p.p.", "0 p.p.". */
export function percentagePoints(change: number, language: Lang, digits = 0): string {
  return formatPoints(change, language, digits);
}

/** A p-value as the reference report writes it: below 0.001, 0.01 and 0.05 as bounds. */
export function pValue(p: number, language: Lang): string {
  for (const bound of [0.001, 0.01])
    if (p < bound) return `p${nbsp}<${nbsp}${decimal(bound, bound === 0.001 ? 3 : 2, language)}`;
  return `p${nbsp}=${nbsp}${decimal(p, p < 0.1 ? 3 : 2, language)}`;
}

const significance: Record<Lang, [string, string]> = {
  en: ['statistically significant', 'not statistically significant'],
  ru: ['статистически значимо', 'статистически незначимо'],
};

export function significant(p: number, language: Lang, alpha = 0.05): string {
  const [yes, no] = significance[language];
  return p < alpha ? yes : no;
}
