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
 * first, typed as the questionnaire declares them (choice codes with labels, numbers, multiple
 * choices); written as text, a multiple choice is its choice names separated by spaces (as
 * XLSForm tools export them) and times are ISO 8601 (UTC).
 */
import type { Kysely } from 'kysely';
import { answerColumn } from '../analysis/answer-columns.js';
import type { Column, Dataset, VariableInfo } from '../analysis/dataset.js';
import { waveColumn } from '../analysis/samples.js';
import { Problem } from '../problems/problem.js';
import type { QuestionnaireDefinition } from '../questionnaire/schema.js';
import { variablesOf, type Variable } from '../questionnaire/variables.js';
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

/** A wave's variables: every version's, the current version's order (and definition) first. */
export async function versionVariables(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<Variable[]> {
  const versions = await listQuestionnaireVersions(db, studyId, waveId);
  const byName = new Map<string, Variable>();
  for (const v of versions.reverse())
    for (const variable of variablesOf(v.definition as QuestionnaireDefinition))
      if (!byName.has(variable.name)) byName.set(variable.name, variable);
  return [...byName.values()];
}

/** A wave's variable names for the panel tables, none named like a fixed column. */
async function waveVariables(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<VariableInfo[]> {
  const variables = await versionVariables(db, studyId, waveId);
  for (const { name } of variables)
    if (fixedColumns.has(name))
      throw new Problem(
        'study.invalid',
        `Variable '${name}' of wave '${waveId}' has the name of a panel table column (${[...fixedColumns].join(', ')}); rename it in the questionnaire.`,
        { item: name },
      );
  return variables;
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

function responseCells(r: PanelResponse | undefined): unknown[] {
  if (!r) return responseColumns.map(() => null);
  return [
    r.id,
    r.status,
    r.completionShare,
    r.channel,
    r.language,
    r.createdAt.toISOString(),
    r.completedAt?.toISOString() ?? null,
  ];
}

/** Rows of values in, typed columns out: answers as their variable says, the rest by content. */
class Builder {
  private readonly cells: unknown[][];
  n = 0;
  constructor(
    private readonly names: string[],
    private readonly infos: (VariableInfo | undefined)[] = [],
  ) {
    this.cells = names.map(() => []);
  }
  push(row: unknown[]): void {
    this.cells.forEach((c, j) => c.push(row[j] ?? null));
    this.n++;
  }
  dataset(): Dataset {
    const columns = new Map<string, Column>();
    this.names.forEach((name, j) =>
      columns.set(
        name,
        answerColumn(this.cells[j]!, this.infos[j]?.kind ? this.infos[j] : undefined),
      ),
    );
    return { n: this.n, columns };
  }
}

/** The study's linked panel data in long or wide form. */
export async function panelData(
  db: Kysely<Database>,
  studyId: string,
  form: PanelForm,
): Promise<Dataset> {
  const { waves } = await loadStudyWaves(db, studyId);
  const variables = new Map<string, VariableInfo[]>();
  for (const w of waves) variables.set(w.id, await waveVariables(db, studyId, w.id));
  // Answers stored under names no version declares (none expected) are kept, after the rest,
  // typed by what they hold.
  const responses = await loadResponses(db, studyId);
  for (const r of responses) {
    const known = variables.get(r.waveId);
    if (!known) continue;
    const names = new Set(known.map((v) => v.name));
    const extra = Object.keys(r.answers)
      .filter((k) => !names.has(k))
      .sort();
    known.push(...extra.map((name) => ({ name }) as VariableInfo));
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
  const answers = (r: PanelResponse | undefined, list: VariableInfo[]) =>
    list.map((v) => (r ? r.answers[v.name] : null));

  if (form === 'long') {
    // Each name once; where waves ask it differently, the latest wave's definition types it.
    const byName = new Map<string, VariableInfo>();
    for (const w of waves) for (const v of variables.get(w.id)!) byName.set(v.name, v);
    const order = [...new Set(waves.flatMap((w) => variables.get(w.id)!.map((v) => v.name)))];
    const all = order.map((name) => byName.get(name)!);
    const fixed = ['pseudonym', 'wave', ...responseColumns];
    const out = new Builder([...fixed, ...order], [...fixed.map(() => undefined), ...all]);
    for (const p of panelists)
      for (const w of waves) {
        const r = byPanelist.get(Number(p.id))?.get(w.id);
        if (r) out.push([p.pseudonym, w.id, ...responseCells(r), ...answers(r, all)]);
      }
    return out.dataset();
  }
  const suffixed = waves.flatMap((w) =>
    [...responseColumns, ...variables.get(w.id)!.map((v) => v.name)].map((name) =>
      waveColumn(name, w.id),
    ),
  );
  const infos = waves.flatMap((w) => [
    ...responseColumns.map(() => undefined),
    ...variables.get(w.id)!,
  ]);
  const out = new Builder(
    ['pseudonym', 'entry_wave', ...suffixed],
    [undefined, undefined, ...infos],
  );
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
