/**
 * From a figure of the spec and its computed findings to what the figures room draws, and to
 * the rows of the CSV file behind the figure. Labels come from the spec (a finding's `label`)
 * or the questionnaire (the item's and the answers' labels), in the report's language.
 */
import type { FlowStep } from '../analysis/quality/index.js';
import { say, type Category } from './categories.js';
import {
  benchmarkFigure,
  choiceBarsFigure,
  distributionFigure,
  exclusionFlowFigure,
  flowFigure,
  groupComparisonFigure,
  heatmapFigure,
  scaleBarsFigure,
  timelineFigure,
  waveBarsFigure,
  type Figure,
  type FigureBase,
  type Lang,
} from './figures/index.js';
import type { FindingResult } from './findings.js';
import { pValue } from './format.js';
import type { Figure as FigureSpec, Text } from './spec.js';

export type Row = Record<string, string | number | null>;

/** A wave's exclusion flow, as the quality room counts it. */
export interface WaveExclusions {
  waveId: string;
  steps: readonly FlowStep[];
}

/** Completed questionnaires of a wave on a day through a channel. */
export interface TimelineRow {
  waveId: string;
  date: string;
  channel: string;
  completes: number;
}

export interface FigureContext {
  lang: Lang;
  waves: readonly [string, string];
  waveLabel: (wave: string) => string;
  sampleLabel: (sample: string) => string;
  flows: readonly WaveExclusions[];
  timeline: readonly TimelineRow[];
  width?: number;
  /** The figure's own labels, by answer name or rule id. */
  labels?: Record<string, Text>;
}

export interface Drawn {
  figure: Figure;
  rows: Row[];
}

const words = {
  en: {
    significant: '* change significant at p < 0.05 (McNemar test)',
    remaining: 'Analysed',
    other: 'other channels',
    completes: 'Completed questionnaires',
    unnamed: 'answer',
  },
  ru: {
    significant: '* изменение значимо при p < 0,05 (критерий Макнемара)',
    remaining: 'В анализе',
    other: 'другие каналы',
    completes: 'Заполненные анкеты',
    unnamed: 'ответ',
  },
};

type Change = FindingResult & {
  share?: Record<string, number>;
  low?: Record<string, number>;
  high?: Record<string, number>;
  categories?: (Category & { share: Record<string, number> })[];
};

function labelOf(f: FindingResult, lang: Lang): string {
  return say(f.label, lang, f.variable ?? f.kind);
}

/** A category's label: its questionnaire label, or for a scale point its number. */
function categoryLabel(c: Category, lang: Lang, own?: Record<string, Text>): string {
  const mine = own?.[c.name];
  if (mine) return say(mine, lang, c.name);
  if (!c.label) return c.name;
  const text = say(c.label, lang, c.name);
  // A scale's end points are numbers with a label: "1 (Very unlikely)".
  return /^-?\d+$/.test(c.name) ? `${c.name} (${text})` : text;
}

function waveBars(findings: FindingResult[], base: FigureBase, ctx: FigureContext): Drawn {
  const [w1, w2] = ctx.waves;
  const rows: Row[] = [];
  const categories = findings.map((raw) => {
    const f = raw as Change;
    const label = labelOf(f, ctx.lang);
    for (const w of [w1, w2])
      rows.push({
        finding: String(f.id ?? ''),
        label,
        wave: w,
        share: f.share![w]!,
        ci_low: f.low![w]!,
        ci_high: f.high![w]!,
        n: f.n,
        p_value: f.test?.p ?? null,
      });
    return {
      label,
      shares: [f.share![w1]!, f.share![w2]!] as const,
      intervals: [
        [f.low![w1]!, f.high![w1]!],
        [f.low![w2]!, f.high![w2]!],
      ] as const,
      significant: (f.test?.p ?? 1) < 0.05,
    };
  });
  const figure = waveBarsFigure({
    ...base,
    waves: [ctx.waveLabel(w1), ctx.waveLabel(w2)],
    categories,
    ...(categories.some((c) => c.significant)
      ? { significanceNote: words[ctx.lang].significant }
      : {}),
  });
  return { figure, rows };
}

type Distribution = FindingResult & {
  categories: (Category & { share: number; low: number; high: number; count: number })[];
};

