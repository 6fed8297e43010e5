/**
 * The samples of a panel study, built from each wave's responses and the quality room's
 * keep/drop decisions, as columnar Datasets that `runAnalyses` takes:
 *
 * - panel: panelists with a kept response in both waves (by default the first and the latest),
 *   one row each, wide: `pseudonym`, then per wave `response_id__<wave>` and the wave's
 *   variables suffixed `__<wave>` as the linked panel tables name them (`country_now__wave-2`);
 * - combined: every kept response of the latest wave, panel and new: `response_id`,
 *   `pseudonym`, `panel` (1 when the panelist has a kept response in an earlier wave, else 0),
 *   then the wave's variables unsuffixed;
 * - custom: the rows of the panel or combined sample for which an expression is true.
 *
 * Pure: records in, Datasets out.
 */
import { Problem } from '../problems/problem.js';
import {
  ExpressionError,
  evaluate,
  isTruthy,
  parseExpression,
  references,
  type Expr,
} from '../questionnaire/expression/index.js';
import { answerColumn, type AnswersSeen } from './answer-columns.js';
import {
  cellForExpression,
  numberColumn,
  selectRows,
  textColumn,
  type Column,
  type Dataset,
  type VariableInfo,
} from './dataset.js';

/** One response as the loader reads it. */
export interface WaveResponse {
  responseId: string;
  /** The panelist's pseudonym, or null for a respondent who is not in the panel. */
  pseudonym: string | null;
  waveId: string;
  answers: Record<string, unknown>;
}

export interface SampleSource {
  /** The study's waves in order; the last is the latest. */
  waves: readonly string[];
  /** Every response; where a panelist has two kept responses in a wave, the first counts. */
  responses: readonly WaveResponse[];
  /**
   * Each wave's variables in questionnaire order (a questionnaire's `Variable`s will do); answers
   * under other names follow, sorted, typed by what they hold.
   */
  variables?: ReadonlyMap<string, readonly VariableInfo[]>;
  /** Pseudonyms invited to each wave, for the attrition check. */
  invited?: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * What each answer column held over a whole sample read in chunks, by the sample's column
   * names (answer-census.ts), so that every chunk is typed alike.
   */
  seen?: ReadonlyMap<string, AnswersSeen>;
}

/** The quality room's decision: the set of kept response ids, or a test per response. */
export type Kept = ReadonlySet<string> | ((responseId: string) => boolean);

export interface CustomSample {
  from: 'panel' | 'combined';
  /** An expression over the sample's variables, e.g. `${country_now__wave_2} = 'RU'`. */
  where: string;
}

export const waveColumn = (name: string, waveId: string): string => `${name}__${waveId}`;

function keptTest(kept: Kept): (id: string) => boolean {
  return typeof kept === 'function' ? kept : (id) => kept.has(id);
}

function fail(message: string, field: string, column?: number): never {
  throw new Problem('input.invalid', message, column === undefined ? { field } : { field, column });
}

function checkWave(source: SampleSource, waveId: string, sample: string): void {
  if (!source.waves.includes(waveId))
    fail(
      `Sample '${sample}': there is no wave '${waveId}'; the waves are ${source.waves.join(', ')}.`,
      sample,
    );
}

/** Each wave's kept responses by pseudonym (panelists) and in input order (everyone). */
function keptByWave(source: SampleSource, kept: Kept) {
  const passes = keptTest(kept);
  const byWave = new Map<string, { all: WaveResponse[]; panel: Map<string, WaveResponse> }>();
  for (const w of source.waves) byWave.set(w, { all: [], panel: new Map() });
  for (const r of source.responses) {
    const wave = byWave.get(r.waveId);
    if (!wave || !passes(r.responseId)) continue;
    if (r.pseudonym === null) wave.all.push(r);
    else if (!wave.panel.has(r.pseudonym)) {
      wave.panel.set(r.pseudonym, r);
      wave.all.push(r);
    }
  }
  return byWave;
}

/** A wave's variables: the declared ones, then answers under other names, sorted. */
function waveInfos(source: SampleSource, waveId: string): VariableInfo[] {
  const declared = source.variables?.get(waveId) ?? [];
  const names = new Set(declared.map((v) => v.name));
  const extra = new Set<string>();
  for (const r of source.responses)
    if (r.waveId === waveId)
      for (const k of Object.keys(r.answers)) if (!names.has(k)) extra.add(k);
  // An undeclared answer has no kind: answerColumn types it by what it holds.
  return [...declared, ...[...extra].sort().map((name) => ({ name }) as VariableInfo)];
}

