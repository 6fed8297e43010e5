// The respondent survey in a real browser (Chromium): the whole wave-1 questionnaire in
// Russian and in English, with JavaScript off and on, resuming from a second browser with the
// code, and accessibility checked with axe-core.
import { execFileSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kill, root, startServer, type ServerProcess } from '../../bench/server-process.js';
import { openDatabase, type Store } from '../../src/store/database.js';
import { listPageSaves, listResponses } from '../../src/store/queries/responses.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';
import { createServerDatabase, type ServerDatabase } from '../support/server-database.js';
import { answerPage, fill, launchChromium, pageId, seriousViolations, settled } from './browser.js';

let server: ServerProcess;
let database: ServerDatabase;
let store: Store;
let browser: Browser;

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  database = await createServerDatabase();
  server = await startServer({ DATABASE_URL: database.url, LONGITUDE_LOG_LEVEL: 'info' }, [
    '--example',
  ]);
  store = await openDatabase({ databaseUrl: database.url });
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await store?.close();
  if (server) await kill(server, 'SIGTERM');
  await database?.drop();
});

async function completeWave(page: Page, lang: string): Promise<void> {
  await page.goto(
    new URL(`/s/exile-panel/wave-1/c/telegram-relocation?lang=${lang}`, server.url).toString(),
  );
  await page.check('input[name="consent"]');
  await page.click('button[type="submit"] >> nth=0');
  for (const [id, answers] of wave1Answers) {
    expect(await pageId(page)).toBe(id);
    await answerPage(page, answers);
  }
  await expect(page.locator('h1').textContent()).resolves.toBe(
    lang === 'ru' ? 'Спасибо' : 'Thank you',
  );
}

