// An emailed invitation in a real browser (Chromium): a wave-1 respondent leaves an email
// address at the end of the wave; for wave 2 the research team runs `longitude invitations
// prepare` with the private key, the mail arrives at an SMTP server process on loopback, the
// respondent follows the personal link, completes wave 2, and the link works no more. Then the
// respondent asks to be forgotten: `longitude panelist erase` leaves no trace in any table.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtp, type SmtpProcess } from '../../bench/smtp-process.js';
import { forget } from '../../src/fieldwork/cache.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import {
  generateKeyPair,
  open,
  privateKeyFile,
  type KeyPair,
} from '../../src/security/sealed-box.js';
import { hashToken } from '../../src/security/tokens.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { listResponses } from '../../src/store/queries/responses.js';
import { setStudyPublicKey } from '../../src/store/queries/studies.js';
import { buildApp } from '../../src/web/app.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';
import { cli } from '../support/cli.js';
import { createServerDatabase, type ServerDatabase } from '../support/server-database.js';
import { answerAll, launchChromium, pageId } from './browser.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const address = 'olga.invited@example.org';
/** A free text only Olga wrote, to look for after her erasure. */
const olgaText = 'Olga-wave-2-note-7f3a';

const wave2Answers: Record<string, Record<string, string>> = {
  start: { migration_status: 'left_after', left_date: '2022-03-05' },
  where: { country_now: 'AM', arrived_month: '2022-03', stay_likelihood: '3' },
  outlook: { outlook_life: 'better', outlook_russia: '2' },
  about: { gender: 'female', birth_year: '1988' },
};