/** A wave's variable names: the declared ones, then answers under other names, sorted. */
export function waveVariables(source: SampleSource, waveId: string): string[] {
  return waveInfos(source, waveId).map((v) => v.name);
}

/** A wave's variables over the responses given (one row each), typed. */
function answerColumns(
  responses: readonly WaveResponse[],
  variables: readonly VariableInfo[],
  name: (variable: string) => string = (v) => v,
  seen?: ReadonlyMap<string, AnswersSeen>,
): [string, Column][] {
  return variables.map((v) => [
    name(v.name),
    answerColumn(
      responses.map((r) => r.answers[v.name]),
      v.kind ? v : undefined,
      seen?.get(name(v.name)),
    ),
  ]);
}

const idColumn = (ids: readonly (string | null)[]): Column =>
  textColumn(ids, { measure: 'nominal' });
const flagColumn = (flags: readonly boolean[]): Column =>
  numberColumn(
    Float64Array.from(flags, (f) => (f ? 1 : 0)),
    [],
    { measure: 'nominal' },
  );

function dataset(n: number, columns: [string, Column][]): Dataset {
  return { n, columns: new Map(columns) };
}

/** Each panelist's kept responses in both waves, in the first wave's order. */
function linkedPairs(
  source: SampleSource,
  kept: Kept,
  waves: readonly [string, string],
): [WaveResponse, WaveResponse][] {
  for (const w of waves) checkWave(source, w, 'panel');
  if (waves[0] === waves[1]) fail(`Sample 'panel' needs two different waves.`, 'panel');
  const byWave = keptByWave(source, kept);
  const [first, second] = waves.map((w) => byWave.get(w)!.panel);
  const pairs: [WaveResponse, WaveResponse][] = [];
  for (const [pseudonym, r1] of first!) {
    const r2 = second!.get(pseudonym);
    if (r2) pairs.push([r1, r2]);
  }
  return pairs;
}

/** Panelists with a kept response in both waves, wide. */
export function panelSample(
  source: SampleSource,
  kept: Kept,
  waves: readonly [string, string] = [source.waves[0]!, source.waves.at(-1)!],
): Dataset {
  const pairs = linkedPairs(source, kept, waves);
  const columns: [string, Column][] = [['pseudonym', idColumn(pairs.map(([r]) => r.pseudonym))]];
  waves.forEach((w, k) => {
    const responses = pairs.map((p) => p[k]!);
    columns.push([waveColumn('response_id', w), idColumn(responses.map((r) => r.responseId))]);
    columns.push(
      ...answerColumns(responses, waveInfos(source, w), (v) => waveColumn(v, w), source.seen),
    );
  });
  return dataset(pairs.length, columns);
}

/**
 * The panel sample in long form: for each panelist with a kept response in both waves, one row
 * per wave (`pseudonym`, `wave`, `response_id`, then every variable of either wave, empty where
 * a wave did not ask it; a variable both waves ask is typed as the later wave declares it).
 */
export function panelLongSample(
  source: SampleSource,
  kept: Kept,
  waves: readonly [string, string] = [source.waves[0]!, source.waves.at(-1)!],
): Dataset {
  const rows = linkedPairs(source, kept, waves).flat();
  // Each name once, in the waves' order; the later wave's definition types it.
  const byName = new Map<string, VariableInfo>();
  for (const w of waves) for (const v of waveInfos(source, w)) byName.set(v.name, v);
  const order = [...byName.keys()];
  return dataset(rows.length, [
    ['pseudonym', idColumn(rows.map((r) => r.pseudonym))],
    ['wave', idColumn(rows.map((r) => r.waveId))],
    ['response_id', idColumn(rows.map((r) => r.responseId))],
    ...answerColumns(
      rows,
      order.map((name) => byName.get(name)!),
      undefined,
      source.seen,
    ),
  ]);
}

/** Every kept response of the latest wave (or the wave given), with `panel` 1/0. */
export function combinedSample(
  source: SampleSource,
  kept: Kept,
  waveId: string = source.waves.at(-1)!,
): Dataset {
  checkWave(source, waveId, 'combined');
  const byWave = keptByWave(source, kept);
  const earlier = source.waves.slice(0, source.waves.indexOf(waveId));
  const isPanel = (p: string | null) =>
    p !== null && earlier.some((w) => byWave.get(w)!.panel.has(p));
  const responses = byWave.get(waveId)!.all;
  return dataset(responses.length, [
    ['response_id', idColumn(responses.map((r) => r.responseId))],
    ['pseudonym', idColumn(responses.map((r) => r.pseudonym))],
    ['panel', flagColumn(responses.map((r) => isPanel(r.pseudonym)))],
    ...answerColumns(responses, waveInfos(source, waveId), undefined, source.seen),
  ]);
}