describe('survey in Chromium', () => {
  for (const javaScriptEnabled of [false, true])
    for (const lang of ['ru', 'en'])
      it(
        `completes wave 1 in ${lang} with JavaScript ${javaScriptEnabled ? 'on' : 'off'}`,
        { timeout: 60_000 },
        async () => {
          const context = await browser.newContext({ javaScriptEnabled });
          const page = await context.newPage();
          await completeWave(page, lang);
          await context.close();
          const responses = await listResponses(store.db, {
            studyId: 'exile-panel',
            waveId: 'wave-1',
          });
          const mine = responses.filter((r) => r.language === lang && r.status === 'complete');
          const latest = mine[mine.length - 1]!;
          const entered = Object.assign({}, ...wave1Answers.map(([, a]) => a)) as Record<
            string,
            unknown
          >;
          const typed = {
            ...entered,
            stay_likelihood: 4,
            work_hours: 40,
            outlook_russia: 2,
            birth_year: 1990,
          };
          expect(latest.answers).toEqual(typed);
          expect(latest.channelCode).toBe('telegram-relocation');
          expect((await listPageSaves(store.db, latest.id)).map((p) => p.pageId)).toEqual(
            wave1Answers.map(([p]) => p),
          );
        },
      );

  it(
    'resumes in a second browser with the code noted on the first page',
    { timeout: 60_000 },
    async () => {
      const first = await browser.newContext();
      const a = await first.newPage();
      await a.goto(new URL('/s/exile-panel/wave-1?lang=en', server.url).toString());
      await a.check('input[name="consent"]');
      await a.click('button[type="submit"] >> nth=0');
      const code = (await a.locator('.code strong').textContent())!;
      await fill(a, wave1Answers[0]![1]);
      await a.click('button[value="next"]');
      await fill(a, wave1Answers[0]![1]);
      await a.click('button[value="next"]');
      expect(await pageId(a)).toBe('where');
      await first.close();

      const second = await browser.newContext();
      const b = await second.newPage();
      await b.goto(new URL('/s/exile-panel/wave-1?lang=en', server.url).toString());
      await b.fill('#resume-code', code);
      await b.click('button.secondary');
      expect(await pageId(b)).toBe('where');
      await second.close();
    },
  );

  it(
    'has no serious or critical accessibility violations (axe-core)',
    { timeout: 60_000 },
    async () => {
      const context = await browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      const audit = async (what: string) => expect(await seriousViolations(page, what)).toEqual([]);
      await page.goto(new URL('/s/exile-panel/wave-1?lang=ru', server.url).toString());
      await audit('consent page');
      await page.check('input[name="consent"]');
      await page.click('button[type="submit"] >> nth=0');
      await page.click('button[value="next"]');
      await audit('error page');
      for (const [id, answers] of wave1Answers) {
        await audit(`page ${id}`);
        await answerPage(page, answers);
      }
      await audit('end page');
      await context.close();
    },
  );

  it('stores and logs no IP address or user agent', { timeout: 30_000 }, async () => {
    // The whole database, as a seized server would give it up.
    const text = execFileSync('pg_dump', ['--data-only', '--inserts', database.url], {
      encoding: 'utf8',
    });
    expect(text).toContain('INSERT INTO public.page_saves');
    const agent = await browser.newContext().then(async (c) => {
      const p = await c.newPage();
      const ua = (await p.evaluate('navigator.userAgent')) as string;
      await c.close();
      return ua;
    });
    expect(text).not.toContain('127.0.0.1');
    expect(text).not.toContain(agent);
    expect(text).not.toMatch(/HeadlessChrome|Mozilla\//);
    // The server prints its own address at start; every line after that is the request log.
    const output = server.output();
    // (Fastify's own "Server listening at" line names the server's address and may come late.)
    const requestLog = output
      .slice(output.indexOf('Press Ctrl+C'))
      .split('\n')
      .filter((line) => !line.includes('Server listening at'))
      .join('\n');
    expect(requestLog).toContain('"route":"/s/:study/:wave/page"');
    expect(requestLog).not.toContain('127.0.0.1');
    expect(requestLog).not.toMatch(/HeadlessChrome|Mozilla\/|remoteAddress|user-agent/i);
  });

  it(
    'solves the proof-of-work puzzle in the page when the study asks for one',
    { timeout: 60_000 },
    async () => {
      const { mkdtemp, cp, readFile, writeFile, rm } = await import('node:fs/promises');
      const { tmpdir } = await import('node:os');
      const path = await import('node:path');
      const { loadStudyFolder } = await import('../../src/fieldwork/studies.js');
      const dir = await mkdtemp(path.join(tmpdir(), 'longitude-pow-'));
      await cp(path.join(root, 'examples/exile-panel'), dir, { recursive: true });
      const file = path.join(dir, 'study.yaml');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace(
          'default_language: ru',
          'default_language: ru\nproof_of_work: true',
        ),
      );
      await loadStudyFolder(store.db, dir);
      await rm(dir, { recursive: true, force: true });
      // The server sees a reloaded study within its cache time.
      await new Promise((resolve) => setTimeout(resolve, 2100));
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ javaScriptEnabled });
        const page = await context.newPage();
        await page.goto(new URL('/s/exile-panel/wave-2?lang=en', server.url).toString());
        if (javaScriptEnabled)
          await page.waitForFunction(
            'document.querySelector(\'input[name="_pow"]\').value !== ""',
            undefined,
            { timeout: 30_000 },
          );
        await page.check('input[name="consent"]');
        await page.click('button[type="submit"] >> nth=0');
        expect(await pageId(page)).toBe('start');
        await context.close();
      }
      const signals = (await listResponses(store.db, { studyId: 'exile-panel', waveId: 'wave-2' }))
        .slice(-2)
        .map((r) => r.signals);
      expect(signals).toEqual([{}, { pow_failed: 1 }]);
    },
  );

  it('can be answered with the keyboard alone', { timeout: 60_000 }, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(new URL('/s/exile-panel/wave-1?lang=en', server.url).toString());
    const tabTo = async (selector: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (
          await page.evaluate(
            `document.activeElement && document.activeElement.matches(${JSON.stringify(selector)})`,
          )
        )
          return;
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    await tabTo('input[name="consent"]');
    await page.keyboard.press('Space');
    await tabTo('button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('input[name="_page"]', { state: 'attached' });
    await tabTo('input[name="migration_status"]');
    await page.keyboard.press('Space');
    // With JavaScript the follow-up question opens on the same page, once the server answers.
    await settled(page);
    await tabTo('input[name="left_date"]');
    await page.keyboard.type('03052022');
    await tabTo('button[value="next"]');
    await page.keyboard.press('Enter');
    await page.waitForSelector('select[name="country_now"]');
    expect(await pageId(page)).toBe('where');
    await context.close();
  });
});
