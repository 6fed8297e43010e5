/**
 * Loading a study's responses for the samples of the analysis room (analysis/samples.ts):
 * every response with its panelist's pseudonym, each wave's variables, and who was invited to
 * each wave.
 */
import type { Kysely } from 'kysely';
import type { SampleSource, WaveResponse } from '../analysis/samples.js';
import type { Database, InvitationState, ResponseStatus } from '../store/schema.js';
import type { SampleRow } from '../store/queries/sample-rows.js';
import { loadStudyWaves, preferredResponse } from './dispositions.js';
import type { Variable } from '../questionnaire/variables.js';
import { versionVariables } from './panel-data.js';

/** Invitations that reached (or were handed to) the panelist, as the dispositions count them. */
const wentOut: readonly InvitationState[] = ['sent', 'listed', 'bounced'];

export interface LoadOptions {
  /** Which responses to read; complete ones by default (the quality room decides the rest). */
  statuses?: readonly ResponseStatus[];
}

/**
 * The study's responses as the pure sample builders take them. Responses come in the order
 * they were started; where a panelist has two in one wave (a personal link and a panel code),
 * the one the dispositions prefer comes first, so it is the one a sample takes if kept.
 */
export async function loadWaveResponses(
  db: Kysely<Database>,
  studyId: string,
  options: LoadOptions = {},
): Promise<SampleSource> {
  const { waves } = await loadStudyWaves(db, studyId);
  const statuses = options.statuses ?? ['complete'];
  const variables = new Map<string, Variable[]>();
  for (const w of waves) variables.set(w.id, await versionVariables(db, studyId, w.id));
  const rows =
    statuses.length === 0
      ? []
      : await db
          .selectFrom('responses as r')
          .leftJoin('panelists as p', 'p.id', 'r.panelist_id')
          .select([
            'r.id',
            'p.pseudonym',
            'r.wave_id as waveId',
            'r.status',
            'r.completion_share as completionShare',
            'r.created_at as createdAt',
            'r.answers',
          ])
          .where('r.study_id', '=', studyId)
          .where('r.status', 'in', [...statuses])
          .orderBy('r.created_at')
          .orderBy('r.id')
          .execute();
  const responses: WaveResponse[] = rankedResponses(rows).map((r) => ({
    responseId: r.id,
    pseudonym: r.pseudonym,
    waveId: r.waveId,
    answers: r.answers,
  }));
  const invitations = await db
    .selectFrom('invitations as i')
    .innerJoin('panelists as p', 'p.id', 'i.panelist_id')
    .select(['i.wave_id as waveId', 'p.pseudonym'])
    .where('i.study_id', '=', studyId)
    .where('i.state', 'in', [...wentOut])
    .execute();
  // A wave without invitations (panel codes only) has no list: every panelist counts as asked.
  const invited = new Map<string, Set<string>>();
  for (const i of invitations)
    invited.set(i.waveId, (invited.get(i.waveId) ?? new Set()).add(i.pseudonym));
  return { waves: waves.map((w) => w.id), responses, variables, invited };
}

type Ranked = Omit<SampleRow, 'answers'>;

/**
 * Responses in the order they began, each panelist's in one wave together where the first
 * began, the one the dispositions prefer first.
 */
export function rankedResponses<T extends Ranked>(rows: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const r of rows) {
    const key = r.pseudonym === null ? `\u0000${r.id}` : `${r.pseudonym}\u0000${r.waveId}`;
    const group = groups.get(key);
    if (group) group.push(r);
    else groups.set(key, [r]);
  }
  const out: T[] = [];
  for (const group of groups.values())
    out.push(...group.sort((a, b) => (preferredResponse(a, b) === a ? -1 : 1)));
  return out;
}