function scaleBars(
  findings: FindingResult[],
  base: FigureBase,
  ctx: FigureContext,
  layout: 'stacked' | 'diverging',
): Drawn {
  const rows: Row[] = [];
  const levels: Category[] = [];
  for (const f of findings)
    for (const c of (f as Change | Distribution).categories ?? [])
      if (!levels.some((l) => l.name === c.name)) levels.push(c);
  const names = levels.map((l) => l.name);
  const items = findings.flatMap((raw) => {
    const label = labelOf(raw, ctx.lang);
    if (raw.kind === 'change') {
      const f = raw as Change;
      return ctx.waves.map((w) => {
        const shares = names.map((n) => f.categories!.find((c) => c.name === n)?.share[w] ?? 0);
        names.forEach((n, j) =>
          rows.push({ label, wave: w, answer: n, share: shares[j]!, n: f.n }),
        );
        return {
          label: findings.length === 1 ? ctx.waveLabel(w) : `${label}: ${ctx.waveLabel(w)}`,
          shares,
        };
      });
    }
    const f = raw as Distribution;
    const shares = names.map((n) => f.categories.find((c) => c.name === n)?.share ?? 0);
    names.forEach((n, j) => rows.push({ label, answer: n, share: shares[j]!, n: f.n }));
    return [{ label, shares }];
  });
  const labels = levels.map((l) => categoryLabel(l, ctx.lang, ctx.labels));
  const odd = labels.length % 2 === 1;
  const figure = scaleBarsFigure({
    ...base,
    layout,
    levels: labels,
    ...(odd && layout === 'diverging' ? { neutral: labels[(labels.length - 1) / 2]! } : {}),
    items,
  });
  return { figure, rows };
}

type Flow = FindingResult & {
  stages: {
    variable: string;
    wave: string;
    title?: Text;
    categories: (Category & { count: number })[];
  }[];
  links: number[][][];
  /** Counts from the first stage to the last. */
  table: number[][];
};

/** A stage's heading: the spec's label for it, else its wave. */
function stageTitle(s: Flow['stages'][number], ctx: FigureContext): string {
  return s.title ? say(s.title, ctx.lang) : ctx.waveLabel(s.wave);
}

function flow(findings: FindingResult[], base: FigureBase, ctx: FigureContext): Drawn {
  const f = findings[0] as Flow;
  const rows: Row[] = [];
  // Every stage, a column each (before leaving, March, September), and the bands between
  // consecutive ones; a stage is named in the rows as the spec names it, `variable@wave`.
  const orders = f.stages.map((s) =>
    s.categories.map((c) => categoryLabel(c, ctx.lang, ctx.labels)),
  );
  const named = f.stages.map((s) => `${s.variable}@${s.wave}`);
  const links = f.links.map((table, k) =>
    table.flatMap((r, i) =>
      r.flatMap((count, j) => {
        if (count === 0) return [];
        rows.push({
          from_stage: named[k]!,
          from: f.stages[k]!.categories[i]!.name,
          to_stage: named[k + 1]!,
          to: f.stages[k + 1]!.categories[j]!.name,
          count,
        });
        return [{ from: orders[k]![i]!, to: orders[k + 1]![j]!, count }];
      }),
    ),
  );
  const figure = flowFigure({
    ...base,
    stages: f.stages.map((s, k) => ({ label: stageTitle(s, ctx), order: orders[k]! })),
    links,
  });
  return { figure, rows };
}

function heatmap(findings: FindingResult[], base: FigureBase, ctx: FigureContext): Drawn {
  const f = findings[0] as Flow & Change & { table?: number[][] };
  const rows: Row[] = [];
  let rowCats: Category[];
  let colCats: Category[];
  let table: number[][];
  let titles: [string, string];
  if (f.kind === 'flow') {
    rowCats = f.stages[0]!.categories;
    colCats = f.stages.at(-1)!.categories;
    table = f.table;
    titles = [stageTitle(f.stages[0]!, ctx), stageTitle(f.stages.at(-1)!, ctx)];
  } else {
    rowCats = f.categories!;
    colCats = f.categories!;
    table = f.table!;
    titles = [ctx.waveLabel(ctx.waves[0]), ctx.waveLabel(ctx.waves[1])];
  }
  const cells = table.flatMap((r, i) => {
    const total = r.reduce((a, b) => a + b, 0);
    return r.map((count, j) => {
      rows.push({
        row: rowCats[i]!.name,
        column: colCats[j]!.name,
        count,
        row_share: total > 0 ? count / total : 0,
      });
      return {
        row: categoryLabel(rowCats[i]!, ctx.lang, ctx.labels),
        column: categoryLabel(colCats[j]!, ctx.lang, ctx.labels),
        share: total > 0 ? count / total : 0,
        count: Math.round(count),
      };
    });
  });
  const figure = heatmapFigure({
    ...base,
    rows: { title: titles[0], order: rowCats.map((c) => categoryLabel(c, ctx.lang, ctx.labels)) },
    columns: {
      title: titles[1],
      order: colCats.map((c) => categoryLabel(c, ctx.lang, ctx.labels)),
    },
    cells,
  });
  return { figure, rows };
}

