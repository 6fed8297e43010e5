/**
 * Builds a report from its spec and data: custom samples, every finding, every figure (SVG and
 * the rows behind it), the text with each cited value written in, footnotes that state the test,
 * n and p (and warn when compared items asked about different periods), and one self-contained
 * HTML page. Pure: samples and fieldwork figures in, files' contents out. A problem in the spec
 * or one the data reveals (an analysis that cannot be computed) names the spec's file and line.
 */
import type { Dataset } from '../analysis/dataset.js';
import { filterSample } from '../analysis/samples.js';
import type { CheckProblem } from '../questionnaire/check-problem.js';
import type { Source } from '../questionnaire/source.js';
import { FindingError, say } from './categories.js';
import { drawFigure, type Row, type TimelineRow, type WaveExclusions } from './figure-inputs.js';
import { renderSvg, type Figure as Drawing } from './figures/index.js';
import {
  computeFinding,
  type FindingContext,
  type FindingResult,
  type ReportSample,
} from './findings.js';
import { count, pValue } from './format.js';
import { reportHtml, type HtmlFigure } from './html.js';
import type { ReportSpec, Text } from './spec.js';
import { renderTemplate, TemplateError } from './template.js';

export class ReportProblems extends Error {
  constructor(readonly problems: CheckProblem[]) {
    super(problems.map((p) => `${p.file}:${p.line}:${p.column} ${p.message}`).join('\n'));
  }
}

export interface ReportInput {
  spec: ReportSpec;
  source: Source;
  language: 'en' | 'ru';
  /** The study's waves in order. */
  waves: readonly string[];
  panel: Dataset;
  combined: Dataset;
  flows?: readonly WaveExclusions[];
  timeline?: readonly TimelineRow[];
  /** Figure width in pixels (default 640). */
  width?: number;
}

export interface BuiltFigure {
  id: string;
  number: number;
  title: string;
  drawing: Drawing;
  svg: string;
  /** The same figure drawn for a phone's width. */
  svgNarrow: string;
  drawingNarrow: Drawing;
  rows: Row[];
}

export interface BuiltReport {
  /** Every computed value: what the templates cite and the figures draw. */
  results: {
    title: string;
    language: string;
    waves: readonly [string, string];
    samples: Record<string, number>;
    findings: Record<string, FindingResult>;
  };
  figures: BuiltFigure[];
  html: string;
}

const words = {
  en: {
    contents: 'Contents',
    figure: 'Figure',
    notes: 'Notes',
    madeWith: 'Made with Longitude from the study data; every number is computed, none typed.',
    samples: { panel: 'Panel sample', combined: 'Combined sample' } as Record<string, string>,
    waves: (a: string, b: string) => `${a} and ${b}`,
    period: (labels: string[], periods: string) =>
      `${labels.map((l) => `'${l}'`).join(', ')}: ${labels.length > 1 ? 'these items' : 'the item'} asked about different periods in the waves compared (${periods}); read the change with care.`,
    tests: {
      McNemar: "McNemar's test (paired answers)",
      'Stuart-Maxwell': 'Stuart–Maxwell test of marginal homogeneity',
      binomial: 'exact binomial test against the benchmark',
      t: 'one-sample t-test against the benchmark',
      'chi-square': "Pearson's chi-square test",
      'Welch t': "Welch's t-test",
      'Mann-Whitney': 'Mann–Whitney test',
    } as Record<string, string>,
  },
  ru: {
    contents: 'Содержание',
    figure: 'Рисунок',
    notes: 'Примечания',
    madeWith:
      'Сделано в Longitude по данным исследования; все числа вычислены, ни одно не введено вручную.',
    samples: { panel: 'Панельная выборка', combined: 'Объединённая выборка' } as Record<
      string,
      string
    >,
    waves: (a: string, b: string) => `${a} и ${b}`,
    period: (labels: string[], periods: string) =>
      `${labels.map((l) => `«${l}»`).join(', ')}: в сравниваемых волнах ${labels.length > 1 ? 'вопросы заданы' : 'вопрос задан'} о разных периодах (${periods}); изменение следует читать с осторожностью.`,
    tests: {
      McNemar: 'критерий Макнемара (связанные ответы)',
      'Stuart-Maxwell': 'критерий однородности маргиналов Стюарта — Максвелла',
      binomial: 'точный биномиальный критерий против эталона',
      t: 'одновыборочный t-критерий против эталона',
      'chi-square': 'критерий хи-квадрат Пирсона',
      'Welch t': 't-критерий Уэлча',
      'Mann-Whitney': 'критерий Манна — Уитни',
    } as Record<string, string>,
  },
};

