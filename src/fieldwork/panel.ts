/**
 * Enrolment in the panel at the end of a wave. A respondent may leave an email address or a
 * messenger handle (sealed at once with the study's public key: the plain text is never
 * stored or logged), take a panel code to write down and leave no contact, or decline.
 * Either way of staying gets a pseudonymous panelist id that links their responses across
 * waves, with the consent wording's version. Repeating an enrolment (double submit, retry)
 * changes nothing and says what is already stored.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import { Problem } from '../problems/problem.js';
import { newResumeCode, normaliseResumeCode } from '../security/resume-code.js';
import { seal } from '../security/sealed-box.js';
import { hashToken, randomToken } from '../security/tokens.js';
import type { FieldworkContext } from './context.js';

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
  /** True when this response was enrolled before: nothing was changed. */
  already: boolean;
}

const email = z.string().trim().max(254).email();
// A Telegram-style @name, or a phone number for messengers that use one.
const handle = z
  .string()
  .trim()
  .regex(/^(@?[A-Za-z][A-Za-z0-9_]{3,31}|\+?[0-9][0-9 ()-]{5,19})$/);

/** A panel code in the form it is hashed in (as resume codes: lower case, single spaces). */
export function panelCodeHash(code: string): string {
  return hashToken(`panel:${normaliseResumeCode(code)}`);
}

export async function enrol(
  ctx: FieldworkContext,
  responseId: string,
  choice: EnrolmentChoice,
  consentVersion: number,
): Promise<Enrolment> {
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
        .select('pseudonym')
        .where('id', '=', response.panelist_id)
        .executeTakeFirstOrThrow();
      return { pseudonym: p.pseudonym, already: true };
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
    const panelCode = choice.kind === 'code' ? newResumeCode(ctx.random) : undefined;
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
