/**
 * Reads a quality rules file (YAML or JSON) into rules, or into problems that say what is
 * wrong and where (`file:line:column`), as study files do. Expressions are parsed here, so a
 * syntax error points at its character.
 */
import { z } from 'zod';
import type { CheckProblem } from '../../questionnaire/check-problem.js';
import {
  ExpressionError,
  checkTypes,
  parseExpression,
  type Expr,
} from '../../questionnaire/expression/index.js';
import { readSource, type Path, type Source } from '../../questionnaire/source.js';
import { describeIssues } from '../../questionnaire/structure.js';
import { didYouMean } from '../../questionnaire/suggest.js';
import { ruleSchemas, ruleTypes, type QualityRules, type Rule, type RuleType } from './rules.js';

const fileSchema = z.object({ study: z.string().optional(), rules: z.array(z.unknown()) }).strict();

export function parseQualityRules(
  text: string,
  file: string,
): { rules?: QualityRules; problems: CheckProblem[] } {
  const source = readSource(file, text);
  if (source.syntax.length > 0) return { problems: source.syntax };
  const top = fileSchema.safeParse(source.value);
  if (!top.success) return { problems: issuesOf(source, top.error.issues, [], 'file', undefined) };

  const problems: CheckProblem[] = [];
  const rules: Rule[] = [];
  const seen = new Map<string, number>();
  top.data.rules.forEach((raw, i) => {
    const rule = parseRule(source, raw, ['rules', i], problems);
    if (!rule) return;
    const first = seen.get(rule.id);
    if (first !== undefined) {
      problems.push({
        file,
        ...source.locate(['rules', i, 'id']),
        item: rule.id,
        code: 'duplicate-rule',
        message: `Rule id '${rule.id}' is already used by rule ${first + 1}; ids must be unique.`,
      });
      return;
    }
    seen.set(rule.id, i);
    rules.push(rule);
  });
  return problems.length > 0 ? { problems } : { rules: { rules }, problems };
}

function parseRule(
  source: Source,
  raw: unknown,
  path: Path,
  problems: CheckProblem[],
): Rule | undefined {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const id = typeof record.id === 'string' ? record.id : undefined;
  const at = (sub: Path, code: string, message: string): void => {
    problems.push({
      file: source.file,
      ...source.locate([...path, ...sub]),
      item: id,
      code,
      message,
    });
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    at([], 'structure', 'A rule must be a mapping with at least id and type.');
    return undefined;
  }
  const type = record.type;
  if (typeof type !== 'string' || !(type in ruleSchemas)) {
    const shown = type === undefined ? 'no type' : `unknown type ${JSON.stringify(type)}`;
    const hint = typeof type === 'string' ? didYouMean(type, ruleTypes) : '';
    at(
      type === undefined ? [] : ['type'],
      'structure',
      `Rule has ${shown}${hint || '.'} Known types: ${ruleTypes.join(', ')}.`,
    );
    return undefined;
  }
  const parsed = ruleSchemas[type as RuleType].safeParse(raw);
  if (!parsed.success) {
    problems.push(...issuesOf(source, parsed.error.issues, path, `${type} rule`, id));
    return undefined;
  }
  const rule = parsed.data as Rule;
  if (rule.type === 'eligibility') {
    const issue = expressionIssue(rule.expression);
    if (issue) {
      problems.push({
        file: source.file,
        ...source.locateIn([...path, 'expression'], issue.offset),
        item: id,
        code: 'expression',
        message: issue.message,
      });
      return undefined;
    }
  }
  return rule;
}

/** Syntax, unknown functions, wrong arity, and today(), which would tie results to a date. */
function expressionIssue(text: string): { offset: number; message: string } | undefined {
  let expr: Expr;
  try {
    expr = parseExpression(text);
  } catch (error) {
    if (error instanceof ExpressionError) return { offset: error.offset, message: error.message };
    throw error;
  }
  const today = findCall(expr, 'today');
  if (today)
    return {
      offset: today.start,
      message:
        'Eligibility cannot use today(): results would change with the day the rules run; write the date.',
    };
  // Variables are checked against each wave when the rules run; here only what needs none.
  const issue = checkTypes(expr, () => undefined).find((i) => i.kind !== 'unknown-variable');
  return issue ? { offset: issue.start, message: issue.message } : undefined;
}

function findCall(e: Expr, name: string): Expr | undefined {
  switch (e.kind) {
    case 'call':
      if (e.name === name) return e;
      for (const a of e.args) {
        const found = findCall(a, name);
        if (found) return found;
      }
      return undefined;
    case 'unary':
      return findCall(e.operand, name);
    case 'binary':
      return findCall(e.left, name) ?? findCall(e.right, name);
    default:
      return undefined;
  }
}

/** zod's issues as problems, with suggestions from the fields of rules, not questionnaires. */
function issuesOf(
  source: Source,
  issues: readonly z.core.$ZodIssue[],
  path: Path,
  what: string,
  id: string | undefined,
): CheckProblem[] {
  const out: CheckProblem[] = [];
  for (const issue of issues) {
    const [p] = describeIssues(source, [issue], path);
    if (!p) continue;
    const field = String(issue.path[issue.path.length - 1] ?? '');
    if (issue.code === 'unrecognized_keys') {
      const fields = fieldsAt(what);
      for (const key of issue.keys)
        out.push({
          ...p,
          ...source.locate([...path, ...(issue.path as Path), key]),
          item: id,
          message: `Unknown field '${key}' in a ${what}${didYouMean(key, fields) || '.'} Its fields: ${fields.join(', ')}.`,
        });
    } else if (issue.code === 'too_big')
      out.push({
        ...p,
        item: id,
        message: `Field '${field}' must be at most ${String(issue.maximum)}.`,
      });
    else out.push({ ...p, item: id });
  }
  return out;
}

function fieldsAt(what: string): string[] {
  if (what === 'file') return Object.keys(fileSchema.shape);
  return Object.keys(ruleSchemas[what.replace(/ rule$/, '') as RuleType].shape);
}
