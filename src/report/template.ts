/**
 * The report's small, safe template syntax: `{{ finding.path | format }}` or
 * `{{ finding.path | format: argument }}`. A path names a value in the computed results
 * (`trust_general.share.wave-1`); a format writes it in the report's language. Nothing else is
 * evaluated: no code, no loops, no HTML. Every placeholder must resolve to a number (or, with
 * no format, a text); otherwise rendering fails with the placeholder and where it is.
 */
import type { Lang } from './figures/figure.js';
import { count, decimal, percent, percentagePoints, pValue, significant } from './format.js';

export interface Placeholder {
  /** Offset of `{{` in the text. */
  offset: number;
  source: string;
  path: string[];
  format?: string;
  argument?: string;
}

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const placeholder = /\{\{([^{}]*)\}\}/g;
const pathPattern = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_-]+)*$/;

type Formatter = (value: number, language: Lang, argument?: string) => string;

const digitsOf = (argument: string | undefined, fallback: number): number => {
  if (argument === undefined) return fallback;
  const d = Number(argument);
  if (!Number.isInteger(d) || d < 0 || d > 6)
    throw new Error(`the number of decimals must be a whole number from 0 to 6, not '${argument}'`);
  return d;
};

export const formats: Record<string, Formatter> = {
  pct: (v, l, a) => percent(v, l, digitsOf(a, 0)),
  pp: (v, l, a) => percentagePoints(v, l, digitsOf(a, 0)),
  p: (v, l) => pValue(v, l),
  n: (v, l) => count(v, l),
  num: (v, l, a) => decimal(v, digitsOf(a, 2), l),
  sig: (v, l, a) => significant(v, l, a === undefined ? 0.05 : Number(a)),
};

/** Every placeholder of a text, parsed; malformed ones throw with their offset. */
export function placeholders(text: string): Placeholder[] {
  const out: Placeholder[] = [];
  for (const m of text.matchAll(placeholder)) {
    const inner = m[1]!;
    const [pathText, formatText] = inner.split('|').map((s) => s.trim()) as [string, string?];
    if (!pathPattern.test(pathText))
      throw new TemplateError(
        `'${m[0]}' does not name a value; write {{ finding.path }} or {{ finding.path | format }}.`,
        m.index,
      );
    let format: string | undefined;
    let argument: string | undefined;
    if (formatText !== undefined) {
      [format, argument] = formatText.split(':').map((s) => s.trim()) as [string, string?];
      if (!(format in formats))
        throw new TemplateError(
          `'${m[0]}': there is no format '${format}'; the formats are ${Object.keys(formats).join(', ')}.`,
          m.index,
        );
    }
    out.push({
      offset: m.index,
      source: m[0],
      path: pathText.split('.'),
      ...(format !== undefined ? { format } : {}),
      ...(argument !== undefined ? { argument } : {}),
    });
  }
  const stray = text.replace(placeholder, '').search(/\{\{|\}\}/);
  if (stray >= 0) throw new TemplateError('An unclosed {{ or a stray }} in the text.', stray);
  return out;
}

/** The value a path names in the results, or undefined. */
export function lookup(results: unknown, path: readonly string[]): unknown {
  let at: unknown = results;
  for (const key of path) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/** One placeholder's text. */
export function renderPlaceholder(p: Placeholder, results: unknown, language: Lang): string {
  const value = lookup(results, p.path);
  if (value === undefined)
    throw new TemplateError(
      `'${p.source}': there is no value '${p.path.join('.')}' in the results.`,
      p.offset,
    );
  if (p.format === undefined) {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return decimal(value, Number.isInteger(value) ? 0 : 2, language);
    throw new TemplateError(`'${p.source}' names a group of values, not one value.`, p.offset);
  }
  if (typeof value !== 'number' || !Number.isFinite(value))
    throw new TemplateError(
      `'${p.source}' needs a number; '${p.path.join('.')}' is ${JSON.stringify(value)}.`,
      p.offset,
    );
  try {
    return formats[p.format]!(value, language, p.argument);
  } catch (error) {
    throw new TemplateError(`'${p.source}': ${(error as Error).message}.`, p.offset);
  }
}

/** The text with every placeholder written out. */
export function renderTemplate(text: string, results: unknown, language: Lang): string {
  const list = placeholders(text);
  let out = '';
  let last = 0;
  for (const p of list) {
    out += text.slice(last, p.offset) + renderPlaceholder(p, results, language);
    last = p.offset + p.source.length;
  }
  return out + text.slice(last);
}
