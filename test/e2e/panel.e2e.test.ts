// The panel in a real browser (Chromium): a respondent completes wave 1 of the example study,
// takes a panel code instead of leaving a contact, and months later, in another browser, joins
// wave 2 with that code while the wave is open to panelists only. Accessibility of the panel
// pages is checked with axe-core.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { forget } from '../../src/fieldwork/cache.js';
import { generateKeyPair } from '../../src/security/sealed-box.js';
import { listResponses } from '../../src/store/queries/responses.js';
import { setStudyPublicKey } from '../../src/store/queries/studies.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';
import { answerAll, pageId, seriousViolations } from './browser.js';
import { siteForTests } from './site.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

/** Wave 2 for the same person: only the first two pages ask for answers. */
const wave2Answers: Record<string, Record<string, string>> = {
  start: { migration_status: 'left_after', left_date: '2022-03-05' },
  where: { country_now: 'GE', arrived_month: '2022-03', stay_likelihood: '4' },
  outlook: { outlook_life: 'better', outlook_russia: '2' },
  about: { gender: 'female', birth_year: '1990' },
};

const site = siteForTests([example], { server: true });

async function audit(page: Page, what: string): Promise<void> {
  expect(await seriousViolations(page, what)).toEqual([]);
}

describe('the panel in Chromium', () => {
  it(
    'takes a panel code at the end of wave 1 and joins wave 2 with it in another browser',
    { timeout: 120_000 },
    async () => {
      // Wave 1, with JavaScript off as in many in-app browsers; axe needs it, in its own context.
      const first = await site.browser.newContext({ javaScriptEnabled: false });
      const a = await first.newPage();
      await a.goto(`${site.url}/s/exile-panel/wave-1/c/telegram-outrush?lang=en`);
      await a.check('input[name="consent"]');
      await a.click('button[type="submit"] >> nth=0');
      const answers = new Map(wave1Answers);
      await answerAll(a, (id) => answers.get(id) ?? {});
      expect(await a.locator('h1').textContent()).toBe('Thank you');
      expect(await a.locator('#panel-title').textContent()).toBe('Will you take part again?');
      // The example study has no public key here: a code or no, but no contact.
      expect(await a.locator('input[name="email"]').count()).toBe(0);
      await a.check('input[name="choice"][value="code"]');
      await a.click('button[type="submit"]');
      expect(await a.locator('h1').textContent()).toBe('Your panel code');
      const code = (await a.locator('.panel-code strong').textContent())!.trim();
      expect(code).toMatch(/^[a-z]+( [a-z]+){5}$/);
      await first.close();

      // Months later: wave 2 opens to panelists only.
      const now = Date.now();
      await site.store.db
        .updateTable('waves')
        .set({
          panel_opens_at: new Date(now - 24 * 3600_000),
          opens_at: new Date(now + 10 * 24 * 3600_000),
        })
        .where('study_id', '=', 'exile-panel')
        .where('id', '=', 'wave-2')
        .execute();
      forget(site.store.db);

      const second = await site.browser.newContext();
      const b = await second.newPage();
      await b.goto(`${site.url}/s/exile-panel/wave-2/c/noda?lang=en`);
      expect(await b.locator('h1').textContent()).toBe('The survey is not open yet');
      expect(await b.locator('input[name="consent"]').count()).toBe(0);
      await b.fill('#resume-code', code.toUpperCase());
      await b.click('button.secondary');
      expect(await pageId(b)).toBe('start');
      await answerAll(b, (id) => wave2Answers[id] ?? {});
      expect(await b.locator('h1').textContent()).toBe('Thank you');
      expect(await b.locator('.notice').textContent()).toBe(
        'You are already taking part in the panel. Thank you!',
      );
      await second.close();

      const [w1] = await listResponses(site.store.db, { studyId: 'exile-panel', waveId: 'wave-1' });
      const [w2] = await listResponses(site.store.db, { studyId: 'exile-panel', waveId: 'wave-2' });
      expect(w1).toMatchObject({ status: 'complete' });
      expect(w2).toMatchObject({ status: 'complete', channelCode: null });
      expect(w2!.answers).toMatchObject({ migration_status: 'left_after', country_now: 'GE' });
      expect(w1!.panelistId).not.toBeNull();
      expect(w2!.panelistId).toBe(w1!.panelistId);
    },
  );

  it(
    'has no serious or critical accessibility violations on the panel pages (axe-core)',
    { timeout: 120_000 },
    async () => {
      // With a public key the form offers all four choices.
      await setStudyPublicKey(site.store.db, 'exile-panel', (await generateKeyPair()).publicKey);
      const context = await site.browser.newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${site.url}/s/exile-panel/wave-1?lang=ru`);
      await page.check('input[name="consent"]');
      await page.click('button[type="submit"] >> nth=0');
      const answers = new Map(wave1Answers);
      await answerAll(page, (id) => answers.get(id) ?? {});
      expect(await page.locator('input[name="choice"]').count()).toBe(4);
      await audit(page, 'end page with the panel form');
      await page.click('button[type="submit"]');
      expect(await page.locator('#summary').count()).toBe(1);
      await audit(page, 'panel form with an error');
      await page.check('input[name="choice"][value="email"]');
      await page.fill('#panel-email', 'not an address');
      await page.click('button[type="submit"]');
      expect(await page.locator('#e-panel-email').count()).toBe(1);
      await audit(page, 'panel form with an invalid address');
      await page.check('input[name="choice"][value="code"]');
      await page.click('button[type="submit"]');
      expect(await page.locator('h1').textContent()).toBe('Ваш код участника');
      await audit(page, 'panel code page');
      await context.close();
    },
  );
});
