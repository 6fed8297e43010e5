/**
 * `longitude invitations prepare` and `longitude invitations remind`: run on the research
 * team's machine with the study's private key, against the study's database. They make the
 * round's personal links, send the mails through SMTP and write the links that go out by
 * hand (messenger handles) to a file. Running a command again carries on where an earlier
 * run stopped; nobody is invited twice.
 */
import { readFile } from 'node:fs/promises';
import type { FieldworkContext } from '../../fieldwork/context.js';
import { deliverMail, mailsWaiting, type Delivered } from '../../fieldwork/invitation-delivery.js';
import {
  listLinks,
  prepareInvitations,
  prepareReminders,
  recordBounces,
  type StudyAndWave,
} from '../../fieldwork/invitations.js';
import { smtpMailer, type Mailer } from '../../fieldwork/mail.js';
import { Problem } from '../../problems/problem.js';
import type { KeyPair } from '../../security/sealed-box.js';
import { secureRandomBytes } from '../../security/tokens.js';
import type { Config } from '../../config/config.js';
import { withStore } from '../database.js';
import type { Io } from '../io.js';
import type { DatabaseFlags } from '../main.js';
import { writePrivateFile } from '../private-file.js';
import { readPrivateKey } from './keys.js';

export interface DeliveryFlags extends DatabaseFlags {
  study: string;
  wave: string;
  key: string;
  links?: string;
  relist?: boolean;
  smtp?: string;
  publicUrl?: string;
  rate?: string;
  connections?: string;
  attempts?: string;
  retryDelay?: string;
  json?: boolean;
}

function whole(value: string | undefined, flag: string, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Problem(
      'input.invalid',
      `--${flag} must be a whole number of at least ${min}, not '${value}'.`,
      { field: flag },
    );
  return n;
}

interface Settings {
  keys: KeyPair;
  publicUrl: string;
  perSecond: number;
  connections: number;
  attempts: number;
  retryDelay: number;
}

/** Every flag checked before anything is read from or written to the database. */
async function settings(flags: DeliveryFlags, config: Config): Promise<Settings> {
  const perSecond = whole(flags.rate, 'rate', 20);
  const connections = whole(flags.connections, 'connections', 4);
  const attempts = whole(flags.attempts, 'attempts', 4);
  const retryDelay = whole(flags.retryDelay, 'retry-delay', 30, 0);
  let publicUrl = flags.publicUrl ?? (config.publicUrlGiven ? config.publicUrl : undefined);
  if (!publicUrl)
    throw new Problem(
      'input.invalid',
      'Personal links need the address respondents use: give --public-url https://… or set LONGITUDE_PUBLIC_URL.',
      { field: 'public-url' },
    );
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl))
    throw new Problem(
      'input.invalid',
      `--public-url must be an address such as https://survey.example.org, not '${publicUrl}'.`,
      { field: 'public-url' },
    );
  publicUrl = publicUrl.replace(/\/$/, '');
  const smtp = flags.smtp ?? config.smtpUrl;
  if (smtp !== undefined && !/^smtps?:\/\/[^\s/]+/.test(smtp))
    throw new Problem(
      'input.invalid',
      `--smtp must be an SMTP URL such as smtp://user:password@mail.example.org:587.`,
      { field: 'smtp' },
    );
  const keys = await readPrivateKey(flags.key);
  return { keys, publicUrl, perSecond, connections, attempts, retryDelay };
}

interface RunReport {
  links: { written: number; file?: string; waiting: number };
  mail: Delivered & { waiting: number };
}

