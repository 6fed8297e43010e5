// The panel over HTTP (request injection), on both databases: joining at the end of a wave,
// returning with a panel code, personal links used once, and opting out of invitations.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { forget } from '../../src/fieldwork/cache.js';
import { enrol } from '../../src/fieldwork/panel.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { generateKeyPair, open, type KeyPair } from '../../src/security/sealed-box.js';
import { hashToken, secureRandomBytes } from '../../src/security/tokens.js';
import { createInvitation } from '../../src/store/queries/invitations.js';
import { createResponse, listResponses } from '../../src/store/queries/responses.js';
import { setStudyPublicKey } from '../../src/store/queries/studies.js';
import { buildApp } from '../../src/web/app.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';
import { forEachDatabase } from '../support/databases.js';
import { usePersonalLink } from '../support/personal-link.js';
import { Respondent, type Form } from '../support/respondent.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const wave2 = '/s/exile-panel/wave-2';
const firstPage = { migration_status: 'left_after', left_date: '2022-03-05' };

/** A page with its CSRF token masked: two answers that differ only in it are the same page. */
const masked = (body: string) => body.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf"');

forEachDatabase('the panel on the web', (get) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let clock: Date;
  let keys: KeyPair;
  let logs: string;

  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
    keys = await generateKeyPair();
    await setStudyPublicKey(get().db, 'exile-panel', keys.publicKey);
    clock = new Date('2022-03-20T10:00:00Z');
    logs = '';
    const stream = new PassThrough();
    stream.on('data', (c: Buffer) => (logs += c.toString()));
    app = await buildApp({
      store: get(),
      logLevel: 'trace',
      logStream: stream,
      now: () => clock,
    });
    return () => app.close();
  });

  const db = () => get().db;

  /** A respondent who has answered all of wave 1 and sees its end page. */
  async function finishedWave1(lang = 'en'): Promise<Respondent> {
    const r = new Respondent(app);
    await r.get(`/s/exile-panel/wave-1/c/noda?lang=${lang}`);
    const start = r.forms()[0]!;
    await r.post(start.action, [...start.fields, ['consent', 'yes']]);
    for (const [, answers] of wave1Answers) await r.answer(answers);
    expect(r.last.body).toContain(lang === 'en' ? 'Will you take part again?' : 'Примете');
    return r;
  }

  const panelForm = (r: Respondent): Form => {
    const form = r.forms().find((f) => f.action.endsWith('/panel'));
    if (!form) throw new Error(`no panel form on the page:\n${r.last.body.slice(0, 800)}`);
    return form;
  };

  const join = (r: Respondent, fields: [string, string][]) => {
    const form = panelForm(r);
    return r.post(form.action, [...form.fields, ...fields]);
  };

  const count = async (table: 'panelists' | 'responses' | 'invitations') =>
    (
      await db()
        .selectFrom(table)
        .select(sql<number>`count(*)::int`.as('n'))
        .executeTakeFirstOrThrow()
    ).n;

  /** Every row of every table, as text: what a seized database would show. */
  async function dump(): Promise<string> {
    const tables = await sql<{ tablename: string }>`
      select tablename from pg_tables where schemaname = 'public'`.execute(db());
    let out = '';
    for (const { tablename } of tables.rows) {
      const rows = await sql<{ row: string }>`
        select t::text as row from ${sql.table(tablename)} t`.execute(db());
      out += rows.rows.map((r) => r.row).join('\n');
    }
    return out;
  }

  const wave1Panelist = async () =>
    (await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-1' }))[0]!.panelistId;

  /** Wave 2 in its panel-only phase: panelists now, everyone in ten days. */
  async function panelOnly(): Promise<void> {
    await db()
      .updateTable('waves')
      .set({
        panel_opens_at: new Date(clock.getTime() - 24 * 3600_000),
        opens_at: new Date(clock.getTime() + 10 * 24 * 3600_000),
      })
      .where('id', '=', 'wave-2')
      .execute();
    forget(db());
  }

  const csrfOf = (r: Respondent): [string, string] =>
    r.forms()[0]!.fields.find(([k]) => k === '_csrf')!;

  /** Sends a code in the code box of a wave's first page. */
  async function enterCode(r: Respondent, base: string, code: string) {
    await r.get(`${base}?lang=en`);
    const box = r.forms().find((f) => f.action === `${base}/resume`);
    if (!box) throw new Error(`no code box on the page:\n${r.last.body.slice(0, 800)}`);
    return r.post(box.action, [...box.fields, ['code', code]]);
  }

  async function panelCode(): Promise<string> {
    const r = await finishedWave1();
    await join(r, [['choice', 'code']]);
    return /<strong lang="en">([a-z ]+)<\/strong>/.exec(r.last.body)![1]!;
  }

  it('offers the panel at the end of a wave, with contact options only when the study has a key', async () => {
    const r = await finishedWave1();
    expect(r.last.body).toContain('We would like to ask you again in a few months');
    for (const choice of ['email', 'messenger', 'code', 'decline'])
      expect(r.last.body).toContain(`name="choice" value="${choice}"`);
    expect(r.last.body).toContain('<label class="q" for="panel-email">Email address</label>');
    expect(r.last.body).toMatch(/<fieldset id="panel-choice"\s*>\s*<legend>/);
    const ru = await finishedWave1('ru');
    expect(ru.last.body).toContain('Мы хотим спросить вас ещё раз');
    expect(ru.last.body).toContain('Взять код участника и не оставлять контактов');

    await db().updateTable('studies').set({ public_key: null }).execute();
    await r.get('/s/exile-panel/wave-1/end');
    expect(r.last.body).not.toContain('value="email"');
    expect(r.last.body).not.toContain('name="handle"');
    expect(r.last.body).toContain('name="choice" value="code"');
    expect(r.last.body).toContain('name="choice" value="decline"');
  });

  it('seals an email address at once: it is in no table and no log, and the private key opens it', async () => {
    const r = await finishedWave1();
    const address = 'anna.k@example.org';
    await join(r, [
      ['choice', 'email'],
      ['email', ` ${address} `],
    ]);
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('We will invite you to the next wave.');
    expect(r.last.body).not.toContain(address);
    const text = await dump();
    expect(text).not.toContain(address);
    expect(text).not.toContain(Buffer.from(address).toString('hex'));
    expect(logs).toContain('"route":"/s/:study/:wave/panel"');
    expect(logs).not.toContain(address);
    const row = await db().selectFrom('panelists').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ contact_kind: 'email', panel_code_hash: null, consent_version: 1 });
    expect(await open(new Uint8Array(row.contact_sealed!), keys)).toBe(address);
    expect(await wave1Panelist()).toBe(row.id);
  });

  it('seals a messenger name the same way', async () => {
    const r = await finishedWave1('ru');
    await join(r, [
      ['choice', 'messenger'],
      ['handle', '@outrush_reader'],
    ]);
    expect(r.last.body).toContain('Мы пригласим вас в следующую волну.');
    expect(await dump()).not.toContain('outrush_reader');
    const row = await db().selectFrom('panelists').selectAll().executeTakeFirstOrThrow();
    expect(row.contact_kind).toBe('messenger');
    expect(await open(new Uint8Array(row.contact_sealed!), keys)).toBe('@outrush_reader');
  });

  it('shows a panel code once, large, and stores only its hash', async () => {
    const r = await finishedWave1();
    await join(r, [['choice', 'code']]);
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('<h1>Your panel code</h1>');
    expect(r.last.body).toContain('class="code panel-code"');
    expect(r.last.body).toContain('Write these six words down now');
    expect(r.last.body).toContain('without leaving any contact');
    const code = /<strong lang="en">([a-z ]+)<\/strong>/.exec(r.last.body)![1]!;
    expect(code.split(' ')).toHaveLength(6);
    expect(await dump()).not.toContain(code);
    const row = await db().selectFrom('panelists').selectAll().executeTakeFirstOrThrow();
    expect(row.contact_sealed).toBeNull();
    expect(row.panel_code_hash).toMatch(/^[0-9a-f]{64}$/);
    // Back on the end page: in the panel, and the code is not shown again.
    await r.get('/s/exile-panel/wave-1/end');
    expect(r.last.body).toContain('You are already taking part in the panel.');
    expect(r.last.body).not.toContain(code);
    expect(r.forms().some((f) => f.action.endsWith('/panel'))).toBe(false);
  });

  it("lets the browser apply the pages' style: its text is what the policy's hash is of", async () => {
    const r = await finishedWave1();
    await join(r, [['choice', 'code']]);
    const style = /<style>([\s\S]*?)<\/style>/.exec(r.last.body)![1]!;
    expect(style).toContain('.panel-code strong');
    const hash = createHash('sha256').update(style).digest('base64');
    expect(r.last.headers['content-security-policy']).toContain(`style-src 'sha256-${hash}'`);
  });

  it('thanks a respondent who declines and stores nothing', async () => {
    const r = await finishedWave1();
    await join(r, [['choice', 'decline']]);
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('We will not ask you again.');
    expect(await count('panelists')).toBe(0);
    expect(await wave1Panelist()).toBeNull();
  });

  it('keeps what was typed next to a clear error when a contact is invalid, storing nothing', async () => {
    const r = await finishedWave1();
    const before = await dump();
    await join(r, [
      ['choice', 'email'],
      ['email', 'not an address<script>'],
      ['handle', 'kept too'],
    ]);
    expect(r.last.statusCode).toBe(422);
    expect(r.last.body).toContain(
      '<a href="#panel-email">Enter an email address such as name@example.org.</a>',
    );
    expect(r.last.body).toContain('<p class="err" id="e-panel-email">');
    expect(r.last.body).toMatch(/id="summary"/);
    expect(r.last.body).toContain('value="not an address&lt;script&gt;"');
    expect(r.last.body).not.toContain('<script>');
    expect(r.last.body).toContain('value="kept too"');
    expect(r.last.body).toMatch(/value="email"\s+checked/);
    expect(r.last.body).toMatch(/aria-invalid="true" aria-describedby="e-panel-email"/);

    await join(r, [
      ['choice', 'messenger'],
      ['handle', 'x'],
    ]);
    expect(r.last.statusCode).toBe(422);
    expect(r.last.body).toContain('<p class="err" id="e-panel-handle">Enter a messenger name');
    await join(r, [['choice', 'messenger']]);
    expect(r.last.body).toContain('Enter your messenger name or phone number');
    await join(r, [['email', 'a@example.org']]);
    expect(r.last.statusCode).toBe(422);
    expect(r.last.body).toContain(
      '<p class="err" id="e-panel-choice">Choose one of the options.</p>',
    );
    await join(r, [['choice', 'fax']]);
    expect(r.last.statusCode).toBe(422);

    expect(await count('panelists')).toBe(0);
    expect(await dump()).toBe(before);
  });

  it('stores one panelist when the form is sent twice, and gives the same code to both', async () => {
    const r = await finishedWave1();
    const form = panelForm(r);
    const fields: [string, string][] = [...form.fields, ['choice', 'code']];
    const pages = await Promise.all([1, 2, 3].map(() => r.post(form.action, fields)));
    const codes = pages.map((p) => /<strong lang="en">([a-z ]+)<\/strong>/.exec(p.body)?.[1]);
    expect(codes[0]).toMatch(/^[a-z]+( [a-z]+){5}$/);
    expect(new Set(codes).size).toBe(1);
    const again = await r.post(form.action, fields);
    expect(again.body).toContain(codes[0]!);
    expect(await count('panelists')).toBe(1);

    // Another form (another nonce) is another attempt: already in the panel, no code.
    const other = await r.post(form.action, [
      ...form.fields.filter(([k]) => k !== '_enrol'),
      ['_enrol', 'another-form-nonce-0001'],
      ['choice', 'code'],
    ]);
    expect(other.body).toContain('You are already taking part in the panel.');
    expect(other.body).not.toContain(codes[0]!);
    const mail = await r.post(form.action, [
      ...form.fields,
      ['choice', 'email'],
      ['email', 'late@example.org'],
    ]);
    expect(mail.body).toContain('You are already taking part in the panel.');
    expect(await count('panelists')).toBe(1);
    expect(await dump()).not.toContain('late@example.org');
  });

  it('hides contact options without a public key and refuses a forged contact clearly', async () => {
    await db().updateTable('studies').set({ public_key: null }).execute();
    const r = await finishedWave1();
    expect(r.last.body).not.toContain('name="email"');
    await join(r, [
      ['choice', 'email'],
      ['email', 'forged@example.org'],
    ]);
    expect(r.last.statusCode).toBe(422);
    expect(r.last.body).toContain(
      '<a href="#panel-choice">This survey cannot take contacts. Please take a panel code instead, or decline.</a>',
    );
    expect(r.last.body).not.toContain('forged@example.org');
    expect(await count('panelists')).toBe(0);
    await join(r, [['choice', 'code']]);
    expect(r.last.body).toContain('Your panel code');
  });

  it('lets only the complete response of the session join', async () => {
    const r = await finishedWave1();
    const form = panelForm(r);
    const unfinished = new Respondent(app);
    await unfinished.get('/s/exile-panel/wave-1?lang=en');
    const start = unfinished.forms()[0]!;
    await unfinished.post(start.action, [...start.fields, ['consent', 'yes']]);
    const attempt = await unfinished.post(
      form.action,
      [csrfOf(unfinished), ['choice', 'code'], ['_enrol', 'some-nonce-00000000001']],
      false,
    );
    expect(attempt.statusCode).toBe(303);
    expect(attempt.headers.location).toBe('/s/exile-panel/wave-1');
    expect(await unfinished.get('/s/exile-panel/wave-1/end', false)).toMatchObject({
      statusCode: 303,
    });
    const stranger = await new Respondent(app).post(form.action, [['choice', 'code']], false);
    expect(stranger.statusCode).toBe(403);
    expect(await count('panelists')).toBe(0);
  });

  it('shows the end page as before for a study without a panel section', async () => {
    const { mkdtemp, cp, readFile, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const dir = await mkdtemp(path.join(tmpdir(), 'longitude-nopanel-'));
    try {
      await cp(example, dir, { recursive: true });
      const file = path.join(dir, 'study.yaml');
      const yaml = await readFile(file, 'utf8');
      await writeFile(
        file,
        yaml.slice(0, yaml.indexOf('\npanel:')) + yaml.slice(yaml.indexOf('\nchannels:')),
      );
      await loadStudyFolder(db(), dir);
      const r = new Respondent(app);
      await r.get('/s/exile-panel/wave-1?lang=en');
      const start = r.forms()[0]!;
      await r.post(start.action, [...start.fields, ['consent', 'yes']]);
      for (const [, answers] of wave1Answers) await r.answer(answers);
      expect(r.last.body).toContain('<h1>Thank you</h1>');
      expect(r.last.body).toContain('Thank you for taking part! Your answers are saved.');
      expect(r.last.body).not.toContain('name="choice"');
      expect(r.forms().filter((f) => !f.action.endsWith('/leave'))).toEqual([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('brings a panelist into wave 2 by code in its panel-only phase, as the same panelist', async () => {
    const code = await panelCode();
    const panelist = await wave1Panelist();
    expect(panelist).not.toBeNull();
    await panelOnly();

    const someone = new Respondent(app);
    await someone.get(`${wave2}/c/noda?lang=en`);
    expect(someone.last.body).toContain('The survey is not open yet');
    expect(someone.last.body).toContain('If you were given a panel code, enter it below.');
    expect(someone.forms().map((f) => f.action)).toEqual([`${wave2}/resume`, `${wave2}/leave`]);

    const back = new Respondent(app);
    await enterCode(back, wave2, code.toUpperCase().replace(/ /g, '-'));
    expect(back.pageId()).toBe('start');
    expect(back.last.body).toContain('Your resume code');
    let responses = await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' });
    expect(responses).toHaveLength(1);
    expect(responses[0]).toMatchObject({
      panelistId: panelist,
      invitationId: null,
      language: 'en',
    });
    await back.answer(firstPage);
    expect(back.pageId()).toBe('where');

    // The same code in another browser continues the same response; the first session ends.
    const elsewhere = new Respondent(app);
    await enterCode(elsewhere, wave2, code);
    expect(elsewhere.pageId()).toBe('where');
    responses = await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' });
    expect(responses).toHaveLength(1);
    expect(responses[0]!.answers).toEqual(firstPage);
    await back.get(`${wave2}/page`);
    expect(back.pageId()).toBeUndefined();
  });

  it('takes no code before the panel-only phase or after the wave closes', async () => {
    const code = await panelCode();
    await db()
      .updateTable('waves')
      .set({
        panel_opens_at: new Date(clock.getTime() + 24 * 3600_000),
        opens_at: new Date(clock.getTime() + 10 * 24 * 3600_000),
        closes_at: new Date(clock.getTime() + 20 * 24 * 3600_000),
      })
      .where('id', '=', 'wave-2')
      .execute();
    forget(db());
    const r = new Respondent(app);
    await r.get(`${wave2}?lang=en`);
    expect(r.last.body).toContain('The survey is not open yet');
    expect(r.forms().filter((f) => !f.action.endsWith('/leave'))).toEqual([]);
    // A code box kept from another page: the code still leads nowhere.
    const jar = await finishedWave1();
    const csrf = csrfOf(jar);
    const tooEarly = await jar.post(`${wave2}/resume`, [
      csrfOf(jar),
      ['lang', 'en'],
      ['code', code],
    ]);
    expect(tooEarly.body).toContain('The survey is not open yet');
    clock = new Date(clock.getTime() + 21 * 24 * 3600_000);
    const late = await jar.post(`${wave2}/resume`, [csrf, ['lang', 'en'], ['code', code]]);
    expect(late.body).toContain('The survey is closed');
    expect(await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' })).toEqual([]);
  });

  it('answers every code that leads nowhere with the same page', async () => {
    // A panelist of another study, with a code.
    await loadStudyFolder(db(), path.join(example, 'study-dated.yaml'));
    const version = await db()
      .selectFrom('waves')
      .select('questionnaire_version_id')
      .where('study_id', '=', 'exile-panel-dated')
      .where('id', '=', 'wave-1')
      .executeTakeFirstOrThrow();
    const other = await createResponse(db(), {
      studyId: 'exile-panel-dated',
      waveId: 'wave-1',
      questionnaireVersionId: version.questionnaire_version_id!,
      channelCode: null,
      language: 'en',
      currentPage: null,
      now: clock,
    });
    await db()
      .updateTable('responses')
      .set({ status: 'complete' })
      .where('id', '=', other.id)
      .execute();
    const elsewhere = await enrol(
      { db: db(), now: () => clock, random: secureRandomBytes },
      other.id,
      { kind: 'code' },
      1,
    );
    // A resume code of wave 1 of this study.
    const w1 = new Respondent(app);
    await w1.get('/s/exile-panel/wave-1?lang=en');
    const start = w1.forms()[0]!;
    await w1.post(start.action, [...start.fields, ['consent', 'yes']]);
    const resumeCode = /<strong>([a-z ]+)<\/strong>/.exec(w1.last.body)![1]!;

    const r = new Respondent(app);
    const pages = [];
    for (const code of [
      'abandon ability able about above absent',
      elsewhere.panelCode!,
      resumeCode,
      'not even words',
    ]) {
      const page = await enterCode(r, wave2, code);
      expect(page.statusCode).toBe(200);
      pages.push(masked(page.body));
    }
    expect(pages[0]).toContain('No survey was found for this code.');
    expect(new Set(pages).size).toBe(1);
    expect(await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' })).toEqual([]);
    // The wave-1 session was not touched by its code being tried on wave 2.
    await w1.get('/s/exile-panel/wave-1/page');
    expect(w1.pageId()).toBe('start');
  });

  it('limits code attempts per network, panel codes too', async () => {
    const code = await panelCode();
    const r = new Respondent(app);
    let last;
    for (let i = 0; i < 20; i++)
      last = await enterCode(r, wave2, 'abandon ability able about above absent');
    expect(last!.statusCode).toBe(200);
    last = await enterCode(r, wave2, code);
    expect(last.statusCode).toBe(429);
    expect(last.body).toContain('Too many attempts');
    expect(await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' })).toEqual([]);
  });

  /** A panelist enrolled with a code in wave 1, and an invitation of theirs to wave 2. */
  async function invited(token: string, language = 'ru', round = 0) {
    if ((await count('panelists')) === 0) await panelCode();
    const panelistId = (await wave1Panelist())!;
    await createInvitation(db(), {
      studyId: 'exile-panel',
      waveId: 'wave-2',
      tokenHash: hashToken(token),
      panelistId,
      language,
      round,
      state: 'sent',
    });
    return panelistId;
  }

  const invitationRow = (token: string) =>
    db()
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirstOrThrow();

  it('uses a personal link only when Start is pressed, once, in the panel-only phase', async () => {
    const token = 'personal-link-token-000000000000000000011';
    const panelistId = await invited(token);
    await panelOnly();
    expect((await new Respondent(app).get(`${wave2}?lang=en`)).body).toContain(
      'The survey is not open yet',
    );

    // Opening the link (as a mail scanner does) shows a start page and changes nothing.
    const r = new Respondent(app);
    for (let i = 0; i < 3; i++) await r.get(`/i/${token}`);
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('<html lang="ru"');
    expect(r.last.body).toContain('Вторая волна');
    expect(r.last.body).toContain('Это научный опрос о жизни людей');
    expect(r.last.body).toContain('Я согласен(на): начать опрос');
    expect(await invitationRow(token)).toMatchObject({ opened_at: null, used_at: null });
    expect(await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' })).toEqual([]);

    await usePersonalLink(r, token);
    expect(r.pageId()).toBe('start');
    expect(r.last.body).toContain('Ваш код для продолжения');
    const used = await invitationRow(token);
    expect(used.used_at).toEqual(clock);
    expect(used.opened_at).toEqual(clock);
    const [response] = await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' });
    expect(response).toMatchObject({ panelistId, invitationId: used.id, language: 'ru' });

    // Another browser: told the link is used, with ways to go on; nothing created or taken.
    const other = new Respondent(app);
    await other.get(`/i/${token}?lang=en`);
    expect(other.last.body).toContain('This link has been used');
    const post = await other.post(`/i/${token}`, [
      csrfOf(other),
      ['lang', 'en'],
      ['_use', 'a-nonce-of-my-own-0001'],
    ]);
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('This link has been used');
    expect(post.body).toContain(`<a href="${wave2}">Continue the survey on this device</a>`);
    expect(other.forms().map((f) => f.action)).toEqual([`${wave2}/resume`, `${wave2}/leave`]);
    expect(await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' })).toHaveLength(1);
    await r.get(`${wave2}/page`);
    expect(r.pageId()).toBe('start');

    // The same browser goes back to where it is, by GET and by POST.
    await r.answer(firstPage);
    const again = await r.get(`/i/${token}`, false);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`${wave2}/page`);
    await r.get(`/i/${token}`);
    expect(r.pageId()).toBe('where');
    await r.post(`/i/${token}`, [csrfOf(r), ['lang', 'ru']]);
    expect(r.pageId()).toBe('where');
  });

  it('finds the response a double tap on Start began, and one response per panelist and wave', async () => {
    const token = 'personal-link-token-000000000000000000012';
    const panelistId = await invited(token, 'en');
    const r = new Respondent(app);
    await r.get(`/i/${token}`);
    const start = r.forms().find((f) => f.action === `/i/${token}`)!;
    const cookie = [...r.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const taps = await Promise.all(
      [1, 2].map(() =>
        app.inject({
          method: 'POST',
          url: start.action,
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams(start.fields).toString(),
        }),
      ),
    );
    expect(taps.map((t) => t.statusCode)).toEqual([303, 303]);
    const sessions = taps.map((t) => t.cookies.find((c) => c.name === 'lg_s')?.value);
    expect(sessions[0]).toBeDefined();
    expect(sessions[1]).toBe(sessions[0]);
    expect(await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' })).toHaveLength(1);

    // A reminder is another link to the same response; the panel code leads there too.
    const reminder = 'personal-link-token-000000000000000000013';
    await invited(reminder, 'en', 1);
    const laptop = new Respondent(app);
    await usePersonalLink(laptop, reminder);
    expect(laptop.pageId()).toBe('start');
    const responses = await listResponses(db(), { studyId: 'exile-panel', waveId: 'wave-2' });
    expect(responses).toHaveLength(1);
    expect(responses[0]!.panelistId).toBe(panelistId);
    expect((await invitationRow(reminder)).used_at).not.toBeNull();
  });

  it('asks before opting out, then stops every waiting invitation, and takes a second press calmly', async () => {
    const token = 'personal-link-token-000000000000000000021';
    const panelistId = await invited(token);
    const waiting = async (id: number, round: number, state: 'prepared' | 'failed' | 'sent') =>
      createInvitation(db(), {
        studyId: 'exile-panel',
        waveId: 'wave-1',
        tokenHash: hashToken(`other-${id}-${round}-${state}`),
        panelistId: id,
        round,
        state,
      });
    await waiting(panelistId, 1, 'prepared');
    await waiting(panelistId, 2, 'failed');
    await waiting(panelistId, 3, 'sent');
    // Someone else, whose invitation stays as it is.
    const someoneElse = await finishedWave1();
    await join(someoneElse, [['choice', 'code']]);
    const otherId = (
      await db()
        .selectFrom('panelists')
        .select('id')
        .where('id', '<>', panelistId)
        .executeTakeFirstOrThrow()
    ).id;
    await waiting(otherId, 1, 'prepared');
    const states = () =>
      db()
        .selectFrom('invitations')
        .select(['panelist_id', 'round', 'state'])
        .orderBy('panelist_id')
        .orderBy('wave_id')
        .orderBy('round')
        .execute();
    const before = await states();

    const r = new Respondent(app);
    await r.get(`/o/${token}`);
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('Больше не присылать приглашения?');
    expect(await states()).toEqual(before);
    const optedOut = () =>
      db()
        .selectFrom('panelists')
        .select('opted_out_at')
        .where('id', '=', panelistId)
        .executeTakeFirstOrThrow();
    expect((await optedOut()).opted_out_at).toBeNull();

    const form = r.forms().find((f) => f.action === `/o/${token}`)!;
    const done = await r.post(form.action, form.fields);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('Вы больше не будете получать приглашения в этот опрос.');
    expect((await optedOut()).opted_out_at).toEqual(clock);
    expect(await states()).toEqual([
      { panelist_id: panelistId, round: 1, state: 'cancelled' },
      { panelist_id: panelistId, round: 2, state: 'cancelled' },
      { panelist_id: panelistId, round: 3, state: 'sent' },
      { panelist_id: panelistId, round: 0, state: 'sent' },
      { panelist_id: otherId, round: 1, state: 'prepared' },
    ]);

    clock = new Date(clock.getTime() + 3600_000);
    const twice = await r.post(form.action, form.fields);
    expect(twice.statusCode).toBe(200);
    expect(twice.body).toContain('Вы больше не будете получать приглашения');
    expect((await optedOut()).opted_out_at).toEqual(new Date('2022-03-20T10:00:00Z'));
    await r.get(`/o/${token}?lang=en`);
    expect(r.last.body).toContain('You will receive no more invitations to this survey.');
    // Nothing is deleted.
    expect(await count('responses')).toBe(2);

    const unknown = new Respondent(app);
    expect((await unknown.get('/o/unknown-token-000000000000000000000000')).statusCode).toBe(404);
    const forged = await unknown.post(`/o/${token}`, [['lang', 'en']], false);
    expect(forged.statusCode).toBe(403);
    expect(forged.headers['content-type']).toContain('text/html');
  });

  it('opts out in one click from a mail program, without cookies, and with nothing else', async () => {
    const tokens = [
      'personal-link-token-000000000000000000031',
      'personal-link-token-000000000000000000032',
    ];
    const panelistId = await invited(tokens[0]!, 'en');
    const optedOut = async () =>
      (
        await db()
          .selectFrom('panelists')
          .select('opted_out_at')
          .where('id', '=', panelistId)
          .executeTakeFirstOrThrow()
      ).opted_out_at;
    const post = (token: string, contentType: string, payload: string) =>
      app.inject({
        method: 'POST',
        url: `/o/${token}`,
        headers: { 'content-type': contentType },
        payload,
      });

    const other = await post(tokens[0]!, 'application/x-www-form-urlencoded', 'lang=en');
    expect(other.statusCode).toBe(403);
    expect(await optedOut()).toBeNull();
    const click = await post(
      tokens[0]!,
      'application/x-www-form-urlencoded',
      'List-Unsubscribe=One-Click',
    );
    expect(click.statusCode).toBe(200);
    expect(click.body).toContain('You will receive no more invitations to this survey.');
    expect(await optedOut()).toEqual(clock);

    // The same as a multipart form, for a second panelist.
    await db().updateTable('panelists').set({ opted_out_at: null }).execute();
    const boundary = 'longitude-boundary';
    const multipart = (value: string) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\n${value}\r\n--${boundary}--\r\n`;
    await createInvitation(db(), {
      studyId: 'exile-panel',
      waveId: 'wave-2',
      tokenHash: hashToken(tokens[1]!),
      panelistId,
      round: 1,
    });
    const forged = await post(
      tokens[1]!,
      `multipart/form-data; boundary=${boundary}`,
      multipart('Yes'),
    );
    expect(forged.statusCode).toBe(403);
    expect(await optedOut()).toBeNull();
    const mail = await post(
      tokens[1]!,
      `multipart/form-data; boundary=${boundary}`,
      multipart('One-Click'),
    );
    expect(mail.statusCode).toBe(200);
    expect(await optedOut()).toEqual(clock);
    expect((await invitationRow(tokens[1]!)).state).toBe('cancelled');
    const unknown = await post(
      'unknown-token-000000000000000000000000',
      'application/x-www-form-urlencoded',
      'List-Unsubscribe=One-Click',
    );
    expect(unknown.statusCode).toBe(404);
  });
});
