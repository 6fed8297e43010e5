/**
 * Reads a report spec into a ReportSpec, or into problems that say what is wrong and where
 * (`file:line:column` and a sentence), as study files do: YAML syntax, unknown fields, texts
 * missing a language, ids used twice, figures and sections that name what does not exist, a
 * figure kind that does not fit its findings, and placeholders that are malformed or name no
 * finding. `checkVariables` then checks the findings against the study's questionnaires: a
 * variable no wave asks, or an analysis that does not fit the item's type.
 */
import type { VariableInfo } from '../analysis/dataset.js';
import type { CheckProblem } from '../questionnaire/check-problem.js';
import { readSource, type Path, type Source } from '../questionnaire/source.js';
import { describeIssues } from '../questionnaire/structure.js';
import { didYouMean } from '../questionnaire/suggest.js';
import { reportSpecSchema, type FigureKind, type FindingKind, type ReportSpec } from './spec.js';
import { placeholders, TemplateError } from './template.js';

/** Which finding kinds each figure kind draws. */
export const figureFits: Record<FigureKind, readonly FindingKind[]> = {
  'wave-bars': ['change'],
  stacked: ['change', 'distribution'],
  diverging: ['change', 'distribution'],
  flow: ['flow'],
  heatmap: ['flow', 'change'],
  distribution: ['distribution', 'share'],
  multiple: ['multiple'],
  groups: ['groups'],
  benchmark: ['benchmark'],
  'exclusion-flow': [],
  timeline: [],
};

export interface ParsedSpec {
  spec?: ReportSpec;
  source: Source;
  problems: CheckProblem[];
}

export function parseReportSpec(text: string, file: string): ParsedSpec {
  const source = readSource(file, text);
  if (source.syntax.length > 0) return { source, problems: source.syntax };
  const parsed = reportSpecSchema.safeParse(source.value);
  if (!parsed.success) {
    const problems = describeIssues(source, parsed.error.issues, []).map((p) => ({
      ...p,
      code: 'structure',
    }));
    return { source, problems };
  }
  const spec = parsed.data;
  const problems: CheckProblem[] = [];
  const at = (path: Path, code: string, message: string, item?: string) =>
    problems.push({ file, ...source.locate(path), code, message, ...(item ? { item } : {}) });

  checkTexts(source.value, [], spec.languages, at);

  const findings = new Map<string, number>();
  spec.findings.forEach((f, i) => {
    if (findings.has(f.id))
      at(
        ['findings', i, 'id'],
        'duplicate-id',
        `Finding id '${f.id}' is already used by finding ${findings.get(f.id)! + 1}.`,
        f.id,
      );
    else findings.set(f.id, i);
    if ((f.kind === 'share' || f.kind === 'distribution') && f.weighted) {
      if (!spec.weights)
        at(
          ['findings', i, 'weighted'],
          'weights',
          `Finding '${f.id}' is weighted, but the report gives no 'weights'.`,
          f.id,
        );
      else if (f.sample !== 'combined')
        at(
          ['findings', i, 'weighted'],
          'weights',
          `Finding '${f.id}': the report's weights are for the combined sample, not '${f.sample}'.`,
          f.id,
        );
    }
    const known = ['panel', 'combined', ...Object.keys(spec.samples)];
    if (!known.includes(f.sample))
      at(
        ['findings', i, 'sample'],
        'unknown-sample',
        `Finding '${f.id}': there is no sample '${f.sample}'${didYouMean(f.sample, known) || '.'} The samples are ${known.join(', ')}.`,
        f.id,
      );
  });
  for (const name of Object.keys(spec.samples))
    if (name === 'panel' || name === 'combined')
      at(
        ['samples', name],
        'duplicate-id',
        `Sample '${name}' is built in; give a custom sample another name.`,
      );

  const figures = new Map<string, number>();
  spec.figures.forEach((fig, i) => {
    if (figures.has(fig.id))
      at(
        ['figures', i, 'id'],
        'duplicate-id',
        `Figure id '${fig.id}' is already used by figure ${figures.get(fig.id)! + 1}.`,
        fig.id,
      );
    else figures.set(fig.id, i);
    const fits = figureFits[fig.kind];
    if (fits.length > 0 && fig.findings.length === 0)
      at(
        ['figures', i],
        'structure',
        `Figure '${fig.id}' (${fig.kind}) needs at least one finding.`,
        fig.id,
      );
    if (fits.length === 0 && fig.findings.length > 0)
      at(
        ['figures', i, 'findings'],
        'structure',
        `Figure '${fig.id}' (${fig.kind}) is drawn from fieldwork data; it takes no findings.`,
        fig.id,
      );
    fig.findings.forEach((id, k) => {
      const j = findings.get(id);
      if (j === undefined) {
        at(
          ['figures', i, 'findings', k],
          'unknown-finding',
          `Figure '${fig.id}': there is no finding '${id}'${didYouMean(id, [...findings.keys()]) || '.'}`,
          fig.id,
        );
        return;
      }
      const kind = spec.findings[j]!.kind;
      if (!fits.includes(kind))
        at(
          ['figures', i, 'findings', k],
          'figure-kind',
          `Figure '${fig.id}' is a ${fig.kind} figure, which draws ${fits.join(' or ')} findings; '${id}' is a ${kind} finding.`,
          fig.id,
        );
      else if (
        fig.kind === 'wave-bars' &&
        (spec.findings[j] as { values?: unknown }).values === undefined
      )
        at(
          ['figures', i, 'findings', k],
          'figure-kind',
          `Figure '${fig.id}' (wave-bars) draws one share per finding; give '${id}' its 'values'.`,
          fig.id,
        );
    });
  });

  spec.sections.forEach((section, i) => {
    section.figures.forEach((id, k) => {
      if (!figures.has(id))
        at(
          ['sections', i, 'figures', k],
          'unknown-figure',
          `Section ${i + 1}: there is no figure '${id}'${didYouMean(id, [...figures.keys()]) || '.'}`,
        );
    });
    for (const [language, text] of Object.entries(section.text ?? {})) {
      const path = ['sections', i, 'text', language];
      try {
        for (const p of placeholders(text))
          if (!findings.has(p.path[0]!))
            problems.push({
              file,
              ...source.locateIn(path, p.offset),
              code: 'template',
              message: `'${p.source}': there is no finding '${p.path[0]}'${didYouMean(p.path[0]!, [...findings.keys()]) || '.'}`,
            });
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problems.push({
          file,
          ...source.locateIn(path, error.offset),
          code: 'template',
          message: error.message,
        });
      }
    }
  });
  return problems.length > 0 ? { source, problems } : { spec, source, problems };
}

