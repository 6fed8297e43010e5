/**
 * Validates one page as a respondent submitted it: raw form values in, typed answers and
 * every problem out (type, range, choice exists, required-if-relevant, constraint).
 * Items are taken in order, so an item's relevance sees the answers given above it.
 */
import { evaluate, isTruthy } from './expression/index.js';
import type { Answers, AnswerValue } from './answers.js';
import { isAnswered } from './answers.js';
import type { CompiledItem, Questionnaire } from './compile.js';
import { isKnownCountry } from './countries.js';
import { applicability, chose, relevant, type Applicability, type FlowContext } from './flow.js';
import { message, type MessageKey } from './messages.js';
import type { Text } from './schema.js';
import type { Variable } from './variables.js';

/** What a form sends: one string, several strings (checkboxes), or nothing. */
export type FormValue = string | string[] | undefined;
export type FormValues = Record<string, FormValue>;

export interface PageProblem {
  /** The variable the problem is about. */
  variable: string;
  /** The item that shows it (the grid for a row). */
  item: string;
  message: string;
}

export interface PageValidation {
  /** Every variable of the page: its answer, or null when unanswered or not applicable. */
  answers: Answers;
  problems: PageProblem[];
}

export interface ValidateContext extends FlowContext {
  language: string;
}

const defaultMaxLength = { short: 2000, long: 20000 };

export function validatePage(
  q: Questionnaire,
  pageIndex: number,
  form: FormValues,
  before: Answers,
  ctx: ValidateContext,
  /** `applicability(q, before, ctx)`, when the caller has it already. */
  beforeApplicability?: Applicability,
): PageValidation {
  const page = q.pages[pageIndex];
  if (!page) throw new RangeError(`No page ${pageIndex}.`);
  const answers: Answers = {};
  const problems: PageProblem[] = [];
  // Relevance sees earlier pages' applicable answers and this page's answers so far.
  const known: Answers = { ...(beforeApplicability ?? applicability(q, before, ctx)).answers };
  const pageApplies = relevant(page.relevant, known, ctx);
  for (const item of page.items) {
    const vars = pageVariables(item, ctx);
    const applies = pageApplies && relevant(item.relevant, known, ctx);
    for (const { variable, rowRelevant } of vars) {
      const set = (value: AnswerValue): void => {
        answers[variable.name] = value;
        known[variable.name] = value;
      };
      if (!applies || !rowRelevant(known) || !otherApplies(item, variable, known)) {
        set(null);
        continue;
      }
      const problem = (key: MessageKey, values?: Record<string, string | number>, custom?: Text) =>
        problems.push({
          variable: variable.name,
          item: item.item.name,
          message: pick(custom, ctx.language) ?? message(ctx.language, key, values),
        });
      const parsed = parseValue(variable, form[variable.name]);
      if ('error' in parsed) {
        problem(parsed.error, parsed.values);
        set(null);
        continue;
      }
      set(parsed.value);
      if (!isAnswered(parsed.value)) {
        if (variable.required) problem('required', {}, requiredMessage(item));
        continue;
      }
      if (item.constraint && item.variable === variable) {
        const ok = isTruthy(
          evaluate(item.constraint, {
            value: (name) => known[name] ?? null,
            current: parsed.value,
            today: ctx.today,
          }),
        );
        const custom = 'constraint_message' in item.item ? item.item.constraint_message : undefined;
        if (!ok) problem('constraint', {}, custom);
      }
    }
  }
  return { answers, problems };
}

function pageVariables(
  item: CompiledItem,
  ctx: FlowContext,
): { variable: Variable; rowRelevant: (answers: Answers) => boolean }[] {
  const always = (): boolean => true;
  if (item.rows.length > 0)
    return item.rows.map((r) => ({
      variable: r.variable,
      rowRelevant: (answers: Answers) => relevant(r.relevant, answers, ctx),
    }));
  const out: { variable: Variable; rowRelevant: (answers: Answers) => boolean }[] = [];
  if (item.variable) out.push({ variable: item.variable, rowRelevant: always });
  if (item.other) out.push({ variable: item.other, rowRelevant: always });
  return out;
}

function otherApplies(item: CompiledItem, variable: Variable, known: Answers): boolean {
  return variable !== item.other || chose(known[item.item.name], 'other');
}

function requiredMessage(item: CompiledItem): Text | undefined {
  return 'required_message' in item.item ? item.item.required_message : undefined;
}

function pick(text: Text | undefined, language: string): string | undefined {
  return text?.[language];
}

type Parsed =
  { value: AnswerValue } | { error: MessageKey; values?: Record<string, string | number> };

