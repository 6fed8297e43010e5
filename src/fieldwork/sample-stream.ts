/**
 * A sample for an export, read from the database chunk by chunk (store/queries/sample-rows.ts),
 * so that a file of a million responses is written with the memory of one chunk. Each chunk is
 * built by the same sample builders as a sample in memory (analysis/samples.ts) and typed as
 * the whole sample would be: a first reading gathers what every column holds and which answers
 * no questionnaire declares (analysis/answer-census.ts); each later reading builds its chunks
 * with that census, so every chunk has the columns, types and labels of the shape.
 */
import type { Kysely } from 'kysely';
import { AnswerCensus } from '../analysis/answer-census.js';
import type { AnswersSeen } from '../analysis/answer-columns.js';
import {
  conformTo,
  mapChunks,
  sameShape,
  shapeOf,
  type ChunkedDataset,
} from '../analysis/chunked.js';
import type { Dataset, VariableInfo } from '../analysis/dataset.js';
import {
  combinedSample,
  filterSample,
  panelLongSample,
  panelSample,
  type Kept,
  type SampleSource,
} from '../analysis/samples.js';
import { Problem } from '../problems/problem.js';
import type { Variable } from '../questionnaire/variables.js';
import type { Database } from '../store/schema.js';
import { sampleRows, type SampleRow } from '../store/queries/sample-rows.js';
import { loadStudyWaves } from './dispositions.js';
import { versionVariables } from './panel-data.js';
import { keepMemoryFlat } from './flat-memory.js';
import { keptResponses } from './report-data.js';
import { rankedResponses } from './samples.js';

export interface ExportSampleOptions {
  /** kept: the combined sample's kept responses; all: every complete one; panel: linked. */
  sample: 'kept' | 'all' | 'panel';
  /** The panel sample wide (a row per panelist) or long (a row per panelist and wave). */
  form?: 'wide' | 'long';
  /** The combined sample's wave (the latest by default). */
  wave?: string;
  /** Only the rows for which this expression is true. */
  where?: string;
  /** Responses read at a time. */
  batch?: number;
  /**
   * A look at every chunk during the first reading, given the shape the sample has when every
   * answer is as its questionnaire declares (it returns what looks at each chunk). Where the
   * sample turns out to have that shape, `looked` is true and the look stands; a writer then
   * needs no reading of its own before it writes.
   */
  firstLook?: (shape: Dataset, about: SampleAbout) => (chunk: Dataset) => void;
  /** Hears the rows of the sample built so far during the first reading. */
  progress?: (rows: number) => void;
}

/** The study's waves in order, the wave of a combined sample, each wave's variables. */
export interface SampleAbout {
  waves: string[];
  wave: string;
  variables: Map<string, Variable[]>;
}

export interface ExportSample extends SampleAbout {
  data: ChunkedDataset;
  /** Whether the quality rules were run (else every complete response counts). */
  checked: boolean;
  /** Whether `firstLook` saw every chunk as they are (false: look again). */
  looked: boolean;
  /** The sample's rows before `where` chose among them. */
  built: number;
}

function refuse(field: string, message: string): never {
  throw new Problem('input.invalid', message, { field });
}

