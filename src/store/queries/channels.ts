/** Recruitment channels: the code in each channel's attributed link. */
import type { Kysely } from 'kysely';
import { translating } from '../errors.js';
import type { Database } from '../schema.js';

export interface ChannelRow {
  studyId: string;
  code: string;
  name: string;
  description: Record<string, string> | null;
}

export async function upsertChannel(db: Kysely<Database>, c: ChannelRow): Promise<void> {
  await translating(() =>
    db
      .insertInto('channels')
      .values({
        study_id: c.studyId,
        code: c.code,
        name: c.name,
        description: c.description === null ? null : JSON.stringify(c.description),
      })
      .onConflict((oc) =>
        oc.columns(['study_id', 'code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          description: eb.ref('excluded.description'),
        })),
      )
      .execute(),
  );
}

export async function listChannels(db: Kysely<Database>, studyId: string): Promise<ChannelRow[]> {
  return db
    .selectFrom('channels')
    .select(['study_id as studyId', 'code', 'name', 'description'])
    .where('study_id', '=', studyId)
    .orderBy('code')
    .execute();
}

/**
 * Deletes the study's channels not in `keep` that no response came through; returns the codes
 * kept because responses refer to them (attribution is never lost).
 */
export async function removeChannelsExcept(
  db: Kysely<Database>,
  studyId: string,
  keep: string[],
): Promise<string[]> {
  const stale = await db
    .selectFrom('channels')
    .select('code')
    .where('study_id', '=', studyId)
    .$if(keep.length > 0, (q) => q.where('code', 'not in', keep))
    .execute();
  const used: string[] = [];
  for (const { code } of stale) {
    const response = await db
      .selectFrom('responses')
      .select('id')
      .where('study_id', '=', studyId)
      .where('channel_code', '=', code)
      .limit(1)
      .executeTakeFirst();
    if (response) used.push(code);
    else
      await db
        .deleteFrom('channels')
        .where('study_id', '=', studyId)
        .where('code', '=', code)
        .execute();
  }
  return used;
}
