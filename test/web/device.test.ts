// The respondent's device (issue 14, section 5), on both databases: what the browser keeps,
// what the database keeps about it, and how long.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { runStudyQuality } from '../../src/fieldwork/quality.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { resumeCodeIn } from '../../src/security/resume-code.js';
import { listResponses } from '../../src/store/queries/responses.js';
import { buildApp } from '../../src/web/app.js';
import { forEachDatabase } from '../support/databases.js';
import { Respondent } from '../support/respondent.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const open = '/s/exile-panel/wave-1/c/telegram-outrush';

type App = Awaited<ReturnType<typeof buildApp>>;

forEachDatabase('the respondent device', (get) => {
  let app: App;
  let clock = new Date('2022-03-20T10:00:00Z');
  const secret = new Uint8Array(32).fill(7);
  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
    clock = new Date('2022-03-20T10:00:00Z');
    app = await buildApp({
      store: get(),
      logLevel: 'silent',
      now: () => clock,
      serverSecret: secret,
    });
    return () => app.close();
  });

  async function begin(r: Respondent, lang = 'en') {
    await r.get(`${open}?lang=${lang}`);
    const start = r.forms()[0]!;
    return r.post(start.action, [...start.fields, ['consent', 'yes']]);
  }

  /** Answers every page of wave 1 but the last. */
  async function answerAllButLast(r: Respondent) {
    await r.answer({ migration_status: 'left_after' });
    for (const [, answers] of wave1Answers.slice(0, -1)) {
      clock = new Date(clock.getTime() + 30_000);
      await r.answer(answers);
    }
  }

  /** Set-Cookie lines of the last answer, by cookie name. */
  function setCookies(r: Respondent): Map<string, { value: string; maxAge?: number }> {
    const out = new Map<string, { value: string; maxAge?: number }>();
    for (const c of r.last.cookies as { name: string; value: string; maxAge?: number }[])
      out.set(c.name, c);
    return out;
  }

  it('stores a device hash keyed by the server secret and the study, not a plain hash', async () => {
    const r = new Respondent(app);
    await begin(r);
    const nonce = r.cookies.get('lg_d')!;
    expect(nonce).toBeTruthy();
    const [stored] = await get().db.selectFrom('responses').select('device_hash').execute();
    const plain = createHash('sha256').update(`device:${nonce}`).digest('hex');
    expect(stored!.device_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.device_hash).not.toBe(plain);
    expect(stored!.device_hash).not.toContain(nonce);

    // Another server process reading the same secret computes the same hash; a server with
    // another secret (a dump elsewhere, without the file) cannot.
    const same = await buildApp({ store: get(), logLevel: 'silent', serverSecret: secret });
    const other = await buildApp({
      store: get(),
      logLevel: 'silent',
      serverSecret: new Uint8Array(32).fill(9),
    });
    for (const [server, equal] of [
      [same, true],
      [other, false],
    ] as const) {
      const again = new Respondent(server);
      again.cookies.set('lg_d', nonce);
      await begin(again);
      const rows = await get()
        .db.selectFrom('responses')
        .select('device_hash')
        .orderBy('created_at', 'desc')
        .execute();
      expect(rows[0]!.device_hash === stored!.device_hash).toBe(equal);
      await server.close();
    }
  });

  it('flags a second response from the same browser in the study with the keyed hash', async () => {
    const r = new Respondent(app);
    await begin(r);
    // The same browser starts again without its session (cleared by hand).
    r.cookies.delete('lg_s');
    clock = new Date(clock.getTime() + 60_000);
    await begin(r);
    clock = new Date(clock.getTime() + 60_000);
    const stranger = new Respondent(app);
    await begin(stranger);
    const responses = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(responses).toHaveLength(3);
    const rules =
      'study: exile-panel\nrules:\n  - id: device\n    type: device\n    exclude: false\n';
    const result = await runStudyQuality(get().db, 'exile-panel', rules, 'quality.yaml');
    expect(result.flagged).toBe(1);
    const flags = await get()
      .db.selectFrom('quality_flags')
      .select(['response_id', 'rule'])
      .execute();
    expect(flags).toEqual([{ response_id: responses[1]!.id, rule: 'device' }]);
  });

  it('gives cookies that live no longer than a wave, the device no longer than the session', async () => {
    const r = new Respondent(app);
    await r.get(`${open}?lang=en`);
    const start = r.forms()[0]!;
    await r.post(start.action, [...start.fields, ['consent', 'yes']], false);
    const set = setCookies(r);
    const month = 30 * 24 * 3600;
    expect(set.get('lg_s')!.maxAge).toBeLessThanOrEqual(month);
    expect(set.get('lg_d')!.maxAge).toBeLessThanOrEqual(set.get('lg_s')!.maxAge!);
    for (const c of set.values()) expect(c.maxAge ?? 0).toBeLessThanOrEqual(month);
  });

  it('ends the session at completion: the end page works for an hour, then nothing leads back', async () => {
    const r = new Respondent(app);
    await begin(r);
    await answerAllButLast(r);
    clock = new Date(clock.getTime() + 30_000);
    await r.answer(wave1Answers.at(-1)![1], 'next', false);
    // The answer that completes shortens the session cookie to the end page's hour.
    expect(setCookies(r).get('lg_s')!.maxAge).toBeLessThanOrEqual(3600);
    await r.get(r.last.headers.location as string);
    expect(r.last.body).toContain('Thank you');
    // A language switch on the end page within the hour still works.
    await r.get('/s/exile-panel/wave-1/end?lang=ru');
    expect(r.last.body).toContain('Спасибо');
    // Two hours later the same cookie leads nowhere, and the database no longer holds it.
    clock = new Date(clock.getTime() + 2 * 3600_000);
    await r.get('/s/exile-panel/wave-1/end');
    expect(r.last.body).not.toContain('Спасибо');
    const [row] = await get().db.selectFrom('responses').select('session_hash').execute();
    expect(row!.session_hash).toBeNull();
  });

  /** The six words shown in the large box or the disclosure of the last page. */
  function shownCode(r: Respondent): string | undefined {
    return /<strong>([^<]+)<\/strong>/.exec(r.last.body)?.[1];
  }

  it('keeps the resume code out of cookies and out of a dump, and shows it on every page', async () => {
    const r = new Respondent(app);
    await begin(r);
    const code = shownCode(r)!;
    expect(code.split(' ')).toHaveLength(6);
    for (const value of r.cookies.values()) expect(value).not.toContain(code.split(' ')[0]);
    expect(r.cookies.has('lg_code')).toBe(false);
    const rows = await get().db.selectFrom('responses').selectAll().execute();
    const dump =
      JSON.stringify(rows) + Buffer.from(rows[0]!.resume_code_sealed!).toString('latin1');
    expect(dump).not.toContain(code);
    expect(rows[0]!.resume_code_sealed).not.toBeNull();

    // After the first save, every page still offers it, behind a disclosure.
    await r.answer({ migration_status: 'left_after' });
    for (const [, answers] of wave1Answers.slice(0, 3)) {
      await r.answer(answers);
      expect(r.last.body).toContain('<details>');
      expect(shownCode(r)).toBe(code);
    }
    // A server that sees only the database cannot: without the cookie nothing opens it.
    const stranger = new Respondent(app);
    stranger.cookies.set('lg_s', 'not-the-session');
    await stranger.get('/s/exile-panel/wave-1/page');
    expect(stranger.last.body).not.toContain(code);
  });

  it('reseals the code for the device that resumes, and takes it in another word list', async () => {
    const first = new Respondent(app);
    await begin(first);
    const code = shownCode(first)!;
    await first.answer({ migration_status: 'left_after' });
    await first.answer(wave1Answers[0]![1]);

    const second = new Respondent(app);
    await second.get('/s/exile-panel/wave-1?lang=en');
    const resume = second.forms()[1]!;
    // The same code in Spanish words (BIP-39's Spanish list), without accents.
    const spanish = resumeCodeIn(code, 'es')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '');
    await second.post(resume.action, [...resume.fields, ['code', spanish]]);
    expect(second.pageId()).toBe('where');
    expect(shownCode(second)).toBe(code);
  });

  it('shows Russian readers the code in English words, marked as English', async () => {
    const r = new Respondent(app);
    await begin(r, 'ru');
    expect(r.last.body).toMatch(/<span lang="en"><strong>[a-z]+( [a-z]+){5}<\/strong><\/span>/);
  });

  it('tells the first device, in its language, that the response went on elsewhere; nothing duplicated', async () => {
    const first = new Respondent(app);
    await begin(first, 'ru');
    const code = shownCode(first)!;
    await first.answer({ migration_status: 'left_after' });
    await first.answer(wave1Answers[0]![1]);
    expect(first.pageId()).toBe('where');
    const whereForm = first.last.body;

    const second = new Respondent(app);
    await second.get('/s/exile-panel/wave-1?lang=en');
    const resume = second.forms()[1]!;
    await second.post(resume.action, [...resume.fields, ['code', code]]);
    expect(second.pageId()).toBe('where');

    // The first device sends the page it had open: told plainly it was not saved, in Russian.
    first.last = { ...first.last, body: whereForm } as typeof first.last;
    await first.answer(wave1Answers[1]![1]);
    expect(first.last.statusCode).toBe(409);
    expect(first.last.body).toContain('<html lang="ru"');
    expect(first.last.body).toContain('Опрос продолжается на другом устройстве');
    expect(first.last.body).toContain('НЕ сохранены');
    const [response] = await listResponses(get().db, { studyId: 'exile-panel' });
    const saves = await get()
      .db.selectFrom('page_saves')
      .select('page_id')
      .where('response_id', '=', response!.id)
      .execute();
    expect(saves.map((p) => p.page_id)).not.toContain('where');

    // Opening the link again, or consenting again, starts nothing new.
    await first.get(open);
    expect(first.last.body).toContain('Опрос продолжается на другом устройстве');
    expect(first.last.body).not.toContain('name="consent"');
    const token = first.forms()[0]!.fields.find(([k]) => k === '_csrf')!;
    await first.post('/s/exile-panel/wave-1/start', [token, ['consent', 'yes'], ['lang', 'ru']]);
    expect(first.last.body).toContain('Опрос продолжается на другом устройстве');
    expect(await listResponses(get().db, { studyId: 'exile-panel' })).toHaveLength(1);

    // Continuing here with the code takes the response back, where it stands.
    const here = first.forms().find((f) => f.action.endsWith('/resume'))!;
    await first.post(here.action, [...here.fields, ['code', code]]);
    expect(first.pageId()).toBe('where');
    await second.get('/s/exile-panel/wave-1/page');
    expect(second.last.body).toContain('Опрос продолжается на другом устройстве');
    expect(await listResponses(get().db, { studyId: 'exile-panel' })).toHaveLength(1);
  });

  it('offers "leave and clear this device" on every page, as a plain form', async () => {
    const r = new Respondent(app);
    await r.get(`${open}?lang=en`);
    const pages = [r.last.body];
    await begin(r);
    pages.push(r.last.body);
    await answerAllButLast(r);
    pages.push(r.last.body);
    await r.answer(wave1Answers.at(-1)![1]);
    pages.push(r.last.body);
    for (const body of pages) {
      const forms = r.forms.call({ last: { body } } as Respondent);
      const leave = forms.find((f) => f.action === '/s/exile-panel/wave-1/leave');
      expect(leave?.fields.map(([k]) => k)).toEqual(['_csrf', 'lang']);
      expect(body).toContain('Leave and clear this device');
    }
  });

  it('leaves and clears: every cookie goes, the session ends, the code is shown once more', async () => {
    const r = new Respondent(app);
    await begin(r, 'ru');
    const code = shownCode(r)!;
    await r.answer({ migration_status: 'left_after' });
    await r.answer(wave1Answers[0]![1]);
    const session = r.cookies.get('lg_s')!;
    const leave = r.forms().find((f) => f.action.endsWith('/leave'))!;
    await r.post(leave.action, leave.fields, false);
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('<html lang="ru"');
    expect(r.last.body).toContain('Устройство очищено');
    expect(r.last.body).toContain(code);
    const cleared = setCookies(r);
    for (const name of ['lg_s', 'lg_d', 'lg_lang', 'lg_code', '_csrf'])
      expect(cleared.get(name)?.value, name).toBe('');
    expect([...r.cookies.keys()]).toEqual([]);
    const [row] = await get().db.selectFrom('responses').select('session_hash').execute();
    expect(row!.session_hash).toBeNull();
    // The old cookie, kept somehow, leads nowhere: the consent page of a new start.
    r.cookies.set('lg_s', session);
    await r.get('/s/exile-panel/wave-1/page');
    expect(r.last.body).toContain('name="consent"');
    // The code still resumes the response, on this or any device.
    const resume = r.forms()[1]!;
    await r.post(resume.action, [...resume.fields, ['code', code]]);
    expect(r.pageId()).toBe('where');
  });

  it('lists on the consent page, in its language, every cookie the survey keeps', async () => {
    for (const [lang, title, consent] of [
      [
        'en',
        'What this survey keeps on this device',
        'The survey keeps a few cookies on this device',
      ],
      ['ru', 'Что этот опрос хранит на этом устройстве', 'На этом устройстве опрос хранит'],
    ]) {
      const r = new Respondent(app);
      await r.get(`${open}?lang=${lang}`);
      expect(r.last.body).toContain(title);
      for (const name of ['lg_s', 'lg_d', 'lg_lang', '_csrf']) expect(r.last.body).toContain(name);
      expect(r.last.body).toMatch(/30 (days|дней)/);
      // Whatever the browser got, the page named.
      for (const name of r.cookies.keys()) expect(r.last.body).toContain(name);
      // The study's own consent text no longer says nothing is kept on the device.
      expect(r.last.body).toContain(consent);
      expect(gzipSync(r.last.body).length).toBeLessThanOrEqual(14 * 1024);
    }
  });
});
