// The server owns the respondent's path: forged page ids, actions and hidden fields neither
// save a page the respondent has not reached nor finish a response with required answers
// missing. Over HTTP (request injection), on both databases.
import path from 'node:path';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { listPageSaves, listResponses } from '../../src/store/queries/responses.js';
import { buildApp } from '../../src/web/app.js';
import { forEachDatabase } from '../support/databases.js';
import { Respondent } from '../support/respondent.js';
import { wave1Answers as wave1 } from '../fixtures/wave-1-answers.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const open = '/s/exile-panel/wave-1/c/telegram-outrush';
const pageUrl = '/s/exile-panel/wave-1/page';

forEachDatabase('the server owns the path', (get) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  let clock = new Date('2022-03-20T10:00:00Z');
  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
    clock = new Date('2022-03-20T10:00:00Z');
    app = await buildApp({ store: get(), logLevel: 'silent', now: () => clock });
    return () => app.close();
  });

  async function begin(lang = 'en'): Promise<Respondent> {
    const r = new Respondent(app);
    await r.get(`${open}?lang=${lang}`);
    const start = r.forms()[0]!;
    await r.post(start.action, [...start.fields, ['consent', 'yes']]);
    return r;
  }

  /** The page's form as the browser would send it, with some fields replaced. */
  function forged(r: Respondent, replace: Record<string, string>, extra: [string, string][] = []) {
    const form = r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;
    const fields: [string, string][] = form.fields
      .filter(([k]) => !(k in replace))
      .concat(Object.entries(replace), extra);
    if (!('_action' in replace)) fields.push(['_action', 'next']);
    return r.post(form.action, fields);
  }

  const shownOf = (r: Respondent): string =>
    r
      .forms()
      .flatMap((f) => f.fields)
      .find(([k]) => k === '_shown')![1];

  const stored = async () => (await listResponses(get().db, { studyId: 'exile-panel' }))[0]!;

  it('refuses to finish from page 1 with the last page id: no completion, no panel form', async () => {
    const r = await begin();
    const res = await forged(r, { _page: 'comments', _action: 'next' }, [['comments', 'done']]);
    expect(res.statusCode).toBe(200);
    expect(r.pageId()).toBe('start');
    expect(res.body).toContain('This is the page you are on');
    const response = await stored();
    expect(response.status).toBe('in_progress');
    expect(response.currentPage).toBe('start');
    expect(response.answers).toEqual({});
    expect(await listPageSaves(get().db, response.id)).toEqual([]);
    const end = await r.get('/s/exile-panel/wave-1/end', false);
    expect(end.headers.location).toBe('/s/exile-panel/wave-1');
  });

  it('never shows or saves a page ahead of the current one, whatever the page id says', async () => {
    const r = await begin('ru');
    await r.answer(wave1[0]![1]);
    expect(r.pageId()).toBe('where');
    // An invalid answer on a forged page would re-show that page with the errors.
    for (const page of ['about', 'economy', 'comments', 'no-such-page', '']) {
      const res = await forged(r, { _page: page }, [['birth_year', 'not a year']]);
      expect(r.pageId()).toBe('where');
      expect(res.body).toMatch(/Вы сейчас на этой странице|эта страница больше не нужна/);
      expect(res.body).not.toContain('name="birth_year"');
    }
    const response = await stored();
    expect(response.currentPage).toBe('where');
    expect((await listPageSaves(get().db, response.id)).map((p) => p.pageId)).toEqual(['start']);
    expect(response.answers).not.toHaveProperty('birth_year');
  });

  it('takes a save of a page already passed, and goes on from there', async () => {
    const r = await begin();
    await r.answer(wave1[0]![1]);
    await r.answer(wave1[1]![1]);
    expect(r.pageId()).toBe('economy');
    // The first page's form, kept in another tab, is sent again with a new save id.
    await forged(r, { _page: 'start', _save: 'another-tab-save-0001' }, [
      ['migration_status', 'left_after'],
      ['left_date', '2022-03-06'],
    ]);
    expect(r.pageId()).toBe('where');
    const response = await stored();
    expect(response.answers.left_date).toBe('2022-03-06');
    expect(response.currentPage).toBe('where');
  });

  it('does not complete while a required answer of an earlier page is missing', async () => {
    const r = await begin();
    for (const [, answers] of wave1.slice(0, -1)) await r.answer(answers);
    expect(r.pageId()).toBe('comments');
    // The answer to a required item of page "where" is gone (e.g. the page became applicable
    // again on another path); finishing sends the respondent back to it.
    await sql`update responses set answers = answers - 'country_now'`.execute(get().db);
    const res = await r.answer(wave1[wave1.length - 1]![1]);
    expect(r.pageId()).toBe('where');
    expect(res.body).toContain('Some questions that need an answer are not answered yet');
    expect(res.body).toContain('href="#q-country_now"');
    const response = await stored();
    expect(response.status).toBe('in_progress');
    expect(response.completedAt).toBeNull();
    expect(response.currentPage).toBe('where');
    await r.get(pageUrl);
    expect(r.pageId()).toBe('where');
    await r.answer({ country_now: 'GE' });
    // Back on the path: every page after it is shown again, and the last one finishes.
    while (r.pageId() !== undefined) await r.answer({});
    expect(r.last.body).toContain('Thank you');
    expect((await stored()).status).toBe('complete');
  });

  it('ignores a forged action: "back" from the first page and unknown actions save in place', async () => {
    const r = await begin();
    await forged(r, { _action: 'back' }, [['migration_status', 'planning']]);
    expect(r.pageId()).toBe('start');
    await forged(r, { _action: 'finish' }, [['migration_status', 'left_after']]);
    expect(r.pageId()).toBe('start');
    expect((await stored()).status).toBe('in_progress');
  });

  it('takes the page time only from the form of that page: a time taken from another page is no time', async () => {
    const r = await begin();
    const firstShown = shownOf(r);
    clock = new Date(clock.getTime() + 60_000);
    await r.answer(wave1[0]![1]);
    expect(r.pageId()).toBe('where');
    // Sent at once, with the first page's time: it would look like a minute on this page.
    await forged(r, { _shown: firstShown }, Object.entries(wave1[1]![1]) as [string, string][]);
    const response = await stored();
    const log = await listPageSaves(get().db, response.id);
    expect(log.map((p) => [p.pageId, p.shownAt?.toISOString() ?? null])).toEqual([
      ['start', '2022-03-20T10:00:00.000Z'],
      ['where', null],
    ]);
    expect(response.signals).toEqual({ missing_page_time: 1 });
  });

  it("takes no page time from another respondent's form", async () => {
    const other = await begin();
    const theirs = shownOf(other);
    const r = await begin();
    await forged(r, { _shown: theirs }, Object.entries(wave1[0]![1]) as [string, string][]);
    const responses = await listResponses(get().db, { studyId: 'exile-panel' });
    const logs = await Promise.all(responses.map((x) => listPageSaves(get().db, x.id)));
    expect(logs.flat().map((p) => [p.pageId, p.shownAt])).toEqual([['start', null]]);
  });

  it('a forged save id or list of shown items never moves the respondent off the path', async () => {
    const r = await begin();
    await r.answer(wave1[0]![1]);
    const firstSave = (await listPageSaves(get().db, (await stored()).id))[0]!.saveId;
    // The first page's save id sent again with the last page's id: a repeat, nothing changes.
    await forged(r, { _page: 'comments', _save: firstSave }, [['comments', 'x']]);
    // Claiming every item was shown, with the last page's id.
    await forged(r, { _page: 'comments', _vars: 'comments country_now birth_year' }, [
      ['comments', 'y'],
    ]);
    const response = await stored();
    expect(response.status).toBe('in_progress');
    expect(response.currentPage).toBe('where');
    expect(response.answers).not.toHaveProperty('comments');
    expect(await listPageSaves(get().db, response.id)).toHaveLength(1);
  });
});