function distribution(findings: FindingResult[], base: FigureBase, ctx: FigureContext): Drawn {
  const rows: Row[] = [];
  const bars = findings.flatMap((raw) => {
    if (raw.kind === 'share') {
      const f = raw as FindingResult & { share: number; low: number; high: number };
      const label = labelOf(f, ctx.lang);
      rows.push({ label, share: f.share, ci_low: f.low, ci_high: f.high, n: f.n });
      return [{ label, share: f.share, interval: [f.low, f.high] as const }];
    }
    const f = raw as Distribution;
    return f.categories.map((c) => {
      const label = categoryLabel(c, ctx.lang, ctx.labels);
      rows.push({
        answer: c.name,
        label,
        share: c.share,
        ci_low: c.low,
        ci_high: c.high,
        count: c.count,
        n: f.n,
      });
      return { label, share: c.share, interval: [c.low, c.high] as const };
    });
  });
  return { figure: distributionFigure({ ...base, categories: bars }), rows };
}

function multiple(findings: FindingResult[], base: FigureBase, ctx: FigureContext): Drawn {
  const f = findings[0] as FindingResult & {
    options: (Category & { share: number; low: number; high: number; count: number })[];
  };
  const rows: Row[] = f.options.map((o) => ({
    option: o.name,
    share: o.share,
    ci_low: o.low,
    ci_high: o.high,
    count: o.count,
    n: f.n,
  }));
  const options = f.options.map((o) => ({
    label: categoryLabel(o, ctx.lang, ctx.labels),
    share: o.share,
    interval: [o.low, o.high] as const,
  }));
  const other = f.options
    .filter((o) => o.name === 'other')
    .map((o) => categoryLabel(o, ctx.lang, ctx.labels));
  return { figure: choiceBarsFigure({ ...base, options, last: other }), rows };
}

function testLine(f: FindingResult, lang: Lang): string {
  const t = f.test!;
  const df = t.df === null ? '' : `(${Number.isInteger(t.df) ? t.df : t.df.toFixed(1)})`;
  const symbol =
    t.name === 'chi-square' ? 'χ²' : t.name === 'Welch t' || t.name === 't' ? 't' : t.name;
  const statistic = new Intl.NumberFormat(lang === 'ru' ? 'ru-RU' : 'en-GB', {
    maximumFractionDigits: 2,
  }).format(t.statistic);
  return `${symbol}${df} = ${statistic}; ${pValue(t.p, lang)}`;
}

function groups(findings: FindingResult[], base: FigureBase, ctx: FigureContext): Drawn {
  const f = findings[0] as FindingResult & {
    groups: string[];
    group_labels: Record<string, Text>;
    by: Record<string, { n: number; mean?: number; shares?: Record<string, number> }>;
    categories?: Category[];
    scale?: { min: number; max: number };
  };
  const rows: Row[] = [];
  const groupList = f.groups.map((g) => ({
    label: say(f.group_labels[g], ctx.lang, g),
    n: f.by[g]!.n,
  }));
  let figure: Figure;
  if (f.categories) {
    const categories = f.categories.map((c) => ({
      label: categoryLabel(c, ctx.lang, ctx.labels),
      values: f.groups.map((g) => f.by[g]!.shares![c.name] ?? 0),
    }));
    f.groups.forEach((g) =>
      f.categories!.forEach((c) =>
        rows.push({
          group: g,
          answer: c.name,
          share: f.by[g]!.shares![c.name] ?? 0,
          n: f.by[g]!.n,
        }),
      ),
    );
    figure = groupComparisonFigure({
      ...base,
      groups: groupList,
      measure: { kind: 'share' },
      categories,
      test: testLine(f, ctx.lang),
    });
  } else {
    const means = f.groups.map((g) => f.by[g]!.mean!);
    f.groups.forEach((g, k) => rows.push({ group: g, mean: means[k]!, n: f.by[g]!.n }));
    const lo = f.scale?.min ?? Math.min(0, ...means);
    const hi = f.scale?.max ?? Math.max(...means) * 1.2;
    figure = groupComparisonFigure({
      ...base,
      groups: groupList,
      measure: { kind: 'mean', min: lo, max: hi },
      categories: [{ label: labelOf(f, ctx.lang), values: means }],
      test: testLine(f, ctx.lang),
    });
  }
  return { figure, rows };
}