/** Delivery shared by both commands: links to the file, mails through SMTP. */
async function deliver(
  ctx: FieldworkContext,
  target: StudyAndWave,
  s: Settings,
  flags: DeliveryFlags,
  config: Config,
  io: Io,
): Promise<RunReport> {
  const report: RunReport = {
    links: { written: 0, waiting: 0 },
    mail: { sent: 0, bounced: 0, failed: 0, cancelled: 0, resumed: 0, gaveUp: 0, waiting: 0 },
  };
  const listed = await listLinks(ctx, target, s.keys, s.publicUrl, { relist: flags.relist });
  if (listed.links.length > 0) {
    if (flags.links) {
      const lines = [
        'contact\tlanguage\tround\tlink\topt_out',
        ...listed.links.map((l) =>
          [l.contact, l.language, l.round, l.link, l.optOut]
            .map((v) => String(v).replace(/[\t\r\n]/g, ' '))
            .join('\t'),
        ),
      ];
      await writePrivateFile(
        flags.links,
        lines.map((line) => `${line}\n`),
        'links',
      );
      await listed.markListed();
      report.links = { written: listed.links.length, file: flags.links, waiting: 0 };
    } else report.links.waiting = listed.links.length;
  }
  const smtp = flags.smtp ?? config.smtpUrl;
  const total = await mailsWaiting(ctx, target, s.attempts);
  if (total === 0) return report;
  if (!smtp) {
    report.mail.waiting = total;
    return report;
  }
  let stopping = false;
  const stop = () => {
    if (!stopping) io.err('Stopping: finishing the mails in flight…');
    stopping = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const mailer: Mailer = smtpMailer(smtp, { perSecond: s.perSecond, connections: s.connections });
  let shown = 0;
  try {
    report.mail = {
      ...(await deliverMail(ctx, target, {
        keys: s.keys,
        mailer,
        publicUrl: s.publicUrl,
        maxAttempts: s.attempts,
        retryDelaySeconds: s.retryDelay,
        concurrency: s.connections,
        queueUrl: config.databaseUrl,
        stopping: () => stopping,
        progress: (d) => {
          const done = d.sent + d.bounced + d.cancelled;
          if (!flags.json && done - shown >= 500) {
            shown = done;
            io.err(`… ${done} of ${total} mails done`);
          }
        },
      })),
      waiting: 0,
    };
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await mailer.close();
  }
  return report;
}

function printReport(io: Io, report: RunReport): number {
  const m = report.mail;
  io.out(
    `Mail: ${m.sent} sent, ${m.bounced} bounced, ${m.cancelled} cancelled (opted out), ${m.gaveUp} failed after every try.`,
  );
  if (m.resumed > 0)
    io.out(
      `${m.resumed} mails had been begun by an interrupted run and were sent again with the same message id (a recipient may see that one message twice).`,
    );
  if (report.links.file)
    io.out(
      `Links: ${report.links.written} personal links for messenger handles written to ${report.links.file} (readable by you only; send them by hand, then delete the file).`,
    );
  let code = 0;
  if (report.links.waiting > 0) {
    io.out(
      `${report.links.waiting} personal links go to messenger handles: run again with --links FILE to write them out.`,
    );
    code = 1;
  }
  if (m.waiting > 0) {
    io.out(
      `${m.waiting} mails are waiting: no SMTP server was given (--smtp or LONGITUDE_SMTP_URL). Run again with one.`,
    );
    code = 1;
  }
  if (m.gaveUp > 0) code = 1;
  return code;
}

/**
 * One run of a round: the round is prepared (`prepare` returns what to report under `key` and
 * the sentence to print), then everything waiting in the wave is delivered.
 */
async function runRound<T>(
  flags: DeliveryFlags,
  io: Io,
  key: string,
  prepare: (ctx: FieldworkContext, target: StudyAndWave, keys: KeyPair) => Promise<[T, string]>,
): Promise<number> {
  return withStore(flags, io, async (store, config) => {
    const s = await settings(flags, config);
    const ctx = contextOf(store.db);
    const target = { studyId: flags.study, waveId: flags.wave };
    const [prepared, sentence] = await prepare(ctx, target, s.keys);
    if (!flags.json) io.out(sentence);
    const report = await deliver(ctx, target, s, flags, config, io);
    if (!flags.json) return printReport(io, report);
    io.out(JSON.stringify({ [key]: prepared, ...report }, null, 2));
    return report.links.waiting + report.mail.waiting + report.mail.gaveUp > 0 ? 1 : 0;
  });
}

const contextOf = (db: FieldworkContext['db']): FieldworkContext => ({
  db,
  now: () => new Date(),
  random: secureRandomBytes,
});

export async function invitationsPrepare(flags: DeliveryFlags, io: Io): Promise<number> {
  return runRound(flags, io, 'prepared', async (ctx, target, keys) => {
    const p = await prepareInvitations(ctx, target, keys);
    return [
      p,
      `Prepared ${p.created} new invitations (${p.email} by email, ${p.file} by messenger). Left out: ${p.left.optedOut} opted out, ${p.left.noContact} with a panel code only, ${p.left.enteredThisWave} who joined in this wave, ${p.left.completed} who already completed it.`,
    ];
  });
}

export async function invitationsRemind(
  flags: DeliveryFlags & { after: string; max: string },
  io: Io,
): Promise<number> {
  const afterDays = Number(flags.after);
  if (!Number.isFinite(afterDays) || afterDays < 0)
    throw new Problem(
      'input.invalid',
      `--after must be a number of days (0 or more), not '${flags.after}'.`,
      { field: 'after' },
    );
  const maxReminders = whole(flags.max, 'max', 1);
  return runRound(flags, io, 'reminders', async (ctx, target, keys) => {
    const r = await prepareReminders(ctx, target, keys, { afterDays, maxReminders });
    return [
      r,
      `Prepared ${r.created} reminders (${r.email} by email, ${r.file} by messenger); ${r.exhausted} panelists have had all ${maxReminders} reminders.`,
    ];
  });
}

export async function invitationsBounced(
  flags: DatabaseFlags & { study: string; wave: string; key: string; file: string; json?: boolean },
  io: Io,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(flags.file, 'utf8');
  } catch (error) {
    throw new Problem(
      'input.invalid',
      `${flags.file}: cannot read the file (${(error as Error).message}).`,
      { file: flags.file },
    );
  }
  const keys = await readPrivateKey(flags.key);
  return withStore(flags, io, async (store) => {
    const ctx = contextOf(store.db);
    const r = await recordBounces(ctx, { studyId: flags.study, waveId: flags.wave }, keys, text);
    if (flags.json) io.out(JSON.stringify(r, null, 2));
    else
      io.out(
        `${r.bounced} panelists' latest mail recorded as bounced; ${r.unknown} addresses in the file belong to no panelist of the study.`,
      );
    return 0;
  });
}
