/**
 * What a codebook counts in the data, seen chunk by chunk so that a sample of any size is
 * described in flat memory: the number of cases; per number column the rows of each code it
 * lists (labelled codes; for a choice or rating, every code met, as its categories are), empty
 * rows, and the valid values' minimum, maximum, mean and standard deviation (Welford's one pass,
 * value after value in the rows' order, so the same rows give the same figures in any chunks);
 * per text column its empty rows (distinct texts are not kept); per multiple choice the rows
 * that answered and those that chose each option.
 *
 * `summaryWriter` makes a codebook writer a `TableWriter` (table-writer.ts): it sees every chunk,
 * then writes the whole document at the end; the rows themselves are never written.
 */
import type { Dataset, NumberColumn } from '../../analysis/dataset.js';
import { shapeOf } from '../../analysis/chunked.js';
import { writeWhole, type TableWriter } from '../table-writer.js';
import type { Codebook, CodebookShape } from './codebook.js';

/** Welford's running mean and sum of squared deviations of the valid values. */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
}

export type ColumnSummary =
  | {
      type: 'number';
      /** Rows with each code counted (see `everyCode`); the first one met of 0 and -0. */
      counts: Map<number, number>;
      empty: number;
      /** Over the values neither empty nor declared missing; absent where not needed. */
      moments?: Moments;
    }
  | { type: 'text'; empty: number }
  | { type: 'multiple'; answered: number; chosen: number[] };

/**
 * Whether a number column's categories are every code in the data (a choice's or a rating's
 * codes) rather than only its labelled codes: describe.ts lists them so.
 */
export function everyCode(c: NumberColumn): boolean {
  return c.info.measure !== 'scale' && (c.labels.length > 0 || c.info.scale !== undefined);
}

/** Per number column: the codes counted (undefined: every code), and the missing codes. */
interface NumberPlan {
  counted?: ReadonlySet<number>;
  missing: ReadonlySet<number>;
}

export class DataSummary {
  /** Rows seen. */
  n = 0;
  readonly columns = new Map<string, ColumnSummary>();
  private readonly plans = new Map<string, NumberPlan>();

  constructor(shape: Dataset) {
    for (const [name, c] of shape.columns) {
      if (c.type === 'number') {
        const codes = c.labels.map((l) => l.code);
        this.plans.set(name, {
          ...(everyCode(c) ? {} : { counted: new Set(codes) }),
          missing: new Set(c.labels.filter((l) => l.missing).map((l) => l.code)),
        });
        // A choice or rating with labels lists categories, not statistics.
        const moments = c.info.measure === 'scale' || c.labels.length === 0;
        this.columns.set(name, {
          type: 'number',
          counts: new Map(),
          empty: 0,
          ...(moments ? { moments: { n: 0, mean: 0, m2: 0, min: Infinity, max: -Infinity } } : {}),
        });
      } else if (c.type === 'text') this.columns.set(name, { type: 'text', empty: 0 });
      else
        this.columns.set(name, {
          type: 'multiple',
          answered: 0,
          chosen: new Array<number>(c.options.length).fill(0),
        });
    }
  }

  /** A dataset in memory, summarised at once. */
  static of(data: Dataset): DataSummary {
    const out = new DataSummary(data);
    out.see(data);
    return out;
  }

  /** The next rows. */
  see(chunk: Dataset): void {
    this.n += chunk.n;
    for (const [name, s] of this.columns) {
      const c = chunk.columns.get(name);
      if (c?.type !== s.type) throw new Error(`column ${name} is not a ${s.type} column here`);
      if (c.type === 'number' && s.type === 'number') {
        const plan = this.plans.get(name)!;
        s.empty += seeNumbers(c.values, plan, s.counts, s.moments);
      } else if (c.type === 'text' && s.type === 'text') {
        for (const j of c.index) if (j < 0) s.empty++;
      } else if (c.type === 'multiple' && s.type === 'multiple') {
        const k = c.options.length;
        for (let i = 0; i < c.answered.length; i++) {
          if (!c.answered[i]) continue;
          s.answered++;
          for (let j = 0; j < k; j++) s.chosen[j]! += c.chosen[i * k + j]!;
        }
      }
    }
  }
}

/** Counts codes and updates the moments; the number of empty values. */
function seeNumbers(
  values: Float64Array,
  plan: NumberPlan,
  counts: Map<number, number>,
  m: Moments | undefined,
): number {
  let empty = 0;
  for (const v of values) {
    if (Number.isNaN(v)) {
      empty++;
      continue;
    }
    if (!plan.counted || plan.counted.has(v)) counts.set(v, (counts.get(v) ?? 0) + 1);
    if (!m || plan.missing.has(v)) continue;
    m.n++;
    const d = v - m.mean;
    m.mean += d / m.n;
    m.m2 += d * (v - m.mean);
    if (v < m.min) m.min = v;
    if (v > m.max) m.max = v;
  }
  return empty;
}

/** A document written from the summary of every row, once all are seen; nothing per row. */
export function summaryWriter(
  shape: Dataset,
  document: (summary: DataSummary) => Iterable<string>,
): TableWriter {
  const summary = new DataSummary(shape);
  return {
    looksFirst: true,
    see: (chunk) => summary.see(chunk),
    head: () => [],
    rows: () => [],
    readsAgain: false,
    again: () => [],
    tail: () => document(summary),
  };
}

/** A codebook of a dataset in memory, written whole by the table writer `make` makes. */
export function writeCodebookWhole(
  codebook: Codebook,
  make: (codebook: CodebookShape) => TableWriter,
): Generator<string, void, undefined> {
  const { data, ...info } = codebook;
  return writeWhole(make({ ...info, shape: shapeOf(data) }), data) as Generator<
    string,
    void,
    undefined
  >;
}
