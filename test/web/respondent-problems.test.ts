// The pages a respondent meets off the survey's path (404, a refused form, a body too large):
// in the survey's layout and the respondent's language; a page form whose security token failed
// comes back with what was typed, and one press saves it.
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { listResponses } from '../../src/store/queries/responses.js';
import { buildApp } from '../../src/web/app.js';
import { css } from '../../src/web/survey/layout.js';
import { forEachDatabase } from '../support/databases.js';
import { Respondent } from '../support/respondent.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const fixture = path.resolve(import.meta.dirname, '../fixtures/phone-study');

/** The language, the title and whether the page wears the survey's CSS. */
function looks(body: string) {
  return {
    lang: /<html lang="([^"]+)"/.exec(body)?.[1],
    h1: /<h1>([^<]*)<\/h1>/.exec(body)?.[1],
    styled: body.includes(`<style>${css}</style>`),
  };
}

forEachDatabase('pages off the survey path', (get) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
    await loadStudyFolder(get().db, fixture);
    app = await buildApp({ store: get(), logLevel: 'silent' });
    return () => app.close();
  });

  it('answers an unknown respondent address with a 404 page in the language asked, the cookie, or the study', async () => {
    const r = new Respondent(app);
    const cases: [string, string | undefined][] = [
      ['/s/no-such-study/wave-1?lang=ru', undefined],
      ['/s/exile-panel/no-such-wave?lang=en', undefined],
      ['/s/exile-panel/no-such-wave', undefined],
      ['/s/exile-panel/wave-1/c/no-such-channel?lang=en', undefined],
      ['/s/exile-panel/wave-1/c/no-such-channel', 'en'],
      ['/s/phone-study/no-such-wave', undefined],
      ['/s/phone-study/wave-1/and/more?lang=ru', undefined],
      ['/i/not-a-real-personal-link?lang=ru', undefined],
      ['/o/not-a-real-token', undefined],
      ['/s/exile-panel/no-such-wave?lang=xx', undefined],
    ];
    const seen = [];
    for (const [url, cookie] of cases) {
      r.cookies.clear();
      if (cookie) r.cookies.set('lg_lang', cookie);
      const res = await r.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      seen.push(looks(res.body));
    }
    const ru = { lang: 'ru', h1: 'Опрос не найден', styled: true };
    const en = { lang: 'en', h1: 'Survey not found', styled: true };
    const es = { lang: 'es', h1: 'Encuesta no encontrada', styled: true };
    expect(seen).toEqual([ru, en, ru, en, en, es, ru, ru, en, ru]);
  });

  it('keeps JSON for research and API addresses', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/no-such-thing?lang=ru' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ code: 'not-found', message: 'There is nothing at this address.' });
  });

  it('shows a page form whose token failed again, with what was typed, and one press saves it', async () => {
    const r = new Respondent(app);
    await r.get('/s/exile-panel/wave-1?lang=ru');
    const start = r.forms()[0]!;
    await r.post(start.action, [...start.fields, ['consent', 'yes']]);
    expect(r.pageId()).toBe('start');
    // The browser lost its security cookie (closed and reopened) while the page stayed open.
    r.cookies.delete('_csrf');
    await r.answer({ migration_status: 'left_after', left_date: '2022-03-05' });
    expect(r.last.statusCode).toBe(403);
    expect(looks(r.last.body)).toMatchObject({ lang: 'ru', styled: true });
    expect(r.last.body).toContain('Страница была открыта слишком долго');
    expect(r.pageId()).toBe('start');
    expect(r.last.body).toMatch(/value="left_after"\s+checked/);
    expect(r.last.body).toContain('value="2022-03-05"');
    const [before] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(before!.answers).toEqual({});
    // One press sends the form as shown (the values it holds), with its fresh token.
    await r.answer({ migration_status: 'left_after', left_date: '2022-03-05' });
    expect(r.pageId()).toBe('where');
    const [after] = await listResponses(get().db, { studyId: 'exile-panel' });
    expect(after!.answers).toEqual({ migration_status: 'left_after', left_date: '2022-03-05' });
  });

  it('answers other refused forms and bodies too large with a page in the layout and language', async () => {
    const r = new Respondent(app);
    await r.get('/s/exile-panel/wave-1?lang=en');
    const start = r.forms()[0]!;
    r.cookies.delete('_csrf');
    const refused = await r.post(start.action, [...start.fields, ['consent', 'yes']]);
    expect(refused.statusCode).toBe(403);
    expect(looks(refused.body)).toEqual({
      lang: 'en',
      h1: 'Please send the page again',
      styled: true,
    });
    r.cookies.set('lg_lang', 'ru');
    const tooLarge = await r.post(start.action, [
      ...start.fields,
      ['consent', 'yes'],
      ['x', 'я'.repeat(5000)],
    ]);
    expect(tooLarge.statusCode).toBe(413);
    expect(looks(tooLarge.body)).toEqual({
      lang: 'ru',
      h1: 'Страница слишком длинная',
      styled: true,
    });
  });
});
