/** Personal links: one per invited panelist and wave, stored as the hash of the link's token. */
import type { Kysely } from 'kysely';
import { translating } from '../errors.js';
import type { Database } from '../schema.js';

export interface InvitationRow {
  id: number;
  studyId: string;
  waveId: string;
}

export async function createInvitation(
  db: Kysely<Database>,
  i: { studyId: string; waveId: string; tokenHash: string },
): Promise<InvitationRow> {
  return translating(async () => {
    const row = await db
      .insertInto('invitations')
      .values({ study_id: i.studyId, wave_id: i.waveId, token_hash: i.tokenHash })
      .returning(['id', 'study_id as studyId', 'wave_id as waveId'])
      .executeTakeFirstOrThrow();
    return row;
  });
}

export async function findInvitation(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  return db
    .selectFrom('invitations')
    .select(['id', 'study_id as studyId', 'wave_id as waveId'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}
