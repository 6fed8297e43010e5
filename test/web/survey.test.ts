// The respondent survey end to end over HTTP (request injection), on both databases.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { listPageSaves, listResponses } from '../../src/store/queries/responses.js';
import { createInvitation } from '../../src/store/queries/invitations.js';
import { hashToken } from '../../src/security/tokens.js';
import { buildApp } from '../../src/web/app.js';
import { forEachDatabase } from '../support/databases.js';
import { usePersonalLink } from '../support/personal-link.js';
import { Respondent } from '../support/respondent.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const open = '/s/exile-panel/wave-1/c/telegram-outrush';

const wave1 = wave1Answers;

/** What the stored response holds: the answers entered, numbers typed as numbers. */
const expected: Record<string, unknown> = Object.assign(
  {},
  ...wave1.map(([, answers]) => answers),
  {
    stay_likelihood: 4,
    work_hours: 40,
    outlook_russia: 2,
    birth_year: 1990,
  },
);

forEachDatabase('respondent survey', (get) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let clock = new Date('2022-03-20T10:00:00Z');
  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
    clock = new Date('2022-03-20T10:00:00Z');
    app = await buildApp({ store: get(), logLevel: 'silent', now: () => clock });
    return () => app.close();
  });

  async function begin(r: Respondent, lang = 'en') {
    await r.get(`${open}?lang=${lang}`);
    const start = r.forms()[0]!;
    return r.post(start.action, [...start.fields, ['consent', 'yes']]);
  }

  it.each(['en', 'ru'])(
    'completes wave 1 in %s, following skip logic, and stores what was entered',
    async (lang) => {
      const r = new Respondent(app);
      await begin(r, lang);
      expect(r.last.body).toMatch(lang === 'en' ? /Your resume code/ : /Ваш код для продолжения/);
      expect(r.shownVariables()).toEqual(['migration_status']);
      // Choosing "left" opens the date on the same page: shown, not an error.
      await r.answer({ migration_status: 'left_after' });
      expect(r.pageId()).toBe('start');
      expect(r.shownVariables()).toEqual(['migration_status', 'left_date']);
      expect(r.last.body).not.toContain('class="summary"');
      for (const [page, answers] of wave1) {
        expect(r.pageId()).toBe(page);
        clock = new Date(clock.getTime() + 30_000);
        await r.answer(answers);
      }
      expect(r.last.statusCode).toBe(200);
      expect(r.last.body).toContain(lang === 'en' ? 'Thank you' : 'Спасибо');
      const [stored] = await listResponses(get().db, { studyId: 'exile-panel' });
      expect(stored).toMatchObject({
        status: 'complete',
        completionShare: 1,
        channelCode: 'telegram-outrush',
        language: lang,
      });
      expect(stored!.answers).toEqual(expected);
      const log = await listPageSaves(get().db, stored!.id);
      expect(log.map((p) => p.pageId)).toEqual(wave1.map(([p]) => p));
      expect(log.every((p) => p.savedAt.getTime() - p.shownAt!.getTime() === 30_000)).toBe(true);
    },
  );

  it('shows errors next to items and in a summary, keeping the answers given', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer({ migration_status: 'left_after' });
    const posted = await r.answer(
      { migration_status: 'left_after', left_date: '2022-02-31' },
      'next',
      false,
    );
    expect(posted.statusCode).toBe(303);
    await r.get(posted.headers.location as string);
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('class="summary"');
    expect(r.last.body).toContain(
      '<a href="#q-left_date">Please enter a date as year-month-day, e.g. 2022-03-15.</a>',
    );
    expect(r.last.body).toContain('id="e-left_date"');
    expect(r.last.body).toMatch(/value="2022-02-31"/);
    expect(r.last.body).toMatch(/value="left_after"\s+checked/);
    expect(
      await listPageSaves(
        get().db,
        (await listResponses(get().db, { studyId: 'exile-panel' }))[0]!.id,
      ),
    ).toEqual([]);
  });

  it('escapes what respondents type wherever it is shown again', async () => {
    const r = new Respondent(app);
    await begin(r);
    for (const [, answers] of wave1.slice(0, 7)) await r.answer(answers);
    await r.answer({ comments: '<script>alert(1)</script>' + 'x'.repeat(6000) });
    expect(r.last.statusCode).toBe(200);
    expect(r.last.body).toContain('class="summary"');
    expect(r.last.body).not.toContain('<script>alert(1)</script>');
    expect(r.last.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('goes back keeping answers, and forward again', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer(wave1[0]![1]);
    await r.answer({ country_now: 'GE', arrived_month: '2022-03' }, 'back');
    expect(r.pageId()).toBe('start');
    expect(r.last.body).toMatch(/value="2022-03-05"/);
    await r.answer(wave1[0]![1]);
    expect(r.pageId()).toBe('where');
    expect(r.last.body).toMatch(/<option value="GE"\s+selected\s*>/);
    expect(r.last.body).toMatch(/value="2022-03"/);
  });

  it('answers a repeated save like the first and stores one page', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer({ migration_status: 'left_after' });
    const form = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    const fields: [string, string][] = [
      ...form.fields,
      ['_action', 'next'],
      ['migration_status', 'left_after'],
      ['left_date', '2022-03-05'],
    ];
    const first = await r.post(form.action, fields, false);
    const second = await r.post(form.action, fields, false);
    expect([first.statusCode, second.statusCode]).toEqual([303, 303]);
    expect(second.headers.location).toBe(first.headers.location);
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => r.post(form.action, fields, false)),
    );
    expect(parallel.map((p) => p.statusCode)).toEqual([303, 303, 303, 303, 303]);
    const [response] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(await listPageSaves(get().db, response!.id)).toHaveLength(1);
  });

  it('stores one page when five different tabs send the same new save in parallel', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer({ migration_status: 'left_after' });
    const form = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    const fields: [string, string][] = [
      ...form.fields,
      ['_action', 'next'],
      ['migration_status', 'left_after'],
      ['left_date', '2022-03-05'],
    ];
    await Promise.all(Array.from({ length: 5 }, () => r.post(form.action, fields, false)));
    const [response] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(await listPageSaves(get().db, response!.id)).toHaveLength(1);
    expect(response!.currentPage).toBe('where');
  });

  it('rejects a save for a page that no longer applies, storing nothing', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer(wave1[0]![1]);
    const wherePage = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    await r.answer({ country_now: 'GE' }, 'back');
    await r.answer({ migration_status: 'planning' });
    // The old "where" form is sent again: that page no longer applies.
    const stale = await r.post(
      wherePage.action,
      [...wherePage.fields, ['_action', 'next'], ['country_now', 'AM']],
      false,
    );
    expect(stale.statusCode).toBe(303);
    expect((await r.get(stale.headers.location as string)).body).toContain(
      'That page no longer applies',
    );
    const [response] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(response!.answers.country_now).toBe('GE');
  });

  // Post/redirect/get: no page is the answer to a form, so the back button never asks to
  // send a form again; what the page shows next waits on the server, never in a cookie.
  const count = (body: string, part: string) => body.split(part).length - 1;

  it('answers answers with problems by a redirect; the page then shows them once', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer({ migration_status: 'left_after' });
    const cookiesBefore = new Map(r.cookies);
    const posted = await r.answer(
      { migration_status: 'left_after', left_date: '2022-02-31' },
      'next',
      false,
    );
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/s/exile-panel/wave-1/page');
    expect(posted.body).toBe('');
    // Nothing typed travels in a cookie.
    expect(r.cookies).toEqual(cookiesBefore);
    expect(JSON.stringify(posted.headers)).not.toContain('2022-02-31');
    const shown = await r.get('/s/exile-panel/wave-1/page');
    expect(shown.statusCode).toBe(200);
    expect(count(shown.body, 'value="2022-02-31"')).toBe(1);
    expect(count(shown.body, 'class="summary"')).toBe(1);
    expect(count(shown.body, 'Please enter a date as year-month-day')).toBe(2); // summary and item
    expect(shown.body).toMatch(/value="left_after"\s+checked/);
    // Shown again (a reload, the back button) it is the same page; a save ends the draft.
    expect((await r.get('/s/exile-panel/wave-1/page')).body).toContain('value="2022-02-31"');
    await r.answer({ migration_status: 'left_after', left_date: '2022-03-05' });
    expect(r.pageId()).toBe('where');
    await r.answer({}, 'back');
    expect(r.last.body).not.toContain('2022-02-31');
    expect(r.last.body).not.toContain('class="summary"');
  });

  it('answers new follow-up questions by a redirect to the first of them, notice beside it', async () => {
    const r = new Respondent(app);
    await begin(r);
    const posted = await r.answer({ migration_status: 'left_after' }, 'next', false);
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/s/exile-panel/wave-1/page#q-left_date');
    const shown = await r.get('/s/exile-panel/wave-1/page');
    expect(count(shown.body, 'Your answers opened more questions on this page.')).toBe(1);
    expect(shown.body).toMatch(/value="left_after"\s+checked/);
    // The notice stands just before the new question, not at the top of the page.
    const notice = shown.body.indexOf('class="notice"');
    const question = shown.body.indexOf('id="q-left_date"');
    expect(notice).toBeGreaterThan(shown.body.indexOf('name="_page"'));
    expect(question).toBeGreaterThan(notice);
    expect(shown.body.slice(notice, question)).not.toMatch(/id="q-/);
    expect(r.shownVariables()).toEqual(['migration_status', 'left_date']);
  });

  it('answers an expired or stale form by a redirect to where the respondent is', async () => {
    const r = new Respondent(app);
    await begin(r);
    const form = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    const expired = await r.post(
      form.action,
      [
        ...form.fields.filter(([k]) => k !== '_save'),
        ['_action', 'next'],
        ['migration_status', 'planning'],
      ],
      false,
    );
    expect(expired.statusCode).toBe(303);
    expect(expired.headers.location).toBe('/s/exile-panel/wave-1/page');
    const shown = await r.get('/s/exile-panel/wave-1/page');
    expect(count(shown.body, 'This page was open too long or was sent twice.')).toBe(1);
    expect(r.pageId()).toBe('start');
  });

  it('keeps page drafts per response and lets them expire within the hour', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer({ migration_status: 'left_after' });
    await r.answer({ migration_status: 'left_after', left_date: '2022-02-31' });
    expect(r.last.body).toContain('value="2022-02-31"');
    const other = new Respondent(app);
    await begin(other);
    expect(other.last.body).not.toContain('2022-02-31');
    clock = new Date(clock.getTime() + 3601_000);
    await r.get('/s/exile-panel/wave-1/page');
    expect(r.last.body).not.toContain('2022-02-31');
    expect(r.last.body).not.toContain('class="summary"');
  });

  it('renders follow-up questions hidden and tells the page script which apply, saving nothing', async () => {
    const r = new Respondent(app);
    await begin(r);
    // Without a script the page looks as before: the follow-up is there, hidden and disabled.
    expect(r.last.body).toMatch(/<fieldset class="if" data-v="left_date"\s+hidden disabled>/);
    expect(r.shownVariables()).toEqual(['migration_status']);
    expect(r.last.body).toContain('data-applies="/s/exile-panel/wave-1/applies"');
    const script = /<script>([^<]+)<\/script>/.exec(r.last.body)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    expect(String(r.last.headers['content-security-policy'])).toContain(`'sha256-${hash}'`);
    const form = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    const ask = async (answers: [string, string][]) => {
      const asked = await r.post(
        '/s/exile-panel/wave-1/applies',
        [...form.fields, ...answers],
        false,
      );
      expect(asked.statusCode).toBe(200);
      expect(asked.headers['cache-control']).toBe('no-store');
      return asked.json() as { show: string[] };
    };
    expect(await ask([['migration_status', 'left_after']])).toEqual({
      show: ['migration_status', 'left_date'],
    });
    expect(await ask([['migration_status', 'planning']])).toEqual({ show: ['migration_status'] });
    expect(await ask([])).toEqual({ show: ['migration_status'] });
    // Without the form's token it is refused like any form.
    const refused = await r.post(
      '/s/exile-panel/wave-1/applies',
      [...form.fields.filter(([k]) => k !== '_csrf'), ['migration_status', 'left_after']],
      false,
    );
    expect(refused.statusCode).toBe(403);
    const [response] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(await listPageSaves(get().db, response!.id)).toEqual([]);
    expect(response!.answers).toEqual({});
    // A script that showed the follow-up sends it with the page: saved, no "more questions".
    await r.get('/s/exile-panel/wave-1/page');
    await r.answer({ migration_status: 'left_after', left_date: '2022-03-05' });
    expect(r.pageId()).toBe('where');
  });

  it('resumes with the code from another device, where it left off', async () => {
    const first = new Respondent(app);
    await begin(first);
    const code = /<strong>([a-z ]+)<\/strong>/.exec(first.last.body)![1]!;
    expect(code.split(' ')).toHaveLength(6);
    await first.answer(wave1[0]![1]);
    await first.answer(wave1[1]![1]);
    expect(first.pageId()).toBe('economy');

    const second = new Respondent(app);
    await second.get('/s/exile-panel/wave-1?lang=en');
    const resume = second.forms()[1]!;
    await second.post(resume.action, [
      ...resume.fields,
      ['code', 'no such code words here at all'],
    ]);
    expect(second.last.body).toContain('No survey was found for this code');
    await second.post(resume.action, [
      ...resume.fields,
      ['code', `  ${code.toUpperCase().replace(/ /g, ' - ')} `],
    ]);
    expect(second.pageId()).toBe('economy');
    // The code is offered again on the new device, behind a disclosure.
    expect(second.last.body).toMatch(new RegExp(`<details>[\\s\\S]*${code}`));
    // The first device's session has ended.
    await first.get('/s/exile-panel/wave-1/page');
    expect(first.pageId()).toBeUndefined();
  });

  it('limits resume attempts per network without revealing anything', async () => {
    const r = new Respondent(app);
    await r.get('/s/exile-panel/wave-1?lang=en');
    const resume = r.forms()[1]!;
    let last;
    for (let i = 0; i < 21; i++)
      last = await r.post(resume.action, [
        ...resume.fields,
        ['code', 'abandon ability able about above absent'],
      ]);
    expect(last!.statusCode).toBe(429);
    expect(last!.body).toContain('Too many attempts');
  });

  it('resumes on the same device by cookie, at the right page', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer(wave1[0]![1]);
    await r.get(open);
    expect(r.pageId()).toBe('where');
  });

  it('switches language on any page and remembers it', async () => {
    const r = new Respondent(app);
    await begin(r, 'en');
    await r.get('/s/exile-panel/wave-1/page?lang=ru');
    expect(r.last.body).toContain('<html lang="ru"');
    await r.get('/s/exile-panel/wave-1/page');
    expect(r.last.body).toContain('Какое из утверждений про вас верно?');
    const [response] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(response!.language).toBe('ru');
  });

  it('switches language by sending the page, keeping what was typed, saving nothing', async () => {
    const r = new Respondent(app);
    await begin(r, 'en');
    // The switch's buttons belong to the page form; Enter in a field goes on, not to a language.
    expect(r.last.body).toMatch(
      /<button form="page" name="_lang" value="ru" lang="ru" formnovalidate>/,
    );
    expect(r.last.body.indexOf('class="hp" tabindex="-1"')).toBeLessThan(
      r.last.body.indexOf('name="_lang"'),
    );
    const form = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    const posted = await r.post(
      form.action,
      [
        ...form.fields,
        ['_lang', 'ru'],
        ['migration_status', 'left_after'],
        ['left_date', '2022-03-0'],
      ],
      false,
    );
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe('/s/exile-panel/wave-1/page?lang=ru');
    await r.get(posted.headers.location as string);
    expect(r.last.body).toContain('<html lang="ru"');
    expect(r.last.body).toMatch(/value="left_after"\s+checked/);
    expect(r.last.body).toContain('value="2022-03-0"');
    expect(r.last.body).not.toContain('class="summary"');
    expect(r.last.body).not.toContain('class="notice"');
    const [response] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(response!.language).toBe('ru');
    expect(response!.answers).toEqual({});
    expect(await listPageSaves(get().db, response!.id)).toEqual([]);
    // A language the study does not have falls back to one it has.
    const form2 = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    const odd = await r.post(form2.action, [...form2.fields, ['_lang', '"><x>']], false);
    expect(odd.statusCode).toBe(303);
    expect(odd.headers.location).toMatch(/^\/s\/exile-panel\/wave-1\/page\?lang=(ru|en)$/);
  });

  it('refuses a form without its CSRF token', async () => {
    const r = new Respondent(app);
    await begin(r);
    const form = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    const res = await r.post(
      form.action,
      form.fields.filter(([k]) => k !== '_csrf'),
      false,
    );
    expect(res.statusCode).toBe(403);
  });

  it('records honeypot hits and too-fast pages as signals without telling the bot', async () => {
    const r = new Respondent(app);
    await begin(r);
    await r.answer({ migration_status: 'left_after' });
    await r.answer({ ...wave1[0]![1], website: 'http://spam.example' });
    expect(r.pageId()).toBe('where');
    const [response] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(response!.signals).toEqual({ honeypot: 1, too_fast_pages: 1 });
  });

  it('uses a personal link once and continues it later in the same browser', async () => {
    const token = 'personal-link-token-000000000000000000001';
    await createInvitation(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-1',
      tokenHash: hashToken(token),
    });
    const r = new Respondent(app);
    await r.get(`/i/${token}?lang=en`);
    expect(r.last.body).toContain('I agree: start the survey');
    expect(await listResponses(get().db, { studyId: 'exile-panel' })).toHaveLength(0);
    await usePersonalLink(r, token, '?lang=en');
    expect(r.pageId()).toBe('start');
    await r.answer(wave1[0]![1]);
    const again = new Respondent(app);
    await usePersonalLink(again, token);
    expect(again.pageId()).toBeUndefined();
    expect(again.last.body).toContain('Эта ссылка уже использована');
    await r.get(`/i/${token}`);
    expect(r.pageId()).toBe('where');
    expect(await listResponses(get().db, { studyId: 'exile-panel' })).toHaveLength(1);
    const nobody = await new Respondent(app).get('/i/unknown-token-000000000000000000000000');
    expect(nobody.statusCode).toBe(404);
  });

  it('keeps the wave closed to open links before the open phase, but not to personal links', async () => {
    await sql`update waves set panel_opens_at = '2022-03-10T00:00:00Z', opens_at = '2022-03-25T00:00:00Z', closes_at = '2022-04-01T00:00:00Z'`.execute(
      get().db,
    );
    const r = new Respondent(app);
    await r.get(`${open}?lang=en`);
    expect(r.last.body).toContain('The survey is not open yet');
    const token = 'personal-link-token-000000000000000000002';
    await createInvitation(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-1',
      tokenHash: hashToken(token),
    });
    await usePersonalLink(r, token, '?lang=en');
    expect(r.pageId()).toBe('start');
    clock = new Date('2022-04-02T00:00:00Z');
    await r.get('/s/exile-panel/wave-1/page');
    expect(r.last.body).toContain('The survey is closed');
    await new Respondent(app)
      .get(`${open}?lang=ru`)
      .then((res) => expect(res.body).toContain('Опрос закрыт'));
  });

  it('answers unknown surveys with a 404 page, never a server error', async () => {
    const r = new Respondent(app);
    for (const url of [
      '/s/nope/wave-1',
      '/s/exile-panel/wave-9',
      '/s/exile-panel/wave-1/c/nochannel',
      '/i/%00',
      '/s/exile-panel/wave-1/end',
    ])
      expect((await r.get(url)).statusCode).toBeLessThan(500);
  });
});

