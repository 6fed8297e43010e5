// `longitude invitations prepare` and `remind` against a real SMTP server process on loopback,
// on the embedded database and on the PostgreSQL server: who gets a mail, in which language,
// with a personal link whose hash the database holds and an opt-out link; bounces, retries,
// messenger links written to a file, reminders, and runs that change nothing when repeated.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSmtp, type SmtpProcess } from '../../bench/smtp-process.js';
import { generateKeyPair, privateKeyFile, publicKeyFile } from '../../src/security/sealed-box.js';
import { hashToken } from '../../src/security/tokens.js';
import { cli } from '../support/cli.js';
import { describeCliDatabases, type CliDatabase } from '../support/cli-databases.js';
import { completedResponse, seedPanel, type Seeded } from '../support/panel.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const publicUrl = 'https://survey.longitude.test';
let smtp: SmtpProcess;

const people = [
  { choice: { kind: 'email', address: 'anna@example.org' }, language: 'ru' },
  { choice: { kind: 'email', address: 'Boris@Example.org' }, language: 'en' },
  { choice: { kind: 'email', address: 'bounce.carl@example.org' }, language: 'en' },
  { choice: { kind: 'email', address: 'flaky.dina@example.org' }, language: 'ru' },
  { choice: { kind: 'messenger', handle: '@outrush_reader' }, language: 'ru' },
  { choice: { kind: 'code' }, language: 'en' },
  { choice: { kind: 'email', address: 'erik@example.org' }, language: 'en' },
] as const;

