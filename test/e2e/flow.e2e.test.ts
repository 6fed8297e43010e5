// Follow-up questions and the back button in Chromium: with JavaScript off, new follow-up
// questions come after Next by a redirect to the first of them, and the back button never
// asks to resend a form; with JavaScript on, they appear at once. On the example study and on
// a small study in Ukrainian and English (test/fixtures/flow-study).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kill, root, startServer, type ServerProcess } from '../../bench/server-process.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { openDatabase, type Store } from '../../src/store/database.js';
import { createServerDatabase, type ServerDatabase } from '../support/server-database.js';
import { launchChromium, pageId } from './browser.js';

let server: ServerProcess;
let database: ServerDatabase;
let store: Store;
let browser: Browser;

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  database = await createServerDatabase();
  server = await startServer({ DATABASE_URL: database.url }, ['--example']);
  store = await openDatabase({ databaseUrl: database.url });
  await loadStudyFolder(store.db, path.resolve(import.meta.dirname, '../fixtures/flow-study'));
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await store?.close();
  if (server) await kill(server, 'SIGTERM');
  await database?.drop();
});

const url = (p: string) => new URL(p, server.url).toString();

/** A new browser at the first questionnaire page of a study, past its consent page. */
async function begin(
  javaScriptEnabled: boolean,
  start: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ javaScriptEnabled });
  const page = await context.newPage();
  await page.goto(url(start));
  await page.check('input[name="consent"]');
  await page.click('button[type="submit"] >> nth=0');
  return { context, page };
}

/** Every page load in the main frame (a form sent, a link followed, a redirect). */
function countLoads(page: Page): () => number {
  let n = 0;
  page.on('request', (r) => {
    if (r.isNavigationRequest() && r.frame() === page.mainFrame()) n++;
  });
  return () => n;
}

describe('follow-up questions in Chromium', () => {
  it(
    'without JavaScript: opens at the first new question, and the back button resends nothing',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await begin(false, '/s/exile-panel/wave-1?lang=en');
      expect(await page.locator('#q-left_date').isVisible()).toBe(false);
      await page.check('input[name="migration_status"][value="left_after"]');
      await page.click('button[value="next"]');
      expect(new URL(page.url()).hash).toBe('#q-left_date');
      expect(await page.locator('#q-left_date').isVisible()).toBe(true);
      // One notice, just before the new question, and in view with it.
      await expect(page.locator('.notice').count()).resolves.toBe(1);
      const where = (await page.evaluate(`(() => {
        const notice = document.querySelector('.notice');
        const question = document.querySelector('#q-left_date');
        const next = notice.nextElementSibling;
        return {
          nextHoldsQuestion: next === question || next.contains(question),
          noticeTop: notice.getBoundingClientRect().top,
          questionBottom: question.getBoundingClientRect().bottom,
          height: innerHeight,
        };
      })()`)) as Record<string, number | boolean>;
      expect(where.nextHoldsQuestion).toBe(true);
      expect(where.noticeTop).toBeGreaterThanOrEqual(0);
      expect(where.questionBottom).toBeLessThanOrEqual(where.height as number);
      expect(await page.isChecked('input[name="migration_status"][value="left_after"]')).toBe(true);
      // Back and forward over the page that answered a form: no "Confirm form resubmission".
      const back = await page.goBack();
      expect(back?.status()).toBe(200);
      expect(await pageId(page)).toBe('start');
      const forward = await page.goForward();
      expect(forward?.status()).toBe(200);
      expect(await pageId(page)).toBe('start');
      await page.check('input[name="migration_status"][value="left_after"]');
      await page.fill('#q-left_date', '2022-03-05');
      await page.click('button[value="next"]');
      expect(await pageId(page)).toBe('where');
      const again = await page.goBack();
      expect(again?.status()).toBe(200);
      expect(await page.locator('h1').count()).toBe(1);
      await context.close();
    },
  );

  it(
    'with JavaScript: shows a follow-up as soon as the answer opens it, without loading a page',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await begin(true, '/s/exile-panel/wave-1?lang=en');
      const loads = countLoads(page);
      const address = page.url();
      await page.evaluate('window.mark = 1');
      expect(await page.locator('#q-left_date').isVisible()).toBe(false);
      await page.check('input[name="migration_status"][value="left_after"]');
      await page.locator('#q-left_date').waitFor({ state: 'visible', timeout: 5000 });
      expect(loads()).toBe(0);
      expect(page.url()).toBe(address);
      expect(await page.evaluate('window.mark')).toBe(1);
      // An answer that closes it hides it again.
      await page.check('input[name="migration_status"][value="planning"]');
      await page.locator('#q-left_date').waitFor({ state: 'hidden', timeout: 5000 });
      await page.check('input[name="migration_status"][value="left_after"]');
      await page.fill('#q-left_date', '2022-03-05');
      await page.locator('#q-left_date').waitFor({ state: 'visible' });
      // One Next saves the page: no "more questions" round trip.
      await page.click('button[value="next"]');
      expect(await pageId(page)).toBe('where');
      await context.close();
    },
  );

  it(
    'with JavaScript, in a study in Ukrainian: "other" and a choice each open their question',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await begin(true, '/s/flow-study/wave-1');
      expect(await page.getAttribute('html', 'lang')).toBe('uk');
      const loads = countLoads(page);
      await expect(page.locator('#q-sector').isVisible()).resolves.toBe(false);
      await expect(page.locator('#q-work_other').isVisible()).resolves.toBe(false);
      await page.check('input[name="work"][value="other"]');
      await page.locator('#q-work_other').waitFor({ state: 'visible', timeout: 5000 });
      await page.fill('#q-work_other', 'Волонтерство');
      await page.check('input[name="work"][value="working"]');
      await page.locator('#q-sector').waitFor({ state: 'visible', timeout: 5000 });
      await page.locator('#q-work_other').waitFor({ state: 'hidden', timeout: 5000 });
      expect(loads()).toBe(0);
      await page.fill('#q-sector', 'ІТ');
      await page.click('button[value="next"]');
      expect(await pageId(page)).toBe('last');
      await context.close();
    },
  );

  it(
    'without JavaScript, in a study in Ukrainian: the page opens at the question "other" opened',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await begin(false, '/s/flow-study/wave-1');
      await page.check('input[name="work"][value="other"]');
      await page.click('button[value="next"]');
      expect(new URL(page.url()).hash).toBe('#q-work_other');
      expect(await page.locator('#q-work_other').isVisible()).toBe(true);
      expect(await page.locator('.notice').count()).toBe(1);
      // The notice stands by the text "other" opened, not above the whole question.
      expect(
        await page.evaluate(
          `document.querySelector('.notice').nextElementSibling.contains(document.querySelector('#q-work_other'))`,
        ),
      ).toBe(true);
      await page.fill('#q-work_other', 'Волонтерство');
      await page.click('button[value="next"]');
      expect(await pageId(page)).toBe('last');
      const back = await page.goBack();
      expect(back?.status()).toBe(200);
      await context.close();
    },
  );

  it(
    'without JavaScript: the back button never asks to resend a form after an error page',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await begin(false, '/s/exile-panel/wave-1?lang=en');
      await page.check('input[name="migration_status"][value="left_after"]');
      await page.click('button[value="next"]');
      await page.fill('#q-left_date', '2022-02-31');
      await page.click('button[value="next"]');
      expect(await page.locator('.summary').count()).toBe(1);
      await page.fill('#q-left_date', '2022-03-05');
      await page.click('button[value="next"]');
      expect(await pageId(page)).toBe('where');
      // Back over the error page and the "more questions" page: each is a page to show again.
      for (let n = 0; n < 2; n++) {
        const back = await page.goBack();
        expect(back?.status()).toBe(200);
        expect(await page.locator('input[name="_page"]').count()).toBe(1);
      }
      await context.close();
    },
  );
});