let database: ServerDatabase;
let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
let browser: Browser;
let smtp: SmtpProcess;
let dir: string;
let keyFile: string;
let keys: KeyPair;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'longitude-invitation-e2e-'));
  database = await createServerDatabase();
  store = await openAndMigrate({ databaseUrl: database.url });
  await loadStudyFolder(store.db, example);
  keys = await generateKeyPair();
  await setStudyPublicKey(store.db, 'exile-panel', keys.publicKey);
  keyFile = path.join(dir, 'study.private.key');
  await writeFile(keyFile, privateKeyFile(keys), { mode: 0o600 });
  app = await buildApp({ store, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  smtp = await startSmtp();
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await smtp?.stop();
  await app?.close();
  await store?.close();
  await database?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** Every row of every table of Longitude and of the job queue, as text. */
async function dump(): Promise<string> {
  const tables = await sql<{ schemaname: string; tablename: string }>`
    select schemaname, tablename from pg_tables
    where schemaname in ('public', 'pgboss')`.execute(store.db);
  let out = '';
  for (const t of tables.rows) {
    const rows = await sql<{ row: string }>`
      select x::text as row from ${sql.table(`${t.schemaname}.${t.tablename}`)} x`.execute(
      store.db,
    );
    out += rows.rows.map((r) => r.row).join('\n') + '\n';
  }
  return out;
}

async function completeWave1(
  lang: string,
  choose: (page: import('playwright-core').Page) => Promise<void>,
) {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${url}/s/exile-panel/wave-1/c/noda?lang=${lang}`);
  await page.check('input[name="consent"]');
  await page.click('button[type="submit"] >> nth=0');
  const answers = new Map(wave1Answers);
  await answerAll(page, (id) => answers.get(id) ?? {});
  await choose(page);
  await context.close();
}

describe('an emailed invitation in Chromium', () => {
  it(
    'reaches the respondent, opens wave 2 once, links the two waves; erasure then leaves no trace',
    { timeout: 180_000 },
    async () => {
      // Wave 1: Olga leaves her address; Pavel (who stays) takes a panel code.
      await completeWave1('en', async (page) => {
        await page.check('input[name="choice"][value="email"]');
        await page.fill('#panel-email', address);
        await page.click('button[type="submit"]');
        expect(await page.locator('h1').textContent()).toBe('Thank you');
      });
      await completeWave1('ru', async (page) => {
        await page.check('input[name="choice"][value="code"]');
        await page.click('button[type="submit"]');
      });
      // A dump of the server's database shows the address nowhere; the private key opens it.
      expect(await dump()).not.toContain(address);
      const pgDump = execFileSync('pg_dump', ['--data-only', '--inserts', database.url], {
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
      });
      expect(pgDump).toContain('INSERT INTO public.panelists');
      expect(pgDump.toLowerCase()).not.toContain(address);
      expect(pgDump).not.toContain(Buffer.from(address).toString('hex'));
      const sealed = await store.db
        .selectFrom('panelists')
        .select('contact_sealed')
        .where('contact_kind', '=', 'email')
        .executeTakeFirstOrThrow();
      expect(await open(new Uint8Array(sealed.contact_sealed!), keys)).toBe(address);

      // Wave 2 opens to panelists; the team sends the invitations from its own machine.
      const now = Date.now();
      await store.db
        .updateTable('waves')
        .set({
          panel_opens_at: new Date(now - 3600_000),
          opens_at: new Date(now + 14 * 24 * 3600_000),
        })
        .where('study_id', '=', 'exile-panel')
        .where('id', '=', 'wave-2')
        .execute();
      forget(store.db);
      const sent = await cli(
        [
          'invitations',
          'prepare',
          '--study',
          'exile-panel',
          '--wave',
          'wave-2',
          '--key',
          keyFile,
          '--smtp',
          smtp.url,
          '--public-url',
          url,
          '--json',
        ],
        { DATABASE_URL: database.url },
      );
      expect(sent.err).toBe('');
      expect(JSON.parse(sent.out)).toMatchObject({
        prepared: { created: 1, email: 1, left: { noContact: 1 } },
        mail: { sent: 1 },
      });
      expect(smtp.received).toHaveLength(1);
      const mail = smtp.received[0]!;
      expect(mail.envelopeTo).toEqual([address]);
      expect(mail.language).toBe('en');
      const link = new RegExp(`${url}/i/[A-Za-z0-9_-]+`).exec(mail.text!)![0];
      const optOut = new RegExp(`${url}/o/[A-Za-z0-9_-]+`).exec(mail.text!)![0];

      // Olga follows the link in another browser: a start page, then wave 2.
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(link);
      expect(await pageId(page)).toBeUndefined();
      await page.click('button[type="submit"]');
      expect(await pageId(page)).toBe('start');
      await answerAll(page, (id) => ({
        ...(wave2Answers[id] ?? {}),
        ...(id === 'comments' ? { comments: olgaText } : {}),
      }));
      expect(await page.locator('h1').textContent()).toBe('Thank you');
      await context.close();

      const [w1olga] = (
        await listResponses(store.db, { studyId: 'exile-panel', waveId: 'wave-1' })
      ).filter((r) => r.language === 'en');
      const [w2] = await listResponses(store.db, { studyId: 'exile-panel', waveId: 'wave-2' });
      expect(w2).toMatchObject({ status: 'complete' });
      expect(w2!.panelistId).not.toBeNull();
      expect(w2!.panelistId).toBe(w1olga!.panelistId);
      const token = link.split('/i/')[1]!;
      const invitation = await store.db
        .selectFrom('invitations')
        .select(['used_at', 'opened_at', 'state'])
        .where('token_hash', '=', hashToken(token))
        .executeTakeFirstOrThrow();
      expect(invitation.state).toBe('sent');
      expect(invitation.used_at).not.toBeNull();

      // The link works once: in a third browser it opens nothing.
      const other = await browser.newContext();
      const again = await other.newPage();
      await again.goto(link);
      expect(await again.locator('h1').textContent()).toBe('This link has been used');
      await other.close();
      expect(
        await listResponses(store.db, { studyId: 'exile-panel', waveId: 'wave-2' }),
      ).toHaveLength(1);

      // The opt-out link asks first, then stops every later mail.
      const out = await browser.newContext();
      const o = await out.newPage();
      await o.goto(optOut);
      expect(await o.locator('h1').textContent()).toBe('No more invitations?');
      await o.click('button[type="submit"]');
      expect(await o.locator('h1').textContent()).toBe('No more invitations');
      await out.close();
      const opted = await store.db
        .selectFrom('panelists')
        .select('opted_out_at')
        .where('id', '=', w2!.panelistId!)
        .executeTakeFirstOrThrow();
      expect(opted.opted_out_at).not.toBeNull();

      // Olga asks to be forgotten; the team finds her by her address with the private key.
      const traces = [
        w1olga!.id,
        w2!.id,
        hashToken(token),
        olgaText,
        (
          await store.db
            .selectFrom('panelists')
            .select('pseudonym')
            .where('id', '=', w2!.panelistId!)
            .executeTakeFirstOrThrow()
        ).pseudonym,
      ];
      const before = await dump();
      for (const t of traces) expect(before).toContain(t);
      const erased = await cli(
        [
          'panelist',
          'erase',
          '--study',
          'exile-panel',
          '--contact',
          address,
          '--key',
          keyFile,
          '--yes',
        ],
        { DATABASE_URL: database.url },
      );
      expect(erased.code).toBe(0);
      const after = await dump();
      for (const t of traces) expect(after).not.toContain(t);
      expect(after).not.toContain(address);
      // Pavel is untouched, and an audit record without identifiers remains.
      const left = await listResponses(store.db, { studyId: 'exile-panel', waveId: 'wave-1' });
      expect(left.map((r) => r.language)).toEqual(['ru']);
      expect(
        await store.db
          .selectFrom('erasures')
          .select(['found_by', 'responses', 'invitations'])
          .execute(),
      ).toEqual([{ found_by: 'contact', responses: 2, invitations: 1 }]);
    },
  );
});
