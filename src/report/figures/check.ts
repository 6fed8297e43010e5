/**
 * Checks of a figure's input. A figure that cannot be drawn truthfully is refused with a
 * sentence that names the field, e.g. "categories[1].shares[0] must be a share between 0
 * and 1, not 1.2."
 */
import { Problem } from '../../problems/problem.js';
import { maxWidth, minWidth, type FigureBase } from './figure.js';

export type Interval = readonly [number, number];

export function fail(field: string, sentence: string): never {
  throw new Problem('input.invalid', `${field} ${sentence}`, { field });
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

export function checkBase(input: FigureBase): void {
  if (input.lang !== 'ru' && input.lang !== 'en') {
    fail('lang', `must be 'ru' or 'en', not ${show(input.lang)}.`);
  }
  checkText(input.note, 'note');
  if (input.title !== undefined) checkText(input.title, 'title');
  const w = input.width;
  if (w !== undefined && !(Number.isFinite(w) && w >= minWidth && w <= maxWidth)) {
    fail('width', `must be between ${minWidth} and ${maxWidth} pixels, not ${show(w)}.`);
  }
}

export function checkText(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '') {
    fail(field, 'must be a non-empty text.');
  }
}

export function checkNonEmpty(list: unknown, field: string): asserts list is unknown[] {
  if (!Array.isArray(list) || list.length === 0) fail(field, 'must list at least one entry.');
}

export function checkShare(value: unknown, field: string): asserts value is number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    fail(field, `must be a share between 0 and 1, not ${show(value)}.`);
  }
}

export function checkCount(value: unknown, field: string): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    fail(field, `must be a whole number of 0 or more, not ${show(value)}.`);
  }
}

export function checkNumberIn(
  value: unknown,
  min: number,
  max: number,
  field: string,
): asserts value is number {
  if (typeof value !== 'number' || !(value >= min && value <= max)) {
    fail(field, `must be a number between ${min} and ${max}, not ${show(value)}.`);
  }
}

/** An interval around `value`, inside [min, max]. */
export function checkInterval(
  interval: unknown,
  value: number,
  min: number,
  max: number,
  field: string,
): asserts interval is Interval {
  if (!Array.isArray(interval) || interval.length !== 2) {
    fail(field, 'must be a pair [lower, upper].');
  }
  const [lo, hi] = interval as unknown[];
  checkNumberIn(lo, min, max, `${field}[0]`);
  checkNumberIn(hi, min, max, `${field}[1]`);
  if (!(lo <= value && value <= hi)) {
    fail(field, `must contain the value ${value}, not [${lo}, ${hi}].`);
  }
}

/** Labels listed once each. */
export function checkUnique(labels: readonly string[], field: string): void {
  const seen = new Set<string>();
  labels.forEach((label, i) => {
    checkText(label, `${field}[${i}]`);
    if (seen.has(label)) fail(`${field}[${i}]`, `repeats '${label}'.`);
    seen.add(label);
  });
}

/** `value` is one of `order`, named in `orderField`. */
export function checkListed(
  value: unknown,
  order: readonly string[],
  field: string,
  orderField: string,
): asserts value is string {
  if (typeof value !== 'string' || !order.includes(value)) {
    fail(field, `is ${show(value)}, which is not listed in ${orderField}.`);
  }
}