function single(raw: FormValue): string | undefined | { many: true } {
  if (Array.isArray(raw)) {
    const filled = raw.filter((r) => r.trim() !== '');
    if (filled.length > 1) return { many: true };
    return filled[0]?.trim();
  }
  const v = raw?.trim();
  return v === '' ? undefined : v;
}

function parseValue(v: Variable, raw: FormValue): Parsed {
  if (v.kind === 'select_multiple') return parseMultiple(v, raw);
  const s = single(raw);
  if (s === undefined) return { value: null };
  if (typeof s !== 'string') return { error: 'oneChoice' };
  switch (v.kind) {
    case 'select_one':
      return v.choices.some((c) => c.name === s) ? { value: s } : { error: 'notAChoice' };
    case 'rating': {
      if (v.choices.some((c) => c.name === s)) return { value: s };
      const n = Number(s);
      const { min, max } = v.scale!;
      return /^-?\d+$/.test(s) && n >= min && n <= max ? { value: n } : { error: 'scale' };
    }
    case 'integer':
    case 'decimal':
      return parseNumber(v, s);
    case 'date':
    case 'month':
      return parseDate(v, s);
    case 'country': {
      const code = s.toUpperCase();
      return isKnownCountry(code) ? { value: code } : { error: 'country' };
    }
    case 'text':
    case 'other_text': {
      const item = v.item;
      const long = item.type === 'text' && item.long === true && v.kind === 'text';
      const max =
        (item.type === 'text' && v.kind === 'text' ? item.max_length : undefined) ??
        (long ? defaultMaxLength.long : defaultMaxLength.short);
      // Line breaks are kept only in long texts; control characters never.
      const clean = (raw as string)
        .replace(/\r\n?/g, '\n')
        .replace(long ? /[^\P{Cc}\n\t]/gu : /\p{Cc}/gu, long ? '' : ' ')
        .trim();
      if ([...clean].length > max) return { error: 'tooLong', values: { max } };
      return { value: clean === '' ? null : clean };
    }
  }
  return { value: null };
}

function parseMultiple(v: Variable, raw: FormValue): Parsed {
  const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw])
    .map((r) => r.trim())
    .filter((r) => r !== '');
  const chosen = [...new Set(list)];
  if (chosen.some((c) => !v.choices.some((choice) => choice.name === c)))
    return { error: 'notAChoice' };
  if (chosen.length === 0) return { value: null };
  const item = v.item.type === 'select_multiple' ? v.item : undefined;
  for (const exclusive of item?.exclusive ?? [])
    if (chosen.includes(exclusive) && chosen.length > 1) {
      const label = v.choices.find((c) => c.name === exclusive)?.name ?? exclusive;
      return { error: 'exclusive', values: { choice: label } };
    }
  if (item?.max_selected !== undefined && chosen.length > item.max_selected)
    return { error: 'maxSelected', values: { max: item.max_selected } };
  // Keep the questionnaire's order so that equal selections store equal values.
  return { value: v.choices.map((c) => c.name).filter((name) => chosen.includes(name)) };
}

function parseNumber(v: Variable, s: string): Parsed {
  const item = v.item.type === 'integer' || v.item.type === 'decimal' ? v.item : undefined;
  const normal = s.replace(/\s/g, '').replace(',', '.');
  const pattern = v.kind === 'integer' ? /^[+-]?\d+$/ : /^[+-]?(\d+\.?\d*|\.\d+)$/;
  if (!pattern.test(normal)) return { error: v.kind === 'integer' ? 'integer' : 'number' };
  const n = Number(normal);
  if (!Number.isFinite(n) || (v.kind === 'integer' && !Number.isSafeInteger(n)))
    return { error: 'number' };
  if (item?.min !== undefined && n < item.min) return { error: 'min', values: { min: item.min } };
  if (item?.max !== undefined && n > item.max) return { error: 'max', values: { max: item.max } };
  return { value: n };
}

function parseDate(v: Variable, s: string): Parsed {
  const item = v.item.type === 'date' || v.item.type === 'month' ? v.item : undefined;
  const isMonth = v.kind === 'month';
  const pattern = isMonth ? /^\d{4}-\d{2}$/ : /^\d{4}-\d{2}-\d{2}$/;
  const full = isMonth ? `${s}-01` : s;
  const d = new Date(`${full}T00:00:00Z`);
  if (!pattern.test(s) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== full)
    return { error: isMonth ? 'month' : 'date' };
  if (item?.min !== undefined && s < item.min)
    return { error: 'dateMin', values: { min: item.min } };
  if (item?.max !== undefined && s > item.max)
    return { error: 'dateMax', values: { max: item.max } };
  return { value: s };
}
