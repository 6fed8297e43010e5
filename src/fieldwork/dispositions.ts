/**
 * A study's fieldwork from the database: each panelist's disposition in each wave, AAPOR codes
 * and outcome rates, retention across waves, and how each wave's responses came in (channel,
 * phase at start, language, status). The facts are gathered here; judging them is
 * analysis/response-rates.ts.
 *
 * A panelist counts in every wave after the one they joined in; the wave they joined in is
 * reported as "entered". Their facts in a wave:
 * - invited: a row of `invitations` for them and the wave, of any round, that went out (sent,
 *   or listed in a file for a messenger) or bounced; rows still prepared, failed or cancelled
 *   are not invitations yet;
 * - bounced: the latest round that went out bounced;
 * - opened: any of the wave's personal links for them was opened;
 * - optedOut: they opted out before the wave closed (a response still outranks it);
 * - response: theirs in the wave (linked directly or through their personal link); closed when
 *   the wave's closing time has passed or the response was abandoned.
 */
import type { Kysely } from 'kysely';
import {
  attrition,
  classify,
  counts,
  cumulativeRetention,
  defaultDispositionRule,
  rates,
  waveToWaveRetention,
  type Counts,
  type Disposition,
  type DispositionRule,
  type OutcomeRates,
  type PanelistRecord,
  type PanelistWaveFacts,
  type Share,
} from '../analysis/response-rates.js';
import { Problem } from '../problems/problem.js';
import type { StudyDefinition } from '../questionnaire/schema.js';
import { getStudy } from '../store/queries/studies.js';
import { listWaves, type WaveRow } from '../store/queries/waves.js';
import type { Database, InvitationState, ResponseStatus } from '../store/schema.js';
import { phaseAt, type Phase } from './survey-wave.js';

/** In the order the status table shows them. */
export const dispositionOrder: readonly Disposition[] = [
  'complete',
  'partial',
  'break_off',
  'started',
  'screened_out',
  'opted_out',
  'opened',
  'bounced',
  'invited',
  'not_invited',
];

const wentOut: readonly InvitationState[] = ['sent', 'listed', 'bounced'];

export interface StudyWaves {
  studyId: string;
  study: StudyDefinition;
  /** Every wave of the study, in order. */
  waves: WaveRow[];
}

/** The study and its waves; a Problem naming the study or wave when either does not exist. */
export async function loadStudyWaves(
  db: Kysely<Database>,
  studyId: string,
  waveId?: string,
): Promise<StudyWaves> {
  const study = await getStudy(db, studyId);
  if (!study)
    throw new Problem(
      'study.not-found',
      `There is no study '${studyId}'. Load it first: longitude study load DIR`,
      { field: 'study' },
    );
  const waves = await listWaves(db, studyId);
  if (waveId !== undefined && !waves.some((w) => w.id === waveId))
    throw new Problem(
      'wave.not-found',
      `Study '${studyId}' has no wave '${waveId}'; its waves are ${waves.map((w) => w.id).join(', ')}.`,
      { field: 'wave' },
    );
  return { studyId, study: study.definition as StudyDefinition, waves };
}

/** The study's rule for partials: its `panel.partial_share`, else one half. */
export function dispositionRule(study: StudyDefinition): DispositionRule {
  return { partialShare: study.panel?.partial_share ?? defaultDispositionRule.partialShare };
}

interface Ranked {
  status: ResponseStatus;
  completionShare: number;
  createdAt: Date;
}

const statusRank: Record<ResponseStatus, number> = {
  complete: 3,
  screened_out: 2,
  in_progress: 1,
  abandoned: 1,
};

/**
 * Of two responses of one panelist in one wave (a personal link and a panel code may both
 * have been used), the one that counts: complete first, then screened out, then the one that
 * got further, then the later one.
 */
export function preferredResponse<T extends Ranked>(a: T | undefined, b: T): T {
  if (!a) return b;
  const byStatus = statusRank[b.status] - statusRank[a.status];
  if (byStatus !== 0) return byStatus > 0 ? b : a;
  if (b.completionShare !== a.completionShare) return b.completionShare > a.completionShare ? b : a;
  return b.createdAt.getTime() > a.createdAt.getTime() ? b : a;
}

/**
 * How a response came in: its personal link, a panel code (a panelist's response in a later
 * wave without a personal link), the recruitment channel of its open link, or none.
 */
export function responseChannel(r: {
  waveId: string;
  channelCode: string | null;
  invitationId: number | null;
  panelistEntryWave: string | null;
}): string {
  if (r.invitationId !== null) return 'personal link';
  if (r.panelistEntryWave !== null && r.panelistEntryWave !== r.waveId) return 'panel code';
  return r.channelCode ?? 'none';
}

const key = (panelistId: number, waveId: string) => `${panelistId}\u0000${waveId}`;

interface Panelist {
  id: number;
  entryWave: string;
  optedOutAt: Date | null;
}

export interface PanelResponse extends Ranked {
  id: string;
  panelistId: number;
  waveId: string;
}

