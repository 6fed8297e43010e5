/**
 * The panel: enrolment at the end of a wave, joining a later wave with a panel code, and
 * opting out of invitations.
 *
 * At enrolment a respondent may leave an email address or a messenger handle (sealed at once
 * with the study's public key: the plain text is never stored or logged), take a panel code to
 * write down and leave no contact, or decline. Either way of staying gets a pseudonymous
 * panelist id that links their responses across waves, with the consent wording's version.
 * Repeating an enrolment (double submit, retry) changes nothing and says what is already
 * stored.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { Problem } from '../problems/problem.js';
import {
  canonicalResumeCodes,
  newResumeCode,
  normaliseResumeCode,
} from '../security/resume-code.js';
import { seal } from '../security/sealed-box.js';
import { hashToken, randomToken } from '../security/tokens.js';
import {
  cancelWaitingInvitations,
  lockInvitation,
  type InvitationRow,
} from '../store/queries/invitations.js';
import { findPanelistByCode, lockPanelist, optOutPanelist } from '../store/queries/panelists.js';
import {
  findPanelistResponse,
  replaceSession,
  type ResponseRow,
} from '../store/queries/responses.js';
import { getStudyPublicKey } from '../store/queries/studies.js';
import type { FieldworkContext } from './context.js';
import { retiring, startResponse } from './survey.js';
import { phaseAt, type SurveyWave } from './survey-wave.js';

export type EnrolmentChoice =
  | { kind: 'email'; address: string }
  | { kind: 'messenger'; handle: string }
  | { kind: 'code' }
  | { kind: 'decline' };

export interface Enrolment {
  /** Absent when the respondent declined. */
  pseudonym?: string;
  /** The panel code, shown once: only its hash is stored. */
  panelCode?: string;
  /**
   * True when this response was enrolled before: nothing was changed. A code comes back with
   * it only for a repeat of the same submission (the same chosen code).
   */
  already: boolean;
}

const email = z.string().trim().max(254).email();
// A Telegram-style @name, or a phone number for messengers that use one.
const handle = z
  .string()
  .trim()
  .regex(/^(@?[A-Za-z][A-Za-z0-9_]{3,31}|\+?[0-9][0-9 ()-]{5,19})$/);

/** Whether the study can take contacts: it has a public key to seal them with. */
export async function canTakeContacts(ctx: FieldworkContext, studyId: string): Promise<boolean> {
  return Boolean(await getStudyPublicKey(ctx.db, studyId));
}

/**
 * The stored hash of a panel code: of its canonical form (English words, as resume codes; a code
 * typed in another BIP-39 list hashes the same).
 */
export function panelCodeHash(code: string): string {
  return hashToken(`panel:${canonicalResumeCodes(code)[0] ?? normaliseResumeCode(code)}`);
}

/**
 * Enrols a complete response in the panel. `options.panelCode` is the code to give for a code
 * (absent: a new random one): a caller that derives it from the submitted form gets the same
 * code back when the same form is sent again (a double tap), and only then.
 */
