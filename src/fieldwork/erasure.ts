/**
 * Erasure on request: a panelist asks for everything they gave to be deleted, identifying
 * themselves by their panel code, or by the contact they left (opened locally with the study's
 * private key: the server cannot read contacts). In one transaction it deletes every response
 * of theirs in every wave (with its page log, answers, resume code, session and device hashes),
 * every invitation, and the panelist, and records that an erasure happened: how they were found
 * and how many rows went, nothing that identifies them.
 */
import type { Kysely, Transaction } from 'kysely';
import { Problem } from '../problems/problem.js';
import {
  canonicalResumeCodes,
  normaliseResumeCode,
  resumeCodeWords,
} from '../security/resume-code.js';
import { open, type KeyPair } from '../security/sealed-box.js';
import { retryingConflicts } from '../store/errors.js';
import type { Database } from '../store/schema.js';
import { loadStudyWaves } from './dispositions.js';
import { panelCodeHash } from './panel.js';

export type ErasureRequest = { panelCode: string } | { contact: string; keys: KeyPair };

export interface ErasureCounts {
  panelists: number;
  responses: number;
  pageSaves: number;
  invitations: number;
  /** Waves in which a response is deleted. */
  waves: string[];
}

export interface ErasureResult extends ErasureCounts {
  study: string;
  foundBy: 'panel-code' | 'contact';
  /** False: only looked (nothing was changed). */
  erased: boolean;
  /** Sealed contacts of the study this key could not open (sealed for another key). */
  unreadableContacts: number;
}

/** Panelists whose contact, opened with the key, is this one (trimmed, any case). */
async function findByContact(
  db: Kysely<Database>,
  studyId: string,
  contact: string,
  keys: KeyPair,
): Promise<{ ids: number[]; unreadable: number }> {
  const wanted = contact.trim().toLowerCase();
  const rows = await db
    .selectFrom('panelists')
    .select(['id', 'contact_sealed'])
    .where('study_id', '=', studyId)
    .where('contact_sealed', 'is not', null)
    .orderBy('id')
    .execute();
  const ids: number[] = [];
  let unreadable = 0;
  for (const r of rows) {
    let text: string;
    try {
      text = await open(new Uint8Array(r.contact_sealed!), keys);
    } catch {
      unreadable++;
      continue;
    }
    if (text.trim().toLowerCase() === wanted) ids.push(Number(r.id));
  }
  if (rows.length > 0 && unreadable === rows.length)
    throw new Problem(
      'input.invalid',
      `This private key opens none of the ${rows.length} sealed contact(s) of study '${studyId}'; is it the study's key?`,
      { field: 'key' },
    );
  return { ids, unreadable };
}

function checkedPanelCode(code: string): string {
  const normal = normaliseResumeCode(code);
  const canonical = canonicalResumeCodes(code)[0];
  if (canonical !== undefined) return canonical;
  const words = normal === '' ? 0 : normal.split(' ').length;
  throw new Problem(
    'input.invalid',
    `--panel-code must be the six words of a panel code (any case, spaces or dashes between them); ${words === resumeCodeWords ? 'a word of this one is not in the word list' : `this one has ${words} word(s)`}.`,
    { field: 'panel-code' },
  );
}

async function count(
  tx: Transaction<Database>,
  studyId: string,
  ids: number[],
): Promise<ErasureCounts & { responseIds: string[] }> {
  const invitations = await tx
    .selectFrom('invitations')
    .select('id')
    .where('panelist_id', 'in', ids)
    // Locked: a response starting from one of these links now waits, then finds it gone.
    .forUpdate()
    .execute();
  const invitationIds = invitations.map((i) => Number(i.id));
  const responses = await tx
    .selectFrom('responses')
    .select(['id', 'wave_id'])
    .where('study_id', '=', studyId)
    .where((eb) =>
      eb.or([
        eb('panelist_id', 'in', ids),
        ...(invitationIds.length ? [eb('invitation_id', 'in', invitationIds)] : []),
      ]),
    )
    .forUpdate()
    .execute();
  const responseIds = responses.map((r) => r.id);
  const pageSaves = responseIds.length
    ? await tx
        .selectFrom('page_saves')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('response_id', 'in', responseIds)
        .executeTakeFirstOrThrow()
    : { n: 0 };
  return {
    panelists: ids.length,
    responses: responseIds.length,
    pageSaves: Number(pageSaves.n),
    invitations: invitationIds.length,
    waves: [...new Set(responses.map((r) => r.wave_id))].sort(),
    responseIds,
  };
}

/**
 * Finds the panelist and, with `erase: true`, deletes everything of theirs in one transaction;
 * without it only counts what would be deleted. Not found: a Problem, and nothing changes.
 */
export async function erasePanelist(
  db: Kysely<Database>,
  studyId: string,
  request: ErasureRequest,
  options: { erase: boolean },
): Promise<ErasureResult> {
  const foundBy = 'panelCode' in request ? 'panel-code' : 'contact';
  const panelCode = 'panelCode' in request ? checkedPanelCode(request.panelCode) : undefined;
  if ('contact' in request && request.contact.trim() === '')
    throw new Problem('input.invalid', '--contact is empty; give the address or handle.', {
      field: 'contact',
    });
  await loadStudyWaves(db, studyId);
  // Opening contacts is slow work done before the transaction; the rows are locked inside it.
  let candidates: number[] = [];
  let unreadable = 0;
  if (panelCode === undefined) {
    const r = request as { contact: string; keys: KeyPair };
    ({ ids: candidates, unreadable } = await findByContact(db, studyId, r.contact, r.keys));
  }
  if (panelCode === undefined && candidates.length === 0)
    throw notFound(studyId, undefined, unreadable);
  return retryingConflicts(() =>
    db.transaction().execute(async (tx) => {
      const found = await tx
        .selectFrom('panelists')
        .select('id')
        .where('study_id', '=', studyId)
        .$if(panelCode !== undefined, (q) =>
          q.where('panel_code_hash', '=', panelCodeHash(panelCode!)),
        )
        .$if(panelCode === undefined, (q) => q.where('id', 'in', candidates))
        .orderBy('id')
        .forUpdate()
        .execute();
      const ids = found.map((f) => Number(f.id));
      if (ids.length === 0) throw notFound(studyId, panelCode, unreadable);
      const { responseIds, ...counts } = await count(tx, studyId, ids);
      const result = {
        study: studyId,
        foundBy,
        unreadableContacts: unreadable,
        ...counts,
      } as const;
      if (!options.erase) return { ...result, erased: false };
      // Page saves go with their responses (on delete cascade).
      if (responseIds.length)
        await tx.deleteFrom('responses').where('id', 'in', responseIds).execute();
      await tx.deleteFrom('invitations').where('panelist_id', 'in', ids).execute();
      await tx.deleteFrom('panelists').where('id', 'in', ids).execute();
      await tx
        .insertInto('erasures')
        .values({
          study_id: studyId,
          found_by: foundBy,
          responses: counts.responses,
          invitations: counts.invitations,
        })
        .execute();
      return { ...result, erased: true };
    }),
  );
}

function notFound(studyId: string, panelCode: string | undefined, unreadable: number): Problem {
  return new Problem(
    'input.invalid',
    panelCode !== undefined
      ? `No panelist of study '${studyId}' has this panel code; nothing was changed.`
      : `No panelist of study '${studyId}' left this contact${unreadable ? ` (${unreadable} contact(s) were sealed for another key and could not be compared)` : ''}; nothing was changed.`,
    { field: panelCode !== undefined ? 'panel-code' : 'contact' },
  );
}