/** The panelists of a study, oldest first. */
export async function loadPanelists(db: Kysely<Database>, studyId: string): Promise<Panelist[]> {
  return db
    .selectFrom('panelists')
    .select(['id', 'entry_wave as entryWave', 'opted_out_at as optedOutAt'])
    .where('study_id', '=', studyId)
    .orderBy('id')
    .execute();
}

/** Each panelist's response per wave (the preferred one when there are several). */
async function loadPanelResponses(
  db: Kysely<Database>,
  studyId: string,
): Promise<Map<string, PanelResponse>> {
  const rows = await db
    .selectFrom('responses as r')
    .select([
      'r.id',
      'r.wave_id as waveId',
      'r.status',
      'r.completion_share as completionShare',
      'r.created_at as createdAt',
      'r.panelist_id as panelistId',
    ])
    .where('r.study_id', '=', studyId)
    .where('r.panelist_id', 'is not', null)
    .execute();
  const out = new Map<string, PanelResponse>();
  for (const r of rows) {
    const row = { ...r, panelistId: Number(r.panelistId) };
    const k = key(row.panelistId, row.waveId);
    out.set(k, preferredResponse(out.get(k), row));
  }
  return out;
}

interface InvitationFacts {
  invited: boolean;
  opened: boolean;
  /** Round and state of the latest round that went out. */
  latest?: { round: number; state: InvitationState };
}

async function loadInvitationFacts(
  db: Kysely<Database>,
  studyId: string,
): Promise<Map<string, InvitationFacts>> {
  const rows = await db
    .selectFrom('invitations')
    .select(['panelist_id', 'wave_id', 'round', 'state', 'opened_at'])
    .where('study_id', '=', studyId)
    .where('panelist_id', 'is not', null)
    .execute();
  const out = new Map<string, InvitationFacts>();
  for (const r of rows) {
    const k = key(Number(r.panelist_id), r.wave_id);
    const f = out.get(k) ?? { invited: false, opened: false };
    if (r.opened_at !== null) f.opened = true;
    if (wentOut.includes(r.state)) {
      f.invited = true;
      if (!f.latest || r.round > f.latest.round) f.latest = { round: r.round, state: r.state };
    }
    out.set(k, f);
  }
  return out;
}

function responseFacts(
  r: PanelResponse,
  wave: WaveRow,
  now: Date,
): NonNullable<PanelistWaveFacts['response']> {
  const waveClosed = wave.closesAt !== null && wave.closesAt.getTime() <= now.getTime();
  return {
    status: r.status,
    completionShare: r.completionShare,
    closed: waveClosed || r.status === 'abandoned',
  };
}

export interface ResponseBreakdown {
  total: number;
  /** Channel code, 'personal link', 'panel code' or 'none'. */
  byChannel: Record<string, number>;
  /** The wave's phase when the response started. */
  byPhase: Partial<Record<Phase, number>>;
  byLanguage: Record<string, number>;
  byStatus: Partial<Record<ResponseStatus, number>>;
}

const emptyBreakdown = (): ResponseBreakdown => ({
  total: 0,
  byChannel: {},
  byPhase: {},
  byLanguage: {},
  byStatus: {},
});

function add<K extends string>(counts: Partial<Record<K, number>>, k: K): void {
  counts[k] = (counts[k] ?? 0) + 1;
}

const page = 5000;

/** Every response of the waves (panel or not), counted a page at a time. */
async function responseBreakdowns(
  db: Kysely<Database>,
  studyId: string,
  waves: WaveRow[],
): Promise<Map<string, ResponseBreakdown>> {
  const out = new Map(waves.map((w) => [w.id, emptyBreakdown()]));
  const byId = new Map(waves.map((w) => [w.id, w]));
  let after: string | undefined;
  for (;;) {
    const rows = await db
      .selectFrom('responses as r')
      .leftJoin('panelists as p', 'p.id', 'r.panelist_id')
      .select([
        'r.id',
        'r.wave_id as waveId',
        'r.channel_code as channelCode',
        'r.invitation_id as invitationId',
        'p.entry_wave as panelistEntryWave',
        'r.language',
        'r.status',
        'r.created_at as createdAt',
      ])
      .where('r.study_id', '=', studyId)
      .where(
        'r.wave_id',
        'in',
        waves.map((w) => w.id),
      )
      .$if(after !== undefined, (q) => q.where('r.id', '>', after!))
      .orderBy('r.id')
      .limit(page)
      .execute();
    for (const r of rows) {
      const b = out.get(r.waveId)!;
      b.total++;
      add(b.byChannel, responseChannel(r));
      add(b.byPhase, phaseAt(byId.get(r.waveId)!, r.createdAt));
      add(b.byLanguage, r.language);
      add(b.byStatus, r.status);
    }
    if (rows.length < page) return out;
    after = rows[rows.length - 1]!.id;
  }
}

