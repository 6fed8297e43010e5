/**
 * Questionnaire versions per wave. A version is frozen once responses refer to it; a changed
 * file then becomes the next version, and responses keep the version they were answered on.
 */
import type { Kysely } from 'kysely';
import { translating } from '../errors.js';
import type { Database } from '../schema.js';

export interface QuestionnaireVersionRow {
  id: number;
  studyId: string;
  waveId: string;
  version: number;
  contentHash: string;
  definition: unknown;
  createdAt: Date;
}

const selectVersions = (db: Kysely<Database>) =>
  db
    .selectFrom('questionnaire_versions')
    .select([
      'id',
      'study_id as studyId',
      'wave_id as waveId',
      'version',
      'content_hash as contentHash',
      'definition',
      'created_at as createdAt',
    ]);

export async function getQuestionnaireVersion(
  db: Kysely<Database>,
  id: number,
): Promise<QuestionnaireVersionRow | undefined> {
  return selectVersions(db).where('id', '=', id).executeTakeFirst();
}

export async function latestQuestionnaireVersion(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<QuestionnaireVersionRow | undefined> {
  return selectVersions(db)
    .where('study_id', '=', studyId)
    .where('wave_id', '=', waveId)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function listQuestionnaireVersions(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
): Promise<QuestionnaireVersionRow[]> {
  return selectVersions(db)
    .where('study_id', '=', studyId)
    .where('wave_id', '=', waveId)
    .orderBy('version')
    .execute();
}

export async function createQuestionnaireVersion(
  db: Kysely<Database>,
  v: { studyId: string; waveId: string; version: number; contentHash: string; definition: unknown },
): Promise<QuestionnaireVersionRow> {
  return translating(async () => {
    const { id } = await db
      .insertInto('questionnaire_versions')
      .values({
        study_id: v.studyId,
        wave_id: v.waveId,
        version: v.version,
        content_hash: v.contentHash,
        definition: JSON.stringify(v.definition),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await getQuestionnaireVersion(db, id))!;
  });
}

/** Replaces the content of a version no response refers to yet. */
export async function replaceQuestionnaireContent(
  db: Kysely<Database>,
  id: number,
  content: { contentHash: string; definition: unknown },
): Promise<void> {
  await translating(() =>
    db
      .updateTable('questionnaire_versions')
      .set({ content_hash: content.contentHash, definition: JSON.stringify(content.definition) })
      .where('id', '=', id)
      .execute(),
  );
}

export async function countResponsesForVersion(db: Kysely<Database>, id: number): Promise<number> {
  const { n } = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('questionnaire_version_id', '=', id)
    .executeTakeFirstOrThrow();
  return Number(n);
}
