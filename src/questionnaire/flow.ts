/**
 * Which pages, items and variables apply given the answers so far. Relevance only looks
 * backwards (the checker guarantees it), so one pass in questionnaire order settles
 * everything, and answers left on a path the respondent no longer takes count as unanswered.
 */
import { evaluate, isTruthy, type Expr } from './expression/index.js';
import type { Answers, AnswerValue } from './answers.js';
import type { CompiledItem, CompiledPage, Questionnaire } from './compile.js';
import type { Variable } from './variables.js';

export interface FlowContext {
  /** Today's date as 'YYYY-MM-DD', passed in so that pure code never reads the clock. */
  today: string;
}

export interface Applicability {
  pages: Set<number>;
  items: Set<CompiledItem>;
  variables: Set<string>;
  /** The answers with every non-applicable variable removed. */
  answers: Answers;
}

export function relevant(expr: Expr | undefined, answers: Answers, ctx: FlowContext): boolean {
  if (!expr) return true;
  return isTruthy(evaluate(expr, { value: (name) => answers[name] ?? null, today: ctx.today }));
}

/** Decides applicability of every page, item and variable at once. */
export function applicability(q: Questionnaire, answers: Answers, ctx: FlowContext): Applicability {
  const effective: Answers = {};
  const out: Applicability = {
    pages: new Set(),
    items: new Set(),
    variables: new Set(),
    answers: effective,
  };
  for (const page of q.pages) {
    if (!relevant(page.relevant, effective, ctx)) continue;
    let any = false;
    for (const item of page.items) {
      if (!relevant(item.relevant, effective, ctx)) continue;
      const applied = applyItem(item, answers, effective, ctx, out.variables);
      if (applied) {
        out.items.add(item);
        any = true;
      }
    }
    if (any) out.pages.add(page.index);
  }
  return out;
}

function applyItem(
  item: CompiledItem,
  answers: Answers,
  effective: Answers,
  ctx: FlowContext,
  variables: Set<string>,
): boolean {
  const take = (v: Variable): void => {
    variables.add(v.name);
    const value = answers[v.name];
    if (value !== undefined && value !== null) effective[v.name] = value;
  };
  if (item.item.type === 'note') return true;
  if (item.item.type === 'grid') {
    let any = false;
    for (const row of item.rows) {
      if (!relevant(row.relevant, effective, ctx)) continue;
      take(row.variable);
      any = true;
    }
    return any;
  }
  if (item.variable) take(item.variable);
  if (item.other && chose(effective[item.item.name], 'other')) take(item.other);
  return true;
}

export function chose(value: AnswerValue | undefined, choice: string): boolean {
  return Array.isArray(value) ? value.includes(choice) : value === choice;
}

export function applicablePages(q: Questionnaire, answers: Answers, ctx: FlowContext): number[] {
  return pageList(applicability(q, answers, ctx));
}

/** The applicable pages' indexes, in order. */
export function pageList(a: Applicability): number[] {
  return [...a.pages].sort((x, y) => x - y);
}

/** The next applicable page after `index` (-1 for the first), or undefined at the end. */
export function nextPage(
  q: Questionnaire,
  index: number,
  answers: Answers,
  ctx: FlowContext,
): CompiledPage | undefined {
  return pageAfter(q, applicablePages(q, answers, ctx), index);
}

/** The applicable page before `index`, or undefined on the first. */
export function previousPage(
  q: Questionnaire,
  index: number,
  answers: Answers,
  ctx: FlowContext,
): CompiledPage | undefined {
  return pageBefore(q, applicablePages(q, answers, ctx), index);
}

/** Of the applicable `pages` (in order), the first after `index`. */
export function pageAfter(
  q: Questionnaire,
  pages: readonly number[],
  index: number,
): CompiledPage | undefined {
  const next = pages.find((p) => p > index);
  return next === undefined ? undefined : q.pages[next];
}

/** Of the applicable `pages` (in order), the last before `index`. */
export function pageBefore(
  q: Questionnaire,
  pages: readonly number[],
  index: number,
): CompiledPage | undefined {
  const before = pages.filter((p) => p < index);
  const prev = before[before.length - 1];
  return prev === undefined ? undefined : q.pages[prev];
}
