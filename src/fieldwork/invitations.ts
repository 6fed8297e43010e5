/**
 * Invitations and reminders, run on the research team's machine with the study's private key.
 *
 * Preparing a round makes one row per panelist (unique per panelist, wave and round, so a
 * repeated or interrupted run never makes two) holding a new random personal link twice:
 * hashed, to recognise it, and sealed with the study's public key, so that only the team can
 * send the same link again. Links for channels that cannot be automated (messenger handles)
 * are opened locally and listed; mails are delivered by invitation-delivery.ts.
 *
 * A mail's row goes prepared -> sending (committed before the SMTP conversation) -> sent, or
 * to bounced (refused for good) or failed (tried again, at most `maxAttempts` times). A run
 * that was killed leaves rows in `sending`: the next run sends those again with the same
 * message id and link, so nobody is skipped; a mail the server had accepted just before the
 * kill may arrive twice (a repeat of one message, never two different invitations), and the
 * run says how many such repeats it attempted. A run stopped by a signal finishes the mails in
 * flight and leaves none in `sending`.
 */
import { Problem } from '../problems/problem.js';
import type { StudyDefinition } from '../questionnaire/schema.js';
import { fingerprint, open, seal, type KeyPair } from '../security/sealed-box.js';
import { hashToken, randomToken } from '../security/tokens.js';
import type { FieldworkContext } from './context.js';

export interface StudyAndWave {
  studyId: string;
  waveId: string;
}

export interface Prepared {
  /** Rows made by this run. */
  created: number;
  email: number;
  file: number;
  /** Panelists left out, by reason. */
  left: { optedOut: number; noContact: number; completed: number; enteredThisWave: number };
}

export interface StudyForInvitations {
  definition: StudyDefinition;
  publicKey: Uint8Array;
  waveTitle: Record<string, string>;
}

/**
 * The study and wave, checking that the private key given is the study's: a wrong key could
 * open nothing, and the links sealed with it could never be sent again.
 */
export async function studyForInvitations(
  ctx: FieldworkContext,
  target: StudyAndWave,
  keys: KeyPair,
): Promise<StudyForInvitations> {
  const study = await ctx.db
    .selectFrom('studies')
    .select(['definition', 'public_key'])
    .where('id', '=', target.studyId)
    .executeTakeFirst();
  if (!study)
    throw new Problem('study.not-found', `There is no study '${target.studyId}'.`, {
      field: 'study',
    });
  const wave = await ctx.db
    .selectFrom('waves')
    .select('title')
    .where('study_id', '=', target.studyId)
    .where('id', '=', target.waveId)
    .executeTakeFirst();
  if (!wave)
    throw new Problem(
      'input.invalid',
      `Study '${target.studyId}' has no wave '${target.waveId}'.`,
      { field: 'wave' },
    );
  if (!study.public_key)
    throw new Problem(
      'study.invalid',
      `Study '${target.studyId}' has no public key, so it holds no contacts to invite (longitude study set-key).`,
      { field: 'study' },
    );
  const publicKey = new Uint8Array(study.public_key);
  if (Buffer.compare(Buffer.from(publicKey), Buffer.from(keys.publicKey)) !== 0)
    throw new Problem(
      'input.invalid',
      `This private key (${await fingerprint(keys.publicKey)}) is not the key of study '${target.studyId}' (${await fingerprint(publicKey)}).`,
      { field: 'key' },
    );
  return {
    definition: study.definition as StudyDefinition,
    publicKey,
    waveTitle: wave.title,
  };
}

/** The language a panelist answered in last, else the study's default. */
async function panelistLanguages(
  ctx: FieldworkContext,
  ids: number[],
  fallback: string,
): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('responses')
    .select(['panelist_id', 'language'])
    .where('panelist_id', 'in', ids)
    .orderBy('created_at', 'asc')
    .execute();
  for (const r of rows) out.set(Number(r.panelist_id), r.language);
  for (const id of ids) if (!out.has(id)) out.set(id, fallback);
  return out;
}

async function insertRound(
  ctx: FieldworkContext,
  target: StudyAndWave,
  study: StudyForInvitations,
  panelists: { id: number; contactKind: 'email' | 'messenger' }[],
  round: number,
): Promise<Pick<Prepared, 'created' | 'email' | 'file'>> {
  const languages = await panelistLanguages(
    ctx,
    panelists.map((p) => p.id),
    study.definition.default_language,
  );
  let created = 0;
  let email = 0;
  let file = 0;
  for (let i = 0; i < panelists.length; i += 500) {
    const rows = [];
    for (const p of panelists.slice(i, i + 500)) {
      const token = randomToken(ctx.random, 24);
      rows.push({
        study_id: target.studyId,
        wave_id: target.waveId,
        panelist_id: p.id,
        round,
        channel: p.contactKind === 'email' ? ('email' as const) : ('file' as const),
        language: languages.get(p.id)!,
        token_hash: hashToken(token),
        token_sealed: await seal(token, study.publicKey),
      });
    }
    const inserted = await ctx.db
      .insertInto('invitations')
      .values(rows)
      .onConflict((oc) => oc.columns(['panelist_id', 'wave_id', 'round']).doNothing())
      .returning('channel')
      .execute();
    created += inserted.length;
    email += inserted.filter((r) => r.channel === 'email').length;
    file += inserted.filter((r) => r.channel === 'file').length;
  }
  return { created, email, file };
}

