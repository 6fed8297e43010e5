// The research side in Chromium: the sign-in form, the start page with its studies, and the
// page shown while the research side is off, each with its style applied and no report of
// anything blocked by the Content-Security-Policy or a header Chromium does not understand.
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { buildApp } from '../../src/web/app.js';
import { launchChromium } from './browser.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const token = 'the-owner-research-token-in-chromium-0123';

let store: Store;
let apps: Awaited<ReturnType<typeof buildApp>>[] = [];
let withToken: string;
let withoutToken: string;
let browser: Browser;

beforeAll(async () => {
  store = await openAndMigrate({});
  await loadStudyFolder(store.db, example);
  for (const researchToken of [token, undefined]) {
    const app = await buildApp({ store, logLevel: 'silent', web: { researchToken } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    apps.push(app);
  }
  [withToken, withoutToken] = apps.map(
    (a) => `http://127.0.0.1:${(a.server.address() as AddressInfo).port}`,
  ) as [string, string];
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  for (const app of apps) await app.close();
  apps = [];
  await store?.close();
});

/** A page that records every policy violation and every console warning or error. */
async function watched(): Promise<{ page: Page; reports: () => Promise<string[]> }> {
  const page = await browser.newPage();
  const messages: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') messages.push(`${m.type()}: ${m.text()}`);
  });
  // Runs before the page's own content; the policy does not apply to it.
  await page.addInitScript(`
    window.violations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      window.violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));
  `);
  const reports = async () => [
    // The answer's own status (401, 404) is reported too; it is not a problem here.
    ...messages.filter((m) => !m.includes('Failed to load resource')),
    ...((await page.evaluate('window.violations')) as string[]),
  ];
  return { page, reports };
}

/** The page's own style is in force: the body is held to 52rem. */
const styled = (page: Page) => page.evaluate('getComputedStyle(document.body).maxWidth');

describe('the research pages in Chromium', () => {
  it('show the sign-in form and, with the token, the studies, with nothing blocked', async () => {
    const { page, reports } = await watched();
    const ask = await page.goto(`${withToken}/`);
    expect(ask?.status()).toBe(401);
    expect(await page.textContent('h1')).toBe('Longitude');
    expect(await page.content()).not.toContain('exile-panel');
    expect(await styled(page)).toBe('832px');
    expect(await reports()).toEqual([]);
    await page.fill('input[name="token"]', token);
    await page.click('button[type="submit"]');
    await page.waitForURL(`${withToken}/`);
    expect(await page.content()).toContain('Шесть месяцев в эмиграции');
    expect(await styled(page)).toBe('832px');
    expect(await reports()).toEqual([]);
    await page.click('a[href="/api/studies"]');
    expect(await page.content()).toContain('"exile-panel"');
    await page.close();
  });

  it('show a plain notice, with nothing blocked, while no token is configured', async () => {
    const { page, reports } = await watched();
    const off = await page.goto(`${withoutToken}/`);
    expect(off?.status()).toBe(404);
    expect(await page.content()).toContain('LONGITUDE_RESEARCH_TOKEN');
    expect(await page.content()).not.toContain('exile-panel');
    expect(await styled(page)).toBe('832px');
    expect(await reports()).toEqual([]);
    await page.close();
  });
});