forEachDatabase('the dated example', (get) => {
  it("follows the reference report's calendar: panel-only from 23 August, open from 5 September", async () => {
    await loadStudyFolder(get().db, path.join(example, 'study-dated.yaml'));
    let clock = new Date('2022-08-30T12:00:00Z');
    const app = await buildApp({ store: get(), logLevel: 'silent', now: () => clock });
    try {
      const openLink = '/s/exile-panel-dated/wave-2/c/noda?lang=en';
      expect((await new Respondent(app).get(openLink)).body).toContain(
        'The survey is not open yet',
      );
      const token = 'personal-link-token-000000000000000000003';
      await createInvitation(get().db, {
        studyId: 'exile-panel-dated',
        waveId: 'wave-2',
        tokenHash: hashToken(token),
      });
      const panelist = new Respondent(app);
      await usePersonalLink(panelist, token, '?lang=en');
      expect(panelist.pageId()).toBe('start');
      clock = new Date('2022-09-06T12:00:00Z');
      expect((await new Respondent(app).get(openLink)).body).toContain('Start the survey');
      clock = new Date('2022-09-26T12:00:00Z');
      expect((await new Respondent(app).get(openLink)).body).toContain('The survey is closed');
      expect((await panelist.get('/s/exile-panel-dated/wave-2/page')).body).toContain(
        'The survey is closed',
      );
    } finally {
      await app.close();
    }
  });
});

