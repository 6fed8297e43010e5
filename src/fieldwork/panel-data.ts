/**
 * Linked panel data: every panelist's responses across waves, joined by pseudonym, as the
 * analysis room's columnar Dataset.
 *
 * - long: one row per panelist and wave they answered in: pseudonym, wave, the response's
 *   columns, then every answer variable of any wave (empty where a wave did not ask it);
 * - wide: one row per panelist: pseudonym, entry wave, then for each wave the response's
 *   columns and that wave's variables, suffixed `__<wave id>` (`trust_general__wave-2`).
 *
 * Variables are those of every questionnaire version of the wave, the current version's order
 * first. Values are text: numbers as written, a multiple choice as its choice names separated
 * by spaces (as XLSForm tools export them), times in ISO 8601 (UTC).
 */
import type { Kysely } from 'kysely';
import type { Dataset } from '../analysis/dataset.js';
import { answerCell, waveColumn } from '../analysis/samples.js';
import { Problem } from '../problems/problem.js';
import type { QuestionnaireDefinition } from '../questionnaire/schema.js';
import { variablesOf } from '../questionnaire/variables.js';
import { listQuestionnaireVersions } from '../store/queries/questionnaire-versions.js';
import type { Database, ResponseStatus } from '../store/schema.js';
import { loadStudyWaves, preferredResponse, responseChannel } from './dispositions.js';

export type PanelForm = 'long' | 'wide';
export const panelForms: readonly PanelForm[] = ['long', 'wide'];

/** A response's own columns, in both forms. */
export const responseColumns = [
  'response_id',
  'status',
  'completion_share',
  'channel',
  'language',
  'started_at',
  'completed_at',
] as const;
const fixedColumns = new Set<string>(['pseudonym', 'wave', 'entry_wave', ...responseColumns]);

interface PanelResponse {
  id: string;
  panelistId: number;
  waveId: string;
  status: ResponseStatus;
  completionShare: number;
  channel: string;
  language: string;
  createdAt: Date;
  completedAt: Date | null;
  answers: Record<string, unknown>;
}

/** A wave's variable names: every version's, the current version's order first. */
export async function versionVariables(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<string[]> {
  const versions = await listQuestionnaireVersions(db, studyId, waveId);
  const names = new Set<string>();
  for (const v of versions.reverse())
    for (const variable of variablesOf(v.definition as QuestionnaireDefinition))
      names.add(variable.name);
  return [...names];
}

/** A wave's variable names for the panel tables, none named like a fixed column. */
async function waveVariables(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<string[]> {
  const names = await versionVariables(db, studyId, waveId);
  for (const name of names)
    if (fixedColumns.has(name))
      throw new Problem(
        'study.invalid',
        `Variable '${name}' of wave '${waveId}' has the name of a panel table column (${[...fixedColumns].join(', ')}); rename it in the questionnaire.`,
        { item: name },
      );
  return names;
}

async function loadResponses(db: Kysely<Database>, studyId: string): Promise<PanelResponse[]> {
  const rows = await db
    .selectFrom('responses as r')
    .innerJoin('panelists as p', 'p.id', 'r.panelist_id')
    .select([
      'r.id',
      'p.id as panelistId',
      'p.entry_wave as panelistEntryWave',
      'r.wave_id as waveId',
      'r.status',
      'r.completion_share as completionShare',
      'r.channel_code as channelCode',
      'r.invitation_id as invitationId',
      'r.language',
      'r.created_at as createdAt',
      'r.completed_at as completedAt',
      'r.answers',
    ])
    .where('r.study_id', '=', studyId)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    panelistId: Number(r.panelistId),
    waveId: r.waveId,
    status: r.status,
    completionShare: r.completionShare,
    channel: responseChannel(r),
    language: r.language,
    createdAt: r.createdAt,
    completedAt: r.completedAt,
    answers: r.answers,
  }));
}

function responseCells(r: PanelResponse | undefined): (string | null)[] {
  if (!r) return responseColumns.map(() => null);
  return [
    r.id,
    r.status,
    String(r.completionShare),
    r.channel,
    r.language,
    r.createdAt.toISOString(),
    r.completedAt?.toISOString() ?? null,
  ];
}

class Builder {
  readonly columns = new Map<string, (string | null)[]>();
  n = 0;
  constructor(names: string[]) {
    for (const name of names) this.columns.set(name, []);
  }
  push(row: (string | null)[]): void {
    let j = 0;
    for (const c of this.columns.values()) c.push(row[j++] ?? null);
    this.n++;
  }
  dataset(): Dataset {
    return { n: this.n, columns: this.columns };
  }
}

/** The study's linked panel data in long or wide form. */
export async function panelData(
  db: Kysely<Database>,
  studyId: string,
  form: PanelForm,
): Promise<Dataset> {
  const { waves } = await loadStudyWaves(db, studyId);
  const variables = new Map<string, string[]>();
  for (const w of waves) variables.set(w.id, await waveVariables(db, studyId, w.id));
  // Answers stored under names no version declares (none expected) are kept, after the rest.
  const responses = await loadResponses(db, studyId);
  for (const r of responses) {
    const known = variables.get(r.waveId);
    if (!known) continue;
    const extra = Object.keys(r.answers)
      .filter((k) => !known.includes(k))
      .sort();
    known.push(...extra);
  }
  const panelists = await db
    .selectFrom('panelists')
    .select(['id', 'pseudonym', 'entry_wave'])
    .where('study_id', '=', studyId)
    .orderBy('id')
    .execute();
  const byPanelist = new Map<number, Map<string, PanelResponse>>();
  for (const r of responses) {
    const mine = byPanelist.get(r.panelistId) ?? new Map<string, PanelResponse>();
    mine.set(r.waveId, preferredResponse(mine.get(r.waveId), r));
    byPanelist.set(r.panelistId, mine);
  }
  const answers = (r: PanelResponse | undefined, names: string[]) =>
    names.map((name) => (r ? answerCell(r.answers[name]) : null));

  if (form === 'long') {
    const all = [...new Set(waves.flatMap((w) => variables.get(w.id)!))];
    const out = new Builder(['pseudonym', 'wave', ...responseColumns, ...all]);
    for (const p of panelists)
      for (const w of waves) {
        const r = byPanelist.get(Number(p.id))?.get(w.id);
        if (r) out.push([p.pseudonym, w.id, ...responseCells(r), ...answers(r, all)]);
      }
    return out.dataset();
  }
  const suffixed = waves.flatMap((w) =>
    [...responseColumns, ...variables.get(w.id)!].map((name) => waveColumn(name, w.id)),
  );
  const out = new Builder(['pseudonym', 'entry_wave', ...suffixed]);
  for (const p of panelists) {
    const mine = byPanelist.get(Number(p.id));
    out.push([
      p.pseudonym,
      p.entry_wave,
      ...waves.flatMap((w) => {
        const r = mine?.get(w.id);
        return [...responseCells(r), ...answers(r, variables.get(w.id)!)];
      }),
    ]);
  }
  return out.dataset();
}