/**
 * The column a reference names: the column itself, or the one whose name reads the same with
 * every character other than letters, digits and '_' written as '_' (references cannot hold
 * '-', so `${country_now__wave_2}` names `country_now__wave-2`).
 */
export function resolver(data: Dataset): (name: string) => string | undefined {
  const aliases = new Map<string, string[]>();
  for (const c of data.columns.keys()) {
    const alias = c.replace(/[^A-Za-z0-9_]/g, '_');
    aliases.set(alias, [...(aliases.get(alias) ?? []), c]);
  }
  return (name) => {
    if (data.columns.has(name)) return name;
    const found = aliases.get(name);
    return found?.length === 1 ? found[0] : undefined;
  };
}

/** The rows of `data` for which the expression is true; errors name the sample and column. */
export function filterSample(data: Dataset, sample: string, where: string): Dataset {
  let tree: Expr;
  try {
    tree = parseExpression(where);
  } catch (error) {
    if (error instanceof ExpressionError)
      fail(
        `Sample '${sample}', column ${error.offset + 1} of '${where}': ${error.message}`,
        sample,
        error.offset + 1,
      );
    throw error;
  }
  const resolve = resolver(data);
  const columnOf = new Map<string, Column>();
  for (const ref of references(tree)) {
    const name = resolve(ref.name);
    if (name === undefined)
      fail(
        `Sample '${sample}', column ${ref.start + 1} of '${where}': there is no variable '${ref.name}' in the sample's data.`,
        sample,
        ref.start + 1,
      );
    columnOf.set(ref.name, data.columns.get(name)!);
  }
  const rows: number[] = [];
  for (let i = 0; i < data.n; i++) {
    const value = evaluate(tree, {
      value: (name) => cellForExpression(columnOf.get(name)!, i),
      today: '1970-01-01',
    });
    if (isTruthy(value)) rows.push(i);
  }
  return selectRows(data, rows);
}

/**
 * For the attrition check: the `from` wave's answers (unsuffixed) of every panelist with a kept
 * response there who was invited to `to` or answered it, and `responded` 1 when they have a kept
 * response in `to`, else 0. Without invitation lists, every such panelist counts as invited.
 */
export function attritionSample(
  source: SampleSource,
  kept: Kept,
  from: string = source.waves[0]!,
  to: string = source.waves.at(-1)!,
): Dataset {
  checkWave(source, from, 'attrition');
  checkWave(source, to, 'attrition');
  const byWave = keptByWave(source, kept);
  const answered = new Set(
    source.responses.filter((r) => r.waveId === to && r.pseudonym !== null).map((r) => r.pseudonym),
  );
  const invited = source.invited?.get(to);
  const later = byWave.get(to)!.panel;
  const rows = [...byWave.get(from)!.panel].filter(
    ([pseudonym]) => !invited || invited.has(pseudonym) || answered.has(pseudonym),
  );
  const responses = rows.map(([, r]) => r);
  return dataset(rows.length, [
    ['pseudonym', idColumn(rows.map(([p]) => p))],
    ['response_id', idColumn(responses.map((r) => r.responseId))],
    ['responded', flagColumn(rows.map(([p]) => later.has(p)))],
    ...answerColumns(responses, waveInfos(source, from)),
  ]);
}

/** The panel and combined samples and every custom sample, by name. */
export function buildSamples(
  source: SampleSource,
  kept: Kept,
  custom: Record<string, CustomSample> = {},
): Map<string, Dataset> {
  const out = new Map<string, Dataset>([
    ['panel', panelSample(source, kept)],
    ['combined', combinedSample(source, kept)],
  ]);
  for (const [name, def] of Object.entries(custom)) {
    if (out.has(name)) fail(`Sample '${name}' is defined twice.`, name);
    const base = out.get(def.from);
    if (!base || (def.from !== 'panel' && def.from !== 'combined'))
      fail(`Sample '${name}': 'from' must be 'panel' or 'combined', not '${def.from}'.`, name);
    out.set(name, filterSample(base, name, def.where));
  }
  return out;
}