describe('the language switch in Chromium', () => {
  for (const javaScriptEnabled of [false, true])
    it(
      `keeps what was typed on the page, JavaScript ${javaScriptEnabled ? 'on' : 'off'}`,
      { timeout: 60_000 },
      async () => {
        const { context, page } = await begin(javaScriptEnabled, '/s/flow-study/wave-1');
        expect(await page.getAttribute('html', 'lang')).toBe('uk');
        const typed = 'Привіт! Я переїхала до Варшави.\nШукаю роботу.';
        await page.fill('#q-about', typed);
        await page.check('input[name="work"][value="studying"]');
        await page.click('nav >> text=English');
        expect(await page.getAttribute('html', 'lang')).toBe('en');
        expect(await page.locator('h1').textContent()).toBe('Life after moving');
        expect(await page.inputValue('#q-about')).toBe(typed);
        expect(await page.isChecked('input[name="work"][value="studying"]')).toBe(true);
        expect(await page.locator('.summary').count()).toBe(0);
        // And back: the switch on this page is the other way now.
        await page.fill('#q-about', `${typed} Ще.`);
        await page.click('nav >> text=Українська');
        expect(await page.getAttribute('html', 'lang')).toBe('uk');
        expect(await page.inputValue('#q-about')).toBe(`${typed} Ще.`);
        await page.click('button[value="next"]');
        expect(await pageId(page)).toBe('last');
        // Enter in a field goes on like Next: it does not switch the language.
        await page.fill('#q-wish', 'Миру');
        await page.press('#q-wish', 'Enter');
        await page.waitForURL(/\/end/);
        expect(await page.getAttribute('html', 'lang')).toBe('uk');
        await context.close();
      },
    );

  it(
    'keeps a choice and the follow-up it opened in the example study, Russian to English',
    { timeout: 60_000 },
    async () => {
      const { context, page } = await begin(true, '/s/exile-panel/wave-1?lang=ru');
      await page.check('input[name="migration_status"][value="left_after"]');
      await page.locator('#q-left_date').waitFor({ state: 'visible', timeout: 5000 });
      await page.fill('#q-left_date', '2022-03-05');
      await page.click('nav >> text=English');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      expect(await page.isChecked('input[name="migration_status"][value="left_after"]')).toBe(true);
      expect(await page.inputValue('#q-left_date')).toBe('2022-03-05');
      await context.close();
    },
  );
});
