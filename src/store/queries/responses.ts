/**
 * Responses (one row per respondent per wave) and their page log. A page save is idempotent:
 * the client's save id is unique per response, and the answers are merged only by the
 * statement that inserted the page save, so a double tap or a retry changes nothing.
 */
import { sql, type Kysely } from 'kysely';
import { together } from '../batcher.js';
import { translating } from '../errors.js';
import type { Database, ResponseStatus } from '../schema.js';

export interface ResponseRow {
  id: string;
  studyId: string;
  waveId: string;
  questionnaireVersionId: number;
  channelCode: string | null;
  language: string;
  status: ResponseStatus;
  answers: Record<string, unknown>;
  completionShare: number;
  currentPage: string | null;
  createdAt: Date;
  updatedAt: Date;
  completedAt: Date | null;
  /** Quality signals recorded during fieldwork (honeypot hits, too-fast pages, ...). */
  signals: Record<string, unknown>;
  invitationId: number | null;
  /** The pseudonymous panelist whose response this is, across waves. */
  panelistId: number | null;
}

/** A response with the hash of its current session, to tell whether a browser holds it. */
export type ResponseWithSession = ResponseRow & { sessionHash: string | null };

/** A response found by its session, with its resume code sealed under that session. */
export type SessionResponse = ResponseRow & { resumeCodeSealed: Uint8Array | null };

export interface PageSaveRow {
  pageId: string;
  saveId: string;
  answers: Record<string, unknown>;
  shownAt: Date | null;
  savedAt: Date;
}

