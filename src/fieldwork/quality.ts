/**
 * Data quality over the database: the facts each rule needs, read from the responses and
 * their page log; running a study's rules and storing the flags (only what changed, so a
 * re-run on unchanged data writes nothing); researchers' keep/drop decisions, which outlive
 * every re-run; and the exclusion flow of each wave. Nothing is ever deleted.
 */
import type { Kysely } from 'kysely';
import {
  exclusionFlow,
  parseQualityRules,
  runQuality,
  type Flag,
  type ExclusionFlow,
  type Override,
  type ResponseFacts,
} from '../analysis/quality/index.js';
import { Problem } from '../problems/problem.js';
import { formatCheckProblem } from '../questionnaire/check-problem.js';
import type { Database } from '../store/schema.js';
import { loadStudyWaves } from './dispositions.js';
import { loadSurveyWave } from './survey-wave.js';
import type { Questionnaire } from '../questionnaire/compile.js';

/** Every response of the study (or one wave) with its timings, answers and signals. */
export async function loadResponseFacts(
  db: Kysely<Database>,
  studyId: string,
  waveId?: string,
): Promise<ResponseFacts[]> {
  let q = db
    .selectFrom('responses')
    .select([
      'id',
      'wave_id',
      'status',
      'completion_share',
      'answers',
      'device_hash',
      'signals',
      'created_at',
    ])
    .where('study_id', '=', studyId);
  if (waveId) q = q.where('wave_id', '=', waveId);
  const rows = await q.orderBy('created_at').orderBy('id').execute();
  const seconds = new Map<string, Record<string, number>>();
  let s = db
    .selectFrom('page_saves as p')
    .innerJoin('responses as r', 'r.id', 'p.response_id')
    .select(['p.response_id', 'p.page_id', 'p.shown_at', 'p.saved_at'])
    .where('r.study_id', '=', studyId)
    .where('p.shown_at', 'is not', null);
  if (waveId) s = s.where('r.wave_id', '=', waveId);
  for (const p of await s.orderBy('p.saved_at').orderBy('p.id').execute()) {
    const pages = seconds.get(p.response_id) ?? {};
    // The last save of a page counts: a page sent back and saved again took that long.
    pages[p.page_id] = (p.saved_at.getTime() - p.shown_at!.getTime()) / 1000;
    seconds.set(p.response_id, pages);
  }
  return rows.map((r) => {
    const pageSeconds = seconds.get(r.id) ?? {};
    const times = Object.values(pageSeconds);
    return {
      id: r.id,
      waveId: r.wave_id,
      status: r.status,
      completionShare: Number(r.completion_share),
      durationSeconds: times.length > 0 ? times.reduce((a, b) => a + b, 0) : null,
      pageSeconds,
      answers: r.answers,
      deviceHash: r.device_hash,
      signals: Object.fromEntries(
        Object.entries(r.signals).filter(([, v]) => typeof v === 'number'),
      ) as Record<string, number>,
    };
  });
}

export interface QualityRun {
  responses: number;
  flagged: number;
  /** Flags written and removed by this run: both 0 when nothing changed. */
  added: number;
  removed: number;
}

const key = (responseId: string, f: { rule: string; position: number }) =>
  `${responseId}\u0000${f.rule}\u0000${f.position}`;

/**
 * Checks every response of the study with the rules in `text` (the study's quality file,
 * named `file` in messages) and stores the flags. Bad rules stop with every problem at its
 * line and column, and change nothing.
 */
export async function runStudyQuality(
  db: Kysely<Database>,
  studyId: string,
  text: string,
  file: string,
): Promise<QualityRun> {
  const parsed = parseQualityRules(text, file);
  if (!parsed.rules)
    throw new Problem(
      'input.invalid',
      parsed.problems.map((p) => formatCheckProblem(p)).join('\n'),
      { file },
    );
  const { waves } = await loadStudyWaves(db, studyId);
  const questionnaires = new Map<string, Questionnaire>();
  for (const w of waves)
    if (w.questionnaireVersionId !== null)
      questionnaires.set(w.id, (await loadSurveyWave(db, studyId, w.id)).questionnaire);
  const facts = await loadResponseFacts(db, studyId);
  const flags = runQuality(parsed.rules, questionnaires, facts);
  return db.transaction().execute(async (tx) => {
    await tx
      .insertInto('quality_rules')
      .values({ study_id: studyId, file, text })
      .onConflict((oc) => oc.column('study_id').doUpdateSet({ file, text, updated_at: new Date() }))
      .execute();
    const stored = await tx
      .selectFrom('quality_flags as f')
      .innerJoin('responses as r', 'r.id', 'f.response_id')
      .selectAll('f')
      .where('r.study_id', '=', studyId)
      .execute();
    const wanted = new Map<string, Database['quality_flags']>();
    for (const [responseId, list] of flags) {
      const positions = new Map<string, number>();
      for (const f of list) {
        const position = positions.get(f.rule) ?? 0;
        positions.set(f.rule, position + 1);
        const row = {
          response_id: responseId,
          rule: f.rule,
          kind: f.kind,
          figure: f.figure === null ? null : String(f.figure),
          threshold: f.threshold === null ? null : String(f.threshold),
          reason: f.reason,
          exclude: f.exclude,
          position,
        };
        wanted.set(key(responseId, row), row);
      }
    }
    const same = (a: Database['quality_flags'], b: Database['quality_flags']) =>
      a.kind === b.kind &&
      a.figure === b.figure &&
      a.threshold === b.threshold &&
      a.reason === b.reason &&
      a.exclude === b.exclude;
    const stale = stored.filter((row) => {
      const w = wanted.get(key(row.response_id, row));
      if (!w || !same(w, row)) return true;
      wanted.delete(key(row.response_id, row));
      return false;
    });
    for (let i = 0; i < stale.length; i += 1000)
      await tx
        .deleteFrom('quality_flags')
        .where((eb) =>
          eb(
            eb.refTuple('response_id', 'rule', 'position'),
            'in',
            stale.slice(i, i + 1000).map((r) => eb.tuple(r.response_id, r.rule, r.position)),
          ),
        )
        .execute();
    const removed = stale.length;
    const added = [...wanted.values()];
    for (let i = 0; i < added.length; i += 1000)
      await tx
        .insertInto('quality_flags')
        .values(added.slice(i, i + 1000))
        .execute();
    return {
      responses: facts.length,
      flagged: [...flags.values()].filter((l) => l.length > 0).length,
      added: added.length,
      removed,
    };
  });
}

