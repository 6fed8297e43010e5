/** What bars measure: shares (0..1, written as percentages) or means on a scale. */
import { checkNumberIn, fail } from './check.js';
import type { Lang } from './figure.js';
import { formatNumber, formatPercent } from './format.js';

export type Measure =
  | { kind: 'share' }
  /** A mean on a scale from `min` to `max`, written with `digits` decimals (2 by default). */
  | { kind: 'mean'; min: number; max: number; digits?: number };

export function checkMeasure(m: Measure): void {
  if (m?.kind === 'share') return;
  if (m?.kind !== 'mean') fail('measure.kind', "must be 'share' or 'mean'.");
  if (!(Number.isFinite(m.min) && Number.isFinite(m.max) && m.min < m.max)) {
    fail('measure', `must have a min below its max, not ${m.min} and ${m.max}.`);
  }
  if (m.digits !== undefined) checkNumberIn(m.digits, 0, 4, 'measure.digits');
}

export function domainOf(m: Measure): [number, number] {
  return m.kind === 'share' ? [0, 1] : [m.min, m.max];
}

export function formatValue(value: number, m: Measure, lang: Lang): string {
  return m.kind === 'share' ? formatPercent(value, lang) : formatNumber(value, lang, m.digits ?? 2);
}

/** A value fits the measure; names the field when it does not. */
export function checkValue(value: unknown, m: Measure, field: string): asserts value is number {
  if (m.kind === 'share') {
    if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
      fail(field, `must be a share between 0 and 1, not ${String(value)}.`);
    }
  } else {
    checkNumberIn(value, m.min, m.max, field);
  }
}
