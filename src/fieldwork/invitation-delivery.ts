/**
 * Delivering the prepared mails of a wave: each is claimed (`sending`, committed) before the
 * SMTP conversation and marked sent, bounced or failed after it; mails a killed run had begun
 * go again with the same message id. On a PostgreSQL server the mails are jobs on a pg-boss
 * queue; on the embedded database the same work runs in one process. See invitations.ts and
 * docs/decisions/0005-invitations.md.
 */
import pLimit from 'p-limit';
import PgBoss from 'pg-boss';
import { sql } from 'kysely';
import { Problem } from '../problems/problem.js';
import type { StudyDefinition } from '../questionnaire/schema.js';
import { open, type KeyPair } from '../security/sealed-box.js';
import type { FieldworkContext } from './context.js';
import {
  linkOf,
  optOutOf,
  studyForInvitations,
  type StudyAndWave,
  type StudyForInvitations,
} from './invitations.js';
import { MailFailure, renderMail, senderDomain, type Mailer } from './mail.js';

export interface DeliveryOptions {
  keys: KeyPair;
  mailer: Mailer;
  publicUrl: string;
  /** Tries per mail before it stays failed (until a later run). */
  maxAttempts: number;
  /** Seconds before the first retry of a failed mail; doubled for each further one. */
  retryDelaySeconds: number;
  /**
   * Mails in the SMTP conversation at once (one per connection): a mail is claimed only when
   * it can go at once, so a killed run leaves at most this many begun.
   */
  concurrency: number;
  /** A PostgreSQL URL: use a pg-boss queue there. Absent: send in this process. */
  queueUrl?: string;
  /** Called after each mail with the counts so far. */
  progress?: (d: Delivered) => void;
  /** Set to stop taking new mails (a signal): mails in flight finish, then the run returns. */
  stopping?: () => boolean;
}

export interface Delivered {
  sent: number;
  bounced: number;
  /** Failed this time; tried again later in this run, or by the next run. */
  failed: number;
  /** Skipped because the panelist opted out after the invitation was prepared. */
  cancelled: number;
  /** Mails a killed run had begun: sent again with the same message id. */
  resumed: number;
  /** Mails still failed at the end, after every try allowed. */
  gaveUp: number;
}

type Outcome = 'sent' | 'bounced' | 'failed' | 'cancelled' | 'skipped';

/**
 * Sends every email invitation of the wave that is prepared, failed with tries left, or was
 * left in flight by a killed run. Returns when each has been sent, bounced or given up.
 */
export async function deliverMail(
  ctx: FieldworkContext,
  target: StudyAndWave,
  options: DeliveryOptions,
): Promise<Delivered> {
  const study = await studyForInvitations(ctx, target, options.keys);
  const mail = study.definition.panel?.mail;
  if (!mail)
    throw new Problem(
      'study.invalid',
      `Study '${target.studyId}' has no panel.mail section in its study file: no sender and no texts to send.`,
      { field: 'panel.mail' },
    );
  const counts: Delivered = { sent: 0, bounced: 0, failed: 0, cancelled: 0, resumed: 0, gaveUp: 0 };
  // Mails a killed run had begun go again: better a repeat of one message than a gap.
  const resumed = await ctx.db
    .updateTable('invitations')
    .set({ state: 'failed', last_error: 'the run sending it was interrupted' })
    .where('study_id', '=', target.studyId)
    .where('wave_id', '=', target.waveId)
    .where('channel', '=', 'email')
    .where('state', '=', 'sending')
    .executeTakeFirst();
  counts.resumed = Number(resumed.numUpdatedRows);

  const limit = pLimit(options.concurrency);
  const deliver = (id: number) =>
    limit(() =>
      options.stopping?.()
        ? Promise.resolve<Outcome>('skipped')
        : deliverOne(ctx, id, study, mail, options),
    );
  const record = (o: Outcome) => {
    if (o === 'skipped') return;
    counts[o]++;
    options.progress?.({ ...counts });
  };
  if (options.queueUrl) await deliverWithQueue(ctx, target, options, deliver, record);
  else await deliverInProcess(ctx, target, options, deliver, record);
  counts.gaveUp = await mailsWaiting(ctx, target);
  return counts;
}