forEachDatabase('respondent input that cannot be taken', (get) => {
  it('answers an oversized body or a missing token with a page, never a server error', async () => {
    await loadStudyFolder(get().db, example);
    const app = await buildApp({ store: get(), logLevel: 'silent' });
    try {
      const r = new Respondent(app);
      await r.get('/s/exile-panel/wave-1?lang=ru');
      const start = r.forms()[0]!;
      const big = await r.post(
        start.action,
        [...start.fields, ['consent', 'yes'], ['padding', 'x'.repeat(10_000)]],
        false,
      );
      expect(big.statusCode).toBe(413);
      expect(big.headers['content-type']).toContain('text/html');
      expect(big.body).toContain('Страница слишком длинная');
      const forged = await r.post(
        start.action,
        [
          ['consent', 'yes'],
          ['_csrf', 'forged'],
        ],
        false,
      );
      expect(forged.statusCode).toBe(403);
      expect(forged.body).toContain('<a href="/s/exile-panel/wave-1/page">');
      expect(await listResponses(get().db, { studyId: 'exile-panel' })).toEqual([]);
    } finally {
      await app.close();
    }
  });
});

forEachDatabase('proof of work', (get) => {
  it('records unsolved work as a signal and lets solved work pass, refusing no one', async () => {
    const { mkdtemp, cp, readFile, writeFile, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { solveChallenge } = await import('altcha-lib');
    const dir = await mkdtemp(path.join(tmpdir(), 'longitude-pow-'));
    try {
      await cp(example, dir, { recursive: true });
      const file = path.join(dir, 'study.yaml');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace(
          'default_language: ru',
          'default_language: ru\nproof_of_work: true',
        ),
      );
      await loadStudyFolder(get().db, dir);
      const app = await buildApp({ store: get(), logLevel: 'silent' });
      try {
        const bot = new Respondent(app);
        await bot.get('/s/exile-panel/wave-1?lang=en');
        expect(bot.last.body).toContain('name="_pow_challenge"');
        expect(bot.last.headers['content-security-policy']).toMatch(/script-src 'sha256-/);
        const form = bot.forms()[0]!;
        await bot.post(form.action, [...form.fields, ['consent', 'yes']]);
        expect(bot.pageId()).toBe('start');

        const person = new Respondent(app);
        await person.get('/s/exile-panel/wave-1?lang=en');
        const f = person.forms()[0]!;
        const challenge = JSON.parse(
          Buffer.from(f.fields.find(([k]) => k === '_pow_challenge')![1], 'base64').toString(),
        );
        const solution = await solveChallenge(
          challenge.challenge,
          challenge.salt,
          challenge.algorithm,
          challenge.maxnumber,
        ).promise;
        const payload = Buffer.from(
          JSON.stringify({
            algorithm: challenge.algorithm,
            challenge: challenge.challenge,
            number: solution!.number,
            salt: challenge.salt,
            signature: challenge.signature,
          }),
        ).toString('base64');
        await person.post(f.action, [
          ...f.fields.filter(([k]) => k !== '_pow'),
          ['_pow', payload],
          ['consent', 'yes'],
        ]);
        expect(person.pageId()).toBe('start');

        const signals = (await listResponses(get().db, { studyId: 'exile-panel' })).map(
          (r) => r.signals,
        );
        expect(signals).toEqual([{ pow_failed: 1 }, {}]);
      } finally {
        await app.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
