/**
 * Numbers as the report writes them, in its language: whole percentages ("46%"), signed changes
 * in percentage points ("+15 p.p." / "+15 п.п."), p-values as the reference report gives them
 * ("p < 0.001", "p = 0.04"), counts with thousands separators ("2,176" / "2 176"), and decimals
 * with the language's decimal sign.
 */

const locales: Record<string, string> = { en: 'en-GB', ru: 'ru-RU' };

function locale(language: string): string {
  return locales[language] ?? language;
}

export function decimal(x: number, digits: number, language: string): string {
  return new Intl.NumberFormat(locale(language), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: true,
  })
    .format(x)
    .replace(/\u00a0|\u202f/g, '\u00a0');
}

export function count(x: number, language: string): string {
  return decimal(Math.round(x), 0, language);
}

/** A share as a whole percentage (or with `digits` decimals). */
export function percent(share: number, language: string, digits = 0): string {
  return `${decimal(100 * share, digits, language)}%`;
}

const points: Record<string, string> = { en: 'p.p.', ru: 'п.п.' };

/** A change in shares as signed percentage points: "+15 p.p.", "−3 p.p.", "0 p.p.". */
export function percentagePoints(change: number, language: string, digits = 0): string {
  const value = Number((100 * change).toFixed(digits));
  const sign = value > 0 ? '+' : value < 0 ? '\u2212' : '';
  return `${sign}${decimal(Math.abs(value), digits, language)}\u00a0${points[language] ?? 'p.p.'}`;
}

/** A p-value as the reference report writes it: below 0.001, 0.01 and 0.05 as bounds. */
export function pValue(p: number, language: string): string {
  for (const bound of [0.001, 0.01])
    if (p < bound) return `p\u00a0<\u00a0${decimal(bound, bound === 0.001 ? 3 : 2, language)}`;
  return `p\u00a0=\u00a0${decimal(p, p < 0.1 ? 3 : 2, language)}`;
}

const significance: Record<string, [string, string]> = {
  en: ['statistically significant', 'not statistically significant'],
  ru: ['статистически значимо', 'статистически незначимо'],
};

export function significant(p: number, language: string, alpha = 0.05): string {
  const [yes, no] = significance[language] ?? significance.en!;
  return p < alpha ? yes : no;
}
