/** Waves of a study: position, titles, phases, and which questionnaire version is current. */
import { sql, type Kysely } from 'kysely';
import { translating } from '../errors.js';
import type { Database } from '../schema.js';

export interface WaveRow {
  studyId: string;
  id: string;
  position: number;
  title: Record<string, string>;
  questionnaireVersionId: number | null;
  panelOpensAt: Date | null;
  opensAt: Date | null;
  closesAt: Date | null;
}

export interface WaveInput {
  studyId: string;
  id: string;
  position: number;
  title: Record<string, string>;
  questionnaireVersionId: number;
  panelOpensAt: Date | null;
  opensAt: Date | null;
  closesAt: Date | null;
}

export async function upsertWave(db: Kysely<Database>, w: WaveInput): Promise<void> {
  await translating(() =>
    db
      .insertInto('waves')
      .values({
        study_id: w.studyId,
        id: w.id,
        position: w.position,
        title: JSON.stringify(w.title),
        questionnaire_version_id: w.questionnaireVersionId,
        panel_opens_at: w.panelOpensAt,
        opens_at: w.opensAt,
        closes_at: w.closesAt,
      })
      .onConflict((oc) =>
        oc.columns(['study_id', 'id']).doUpdateSet((eb) => ({
          position: eb.ref('excluded.position'),
          title: eb.ref('excluded.title'),
          questionnaire_version_id: eb.ref('excluded.questionnaire_version_id'),
          panel_opens_at: eb.ref('excluded.panel_opens_at'),
          opens_at: eb.ref('excluded.opens_at'),
          closes_at: eb.ref('excluded.closes_at'),
          updated_at: sql`now()`,
        })),
      )
      .execute(),
  );
}

const selectWaves = (db: Kysely<Database>) =>
  db
    .selectFrom('waves')
    .select([
      'study_id as studyId',
      'id',
      'position',
      'title',
      'questionnaire_version_id as questionnaireVersionId',
      'panel_opens_at as panelOpensAt',
      'opens_at as opensAt',
      'closes_at as closesAt',
    ]);

export async function listWaves(db: Kysely<Database>, studyId: string): Promise<WaveRow[]> {
  return selectWaves(db).where('study_id', '=', studyId).orderBy('position').execute();
}

export async function getWave(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<WaveRow | undefined> {
  return selectWaves(db)
    .where('study_id', '=', studyId)
    .where('id', '=', waveId)
    .executeTakeFirst();
}

/** Removes a wave and its questionnaire versions; refused by the database if it has responses. */
export async function deleteWave(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<void> {
  await translating(async () => {
    await db.deleteFrom('waves').where('study_id', '=', studyId).where('id', '=', waveId).execute();
    await db
      .deleteFrom('questionnaire_versions')
      .where('study_id', '=', studyId)
      .where('wave_id', '=', waveId)
      .execute();
  });
}