/** Every text (a mapping of language codes only) must have every report language. */
function checkTexts(
  value: unknown,
  path: (string | number)[],
  languages: readonly string[],
  at: (path: Path, code: string, message: string) => void,
): void {
  if (value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    value.forEach((v, i) => checkTexts(v, [...path, i], languages, at));
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  const isText =
    keys.length > 0 &&
    keys.every((k) => /^[a-z]{2}(-[A-Za-z]+)?$/.test(k) && typeof record[k] === 'string') &&
    path.at(-1) !== 'languages';
  if (isText) {
    for (const l of languages)
      if (!(l in record))
        at(
          path,
          'translation',
          `The text at ${path.join('.')} has no '${l}' version; the report's languages are ${languages.join(', ')}.`,
        );
    return;
  }
  for (const k of keys) checkTexts(record[k], [...path, k], languages, at);
}

const categorical = new Set(['select_one', 'rating', 'country']);
const numeric = new Set(['rating', 'integer', 'decimal']);

/**
 * The findings against the questionnaires: each variable asked in the waves it is read from,
 * and of a type the analysis takes.
 */
export function checkVariables(
  parsed: { spec: ReportSpec; source: Source },
  variables: ReadonlyMap<string, readonly VariableInfo[]>,
  waves: readonly [string, string],
): CheckProblem[] {
  const { spec, source } = parsed;
  const problems: CheckProblem[] = [];
  const find = (name: string, wave: string) => variables.get(wave)?.find((v) => v.name === name);
  spec.findings.forEach((f, i) => {
    const at = (field: string, code: string, message: string) =>
      problems.push({
        file: source.file,
        ...source.locate(['findings', i, field]),
        code,
        item: f.id,
        message,
      });
    const base =
      f.sample === 'panel' || spec.samples[f.sample]?.from === 'panel' ? 'panel' : 'combined';
    const read: { variable: string; wave: string; field: string }[] = [];
    if (f.kind === 'flow')
      for (const s of f.stages) {
        const [variable, wave] = s.split('@') as [string, string?];
        read.push({ variable, wave: wave ?? waves[1], field: 'stages' });
      }
    else if (f.kind === 'change')
      read.push(...waves.map((wave) => ({ variable: f.variable, wave, field: 'variable' })));
    else read.push({ variable: f.variable, wave: f.wave ?? waves[1], field: 'variable' });
    for (const r of read) {
      if (!variables.has(r.wave)) {
        at(
          r.field === 'variable' ? 'wave' : r.field,
          'unknown-wave',
          `Finding '${f.id}': there is no wave '${r.wave}'; the waves are ${[...variables.keys()].join(', ')}.`,
        );
        continue;
      }
      if (base === 'combined' && r.wave !== waves[1]) {
        at(
          r.field === 'variable' ? 'wave' : r.field,
          'wrong-wave',
          `Finding '${f.id}': sample '${f.sample}' holds wave '${waves[1]}' only; read '${r.wave}' from the panel sample.`,
        );
        continue;
      }
      const v = find(r.variable, r.wave);
      if (!v) {
        const names = (variables.get(r.wave) ?? []).map((x) => x.name);
        at(
          r.field,
          'unknown-variable',
          `Finding '${f.id}': wave '${r.wave}' has no variable '${r.variable}'${didYouMean(r.variable, names) || '.'}`,
        );
        continue;
      }
      const fits =
        f.kind === 'multiple'
          ? v.kind === 'select_multiple'
          : f.kind === 'benchmark'
            ? f.values
              ? categorical.has(v.kind)
              : numeric.has(v.kind)
            : f.kind === 'groups' && f.numeric
              ? numeric.has(v.kind) || v.kind === 'select_one'
              : categorical.has(v.kind);
      if (!fits)
        at(
          r.field,
          'analysis-type',
          `Finding '${f.id}' (${f.kind}${f.kind === 'benchmark' ? (f.values ? ' of a share' : ' of a mean') : ''}) does not fit '${r.variable}', a ${v.kind.replace('_', ' ')} item; it takes ${f.kind === 'multiple' ? 'a multiple choice' : (f.kind === 'benchmark' && !f.values) || (f.kind === 'groups' && f.numeric) ? 'a rating or a number' : 'a single choice, a rating or a country'}.`,
        );
    }
  });
  return problems;
}