export async function createResponse(
  db: Kysely<Database>,
  r: {
    studyId: string;
    waveId: string;
    questionnaireVersionId: number;
    channelCode: string | null;
    language: string;
    currentPage: string | null;
    /** The server's clock, passed in. */
    now: Date;
    /** Hashes only: of the session cookie, the resume code and the device nonce. */
    sessionHash?: string;
    resumeCodeHash?: string;
    deviceHash?: string | null;
    /** The resume code sealed under the session (security/session-sealed.ts). */
    resumeCodeSealed?: Uint8Array | null;
    invitationId?: number | null;
    panelistId?: number | null;
  },
): Promise<ResponseRow> {
  return translating(async () => {
    const { id } = await db
      .insertInto('responses')
      .values({
        study_id: r.studyId,
        wave_id: r.waveId,
        questionnaire_version_id: r.questionnaireVersionId,
        channel_code: r.channelCode,
        language: r.language,
        answers: '{}',
        current_page: r.currentPage,
        created_at: r.now,
        updated_at: r.now,
        session_hash: r.sessionHash ?? null,
        resume_code_hash: r.resumeCodeHash ?? null,
        device_hash: r.deviceHash ?? null,
        resume_code_sealed: r.resumeCodeSealed ?? null,
        invitation_id: r.invitationId ?? null,
        panelist_id: r.panelistId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await getResponse(db, id))!;
  });
}

const selectResponses = (db: Kysely<Database>) =>
  db
    .selectFrom('responses')
    .select([
      'id',
      'study_id as studyId',
      'wave_id as waveId',
      'questionnaire_version_id as questionnaireVersionId',
      'channel_code as channelCode',
      'language',
      'status',
      'answers',
      'completion_share as completionShare',
      'current_page as currentPage',
      'created_at as createdAt',
      'updated_at as updatedAt',
      'completed_at as completedAt',
      'signals',
      'invitation_id as invitationId',
      'panelist_id as panelistId',
    ]);

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function getResponse(
  db: Kysely<Database>,
  id: string,
): Promise<ResponseRow | undefined> {
  if (!uuid.test(id)) return undefined;
  return selectResponses(db).where('id', '=', id).executeTakeFirst();
}

export async function listResponses(
  db: Kysely<Database>,
  filter: { studyId: string; waveId?: string },
): Promise<ResponseRow[]> {
  return selectResponses(db)
    .where('study_id', '=', filter.studyId)
    .$if(filter.waveId !== undefined, (q) => q.where('wave_id', '=', filter.waveId!))
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Number of responses per wave of a study. */
export async function countResponsesByWave(
  db: Kysely<Database>,
  studyId: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('responses')
    .select(['wave_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('study_id', '=', studyId)
    .groupBy('wave_id')
    .execute();
  return new Map(rows.map((r) => [r.wave_id, Number(r.n)]));
}

export interface PageSave {
  responseId: string;
  pageId: string;
  /** Chosen by the client, once per form shown: the same id means the same save. */
  saveId: string;
  answers: Record<string, unknown>;
  shownAt: Date | null;
  savedAt: Date;
  completionShare: number;
  currentPage: string | null;
  status?: ResponseStatus;
}

/** What became of a page save: `duplicate` when its save id was stored before (nothing
 * changed), `found: false` when the response does not exist. */
export interface SaveResult {
  duplicate: boolean;
  found: boolean;
}

/**
 * Stores one page save. Outside a transaction, saves arriving together go in one statement
 * and one commit (see `batcher.ts`); each is answered after that commit.
 */
export async function savePage(db: Kysely<Database>, s: PageSave): Promise<SaveResult> {
  return together(db, savePages, s, responseOf);
}

/** Saves of one response never share a statement, however its id is written. */
const responseOf = (save: PageSave): string => save.responseId.toLowerCase();

/**
 * Stores page saves of different responses in a single statement: each save is logged unless
 * its save id is already there, and only a save so logged merges its answers into its
 * response. At most one save per response (a caller's duty: the batcher keys by response).
 */
export async function savePages(
  db: Kysely<Database>,
  saves: readonly PageSave[],
): Promise<SaveResult[]> {
  const ids = saves.map((s) => (uuid.test(s.responseId) ? s.responseId.toLowerCase() : null));
  const seen = new Set<string>();
  for (const id of ids) {
    if (id === null) continue;
    // Two saves of one response in one statement would merge only one of them.
    if (seen.has(id))
      throw new Error(`savePages was given two saves of response ${id}; send them one by one.`);
    seen.add(id);
  }
  return translating(async () => {
    const input = JSON.stringify(
      saves.map((s, n) => ({
        n,
        response_id: ids[n],
        page_id: s.pageId,
        save_id: s.saveId,
        answers: s.answers,
        shown_at: s.shownAt,
        saved_at: s.savedAt,
        completion_share: s.completionShare,
        current_page: s.currentPage,
        status: s.status ?? null,
      })),
    );
    const result = await sql<{ n: number; inserted: boolean; found: boolean }>`
      with input as (
        select * from jsonb_to_recordset(${input}::jsonb) as x(
          n int, response_id uuid, page_id text, save_id text, answers jsonb,
          shown_at timestamptz, saved_at timestamptz, completion_share double precision,
          current_page text, status text)
      ), inserted as (
        insert into page_saves (response_id, page_id, save_id, answers, shown_at, saved_at)
        select i.response_id, i.page_id, i.save_id, i.answers, i.shown_at, i.saved_at
        from input i join responses r on r.id = i.response_id
        order by i.n
        on conflict (response_id, save_id) do nothing
        returning response_id, save_id
      ), cleared as (
        -- A stored save ends the page's draft (typed values kept across a redirect).
        delete from page_drafts d using inserted where d.response_id = inserted.response_id
      ), updated as (
        update responses set
          answers = responses.answers || i.answers,
          completion_share = i.completion_share,
          current_page = i.current_page,
          status = coalesce(i.status, responses.status),
          completed_at = case when i.status = 'complete'
            then coalesce(responses.completed_at, i.saved_at)
            else responses.completed_at end,
          updated_at = i.saved_at
        from inserted join input i
          on i.response_id = inserted.response_id and i.save_id = inserted.save_id
        where responses.id = inserted.response_id
        returning responses.id
      )
      select i.n,
        exists (select 1 from updated u where u.id = i.response_id) as inserted,
        exists (select 1 from responses r where r.id = i.response_id) as found
      from input i
    `.execute(db);
    const out: SaveResult[] = saves.map(() => ({ duplicate: false, found: false }));
    for (const row of result.rows)
      out[row.n] = { duplicate: row.found && !row.inserted, found: row.found };
    return out;
  });
}

export async function listPageSaves(
  db: Kysely<Database>,
  responseId: string,
): Promise<PageSaveRow[]> {
  if (!uuid.test(responseId)) return [];
  return db
    .selectFrom('page_saves')
    .select([
      'page_id as pageId',
      'save_id as saveId',
      'answers',
      'shown_at as shownAt',
      'saved_at as savedAt',
    ])
    .where('response_id', '=', responseId)
    .orderBy('id')
    .execute();
}

/**
 * The response whose session cookie hashes to this. Outside a transaction, lookups arriving
 * together go in one statement.
 */
export async function findResponseBySession(
  db: Kysely<Database>,
  sessionHash: string,
): Promise<SessionResponse | undefined> {
  return together(db, findResponsesBySession, sessionHash);
}

/** The responses of these session hashes, in their order (undefined where none). */
export async function findResponsesBySession(
  db: Kysely<Database>,
  sessionHashes: readonly string[],
): Promise<(SessionResponse | undefined)[]> {
  const rows = await selectResponses(db)
    .select(['session_hash as sessionHash', 'resume_code_sealed as resumeCodeSealed'])
    .where('session_hash', 'in', [...new Set(sessionHashes)])
    .execute();
  const byHash = new Map(rows.map(({ sessionHash, ...row }) => [sessionHash, row]));
  // Each caller gets a response of its own, even when several asked for the same session.
  const given = new Set<string>();
  return sessionHashes.map((h) => {
    const row = byHash.get(h);
    if (row === undefined) return undefined;
    if (given.has(h)) return structuredClone(row);
    given.add(h);
    return row;
  });
}

/** The response of the first of these resume-code hashes that has one. */
export async function findResponseByResumeCode(
  db: Kysely<Database>,
  resumeCodeHashes: readonly string[],
): Promise<ResponseRow | undefined> {
  if (resumeCodeHashes.length === 0) return undefined;
  const rows = await selectResponses(db)
    .select('resume_code_hash as resumeCodeHash')
    .where('resume_code_hash', 'in', [...resumeCodeHashes])
    .execute();
  rows.sort(
    (a, b) =>
      resumeCodeHashes.indexOf(a.resumeCodeHash!) - resumeCodeHashes.indexOf(b.resumeCodeHash!),
  );
  if (rows.length === 0) return undefined;
  const { resumeCodeHash: _, ...row } = rows[0]!;
  return row;
}

export async function findResponseByInvitation(
  db: Kysely<Database>,
  invitationId: number,
): Promise<ResponseWithSession | undefined> {
  return selectResponses(db)
    .select('session_hash as sessionHash')
    .where('invitation_id', '=', invitationId)
    .executeTakeFirst();
}

/** A panelist's response in a wave (there is at most one: it is found or started under a lock). */
export async function findPanelistResponse(
  db: Kysely<Database>,
  panelistId: number,
  studyId: string,
  waveId: string,
): Promise<ResponseWithSession | undefined> {
  return selectResponses(db)
    .select('session_hash as sessionHash')
    .where('panelist_id', '=', panelistId)
    .where('study_id', '=', studyId)
    .where('wave_id', '=', waveId)
    .orderBy('created_at')
    .executeTakeFirst();
}

/**
 * Gives the response a new session (resuming on another device) and its resume code sealed
 * under it (null when the caller cannot know the code). The old session is remembered as
 * retired, so that its device can be told where the response went; retired sessions older
 * than `forgetBefore` (the session cookie's lifetime) are forgotten in the same statement.
 */
export async function replaceSession(
  db: Kysely<Database>,
  responseId: string,
  r: { sessionHash: string; resumeCodeSealed: Uint8Array | null; now: Date; forgetBefore: Date },
): Promise<void> {
  if (!uuid.test(responseId)) return;
  await translating(() =>
    sql`
      with old as (
        select id, session_hash from responses where id = ${responseId} for update
      ), forgotten as (
        delete from retired_sessions where retired_at < ${r.forgetBefore}
      ), retired as (
        insert into retired_sessions (session_hash, response_id, retired_at)
        select session_hash, id, ${r.now} from old
        where session_hash is not null and session_hash <> ${r.sessionHash}
        on conflict (session_hash) do update set response_id = excluded.response_id,
          retired_at = excluded.retired_at
      )
      update responses set session_hash = ${r.sessionHash},
        resume_code_sealed = ${r.resumeCodeSealed}
      from old where responses.id = old.id
    `.execute(db),
  );
}

/** The response a retired session belonged to, with when it was retired. */
export async function findRetiredSession(
  db: Kysely<Database>,
  sessionHash: string,
): Promise<{ response: ResponseRow; retiredAt: Date } | undefined> {
  const found = await db
    .selectFrom('retired_sessions')
    .select(['response_id', 'retired_at'])
    .where('session_hash', '=', sessionHash)
    .executeTakeFirst();
  if (!found) return undefined;
  const response = await getResponse(db, found.response_id);
  return response && { response, retiredAt: found.retired_at };
}

/** Forgets a retired session (its device was cleared or resumed with the code). */
export async function forgetRetiredSession(
  db: Kysely<Database>,
  sessionHash: string,
): Promise<void> {
  await db.deleteFrom('retired_sessions').where('session_hash', '=', sessionHash).execute();
}

/** Ends a response's session, if it is still this one: no cookie leads to the response. */
export async function endSession(
  db: Kysely<Database>,
  responseId: string,
  sessionHash: string,
): Promise<void> {
  await db
    .updateTable('responses')
    .set({ session_hash: null })
    .where('id', '=', responseId)
    .where('session_hash', '=', sessionHash)
    .execute();
}

export async function setResponseLanguage(
  db: Kysely<Database>,
  responseId: string,
  language: string,
): Promise<void> {
  await db.updateTable('responses').set({ language }).where('id', '=', responseId).execute();
}

/** Adds to a response's quality signals: counters are added, other values replaced. */
export async function addSignals(
  db: Kysely<Database>,
  responseId: string,
  counts: Record<string, number>,
): Promise<void> {
  for (const [name, n] of Object.entries(counts)) {
    await db
      .updateTable('responses')
      .set({
        signals: sql`jsonb_set(signals, ${sql.val([name])}::text[], to_jsonb(coalesce((signals ->> ${name})::int, 0) + ${n}::int))`,
      })
      .where('id', '=', responseId)
      .execute();
  }
}
