/**
 * A study's complete responses read for an export, in batches through a cursor, so that memory
 * holds one batch whatever the number of responses. A unit is one panelist's responses across
 * the waves read, or one response of someone not in the panel; units come in the order of their
 * first response in the ordering wave (units without one last, or left out), each unit whole in
 * one batch, its responses in the order they began.
 */
import { sql, type Kysely } from 'kysely';
import type { Database, ResponseStatus } from '../schema.js';

export interface SampleRow {
  id: string;
  pseudonym: string | null;
  waveId: string;
  status: ResponseStatus;
  completionShare: number;
  createdAt: Date;
  /** The answers, for responses of the waves whose answers were asked for; else null. */
  answers: Record<string, unknown> | null;
}

export interface SampleRowsQuery {
  studyId: string;
  /** The waves whose responses are read. */
  waves: readonly string[];
  /** Units come in the order of their first response in this wave. */
  orderWave: string;
  /** Units without a response in the ordering wave: read last (all), or not at all (ordered). */
  units: 'all' | 'ordered';
  /** The waves whose answers are read (the others' responses come without). */
  answersOf: readonly string[];
  /** Rows fetched at a time (a batch may hold a few more, to keep a unit whole). */
  batch?: number;
}

/** The rows in batches of whole units; a new cursor (in a read-only transaction) per call. */
export async function* sampleRows(
  db: Kysely<Database>,
  q: SampleRowsQuery,
): AsyncGenerator<SampleRow[], void, undefined> {
  const batch = q.batch ?? 1000;
  const trx = await db.startTransaction().setAccessMode('read only').execute();
  let done = false;
  try {
    const unit = sql`coalesce(r.panelist_id::text, r.id::text)`;
    await sql`
      declare sample_rows no scroll cursor for
      select id, pseudonym, "waveId", status, "completionShare", "createdAt", unit
      from (
        select r.id, p.pseudonym, r.wave_id as "waveId", r.status,
          r.completion_share as "completionShare", r.created_at as "createdAt",
          ${unit} as unit,
          min(r.created_at) filter (where r.wave_id = ${q.orderWave})
            over (partition by ${unit}) as first_at
        from responses r left join panelists p on p.id = r.panelist_id
        where r.study_id = ${q.studyId} and r.status = 'complete'
          and r.wave_id in (${sql.join([...q.waves])})
      ) s
      ${q.units === 'ordered' ? sql`where first_at is not null` : sql``}
      order by first_at nulls last, unit, "createdAt", id`.execute(trx);
    // The cursor sorts narrow rows; each batch's answers are read by id after.
    const withAnswers = async (rows: Unit[]): Promise<SampleRow[]> => {
      const ids = rows.filter((r) => answersOf.has(r.waveId)).map((r) => r.id);
      const answers = new Map<string, Record<string, unknown>>();
      if (ids.length > 0) {
        const found = await trx
          .selectFrom('responses')
          .select(['id', 'answers'])
          .where('id', 'in', ids)
          .execute();
        for (const a of found) answers.set(a.id, a.answers);
      }
      return rows.map((r) => withoutUnit(r, answers.get(r.id) ?? null));
    };
    const answersOf = new Set(q.answersOf);
    let held: Unit[] = [];
    for (;;) {
      const { rows } = await sql<Unit>`
        fetch forward ${sql.raw(String(batch))} from sample_rows`.execute(trx);
      if (rows.length === 0) break;
      const all = held.concat(rows);
      // The last unit may go on in the next fetch: keep it back.
      const last = all.at(-1)!.unit;
      let cut = all.length;
      while (cut > 0 && all[cut - 1]!.unit === last) cut--;
      held = all.slice(cut);
      if (cut > 0) yield await withAnswers(all.slice(0, cut));
    }
    if (held.length > 0) yield await withAnswers(held);
    done = true;
  } finally {
    if (done) await trx.commit().execute();
    else await trx.rollback().execute();
  }
}

type Unit = Omit<SampleRow, 'answers'> & { unit: string };

function withoutUnit(r: Unit, answers: Record<string, unknown> | null): SampleRow {
  return {
    id: r.id,
    pseudonym: r.pseudonym,
    waveId: r.waveId,
    status: r.status,
    completionShare: Number(r.completionShare),
    createdAt: r.createdAt,
    answers,
  };
}
