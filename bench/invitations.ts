/**
 * Invitation runs as a research team starts them: `longitude invitations prepare` as its own
 * process, against the example study with N panelists who left an email address, sending to
 * the SMTP sink process. Used by the crash tests (kill the run, run again, count what every
 * panelist received) and by `npm run bench` (time for 10,000 invitations).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generateKeyPair, privateKeyFile, seal } from '../src/security/sealed-box.js';
import { openAndMigrate, type StoreOptions } from '../src/store/database.js';
import { loadStudyFolder } from '../src/fieldwork/studies.js';
import { setStudyPublicKey } from '../src/store/queries/studies.js';
import { root } from './server-process.js';
import type { SmtpProcess } from './smtp-process.js';

const example = path.join(root, 'examples/exile-panel');

export const addressOf = (i: number): string => `panelist.${i}@example.org`;

/**
 * Loads the example study into an empty database with `n` panelists who entered in wave 1
 * and left an email address; writes the private key to `keyFile`.
 */
export async function seedInvitationStudy(
  store: StoreOptions,
  n: number,
  keyFile: string,
): Promise<void> {
  const s = await openAndMigrate(store);
  try {
    await loadStudyFolder(s.db, example);
    const keys = await generateKeyPair();
    await setStudyPublicKey(s.db, 'exile-panel', keys.publicKey);
    await writeFile(keyFile, privateKeyFile(keys), { mode: 0o600 });
    for (let i = 0; i < n; i += 1000) {
      const rows = [];
      for (let k = i; k < Math.min(n, i + 1000); k++)
        rows.push({
          study_id: 'exile-panel',
          pseudonym: `bench-${k}`,
          entry_wave: 'wave-1',
          contact_kind: 'email' as const,
          contact_sealed: await seal(addressOf(k), keys.publicKey),
          consent_version: 1,
          consented_at: new Date(),
        });
      await s.db.insertInto('panelists').values(rows).execute();
    }
  } finally {
    await s.close();
  }
}

export interface InvitationRun {
  child: ChildProcess;
  /** Resolves with the exit code (or signal) and what the command printed. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>;
}

export function runPrepare(
  env: Record<string, string>,
  keyFile: string,
  smtp: SmtpProcess,
  extra: string[] = [],
): InvitationRun {
  const child = spawn(
    process.execPath,
    [
      'bin/longitude.js',
      'invitations',
      'prepare',
      '--study',
      'exile-panel',
      '--wave',
      'wave-2',
      '--key',
      keyFile,
      '--public-url',
      'https://survey.longitude.test',
      '--smtp',
      smtp.url,
      '--json',
      ...extra,
    ],
    { cwd: root, env: { ...process.env, LONGITUDE_LOG_LEVEL: 'silent', ...env } },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (err += c.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    out: string;
    err: string;
  }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done };
}

export interface CrashTrial {
  panelists: number;
  /** Mails the sink had accepted when the run was killed. */
  atKill: number;
  /** Panelists who received nothing after the second run (must be 0). */
  missing: number;
  /** Panelists who received two different messages (must be 0). */
  different: number;
  /** Extra copies of one message (at most `resumed`; 0 after SIGTERM). */
  repeats: number;
  /** Mails the second run found begun by the killed one and sent again. */
  resumed: number;
}

/**
 * Starts a run, kills it with `signal` a random moment after the first mail arrives, runs
 * again to the end, and counts what each panelist received.
 */
export async function invitationCrashTrial(
  env: Record<string, string>,
  keyFile: string,
  smtp: SmtpProcess,
  n: number,
  signal: 'SIGKILL' | 'SIGTERM',
  random: () => number,
): Promise<CrashTrial> {
  const start = smtp.received.length;
  const first = runPrepare(env, keyFile, smtp, ['--connections', '4', '--rate', '100000']);
  while (smtp.received.length === start) {
    if (first.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 5));
  }
  await new Promise((r) => setTimeout(r, 100 + random() * 900));
  const atKill = smtp.received.length - start;
  first.child.kill(signal);
  await first.done;
  const second = await runPrepare(env, keyFile, smtp, ['--connections', '4', '--rate', '100000'])
    .done;
  if (second.code !== 0) throw new Error(`the second run failed: ${second.err || second.out}`);
  const report = JSON.parse(second.out) as { mail: { resumed: number } };
  const byAddress = new Map<string, string[]>();
  for (const m of smtp.received.slice(start))
    for (const to of m.envelopeTo) byAddress.set(to, [...(byAddress.get(to) ?? []), m.messageId!]);
  let missing = 0;
  let different = 0;
  let repeats = 0;
  for (let i = 0; i < n; i++) {
    const ids = byAddress.get(addressOf(i)) ?? [];
    if (ids.length === 0) missing++;
    if (new Set(ids).size > 1) different++;
    repeats += Math.max(0, ids.length - 1);
  }
  return { panelists: n, atKill, missing, different, repeats, resumed: report.mail.resumed };
}
