/**
 * Typed columns from stored answers: a questionnaire variable says how (choices become their
 * codes with value labels, ratings their points with the declared missing options, numbers
 * numbers, multiple choices one byte per option); answers under names no questionnaire declares
 * are typed by what they hold. An answer the variable does not expect (a choice removed in a
 * later version) is kept, never dropped: a choice name gets a code after the list's, and a
 * number column that meets text becomes a text column.
 *
 * A sample read in chunks types each chunk as the whole sample would be typed: what every chunk
 * met is gathered first (answer-census.ts) and passed as `AnswersSeen`.
 */
import type { Text } from '../questionnaire/schema.js';
import {
  numberColumn,
  textColumn,
  type Column,
  type ColumnInfo,
  type Measure,
  type ValueLabel,
  type VariableInfo,
} from './dataset.js';

/** What the answers of a whole column hold, gathered over every chunk of a sample. */
export interface AnswersSeen {
  /** Choice names met, in the order met (those beyond the list are coded after it, so). */
  names: readonly string[];
  /** Text met where numbers were expected: the column is text. */
  text: boolean;
  /** An undeclared item whose answers were all lists: a multiple choice. */
  lists: boolean;
  /** Any answer at all (an undeclared item without any is an empty nominal column). */
  given: boolean;
}

/** An answer as a cell: empty answers as null, choices of a multiple choice joined by spaces. */
export function answerCell(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(' ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const measures: Record<VariableInfo['kind'], Measure> = {
  select_one: 'nominal',
  select_multiple: 'nominal',
  rating: 'ordinal',
  integer: 'scale',
  decimal: 'scale',
  date: 'nominal',
  month: 'nominal',
  country: 'nominal',
  text: 'nominal',
  other_text: 'nominal',
};

function choiceLabels(v: VariableInfo): ValueLabel[] {
  return (v.choices ?? []).map((c) => ({
    code: c.code,
    name: c.name,
    label: c.label,
    ...(c.missing ? { missing: true } : {}),
  }));
}

/** A rating's labelled points (its ends and any labels between), then its missing options. */
function scaleLabels(v: VariableInfo): ValueLabel[] {
  const out: ValueLabel[] = [];
  const s = v.scale;
  if (s) {
    const points = new Map<number, Text>();
    if (s.minLabel) points.set(s.min, s.minLabel);
    for (const [k, label] of Object.entries(s.labels ?? {})) points.set(Number(k), label);
    if (s.maxLabel) points.set(s.max, s.maxLabel);
    for (const [code, label] of [...points].sort(([a], [b]) => a - b)) out.push({ code, label });
  }
  return [...out, ...choiceLabels(v)];
}

/** Codes for names the list does not have, after its highest code, in the order met. */
class Coder {
  private readonly byName = new Map<string, number>();
  private next: number;
  readonly labels: ValueLabel[];
  constructor(labels: ValueLabel[], seen?: AnswersSeen) {
    this.labels = [...labels];
    for (const l of labels) if (l.name !== undefined) this.byName.set(l.name, l.code);
    this.next = Math.max(0, ...labels.map((l) => l.code)) + 1;
    for (const name of seen?.names ?? []) this.code(name);
  }
  code(name: string): number {
    let c = this.byName.get(name);
    if (c === undefined) {
      c = this.next++;
      this.byName.set(name, c);
      this.labels.push({ code: c, name });
    }
    return c;
  }
}

function choiceColumn(
  answers: readonly unknown[],
  v: VariableInfo,
  info: ColumnInfo,
  seen?: AnswersSeen,
): Column {
  const coder = new Coder(v.kind === 'rating' ? scaleLabels(v) : choiceLabels(v), seen);
  const values = new Float64Array(answers.length);
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    const cell = answerCell(a);
    if (cell === null || Array.isArray(a)) {
      values[i] = cell === null ? NaN : coder.code(cell);
      continue;
    }
    // A rating's point is its number; anything else is a choice by its name.
    values[i] = v.kind === 'rating' && typeof a === 'number' ? a : coder.code(cell);
  }
  return numberColumn(values, coder.labels, info);
}

function multipleColumn(
  answers: readonly unknown[],
  v: VariableInfo | undefined,
  info: ColumnInfo,
  seen?: AnswersSeen,
): Column {
  const coder = new Coder(v ? choiceLabels(v) : [], seen);
  const rows = answers.map((a) => {
    if (a === null || a === undefined || a === '') return null;
    const names = Array.isArray(a) ? a.map(String) : [String(a)];
    return names.length === 0 ? null : names.map((name) => coder.code(name));
  });
  const options = coder.labels;
  const position = new Map(options.map((o, k) => [o.code, k]));
  const k = options.length;
  const chosen = new Uint8Array(answers.length * k);
  const answered = new Uint8Array(answers.length);
  rows.forEach((codes, i) => {
    if (!codes) return;
    answered[i] = 1;
    for (const c of codes) chosen[i * k + position.get(c)!] = 1;
  });
  return { type: 'multiple', options, chosen, answered, info };
}

function numbersOrText(answers: readonly unknown[], info: ColumnInfo, text = false): Column {
  if (text) return textColumn(answers.map(answerCell), info);
  const values = new Float64Array(answers.length);
  for (let i = 0; i < answers.length; i++) {
    const a = answers[i];
    if (a === null || a === undefined || a === '') values[i] = NaN;
    else if (typeof a === 'number' && Number.isFinite(a)) values[i] = a;
    else return textColumn(answers.map(answerCell), info);
  }
  return numberColumn(values, [], info);
}

/** One variable's answers (one per row, undefined where absent) as a typed column. */
export function answerColumn(
  answers: readonly unknown[],
  v?: VariableInfo,
  seen?: AnswersSeen,
): Column {
  if (!v && seen) {
    const info: ColumnInfo = { measure: seen.lists || !seen.given ? 'nominal' : 'scale' };
    if (seen.lists) return multipleColumn(answers, undefined, info, seen);
    return numbersOrText(answers, info, seen.text);
  }
  if (!v) {
    const given = answers.filter((a) => a !== null && a !== undefined && a !== '');
    if (given.length > 0 && given.every(Array.isArray))
      return multipleColumn(answers, undefined, { measure: 'nominal' });
    return numbersOrText(answers, { measure: given.length > 0 ? 'scale' : 'nominal' });
  }
  const info: ColumnInfo = {
    ...(v.label ? { label: v.label } : {}),
    measure: measures[v.kind],
    kind: v.kind,
    ...(v.referencePeriod ? { referencePeriod: v.referencePeriod } : {}),
    ...(v.kind === 'rating' && v.scale ? { scale: { min: v.scale.min, max: v.scale.max } } : {}),
  };
  switch (v.kind) {
    case 'select_one':
    case 'rating':
      return choiceColumn(answers, v, info, seen);
    case 'select_multiple':
      return multipleColumn(answers, v, info, seen);
    case 'integer':
    case 'decimal':
      return numbersOrText(answers, info, seen?.text);
    default:
      return textColumn(answers.map(answerCell), info);
  }
}
