// Respondent routes take only forms, parse every field before any logic, and answer bad input
// with a page in the respondent's language, never a server error and never database text.
// Over HTTP (request injection), on both databases.
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { listPageSaves, listResponses } from '../../src/store/queries/responses.js';
import { buildApp } from '../../src/web/app.js';
import { forEachDatabase } from '../support/databases.js';
import { Respondent } from '../support/respondent.js';
import { wave1Answers as wave1 } from '../fixtures/wave-1-answers.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const open = '/s/exile-panel/wave-1/c/telegram-outrush';

forEachDatabase('respondent input', (get) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
    app = await buildApp({
      store: get(),
      logLevel: 'silent',
      now: () => new Date('2022-03-20T10:00:00Z'),
    });
    return () => app.close();
  });

  /** A respondent on the last page (free text `comments`), in this language. */
  async function onComments(lang: string): Promise<Respondent> {
    const r = new Respondent(app);
    await r.get(`${open}?lang=${lang}`);
    const start = r.forms()[0]!;
    await r.post(start.action, [...start.fields, ['consent', 'yes']]);
    for (const [, answers] of wave1.slice(0, -1)) await r.answer(answers);
    expect(r.pageId()).toBe('comments');
    return r;
  }

  const pageForm = (r: Respondent) => r.forms().find((f) => f.fields.some(([k]) => k === '_page'))!;

  /** Everything stored about responses, to show that a refused request changed nothing. */
  async function everything() {
    const responses = await listResponses(get().db, { studyId: 'exile-panel' });
    const saves = await Promise.all(responses.map((x) => listPageSaves(get().db, x.id)));
    return { responses, saves };
  }

  async function send(
    r: Respondent,
    url: string,
    contentType: string | undefined,
    payload: string | Buffer,
  ) {
    return app.inject({
      method: 'POST',
      url,
      headers: {
        cookie: [...r.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      payload,
    });
  }

  it('refuses JSON, text and multipart bodies with 415 and a page in the respondent language', async () => {
    const r = await onComments('ru');
    const form = pageForm(r);
    const fields = Object.fromEntries([...form.fields, ['_action', 'next']]);
    const before = await everything();
    const bodies: [string | undefined, string][] = [
      ['application/json', JSON.stringify({ ...fields, comments: { $ne: 1 } })],
      ['application/json', JSON.stringify({ ...fields, comments: 42 })],
      ['application/json', JSON.stringify({ ...fields, _shown: 12345 })],
      ['application/json', JSON.stringify({ ...fields, _vars: { a: 1 } })],
      [
        'application/json',
        JSON.stringify({ ...fields, comments: JSON.parse('['.repeat(2000) + ']'.repeat(2000)) }),
      ],
      ['text/plain', new URLSearchParams(fields).toString()],
      [
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="comments"\r\n\r\nhi\r\n--x--\r\n`,
      ],
    ];
    for (const [type, payload] of bodies) {
      const res = await send(r, form.action, type, payload);
      expect(res.statusCode, `${type}: ${payload.slice(0, 60)}`).toBe(415);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<html lang="ru"');
      expect(res.body).toContain('Эту форму можно отправить только со страницы опроса');
    }
    const none = await send(r, form.action, undefined, new URLSearchParams(fields).toString());
    expect(none.statusCode).toBe(415);
    for (const url of [
      '/s/exile-panel/wave-1/start',
      '/s/exile-panel/wave-1/resume',
      '/s/exile-panel/wave-1/panel',
      '/i/personal-link-token-000000000000000000001',
    ])
      expect((await send(r, url, 'application/json', '{"consent":"yes"}')).statusCode).toBe(415);
    expect(await everything()).toEqual(before);
  });

  it('names a field that is not a string or list of strings, or too long, in the respondent language', async () => {
    const r = await onComments('en');
    const form = pageForm(r);
    const before = await everything();
    const post = (extra: string) =>
      send(
        r,
        form.action,
        'application/x-www-form-urlencoded',
        `${new URLSearchParams([...form.fields, ['_action', 'next']]).toString()}&${extra}`,
      );
    const tooLong = await post(`comments=${'x'.repeat(200_000)}`);
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.body).toContain('comments');
    const badName = await post(`${encodeURIComponent('a\u0000b')}=1`);
    expect(badName.statusCode).toBe(400);
    const manyValues = await post(Array.from({ length: 1000 }, () => 'comments=x').join('&'));
    expect(manyValues.statusCode).toBe(422);
    expect(manyValues.body).toContain('comments');
    const nul = await post('comments=a%00b');
    expect(nul.statusCode).toBe(422);
    expect(nul.body).toContain('“comments”');
    expect(nul.body).toContain('<html lang="en"');
    expect(await everything()).toEqual(before);
  });

  it('answers a lone surrogate in a free text with 422 in the respondent language, never database text', async () => {
    const r = await onComments('ru');
    const form = pageForm(r);
    const before = await everything();
    const base = new URLSearchParams([...form.fields, ['_action', 'next']]).toString();
    for (const encoded of ['%ED%B0%80', '%ED%A0%80x', 'ok%ED%B0%80']) {
      const res = await send(
        r,
        form.action,
        'application/x-www-form-urlencoded',
        `${base}&comments=${encoded}`,
      );
      expect(res.statusCode, encoded).toBe(422);
      expect(res.body).toContain('<html lang="ru"');
      expect(res.body).toContain('comments');
      expect(res.body).not.toMatch(/surrogate|Cannot save/);
    }
    expect(await everything()).toEqual(before);
  });

  it('answers a null byte anywhere in an address with 404, never a server error', async () => {
    const r = new Respondent(app);
    for (const url of [
      '/s/exile-panel%00/wave-1',
      '/s/exile-panel/wave-1%00',
      '/s/exile-panel/wave-1/c/telegram%00',
      '/s/exile-panel%00/wave-1/page',
      '/s/exile-panel%00/wave-1/end',
      '/i/%00',
      '/o/%00',
      '/api/studies/exile-panel%00',
    ]) {
      const res = await r.get(url, false);
      expect(res.statusCode, url).toBe(404);
    }
    const post = await send(
      r,
      '/s/exile-panel%00/wave-1/start',
      'application/x-www-form-urlencoded',
      'consent=yes',
    );
    expect(post.statusCode).toBeLessThan(500);
  });
});