export async function exportSample(
  db: Kysely<Database>,
  studyId: string,
  o: ExportSampleOptions,
): Promise<ExportSample> {
  const waves = (await loadStudyWaves(db, studyId)).waves.map((w) => w.id);
  const wave = o.wave ?? waves.at(-1)!;
  if (!waves.includes(wave))
    refuse('wave', `Study '${studyId}' has no wave '${wave}'; its waves are ${waves.join(', ')}.`);
  const variables = new Map<string, Variable[]>();
  for (const w of waves) variables.set(w, await versionVariables(db, studyId, w));
  const { checked, kept } =
    o.sample === 'all'
      ? { checked: false, kept: (() => true) as Kept }
      : await keptResponses(db, studyId);

  const pair = [waves[0]!, waves.at(-1)!] as [string, string];
  const plan =
    o.sample === 'panel'
      ? {
          // Units of the later wave alone make no row, but their answers may name an item.
          query: { waves: pair, orderWave: pair[0], answersOf: pair, units: 'all' as const },
          build: (s: SampleSource) =>
            o.form === 'long' ? panelLongSample(s, kept, pair) : panelSample(s, kept, pair),
        }
      : {
          query: {
            waves: waves.slice(0, waves.indexOf(wave) + 1),
            orderWave: wave,
            answersOf: [wave],
            units: 'ordered' as const,
          },
          build: (s: SampleSource) => combinedSample(s, kept, wave),
        };
  const query = { studyId, batch: o.batch, ...plan.query };

  // The first reading: answers no questionnaire declares, and what every column holds.
  const extras = new Map(waves.map((w) => [w, new Set<string>()]));
  const declared = new Map(waves.map((w) => [w, new Set(variables.get(w)!.map((v) => v.name))]));
  const census = new AnswerCensus();
  const declaredShape = shapeOf(plan.build(batchSource(waves, [], variables)));
  let look = o.firstLook?.(declaredShape, { waves, wave, variables });
  let built = 0;
  for await (const rows of sampleRows(db, query)) {
    keepMemoryFlat();
    for (const r of rows)
      if (r.answers)
        for (const k of Object.keys(r.answers))
          if (!declared.get(r.waveId)!.has(k)) extras.get(r.waveId)!.add(k);
    const chunk = plan.build(batchSource(waves, rows, variables));
    built += chunk.n;
    o.progress?.(built);
    census.see(chunk);
    if (look) look = lookAt(chunk, declaredShape, o.where, look);
  }
  const all = new Map<string, readonly VariableInfo[]>(
    waves.map((w) => [
      w,
      [
        ...variables.get(w)!,
        ...[...extras.get(w)!].sort().map((name) => ({ name }) as VariableInfo),
      ],
    ]),
  );
  const seen = census.result();
  const shape = shapeOf(plan.build(batchSource(waves, [], all, seen)));
  const looked = look !== undefined && sameShape(declaredShape, shape);
  let data: ChunkedDataset = {
    shape,
    async *chunks() {
      for await (const rows of sampleRows(db, query)) {
        keepMemoryFlat();
        const chunk = plan.build(batchSource(waves, rows, all, seen));
        if (chunk.n > 0) yield conformTo(chunk, shape);
      }
    },
  };
  if (o.where !== undefined) {
    const where = o.where;
    filterSample(shape, 'where', where); // refuses a bad expression before any reading
    data = mapChunks(data, shape, (chunk) => filterSample(chunk, 'where', where));
  }
  return { data, checked, waves, wave, variables, looked, built };
}

/**
 * The first look at a chunk built as declared (filtered as asked); undefined once a chunk is
 * not as declared (the look is then void: the sample's shape will differ).
 */
function lookAt(
  chunk: Dataset,
  shape: Dataset,
  where: string | undefined,
  look: (chunk: Dataset) => void,
): ((chunk: Dataset) => void) | undefined {
  if (!sameShape(shapeOf(chunk), shape)) return undefined;
  let rows: Dataset;
  try {
    rows = where === undefined ? chunk : filterSample(chunk, 'where', where);
  } catch (error) {
    // An expression the declared columns cannot answer: checked on the sample's shape later.
    if (error instanceof Problem) return undefined;
    throw error;
  }
  if (rows.n > 0) look(conformTo(rows, shape));
  return look;
}

function batchSource(
  waves: readonly string[],
  rows: readonly SampleRow[],
  variables: ReadonlyMap<string, readonly VariableInfo[]>,
  seen?: ReadonlyMap<string, AnswersSeen>,
): SampleSource {
  return {
    waves,
    responses: rankedResponses(rows).map((r) => ({
      responseId: r.id,
      pseudonym: r.pseudonym,
      waveId: r.waveId,
      answers: r.answers ?? {},
    })),
    variables,
    ...(seen ? { seen } : {}),
  };
}