/**
 * The first round: an invitation for every panelist of the study who left a contact, has not
 * opted out, did not enter the panel in this wave and has not already completed it (having
 * come back with a panel code, say). Repeating it adds only panelists enrolled since.
 */
export async function prepareInvitations(
  ctx: FieldworkContext,
  target: StudyAndWave,
  keys: KeyPair,
): Promise<Prepared> {
  const study = await studyForInvitations(ctx, target, keys);
  const all = await ctx.db
    .selectFrom('panelists as p')
    .select((eb) => [
      'p.id',
      'p.contact_kind',
      'p.opted_out_at',
      'p.entry_wave',
      eb
        .exists(
          eb
            .selectFrom('responses as r')
            .select('r.id')
            .whereRef('r.panelist_id', '=', 'p.id')
            .where('r.wave_id', '=', target.waveId)
            .where('r.status', '=', 'complete'),
        )
        .as('completed'),
    ])
    .where('p.study_id', '=', target.studyId)
    .orderBy('p.id')
    .execute();
  const left = { optedOut: 0, noContact: 0, completed: 0, enteredThisWave: 0 };
  const chosen: { id: number; contactKind: 'email' | 'messenger' }[] = [];
  for (const p of all) {
    if (p.opted_out_at) left.optedOut++;
    else if (p.contact_kind === null) left.noContact++;
    else if (p.entry_wave === target.waveId) left.enteredThisWave++;
    else if (p.completed) left.completed++;
    else chosen.push({ id: Number(p.id), contactKind: p.contact_kind });
  }
  return { ...(await insertRound(ctx, target, study, chosen, 0)), left };
}

export interface ReminderPlan {
  /** Remind those whose last mail or listed link is at least this many days old. */
  afterDays: number;
  /** At most this many reminders per panelist and wave. */
  maxReminders: number;
}

export interface RemindersPrepared {
  created: number;
  email: number;
  file: number;
  /** Panelists who would be due but have had every reminder allowed. */
  exhausted: number;
}

/**
 * The next reminder for every invited panelist who has not completed the wave, has not opted
 * out, was not bounced, and whose last message went out at least `afterDays` days ago.
 */
export async function prepareReminders(
  ctx: FieldworkContext,
  target: StudyAndWave,
  keys: KeyPair,
  plan: ReminderPlan,
): Promise<RemindersPrepared> {
  const study = await studyForInvitations(ctx, target, keys);
  const cutoff = new Date(ctx.now().getTime() - plan.afterDays * 86_400_000);
  const rows = await ctx.db
    .selectFrom('invitations as i')
    .innerJoin('panelists as p', 'p.id', 'i.panelist_id')
    .select([
      'i.panelist_id',
      'i.round',
      'i.state',
      'i.sent_at',
      'p.contact_kind',
      'p.opted_out_at',
    ])
    .where('i.study_id', '=', target.studyId)
    .where('i.wave_id', '=', target.waveId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('responses as r')
            .select('r.id')
            .whereRef('r.panelist_id', '=', 'i.panelist_id')
            .where('r.wave_id', '=', target.waveId)
            .where('r.status', '=', 'complete'),
        ),
      ),
    )
    .orderBy('i.panelist_id')
    .orderBy('i.round')
    .execute();
  const last = new Map<number, (typeof rows)[number]>();
  const bounced = new Set<number>();
  for (const r of rows) {
    const id = Number(r.panelist_id);
    last.set(id, r);
    if (r.state === 'bounced') bounced.add(id);
  }
  const due: { id: number; contactKind: 'email' | 'messenger'; round: number }[] = [];
  let exhausted = 0;
  for (const [id, r] of last) {
    if (r.opted_out_at || bounced.has(id) || r.contact_kind === null) continue;
    if ((r.state !== 'sent' && r.state !== 'listed') || !r.sent_at || r.sent_at > cutoff) continue;
    if (r.round >= plan.maxReminders) {
      exhausted++;
      continue;
    }
    due.push({ id, contactKind: r.contact_kind, round: r.round + 1 });
  }
  const out: RemindersPrepared = { created: 0, email: 0, file: 0, exhausted };
  for (const round of [...new Set(due.map((d) => d.round))].sort((a, b) => a - b)) {
    const made = await insertRound(
      ctx,
      target,
      study,
      due.filter((d) => d.round === round),
      round,
    );
    out.created += made.created;
    out.email += made.email;
    out.file += made.file;
  }
  return out;
}

