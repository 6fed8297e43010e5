/**
 * Panelists as the survey meets them: found by the hash of their panel code, locked while a
 * response of theirs is found or started, and opted out of invitations.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface PanelistRow {
  id: number;
  studyId: string;
  optedOutAt: Date | null;
}

const selectPanelists = (db: Kysely<Database>) =>
  db.selectFrom('panelists').select(['id', 'study_id as studyId', 'opted_out_at as optedOutAt']);

/** The panelist of this study with this panel code (by its hash), if any. */
export async function findPanelistByCode(
  db: Kysely<Database>,
  studyId: string,
  panelCodeHash: string,
): Promise<PanelistRow | undefined> {
  return selectPanelists(db)
    .where('study_id', '=', studyId)
    .where('panel_code_hash', '=', panelCodeHash)
    .executeTakeFirst();
}

/**
 * The panelist, its row locked until the transaction `db` ends, so that two ways in at once
 * (a link and a code, two reminders) find or start one response per wave.
 */
export async function lockPanelist(
  db: Kysely<Database>,
  id: number,
): Promise<PanelistRow | undefined> {
  return selectPanelists(db).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Sets the opt-out time unless one is set; true when this call set it. */
export async function optOutPanelist(
  db: Kysely<Database>,
  id: number,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('panelists')
    .set({ opted_out_at: now })
    .where('id', '=', id)
    .where('opted_out_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
