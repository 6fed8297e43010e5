/**
 * Personal links: one per invited panelist, wave and round (or one per link made without a
 * panelist), stored as the hash of the link's token. A link is used once: the first press of
 * its Start button consumes it; opening it (a mail scanner's fetch) changes nothing.
 */
import type { Kysely } from 'kysely';
import { translating } from '../errors.js';
import type { Database, InvitationState } from '../schema.js';

export interface InvitationRow {
  id: number;
  studyId: string;
  waveId: string;
  /** Absent for links made without a panelist: then one response belongs to the link. */
  panelistId: number | null;
  /** The language of the mail, and the default language of the link's pages. */
  language: string | null;
  state: InvitationState;
  openedAt: Date | null;
  usedAt: Date | null;
  /** When the invitation's panelist asked for no more invitations. */
  optedOutAt: Date | null;
}

export async function createInvitation(
  db: Kysely<Database>,
  i: {
    studyId: string;
    waveId: string;
    tokenHash: string;
    panelistId?: number | null;
    language?: string | null;
    round?: number;
    state?: InvitationState;
  },
): Promise<InvitationRow> {
  return translating(async () => {
    const { id } = await db
      .insertInto('invitations')
      .values({
        study_id: i.studyId,
        wave_id: i.waveId,
        token_hash: i.tokenHash,
        panelist_id: i.panelistId ?? null,
        language: i.language ?? null,
        ...(i.round !== undefined ? { round: i.round } : {}),
        ...(i.state !== undefined ? { state: i.state } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return (await selectInvitations(db).where('i.id', '=', id).executeTakeFirst())!;
  });
}

const selectInvitations = (db: Kysely<Database>) =>
  db
    .selectFrom('invitations as i')
    .leftJoin('panelists as p', 'p.id', 'i.panelist_id')
    .select([
      'i.id',
      'i.study_id as studyId',
      'i.wave_id as waveId',
      'i.panelist_id as panelistId',
      'i.language',
      'i.state',
      'i.opened_at as openedAt',
      'i.used_at as usedAt',
      'p.opted_out_at as optedOutAt',
    ]);

export async function findInvitation(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  return selectInvitations(db).where('i.token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * The invitation, its row locked until the transaction `db` ends: two presses of the same
 * link are taken one after the other.
 */
export async function lockInvitation(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<InvitationRow | undefined> {
  const row = await db
    .selectFrom('invitations')
    .select('id')
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
  return row && selectInvitations(db).where('i.id', '=', row.id).executeTakeFirst();
}

/** Records that the link was opened and used (the first time only). */
export async function markInvitationUsed(
  db: Kysely<Database>,
  id: number,
  now: Date,
): Promise<void> {
  await db
    .updateTable('invitations')
    .set((eb) => ({
      opened_at: eb.fn.coalesce('opened_at', eb.val(now)),
      used_at: eb.fn.coalesce('used_at', eb.val(now)),
    }))
    .where('id', '=', id)
    .execute();
}

/**
 * Cancels the invitations not yet on their way (prepared, or failed and waiting for another
 * try): of a panelist, or a single one. Returns how many.
 */
export async function cancelWaitingInvitations(
  db: Kysely<Database>,
  of: { panelistId: number } | { invitationId: number },
): Promise<number> {
  const waiting = db
    .updateTable('invitations')
    .set({ state: 'cancelled' })
    .where('state', 'in', ['prepared', 'failed']);
  const r = await (
    'panelistId' in of
      ? waiting.where('panelist_id', '=', of.panelistId)
      : waiting.where('id', '=', of.invitationId)
  ).executeTakeFirst();
  return Number(r.numUpdatedRows);
}
