// The respondent's device in a real browser (Chromium, JavaScript off): the first device is told
// that its response went on elsewhere and starts no second one; "leave and clear this device"
// leaves no cookie behind.
import path from 'node:path';
import { expect, it } from 'vitest';
import { listResponses } from '../../src/store/queries/responses.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';
import { answerPage, fill, pageId } from './browser.js';
import { siteForTests } from './site.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

const site = siteForTests([example]);

it(
  'tells the first browser where its response went, then leaves it with no cookie',
  { timeout: 120_000 },
  async () => {
    const a = await (await site.browser.newContext({ javaScriptEnabled: false })).newPage();
    await a.goto(`${site.url}/s/exile-panel/wave-1/c/telegram-outrush?lang=ru`);
    await a.check('input[name="consent"]');
    await a.click('button[type="submit"] >> nth=0');
    const code = (await a.locator('.code strong').textContent())!;
    expect(code.split(' ')).toHaveLength(6);
    await answerPage(a, wave1Answers[0]![1]);
    expect(await pageId(a)).toBe('where');

    const b = await (await site.browser.newContext({ javaScriptEnabled: false })).newPage();
    await b.goto(`${site.url}/s/exile-panel/wave-1?lang=en`);
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
    await a.goto(`${site.url}/s/exile-panel/wave-1/c/telegram-outrush`);
    await expect(a.locator('input[name="consent"]').count()).resolves.toBe(0);
    expect(await listResponses(site.store.db, { studyId: 'exile-panel' })).toHaveLength(1);

    // Leave and clear: a plain form at the foot of the page.
    await a.click('form[action$="/leave"] button');
    await expect(a.locator('h1').textContent()).resolves.toBe('Устройство очищено');
    // Its response went on elsewhere: the code cannot be shown here, only recalled.
    await expect(a.locator('main').textContent()).resolves.toContain('код из шести слов');
    expect(await a.context().cookies()).toEqual([]);
    await a.goto(`${site.url}/s/exile-panel/wave-1/c/telegram-outrush`);
    await expect(a.locator('input[name="consent"]').count()).resolves.toBe(1);
  },
);