/** Keeps or drops a response whatever its flags, with a note; the latest decision counts. */
export async function decide(
  db: Kysely<Database>,
  studyId: string,
  responseId: string,
  decision: Pick<Override, 'decision' | 'note' | 'by'>,
): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(responseId))
    throw new Problem('input.invalid', `'${responseId}' is not a response id.`, {
      field: 'response',
    });
  const response = await db
    .selectFrom('responses')
    .select('id')
    .where('id', '=', responseId)
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  if (!response)
    throw new Problem('input.invalid', `Study '${studyId}' has no response '${responseId}'.`, {
      field: 'response',
    });
  if (decision.note.trim() === '')
    throw new Problem('input.invalid', 'Say why in --note: the decision is kept with it.', {
      field: 'note',
    });
  await db
    .insertInto('quality_overrides')
    .values({
      response_id: responseId,
      decision: decision.decision,
      note: decision.note,
      decided_by: decision.by,
    })
    .onConflict((oc) =>
      oc.column('response_id').doUpdateSet({
        decision: decision.decision,
        note: decision.note,
        decided_by: decision.by,
        decided_at: new Date(),
      }),
    )
    .execute();
}

export type WaveFlow = ExclusionFlow & {
  waveId: string;
  /**
   * Flags that only inform (the speeder rule's sensitivity levels): how many responses of the
   * wave each rule and threshold flags, so an analysis can be repeated without them.
   */
  informative: { rule: string; threshold: string | null; responses: number }[];
};

function informativeCounts(ids: string[], flags: Map<string, Flag[]>): WaveFlow['informative'] {
  const counts = new Map<string, WaveFlow['informative'][number]>();
  for (const id of ids)
    for (const f of flags.get(id) ?? []) {
      if (f.exclude) continue;
      const threshold = f.threshold === null ? null : String(f.threshold);
      const key = `${f.rule}\u0000${threshold}`;
      const c = counts.get(key) ?? { rule: f.rule, threshold, responses: 0 };
      c.responses++;
      counts.set(key, c);
    }
  return [...counts.values()];
}

/** The exclusion flow of each wave from the stored flags and decisions. */
export async function qualityReport(
  db: Kysely<Database>,
  studyId: string,
  waveId?: string,
): Promise<WaveFlow[]> {
  const { waves } = await loadStudyWaves(db, studyId, waveId);
  // The flow needs only which responses each wave has, not their answers or timings.
  let q = db
    .selectFrom('responses')
    .select(['id', 'wave_id as waveId'])
    .where('study_id', '=', studyId);
  if (waveId) q = q.where('wave_id', '=', waveId);
  const facts = await q.orderBy('created_at').orderBy('id').execute();
  const rows = await db
    .selectFrom('quality_flags as f')
    .innerJoin('responses as r', 'r.id', 'f.response_id')
    .selectAll('f')
    .where('r.study_id', '=', studyId)
    .orderBy('f.response_id')
    .orderBy('f.position')
    .execute();
  const flags = new Map<string, Flag[]>();
  for (const r of rows)
    flags.set(r.response_id, [
      ...(flags.get(r.response_id) ?? []),
      {
        rule: r.rule,
        kind: r.kind,
        figure: r.figure,
        threshold: r.threshold,
        reason: r.reason,
        exclude: r.exclude,
      },
    ]);
  const overrides: Override[] = (
    await db
      .selectFrom('quality_overrides as o')
      .innerJoin('responses as r', 'r.id', 'o.response_id')
      .selectAll('o')
      .where('r.study_id', '=', studyId)
      .execute()
  ).map((o) => ({
    responseId: o.response_id,
    decision: o.decision,
    note: o.note,
    by: o.decided_by,
    at: o.decided_at.toISOString(),
  }));
  // The rules the study was last checked with give the order of the steps.
  const stored = await db
    .selectFrom('quality_rules')
    .select(['text', 'file'])
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  const rules = stored ? parseQualityRules(stored.text, stored.file).rules : undefined;
  return waves
    .filter((w) => waveId === undefined || w.id === waveId)
    .map((w) => {
      const flow = exclusionFlow(
        facts.filter((f) => f.waveId === w.id),
        flags,
        overrides,
        w.id,
        rules,
      );
      const ids = facts.filter((f) => f.waveId === w.id).map((f) => f.id);
      return { waveId: w.id, ...flow, informative: informativeCounts(ids, flags) };
    });
}