export async function enrol(
  ctx: FieldworkContext,
  responseId: string,
  choice: EnrolmentChoice,
  consentVersion: number,
  options: { panelCode?: string } = {},
): Promise<Enrolment> {
  const chosenCode =
    options.panelCode !== undefined ? canonicalResumeCodes(options.panelCode)[0] : undefined;
  let contact: { kind: 'email' | 'messenger'; text: string } | undefined;
  if (choice.kind === 'email') {
    const r = email.safeParse(choice.address);
    if (!r.success)
      throw new Problem('input.invalid', 'This does not look like an email address.', {
        field: 'email',
      });
    contact = { kind: 'email', text: r.data };
  } else if (choice.kind === 'messenger') {
    const r = handle.safeParse(choice.handle);
    if (!r.success)
      throw new Problem(
        'input.invalid',
        'Give a messenger name such as @name (4 to 32 letters, digits or _) or a phone number.',
        { field: 'handle' },
      );
    contact = { kind: 'messenger', text: r.data };
  }
  return ctx.db.transaction().execute(async (tx) => {
    // The response row is locked: a second enrolment for it waits and then finds the first.
    const response = await tx
      .selectFrom('responses')
      .select(['id', 'study_id', 'wave_id', 'status', 'panelist_id'])
      .where('id', '=', responseId)
      .forUpdate()
      .executeTakeFirst();
    if (!response)
      throw new Problem('input.invalid', 'There is no such response.', { field: 'response' });
    if (response.status !== 'complete')
      throw new Problem(
        'input.invalid',
        'Joining the panel comes at the end of the questionnaire.',
        { field: 'response' },
      );
    if (response.panelist_id !== null) {
      const p = await tx
        .selectFrom('panelists')
        .select(['pseudonym', 'panel_code_hash'])
        .where('id', '=', response.panelist_id)
        .executeTakeFirstOrThrow();
      const same =
        choice.kind === 'code' &&
        chosenCode !== undefined &&
        p.panel_code_hash === panelCodeHash(chosenCode);
      return { pseudonym: p.pseudonym, ...(same ? { panelCode: chosenCode } : {}), already: true };
    }
    if (choice.kind === 'decline') return { already: false };
    let sealed: Uint8Array | null = null;
    if (contact) {
      const study = await tx
        .selectFrom('studies')
        .select('public_key')
        .where('id', '=', response.study_id)
        .executeTakeFirstOrThrow();
      if (!study.public_key)
        throw new Problem(
          'study.invalid',
          `Study '${response.study_id}' has no public key, so it cannot take contacts (longitude study set-key).`,
          { field: 'contact' },
        );
      sealed = await seal(contact.text, new Uint8Array(study.public_key));
    }
    const panelCode =
      choice.kind === 'code' ? (chosenCode ?? newResumeCode(ctx.random)) : undefined;
    const pseudonym = randomToken(ctx.random, 16);
    const { id } = await tx
      .insertInto('panelists')
      .values({
        study_id: response.study_id,
        pseudonym,
        entry_wave: response.wave_id,
        contact_kind: contact?.kind ?? null,
        contact_sealed: sealed,
        panel_code_hash: panelCode ? panelCodeHash(panelCode) : null,
        consent_version: consentVersion,
        consented_at: ctx.now(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('responses')
      .set({ panelist_id: id, updated_at: sql`now()` })
      .where('id', '=', responseId)
      .execute();
    return { pseudonym, ...(panelCode ? { panelCode } : {}), already: false };
  });
}

export interface Joined {
  response: ResponseRow;
  /** The cookie to set; absent when the browser already holds this response's session. */
  sessionToken?: string;
  /** Set when the response is new: shown until its first page is saved. */
  resumeCode?: string;
}

/**
 * Joins a wave with a panel code: the panelist of this study with that code continues their
 * response in this wave (on a new session) or starts one linked to them. Works while the wave
 * takes panelists (its panel-only and open phases). Undefined for any code that does not
 * lead anywhere, whatever the reason, so that a caller cannot tell codes apart.
 */
export async function joinWithPanelCode(
  ctx: FieldworkContext,
  sw: SurveyWave,
  code: string,
  input: { language?: string; deviceHash?: string; browserSession?: string },
): Promise<Joined | undefined> {
  const phase = phaseAt(sw.wave, ctx.now());
  if (phase !== 'panel-only' && phase !== 'open') return undefined;
  let found: Awaited<ReturnType<typeof findPanelistByCode>>;
  for (const canonical of canonicalResumeCodes(code)) {
    found = await findPanelistByCode(ctx.db, sw.wave.studyId, panelCodeHash(canonical));
    if (found) break;
  }
  if (!found) return undefined;
  return ctx.db.transaction().execute(async (tx) => {
    // Erased since it was found: the code leads nowhere any more.
    if (!(await lockPanelist(tx, found.id))) return undefined;
    const existing = await findPanelistResponse(tx, found.id, sw.wave.studyId, sw.wave.id);
    if (existing) {
      const { sessionHash, ...response } = existing;
      if (input.browserSession !== undefined && sessionHash === hashToken(input.browserSession))
        return { response };
      const sessionToken = randomToken(ctx.random);
      // The resume code cannot be resealed (the server cannot read it): the panel code leads back.
      await replaceSession(tx, response.id, {
        sessionHash: hashToken(sessionToken),
        resumeCodeSealed: null,
        ...retiring(ctx),
      });
      return { response, sessionToken };
    }
    return startResponse({ ...ctx, db: tx }, sw, {
      channelCode: null,
      language: input.language,
      deviceHash: input.deviceHash,
      panelistId: found.id,
    });
  });
}

export interface OptOut {
  studyId: string;
  waveId: string;
  /** The invitation's language, for the page that confirms. */
  language: string | null;
  /** True when the panelist had opted out before. */
  already: boolean;
  /** Invitations cancelled now (prepared, or failed and waiting for another try). */
  cancelled: number;
}

/**
 * Opts the panelist of a personal link out of invitations: records the time (once) and, in
 * the same transaction, cancels every invitation of theirs not yet on its way. Their data is
 * kept (erasure is another command). Undefined for an unknown link.
 */
export async function optOut(ctx: FieldworkContext, token: string): Promise<OptOut | undefined> {
  return ctx.db.transaction().execute(async (tx) => {
    const invitation = await lockInvitation(tx, hashToken(token));
    if (!invitation) return undefined;
    // A link made without a panelist has only itself to cancel.
    if (invitation.panelistId === null) {
      const cancelled = await cancelWaitingInvitations(tx, { invitationId: invitation.id });
      return { ...about(invitation), already: cancelled === 0, cancelled };
    }
    const set = await optOutPanelist(tx, invitation.panelistId, ctx.now());
    const cancelled = await cancelWaitingInvitations(tx, { panelistId: invitation.panelistId });
    return { ...about(invitation), already: !set, cancelled };
  });
}

const about = (i: InvitationRow) => ({
  studyId: i.studyId,
  waveId: i.waveId,
  language: i.language,
});