export interface WaveStatus {
  wave: string;
  position: number;
  /** The wave's phase now. */
  phase: Phase;
  /** Panelists who joined the panel at the end of this wave. */
  entered: number;
  /** Panelists who joined in an earlier wave: the cases below. */
  panelists: number;
  dispositions: Record<Disposition, number>;
  /** AAPOR codes, not counting panelists who were not invited. */
  codes: Counts;
  rates: OutcomeRates;
  responses: ResponseBreakdown;
}

export interface WaveRetention {
  wave: string;
  previous: string;
  /** The study's first wave, where cumulative retention starts. */
  first: string;
  waveToWave: Share;
  attrition: Share;
  cumulative: Share;
}

export type RetentionCounts = 'complete' | 'complete or partial';

export interface FieldworkStatus {
  study: string;
  asOf: Date;
  rule: DispositionRule;
  /** What counts as having completed a wave for retention. */
  retentionCounts: RetentionCounts;
  waves: WaveStatus[];
  /** One entry per wave after the first (only the chosen wave's when one was chosen). */
  retention: WaveRetention[];
}

export interface FieldworkStatusOptions {
  /** Only this wave. */
  wave?: string;
  /** The share of cases of unknown eligibility taken to be eligible; estimated when absent. */
  e?: number;
  /** Retention counts partials (by the study's rule) as completed too. Default: complete only. */
  partialsRetained?: boolean;
}

export async function fieldworkStatus(
  ctx: { db: Kysely<Database>; now: () => Date },
  studyId: string,
  options: FieldworkStatusOptions = {},
): Promise<FieldworkStatus> {
  if (options.e !== undefined && !(options.e >= 0 && options.e <= 1))
    throw new Problem('input.invalid', `e must be a number between 0 and 1, not ${options.e}.`, {
      field: 'e',
    });
  const { study, waves } = await loadStudyWaves(ctx.db, studyId, options.wave);
  const now = ctx.now();
  const rule = dispositionRule(study);
  const position = new Map(waves.map((w, i) => [w.id, i]));
  const [panelists, responses, invitations] = await Promise.all([
    loadPanelists(ctx.db, studyId),
    loadPanelResponses(ctx.db, studyId),
    loadInvitationFacts(ctx.db, studyId),
  ]);
  const chosen = waves.filter((w) => options.wave === undefined || w.id === options.wave);
  const breakdowns = await responseBreakdowns(ctx.db, studyId, chosen);

  const waveStatus = chosen.map((wave): WaveStatus => {
    const here = position.get(wave.id)!;
    const dispositions: Disposition[] = [];
    let entered = 0;
    for (const p of panelists) {
      const entry = position.get(p.entryWave) ?? -1;
      if (entry === here) entered++;
      if (entry >= here) continue;
      const inv = invitations.get(key(p.id, wave.id));
      const response = responses.get(key(p.id, wave.id));
      const closes = wave.closesAt?.getTime() ?? Infinity;
      dispositions.push(
        classify(
          {
            invited: inv?.invited ?? false,
            bounced: inv?.latest?.state === 'bounced',
            opened: inv?.opened ?? false,
            optedOut: p.optedOutAt !== null && p.optedOutAt.getTime() < closes,
            ...(response ? { response: responseFacts(response, wave, now) } : {}),
          },
          rule,
        ),
      );
    }
    const tally = Object.fromEntries(dispositionOrder.map((d) => [d, 0])) as Record<
      Disposition,
      number
    >;
    for (const d of dispositions) tally[d]++;
    const codes = counts(dispositions);
    return {
      wave: wave.id,
      position: wave.position,
      phase: phaseAt(wave, now),
      entered,
      panelists: dispositions.length,
      dispositions: tally,
      codes,
      rates: rates(codes, options.e === undefined ? {} : { e: options.e }),
      responses: breakdowns.get(wave.id)!,
    };
  });

  const records: PanelistRecord[] = panelists.map((p) => {
    const completed: Record<string, boolean> = {};
    for (const wave of waves) {
      const r = responses.get(key(p.id, wave.id));
      if (!r) continue;
      const d = classify(
        {
          invited: true,
          bounced: false,
          opened: false,
          optedOut: false,
          response: responseFacts(r, wave, now),
        },
        rule,
      );
      completed[wave.id] =
        d === 'complete' || (options.partialsRetained === true && d === 'partial');
    }
    return { panelist: String(p.id), consented: true, completed };
  });
  const ids = waves.map((w) => w.id);
  const retention = chosen
    .filter((w) => position.get(w.id)! > 0)
    .map((w): WaveRetention => {
      const first = ids[0]!;
      return {
        wave: w.id,
        previous: ids[position.get(w.id)! - 1]!,
        first,
        waveToWave: waveToWaveRetention(records, ids, w.id),
        attrition: attrition(records, ids, w.id),
        cumulative: cumulativeRetention(records, ids, first, w.id),
      };
    });

  return {
    study: studyId,
    asOf: now,
    rule,
    retentionCounts: options.partialsRetained ? 'complete or partial' : 'complete',
    waves: waveStatus,
    retention,
  };
}