/** The width figures are drawn at for phones, in pixels. */
const phoneWidth = 340;

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export async function buildReport(input: ReportInput): Promise<BuiltReport> {
  const { spec, source, language: lang } = input;
  const w = words[lang];
  const problems: CheckProblem[] = [];
  const at = (path: (string | number)[], message: string, code = 'data') =>
    problems.push({ file: source.file, ...source.locate(path), code, message });
  const waves = spec.waves ?? ([input.waves[0]!, input.waves.at(-1)!] as const);
  for (const [k, wave] of waves.entries())
    if (!input.waves.includes(wave))
      at(['waves', k], `There is no wave '${wave}'; the waves are ${input.waves.join(', ')}.`);
  if (problems.length > 0) throw new ReportProblems(problems);

  const samples = new Map<string, ReportSample>([
    ['panel', { data: input.panel, base: 'panel' }],
    ['combined', { data: input.combined, base: 'combined' }],
  ]);
  for (const [name, def] of Object.entries(spec.samples)) {
    try {
      samples.set(name, {
        data: filterSample(samples.get(def.from)!.data, name, def.where),
        base: def.from,
        ...(def.label ? { label: def.label } : {}),
      });
    } catch (error) {
      at(['samples', name, 'where'], (error as Error).message);
    }
  }
  const ctx: FindingContext = {
    waves,
    samples,
    ...(spec.weights ? { weights: spec.weights } : {}),
  };
  const findings: Record<string, FindingResult> = {};
  spec.findings.forEach((f, i) => {
    try {
      findings[f.id] = { id: f.id, ...computeFinding(ctx, f) };
    } catch (error) {
      if (!(error instanceof FindingError)) throw error;
      at(['findings', i, error.field], `Finding '${f.id}': ${error.message}`);
    }
  });
  if (problems.length > 0) throw new ReportProblems(problems);

  const waveLabel = (wave: string) => say(spec.wave_labels[wave], lang, wave);
  const sampleLabel = (name: string) =>
    w.samples[name] ?? say(spec.samples[name]?.label, lang, name);
  const results = {
    title: say(spec.title, lang),
    language: lang,
    waves,
    samples: Object.fromEntries([...samples].map(([name, s]) => [name, s.data.n])),
    findings,
  };

  // Figures are numbered in the order the sections show them.
  const order = spec.sections.flatMap((s) => s.figures);
  const footnotes: string[] = [];
  const figures: BuiltFigure[] = [];
  const htmlFigures = new Map<string, HtmlFigure>();
  for (const [k, id] of order.entries()) {
    const i = spec.figures.findIndex((f) => f.id === id);
    const fig = spec.figures[i]!;
    const list = fig.findings.map((f) => findings[f]!);
    const ns = list.map((f) => f.n);
    const nText =
      ns.length === 0
        ? ''
        : Math.min(...ns) === Math.max(...ns)
          ? count(ns[0]!, lang)
          : `${count(Math.min(...ns), lang)}–${count(Math.max(...ns), lang)}`;
    const sample = list[0]?.sample;
    const usesBoth = list.some((f) => f.kind === 'change' || f.kind === 'flow');
    const caption = [
      [
        sample ? sampleLabel(sample) : '',
        nText ? `n = ${nText}` : '',
        usesBoth
          ? w.waves(waveLabel(waves[0]), waveLabel(waves[1]))
          : waveLabel(fig.wave ?? waves[1]),
      ]
        .filter(Boolean)
        .join(', '),
      ...(fig.note ? [say(fig.note, lang)] : []),
    ];
    // Each figure twice: at the page's width and narrow for phones (the page shows one).
    const draw = (width: number) =>
      drawFigure(fig, list, caption[0]!, {
        lang,
        waves,
        waveLabel,
        sampleLabel,
        flows: input.flows ?? [],
        timeline: input.timeline ?? [],
        width,
        ...(fig.labels ? { labels: fig.labels } : {}),
      });
    let drawn;
    let narrow;
    try {
      drawn = draw(input.width ?? 640);
      narrow = draw(phoneWidth);
    } catch (error) {
      at(['figures', i], `Figure '${fig.id}': ${(error as Error).message}`);
      continue;
    }
    const svg = await renderSvg(drawn.figure.spec, { idPrefix: `${fig.id}-wide` });
    const svgNarrow = await renderSvg(narrow.figure.spec, { idPrefix: `${fig.id}-narrow` });
    // One footnote per figure for its tests (each finding's n and p, by test), and one for
    // compared items that asked about different periods.
    const notes: number[] = [];
    const byTest = new Map<string, string[]>();
    const warnings = new Map<string, string[]>();
    for (const f of list) {
      const label = say(f.label, lang, f.variable ?? f.kind);
      const many = list.length > 1;
      for (const t of f.tests ?? (f.test ? [f.test] : [])) {
        const line = `${many ? `${label}: ` : ''}n = ${count(f.n, lang)}, ${pValue(t.p, lang).replace(/\u00a0/g, ' ')}`;
        byTest.set(t.name, [...(byTest.get(t.name) ?? []), line]);
      }
      const periods = Object.entries(f.periods ?? {});
      if (new Set(periods.map(([, p]) => p)).size > 1) {
        // Name each compared column by its stage's title (flows) or its wave.
        const stages = (f.stages ?? []) as { title?: Text }[];
        const name = (key: string, k2: number) =>
          stages[k2]?.title ? say(stages[k2].title, lang) : waveLabel(key.split('@')[1] ?? key);
        const which = periods.map(([key, p], k2) => `${name(key, k2)}: ${p ?? '—'}`).join('; ');
        // Items that differ in the same way share one sentence.
        warnings.set(which, [...(warnings.get(which) ?? []), label]);
      }
    }
    if (byTest.size > 0) {
      footnotes.push(
        [...byTest]
          .map(([name, lines]) => `${capitalise(w.tests[name] ?? name)}: ${lines.join('; ')}.`)
          .join(' '),
      );
      notes.push(footnotes.length);
    }
    if (warnings.size > 0) {
      footnotes.push([...warnings].map(([which, labels]) => w.period(labels, which)).join(' '));
      notes.push(footnotes.length);
    }
    const built: BuiltFigure = {
      id: fig.id,
      number: k + 1,
      title: say(fig.title, lang),
      drawing: drawn.figure,
      svg,
      svgNarrow,
      drawingNarrow: narrow.figure,
      rows: drawn.rows,
    };
    figures.push(built);
    htmlFigures.set(fig.id, {
      id: fig.id,
      number: k + 1,
      title: built.title,
      svg,
      svgNarrow,
      caption: caption.slice(1),
      footnotes: notes,
    });
  }
  if (problems.length > 0) throw new ReportProblems(problems);

  const sections = spec.sections.map((s, i) => {
    let markdown = '';
    const text = s.text?.[lang];
    if (text !== undefined)
      try {
        markdown = renderTemplate(text, findings, lang);
      } catch (error) {
        if (!(error instanceof TemplateError)) throw error;
        problems.push({
          file: source.file,
          ...source.locateIn(['sections', i, 'text', lang], error.offset),
          code: 'template',
          message: error.message,
        });
      }
    return {
      title: say(s.title, lang),
      markdown,
      figures: s.figures.map((id) => htmlFigures.get(id)!),
    };
  });
  if (problems.length > 0) throw new ReportProblems(problems);
  // A figure's caption line (sample, n, waves) is drawn under the chart itself; the HTML adds the note.
  const html = reportHtml({
    language: lang,
    title: results.title,
    ...(spec.subtitle ? { subtitle: say(spec.subtitle, lang) } : {}),
    authors: spec.authors,
    sections,
    footnotes,
    words: { contents: w.contents, figure: w.figure, notes: w.notes, madeWith: w.madeWith },
  });
  return { results, figures, html };
}