/**
 * How many mails of the wave are not finished: to send (prepared, or failed with tries left;
 * without `maxAttempts`, whatever the tries) or in flight (`sending`, or left so by a killed
 * run).
 */
export async function mailsWaiting(
  ctx: FieldworkContext,
  target: StudyAndWave,
  maxAttempts?: number,
): Promise<number> {
  const row = await ctx.db
    .selectFrom('invitations')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('study_id', '=', target.studyId)
    .where('wave_id', '=', target.waveId)
    .where('channel', '=', 'email')
    .where((eb) =>
      eb.or([
        eb('state', '=', 'sending'),
        maxAttempts === undefined
          ? eb('state', 'in', ['prepared', 'failed'])
          : eb.and([eb('state', 'in', ['prepared', 'failed']), eb('attempts', '<', maxAttempts)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Email rows still to send: prepared, or failed with tries left. */
async function pending(
  ctx: FieldworkContext,
  target: StudyAndWave,
  maxAttempts: number,
): Promise<number[]> {
  const rows = await ctx.db
    .selectFrom('invitations')
    .select('id')
    .where('study_id', '=', target.studyId)
    .where('wave_id', '=', target.waveId)
    .where('channel', '=', 'email')
    .where('state', 'in', ['prepared', 'failed'])
    .where('attempts', '<', maxAttempts)
    .orderBy('id')
    .execute();
  return rows.map((r) => Number(r.id));
}

async function deliverOne(
  ctx: FieldworkContext,
  id: number,
  study: StudyForInvitations,
  mail: NonNullable<NonNullable<StudyDefinition['panel']>['mail']>,
  options: DeliveryOptions,
): Promise<Outcome> {
  // Claimed and committed before the SMTP conversation: no two senders take one mail.
  const claimed = await ctx.db
    .updateTable('invitations')
    .set({ state: 'sending', sending_at: ctx.now(), attempts: sql`attempts + 1` })
    .where('id', '=', id)
    .where('state', 'in', ['prepared', 'failed'])
    .where('attempts', '<', options.maxAttempts)
    .returning(['panelist_id', 'round', 'language', 'token_sealed'])
    .executeTakeFirst();
  if (!claimed) return 'skipped';
  const panelist = claimed.panelist_id
    ? await ctx.db
        .selectFrom('panelists')
        .select(['contact_sealed', 'opted_out_at'])
        .where('id', '=', claimed.panelist_id)
        .executeTakeFirst()
    : undefined;
  const finish = (
    state: 'sent' | 'bounced' | 'failed' | 'cancelled',
    error: string | null = null,
  ) => {
    const now = ctx.now();
    return ctx.db
      .updateTable('invitations')
      .set({
        state,
        last_error: error,
        ...(state === 'sent' ? { sent_at: now } : {}),
        ...(state === 'bounced' ? { bounced_at: now } : {}),
      })
      .where('id', '=', id)
      .execute();
  };
  if (!panelist || panelist.opted_out_at || !panelist.contact_sealed || !claimed.token_sealed) {
    await finish('cancelled');
    return 'cancelled';
  }
  const address = await open(new Uint8Array(panelist.contact_sealed), options.keys);
  const token = await open(new Uint8Array(claimed.token_sealed), options.keys);
  const language = claimed.language ?? study.definition.default_language;
  const pick = (t: Record<string, string>) => t[language] ?? Object.values(t)[0] ?? '';
  const { subject, text } = renderMail(
    claimed.round === 0 ? mail.invitation : mail.reminder,
    language,
    {
      link: linkOf(options.publicUrl, token),
      opt_out: optOutOf(options.publicUrl, token),
      wave: pick(study.waveTitle),
      study: pick(study.definition.title),
    },
  );
  try {
    await options.mailer.send({
      from: mail.from,
      to: address,
      subject,
      text,
      language,
      optOutUrl: optOutOf(options.publicUrl, token),
      messageId: `<invitation.${id}@${senderDomain(mail.from)}>`,
    });
  } catch (error) {
    if (!(error instanceof MailFailure)) throw error;
    await finish(error.permanent ? 'bounced' : 'failed', error.message);
    return error.permanent ? 'bounced' : 'failed';
  }
  await finish('sent');
  return 'sent';
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The embedded database: rounds over what is pending, `concurrency` mails at a time. */
async function deliverInProcess(
  ctx: FieldworkContext,
  target: StudyAndWave,
  options: DeliveryOptions,
  deliver: (id: number) => Promise<Outcome>,
  record: (o: Outcome) => void,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const ids = await pending(ctx, target, options.maxAttempts);
    if (ids.length === 0 || options.stopping?.()) return;
    if (attempt > 0) await delay(options.retryDelaySeconds * 1000 * 2 ** (attempt - 1));
    let next = 0;
    const worker = async () => {
      while (next < ids.length && !options.stopping?.()) record(await deliver(ids[next++]!));
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  }
}

/**
 * A PostgreSQL server: one pg-boss job per mail (its data is the row id, nothing else). A
 * failed mail comes back as a new job after a growing delay. Jobs hold a row id and nothing
 * else, so the queue's own tables identify nobody.
 */
async function deliverWithQueue(
  ctx: FieldworkContext,
  target: StudyAndWave,
  options: DeliveryOptions,
  deliver: (id: number) => Promise<Outcome>,
  record: (o: Outcome) => void,
): Promise<void> {
  const boss = new PgBoss({
    connectionString: options.queueUrl,
    schedule: false,
    max: 3,
    application_name: 'longitude-invitations',
  });
  let failure: unknown;
  boss.on('error', (error) => (failure ??= error));
  await boss.start();
  const queue = `invitations.${target.studyId}.${target.waveId}`.replace(/[^\w.-]/g, '-');
  try {
    // Waiting jobs of a killed run are dropped: the rows say what is left to do. (Its
    // active jobs expire; taken up again, they find their mail sent and do nothing.)
    if (await boss.getQueue(queue)) await boss.purgeQueue(queue);
    else await boss.createQueue(queue, { name: queue, retryLimit: 0, expireInSeconds: 600 });
    const ids = await pending(ctx, target, options.maxAttempts);
    if (ids.length === 0) return;
    for (let i = 0; i < ids.length; i += 1000)
      await boss.insert(ids.slice(i, i + 1000).map((id) => ({ name: queue, data: { id } })));
    let inFlight = 0;
    let worker = '';
    worker = await boss.work<{ id: number }>(
      queue,
      { batchSize: options.concurrency * 4, pollingIntervalSeconds: 0.5 },
      async (jobs) => {
        inFlight += jobs.length;
        try {
          await Promise.all(
            jobs.map(async (job) => {
              if (options.stopping?.()) return;
              const outcome = await deliver(job.data.id);
              record(outcome);
              if (outcome !== 'failed') return;
              const row = await ctx.db
                .selectFrom('invitations')
                .select('attempts')
                .where('id', '=', job.data.id)
                .executeTakeFirst();
              if (row && row.attempts < options.maxAttempts)
                await boss.send(
                  queue,
                  { id: job.data.id },
                  { startAfter: options.retryDelaySeconds * 2 ** (row.attempts - 1) },
                );
            }),
          );
        } finally {
          inFlight -= jobs.length;
        }
        // A full batch means more are waiting: fetch again at once, not after the interval.
        if (jobs.length === options.concurrency * 4 && worker) boss.notifyWorker(worker);
      },
    );
    for (;;) {
      if (failure) throw failure instanceof Error ? failure : new Error(String(failure));
      if (options.stopping?.() && inFlight === 0) break;
      const left = await mailsWaiting(ctx, target, options.maxAttempts);
      if (left === 0) break;
      await delay(100);
    }
    await boss.offWork(queue);
  } finally {
    await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
  }
}