function benchmark(findings: FindingResult[], base: FigureBase, ctx: FigureContext): Drawn {
  const first = findings[0] as FindingResult & {
    source: Text;
    values?: string[];
    scale?: { min: number; max: number };
  };
  const rows: Row[] = [];
  const items = findings.map((raw) => {
    const f = raw as FindingResult & {
      value: number;
      low: number;
      high: number;
      benchmark: number;
      source: Text;
    };
    const label = labelOf(f, ctx.lang);
    rows.push({
      label,
      value: f.value,
      ci_low: f.low,
      ci_high: f.high,
      n: f.n,
      benchmark: f.benchmark,
      source: say(f.source, ctx.lang),
      p_value: f.test?.p ?? null,
    });
    return { label, value: f.value, interval: [f.low, f.high] as const, benchmark: f.benchmark };
  });
  const share = first.values !== undefined;
  const source = say(first.source, ctx.lang);
  const figure = benchmarkFigure({
    ...base,
    measure: share
      ? { kind: 'share' }
      : { kind: 'mean', min: first.scale?.min ?? 1, max: first.scale?.max ?? 5 },
    sample: ctx.sampleLabel(first.sample),
    benchmark: { label: source.split(' (')[0] ?? source, source },
    items,
  });
  return { figure, rows };
}

function exclusions(spec: FigureSpec, base: FigureBase, ctx: FigureContext): Drawn {
  const wave = spec.wave ?? ctx.waves[1];
  const flow = ctx.flows.find((f) => f.waveId === wave);
  if (!flow) throw new Error(`no exclusion flow for wave '${wave}': run the quality rules first`);
  const rows: Row[] = [];
  const steps = flow.steps.map((s) => {
    rows.push({ step: s.step, entering: s.entering, leaving: s.leaving });
    return {
      label: say(ctx.labels?.[s.step], ctx.lang, s.step),
      entering: s.entering,
      leaving: s.leaving,
      // A reason is a sentence; in the box it is followed by its count.
      reasons: Object.entries(s.reasons).map(([reason, count]) => {
        const text = reason.replace(/\.$/, '');
        const own = spec.reasons?.[text] ?? spec.reasons?.[reason];
        return { label: own ? say(own, ctx.lang, text) : text, count };
      }),
    };
  });
  return {
    figure: exclusionFlowFigure({ ...base, steps, remaining: words[ctx.lang].remaining }),
    rows,
  };
}

function timeline(spec: FigureSpec, base: FigureBase, ctx: FigureContext): Drawn {
  const wave = spec.wave ?? ctx.waves[1];
  const days = ctx.timeline.filter((t) => t.waveId === wave);
  if (days.length === 0) throw new Error(`no completed questionnaires in wave '${wave}'`);
  // The seven largest channels by completes, the rest together.
  const totals = new Map<string, number>();
  for (const d of days) totals.set(d.channel, (totals.get(d.channel) ?? 0) + d.completes);
  const ranked = [...totals].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const shown = ranked.length <= 8 ? ranked : ranked.slice(0, 7);
  const other = words[ctx.lang].other;
  const merged = new Map<string, { date: string; channel: string; completes: number }>();
  for (const d of days) {
    const channel = shown.includes(d.channel) ? d.channel : other;
    const key = `${d.date}\u0000${channel}`;
    const m = merged.get(key) ?? { date: d.date, channel, completes: 0 };
    m.completes += d.completes;
    merged.set(key, m);
  }
  const channels = ranked.length <= 8 ? shown : [...shown, other];
  const rows: Row[] = [...merged.values()].map((m) => ({ ...m }));
  return {
    figure: timelineFigure({
      ...base,
      channels,
      days: [...merged.values()],
      countTitle: words[ctx.lang].completes,
    }),
    rows,
  };
}

/** The figure of the spec from its findings (or the fieldwork data), ready to render. */
export function drawFigure(
  spec: FigureSpec,
  findings: FindingResult[],
  note: string,
  ctx: FigureContext,
): Drawn {
  const base: FigureBase = { lang: ctx.lang, note, ...(ctx.width ? { width: ctx.width } : {}) };
  switch (spec.kind) {
    case 'wave-bars':
      return waveBars(findings, base, ctx);
    case 'stacked':
    case 'diverging':
      return scaleBars(findings, base, ctx, spec.kind);
    case 'flow':
      return flow(findings, base, ctx);
    case 'heatmap':
      return heatmap(findings, base, ctx);
    case 'distribution':
      return distribution(findings, base, ctx);
    case 'multiple':
      return multiple(findings, base, ctx);
    case 'groups':
      return groups(findings, base, ctx);
    case 'benchmark':
      return benchmark(findings, base, ctx);
    case 'exclusion-flow':
      return exclusions(spec, base, ctx);
    case 'timeline':
      return timeline(spec, base, ctx);
  }
}