describeCliDatabases('longitude invitations', (get) => {
  let env: Record<string, string>;
  let dir: string;
  let keyFile: string;
  let seeded: Seeded[];
  const withDb: CliDatabase['withDb'] = (work) => get().withDb(work);
  let first = 0;
  const mail = () => smtp.received.slice(first);
  const mailTo = (address: string) =>
    mail().filter((m) => m.envelopeTo.some((to) => to.toLowerCase() === address.toLowerCase()));
  const flags = (extra: string[] = []) => [
    '--study',
    'exile-panel',
    '--wave',
    'wave-2',
    '--key',
    keyFile,
    '--public-url',
    publicUrl,
    '--retry-delay',
    '0',
    ...extra,
  ];

  afterAll(async () => {
    await smtp.stop();
  });
  beforeAll(async () => {
    // A fresh mail server per database: it remembers which recipients it put off once.
    smtp = await startSmtp();
    first = smtp.received.length;
    ({ env, dir } = get());
    expect((await cli(['study', 'load', example], env)).code).toBe(0);
    const keys = await generateKeyPair();
    keyFile = path.join(dir, 'study.private.key');
    await writeFile(keyFile, privateKeyFile(keys), { mode: 0o600 });
    await writeFile(path.join(dir, 'study.public.key'), publicKeyFile(keys));
    expect(
      (
        await cli(
          ['study', 'set-key', 'exile-panel', '--key', path.join(dir, 'study.public.key')],
          env,
        )
      ).code,
    ).toBe(0);
    seeded = await withDb((s) => seedPanel(s.db, 'exile-panel', 'wave-1', [...people]));
    // Erik opts out before the wave starts: he is never invited.
    await withDb((s) =>
      s.db
        .updateTable('panelists')
        .set({ opted_out_at: new Date() })
        .where('pseudonym', '=', seeded[6]!.pseudonym!)
        .execute(),
    );
  });

  it('refuses a wrong key, a public key and a missing public address, and stores nothing', async () => {
    const other = path.join(dir, 'other.private.key');
    await writeFile(other, privateKeyFile(await generateKeyPair()), { mode: 0o600 });
    const wrong = await cli(['invitations', 'prepare', ...flags(), '--key', other], env);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/is not the key of study 'exile-panel'/);
    const pub = await cli(
      ['invitations', 'prepare', ...flags(), '--key', path.join(dir, 'study.public.key')],
      env,
    );
    expect(pub.err).toContain('this is a public key');
    const noUrl = await cli(
      ['invitations', 'prepare', '--study', 'exile-panel', '--wave', 'wave-2', '--key', keyFile],
      env,
    );
    expect(noUrl.err).toContain('--public-url');
    const badRate = await cli(['invitations', 'prepare', ...flags(), '--rate', 'fast'], env);
    expect(badRate.err).toContain("--rate must be a whole number of at least 1, not 'fast'");
    expect(await withDb((s) => s.db.selectFrom('invitations').selectAll().execute())).toEqual([]);
  });

  it('prepares without a mail server, and says what waits', async () => {
    const run = await cli(['invitations', 'prepare', ...flags(), '--json'], env);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.out) as {
      prepared: { created: number; email: number; file: number; left: Record<string, number> };
      links: { waiting: number };
      mail: { waiting: number; sent: number };
    };
    expect(report.prepared).toEqual({
      created: 5,
      email: 4,
      file: 1,
      left: { optedOut: 1, noContact: 1, completed: 0, enteredThisWave: 0 },
    });
    expect(report.links.waiting).toBe(1);
    expect(report.mail).toMatchObject({ waiting: 4, sent: 0 });
    expect(mailTo('anna@example.org')).toEqual([]);
  });

  it('sends each panelist with an email one mail in their language, bounces and retries, and writes the messenger links', async () => {
    const links = path.join(dir, 'links.tsv');
    const run = await cli(
      ['invitations', 'prepare', ...flags(['--smtp', smtp.url, '--links', links])],
      env,
    );
    expect(run.err).toBe('');
    expect(run.out).toContain('Prepared 0 new invitations');
    expect(run.out).toContain(
      'Mail: 3 sent, 1 bounced, 0 cancelled (opted out), 0 failed after every try.',
    );
    expect(run.code).toBe(0);

    const anna = mailTo('anna@example.org');
    const boris = mailTo('Boris@Example.org');
    const dina = mailTo('flaky.dina@example.org');
    expect([anna.length, boris.length, dina.length]).toEqual([1, 1, 1]);
    expect(mailTo('bounce.carl@example.org')).toEqual([]);
    expect(mailTo('erik@example.org')).toEqual([]);
    expect(anna[0]!.language).toBe('ru');
    expect(anna[0]!.subject).toBe('Шесть месяцев в эмиграции: приглашение во вторую волну');
    expect(anna[0]!.from).toBe('"Six Months in Exile" <survey@longitude.invalid>');
    expect(boris[0]!.language).toBe('en');
    expect(boris[0]!.subject).toBe('Six Months in Exile: your invitation to the next wave');
    expect(boris[0]!.text).toContain('Wave 2 (August–September 2022) is starting now.');

    // The personal link's token is stored only as its hash, on Anna's invitation row; the
    // opt-out link carries the same token, and mail programs are offered it too.
    const token = new RegExp(`${publicUrl}/i/([A-Za-z0-9_-]{32})`).exec(anna[0]!.text!)![1]!;
    expect(anna[0]!.text).toContain(`${publicUrl}/o/${token}`);
    expect(anna[0]!.listUnsubscribe).toBe(`<${publicUrl}/o/${token}>`);
    const rows = await withDb((s) =>
      s.db
        .selectFrom('invitations as i')
        .innerJoin('panelists as p', 'p.id', 'i.panelist_id')
        .select([
          'p.pseudonym',
          'i.token_hash',
          'i.state',
          'i.attempts',
          'i.last_error',
          'i.channel',
        ])
        .orderBy('i.id')
        .execute(),
    );
    expect(rows.find((r) => r.token_hash === hashToken(token))?.pseudonym).toBe(
      seeded[0]!.pseudonym,
    );
    expect(rows.map((r) => [r.channel, r.state, r.attempts])).toEqual([
      ['email', 'sent', 1],
      ['email', 'sent', 1],
      ['email', 'bounced', 1],
      ['email', 'sent', 2],
      ['file', 'listed', 0],
    ]);
    // The refusal is kept without the address it named.
    const bounced = rows.find((r) => r.state === 'bounced')!;
    expect(bounced.last_error).toMatch(/^SMTP 550/);
    expect(bounced.last_error).not.toContain('carl');

    // The messenger link went to a file only its owner can read.
    expect((await stat(links)).mode & 0o777).toBe(0o600);
    const lines = (await readFile(links, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('contact\tlanguage\tround\tlink\topt_out');
    expect(lines).toHaveLength(2);
    const [contact, language, round, link] = lines[1]!.split('\t');
    expect([contact, language, round]).toEqual(['@outrush_reader', 'ru', '0']);
    expect(link).toMatch(new RegExp(`^${publicUrl}/i/`));
    expect(rows.some((r) => r.token_hash === hashToken(link!.split('/i/')[1]!))).toBe(true);
  });

  it('invites nobody twice when run again', async () => {
    const before = smtp.received.length;
    const run = await cli(
      ['invitations', 'prepare', ...flags(['--smtp', smtp.url, '--json'])],
      env,
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.out)).toMatchObject({
      prepared: { created: 0 },
      mail: { sent: 0, bounced: 0, resumed: 0 },
      links: { written: 0, waiting: 0 },
    });
    expect(smtp.received.length).toBe(before);
  });

  it('reminds those who have not completed after N days, at most K times', async () => {
    // Boris completes wave 2; a week passes.
    await withDb(async (s) => {
      const id = await completedResponse(s.db, 'exile-panel', 'wave-2', 'en');
      const boris = await s.db
        .selectFrom('panelists')
        .select('id')
        .where('pseudonym', '=', seeded[1]!.pseudonym!)
        .executeTakeFirstOrThrow();
      await s.db
        .updateTable('responses')
        .set({ panelist_id: boris.id })
        .where('id', '=', id)
        .execute();
    });
    const remind = (extra: string[] = []) =>
      cli(
        [
          'invitations',
          'remind',
          ...flags(['--smtp', smtp.url, '--links', path.join(dir, 'reminders.tsv'), ...extra]),
          '--after',
          '7',
          '--max',
          '1',
          '--json',
        ],
        env,
      );
    const tooSoon = await remind();
    expect(JSON.parse(tooSoon.out)).toMatchObject({ reminders: { created: 0 } });
    const weekAgo = new Date(Date.now() - 8 * 86_400_000);
    await withDb((s) => s.db.updateTable('invitations').set({ sent_at: weekAgo }).execute());
    const before = smtp.received.length;
    const first = await remind();
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    // Anna, Dina and the messenger reader; not Boris (completed), Carl (bounced), Erik (opted out).
    expect(JSON.parse(first.out)).toMatchObject({
      reminders: { created: 3, email: 2, file: 1, exhausted: 0 },
      mail: { sent: 2 },
      links: { written: 1 },
    });
    const reminders = smtp.received.slice(before);
    expect(reminders.map((m) => m.envelopeTo[0]).sort()).toEqual([
      'anna@example.org',
      'flaky.dina@example.org',
    ]);
    expect(reminders.find((m) => m.envelopeTo[0] === 'anna@example.org')!.subject).toBe(
      'Напоминание: «Шесть месяцев в эмиграции»',
    );
    // A new link each time; the invitation's link still works until used.
    const annaLinks = mailTo('anna@example.org').map(
      (m) => /\/i\/([A-Za-z0-9_-]+)/.exec(m.text!)![1],
    );
    expect(new Set(annaLinks).size).toBe(2);
    await withDb((s) => s.db.updateTable('invitations').set({ sent_at: weekAgo }).execute());
    const second = await remind();
    expect(JSON.parse(second.out)).toMatchObject({ reminders: { created: 0, exhausted: 3 } });
    expect(smtp.received.length).toBe(before + 2);
  });

  it('records bounces that came back later by mail, matched locally with the contacts', async () => {
    const file = path.join(dir, 'bounces.txt');
    await writeFile(
      file,
      'Delivery to the following recipient failed permanently:\n\n    ANNA@example.org\n\nFinal-Recipient: rfc822; stranger@example.net\n',
    );
    const run = await cli(
      [
        'invitations',
        'bounced',
        '--study',
        'exile-panel',
        '--wave',
        'wave-2',
        '--key',
        keyFile,
        '--file',
        file,
        '--json',
      ],
      env,
    );
    expect(run.err).toBe('');
    expect(JSON.parse(run.out)).toEqual({ bounced: 1, unknown: 1 });
    const anna = await withDb((s) =>
      s.db
        .selectFrom('invitations as i')
        .innerJoin('panelists as p', 'p.id', 'i.panelist_id')
        .select(['i.round', 'i.state', 'i.last_error'])
        .where('p.pseudonym', '=', seeded[0]!.pseudonym!)
        .orderBy('i.round')
        .execute(),
    );
    expect(anna).toEqual([
      { round: 0, state: 'sent', last_error: null },
      { round: 1, state: 'bounced', last_error: 'reported as bounced' },
    ]);
    const missing = await cli(
      [
        'invitations',
        'bounced',
        '--study',
        'exile-panel',
        '--wave',
        'wave-2',
        '--key',
        keyFile,
        '--file',
        path.join(dir, 'none.txt'),
      ],
      env,
    );
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('none.txt: cannot read the file');
  });
});
