// The respondent's device in a real browser (Chromium, JavaScript off): the first device is told
// that its response went on elsewhere and starts no second one; "leave and clear this device"
// leaves no cookie behind.
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { listResponses } from '../../src/store/queries/responses.js';
import { buildApp } from '../../src/web/app.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';
import { answerPage, fill, launchChromium, pageId } from './browser.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let url: string;
let browser: Browser;

beforeAll(async () => {
  store = await openAndMigrate({});
  await loadStudyFolder(store.db, example);
  app = await buildApp({ store, logLevel: 'silent' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await store?.close();
});

it(
  'tells the first browser where its response went, then leaves it with no cookie',
  { timeout: 120_000 },
  async () => {
    const a = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await a.goto(`${url}/s/exile-panel/wave-1/c/telegram-outrush?lang=ru`);
    await a.check('input[name="consent"]');
    await a.click('button[type="submit"] >> nth=0');
    const code = (await a.locator('.code strong').textContent())!;
    expect(code.split(' ')).toHaveLength(6);
    await answerPage(a, wave1Answers[0]![1]);
    expect(await pageId(a)).toBe('where');

    const b = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await b.goto(`${url}/s/exile-panel/wave-1?lang=en`);
    await b.fill('#resume-code', code);
    await b.click('form[action$="/resume"] button');
    expect(await pageId(b)).toBe('where');
    // The code is there again, behind a disclosure, on the new device.
    await b.click('details summary');
    await expect(b.locator('details strong').textContent()).resolves.toBe(code);

    // The first browser sends the page it had open.
    await fill(a, wave1Answers[1]![1]);
    await a.click('button[value="next"]');
    await expect(a.locator('h1').textContent()).resolves.toBe(
      'Опрос продолжается на другом устройстве',
    );
    await expect(a.locator('[role="alert"]').first().textContent()).resolves.toContain(
      'НЕ сохранены',
    );
    await a.goto(`${url}/s/exile-panel/wave-1/c/telegram-outrush`);
    await expect(a.locator('input[name="consent"]').count()).resolves.toBe(0);
    expect(await listResponses(store.db, { studyId: 'exile-panel' })).toHaveLength(1);

    // Leave and clear: a plain form at the foot of the page.
    await a.click('form[action$="/leave"] button');
    await expect(a.locator('h1').textContent()).resolves.toBe('Устройство очищено');
    // Its response went on elsewhere: the code cannot be shown here, only recalled.
    await expect(a.locator('main').textContent()).resolves.toContain('код из шести слов');
    expect(await a.context().cookies()).toEqual([]);
    await a.goto(`${url}/s/exile-panel/wave-1/c/telegram-outrush`);
    await expect(a.locator('input[name="consent"]').count()).resolves.toBe(1);
  },
);