export interface ListedLink {
  /** The messenger handle (or an address, for a study that sends no mail). */
  contact: string;
  language: string;
  round: number;
  link: string;
  optOut: string;
}

export const linkOf = (publicUrl: string, token: string) => `${publicUrl}/i/${token}`;
export const optOutOf = (publicUrl: string, token: string) => `${publicUrl}/o/${token}`;

/**
 * The personal links of the wave that go out by hand (`file` channel, or every channel with
 * `allChannels`) and have not been listed before, opened locally; `relist` lists again every
 * listed link not yet used (a lost file). `markListed` records them as listed, with the time
 * reminders count from, once the list is safely written.
 */
export async function listLinks(
  ctx: FieldworkContext,
  target: StudyAndWave,
  keys: KeyPair,
  publicUrl: string,
  options: { allChannels?: boolean; relist?: boolean } = {},
): Promise<{ links: ListedLink[]; markListed: () => Promise<number> }> {
  await studyForInvitations(ctx, target, keys);
  let query = ctx.db
    .selectFrom('invitations as i')
    .innerJoin('panelists as p', 'p.id', 'i.panelist_id')
    .select(['i.id', 'i.round', 'i.language', 'i.token_sealed', 'i.state', 'p.contact_sealed'])
    .where('i.study_id', '=', target.studyId)
    .where('i.wave_id', '=', target.waveId)
    .where('i.state', 'in', options.relist ? ['prepared', 'listed'] : ['prepared'])
    .where('i.used_at', 'is', null)
    .where('p.opted_out_at', 'is', null)
    .orderBy('i.id');
  if (!options.allChannels) query = query.where('i.channel', '=', 'file');
  const rows = await query.execute();
  const links: ListedLink[] = [];
  for (const r of rows) {
    if (!r.token_sealed || !r.contact_sealed) continue;
    const token = await open(new Uint8Array(r.token_sealed), keys);
    links.push({
      contact: await open(new Uint8Array(r.contact_sealed), keys),
      language: r.language ?? '',
      round: r.round,
      link: linkOf(publicUrl, token),
      optOut: optOutOf(publicUrl, token),
    });
  }
  const fresh = rows.filter((r) => r.state === 'prepared').map((r) => r.id);
  return {
    links,
    // Called once the list is safely written: a crash before leaves them prepared.
    markListed: async () => {
      if (fresh.length === 0) return 0;
      const done = await ctx.db
        .updateTable('invitations')
        .set({ state: 'listed', sent_at: ctx.now() })
        .where('id', 'in', fresh)
        .where('state', '=', 'prepared')
        .executeTakeFirst();
      return Number(done.numUpdatedRows);
    },
  };
}

export interface BouncesRecorded {
  /** Panelists whose latest mail of the wave is now recorded as bounced. */
  bounced: number;
  /** Addresses in the text that belong to no panelist of the study. */
  unknown: number;
}

/**
 * Bounces that arrive later as mail (delivery status notifications): every address found in
 * the text is compared, locally, with the opened contacts of the study; the latest mail of
 * the wave to each match is recorded as bounced, so reminders skip it and the disposition
 * shows it. The addresses themselves are not stored.
 */
export async function recordBounces(
  ctx: FieldworkContext,
  target: StudyAndWave,
  keys: KeyPair,
  text: string,
): Promise<BouncesRecorded> {
  await studyForInvitations(ctx, target, keys);
  const addresses = new Set(
    [...text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g)].map((m) =>
      m[0].toLowerCase(),
    ),
  );
  const panelists = await ctx.db
    .selectFrom('panelists')
    .select(['id', 'contact_sealed'])
    .where('study_id', '=', target.studyId)
    .where('contact_kind', '=', 'email')
    .execute();
  const matched = new Set<string>();
  const ids: number[] = [];
  for (const p of panelists) {
    const address = (await open(new Uint8Array(p.contact_sealed!), keys)).trim().toLowerCase();
    if (addresses.has(address)) {
      matched.add(address);
      ids.push(Number(p.id));
    }
  }
  let bounced = 0;
  for (const id of ids) {
    const latest = await ctx.db
      .selectFrom('invitations')
      .select('id')
      .where('panelist_id', '=', id)
      .where('wave_id', '=', target.waveId)
      .where('state', 'in', ['sent', 'bounced'])
      .orderBy('round', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) continue;
    await ctx.db
      .updateTable('invitations')
      .set({ state: 'bounced', bounced_at: ctx.now(), last_error: 'reported as bounced' })
      .where('id', '=', latest.id)
      .where('state', '=', 'sent')
      .execute();
    bounced++;
  }
  return { bounced, unknown: addresses.size - matched.size };
}
