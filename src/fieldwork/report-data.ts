/**
 * What a report reads from the database: the study's responses for the samples (complete ones),
 * which of them the quality rules keep, each wave's exclusion flow, and completed questionnaires
 * per day and channel for the fieldwork timeline.
 */
import type { Kysely } from 'kysely';
import type { Kept, SampleSource } from '../analysis/samples.js';
import type { Database } from '../store/schema.js';
import { loadStudyWaves, responseChannel } from './dispositions.js';
import { qualityReport, type WaveFlow } from './quality.js';
import { loadWaveResponses } from './samples.js';

export interface TimelineRow {
  waveId: string;
  /** The day (UTC) the questionnaire was completed, `YYYY-MM-DD`. */
  date: string;
  channel: string;
  completes: number;
}

export interface ReportData {
  source: SampleSource;
  /** Whether the quality rules have been run; without them every complete response counts. */
  checked: boolean;
  kept: Kept;
  flows: WaveFlow[];
  timeline: TimelineRow[];
}

/** The responses the quality rules keep, or every one when the study was never checked. */
export async function keptResponses(
  db: Kysely<Database>,
  studyId: string,
): Promise<{ checked: boolean; kept: Kept; flows: WaveFlow[] }> {
  const checked = await db
    .selectFrom('quality_rules')
    .select('study_id')
    .where('study_id', '=', studyId)
    .executeTakeFirst();
  if (!checked) return { checked: false, kept: () => true, flows: [] };
  const flows = await qualityReport(db, studyId);
  return { checked: true, kept: new Set(flows.flatMap((f) => f.kept)), flows };
}

/** Completed questionnaires per wave, day and channel, in date order. */
export async function completionTimeline(
  db: Kysely<Database>,
  studyId: string,
): Promise<TimelineRow[]> {
  await loadStudyWaves(db, studyId);
  const rows = await db
    .selectFrom('responses as r')
    .leftJoin('panelists as p', 'p.id', 'r.panelist_id')
    .select([
      'r.wave_id as waveId',
      'r.channel_code as channelCode',
      'r.invitation_id as invitationId',
      'p.entry_wave as panelistEntryWave',
      'r.completed_at as completedAt',
    ])
    .where('r.study_id', '=', studyId)
    .where('r.status', '=', 'complete')
    .execute();
  const counts = new Map<string, TimelineRow>();
  for (const r of rows) {
    if (!r.completedAt) continue;
    const date = r.completedAt.toISOString().slice(0, 10);
    const channel = responseChannel({
      waveId: r.waveId,
      channelCode: r.channelCode,
      invitationId: r.invitationId === null ? null : Number(r.invitationId),
      panelistEntryWave: r.panelistEntryWave,
    });
    const key = `${r.waveId}\u0000${date}\u0000${channel}`;
    const row = counts.get(key) ?? { waveId: r.waveId, date, channel, completes: 0 };
    row.completes++;
    counts.set(key, row);
  }
  return [...counts.values()].sort(
    (a, b) =>
      a.waveId.localeCompare(b.waveId) ||
      a.date.localeCompare(b.date) ||
      a.channel.localeCompare(b.channel),
  );
}

export async function loadReportData(db: Kysely<Database>, studyId: string): Promise<ReportData> {
  const source = await loadWaveResponses(db, studyId);
  const { checked, kept, flows } = await keptResponses(db, studyId);
  const timeline = await completionTimeline(db, studyId);
  return { source, checked, kept, flows, timeline };
}
