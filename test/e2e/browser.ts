// Debian's Chromium driven by playwright-core, started as this machine needs it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Fills a page's visible fields by name: radios and checkboxes by value, selects, text.
 * Follow-up questions that do not apply yet are in the page but hidden, and are skipped.
 */
export async function fill(page: Page, answers: Record<string, string | string[]>): Promise<void> {
  for (const [name, value] of Object.entries(answers)) {
    const field = page.locator(`[name="${name}"]`).first();
    if ((await field.count()) === 0 || !(await field.isVisible())) continue;
    const tag = await field.evaluate(
      (el) => `${el.tagName.toLowerCase()}:${(el as unknown as { type: string }).type}`,
    );
    for (const v of [value].flat()) {
      if (tag === 'input:radio' || tag === 'input:checkbox')
        await page.check(`[name="${name}"][value="${v}"]`);
      else if (tag.startsWith('select')) await page.selectOption(`[name="${name}"]`, v);
      else await page.fill(`[name="${name}"]`, v);
      await settled(page);
    }
  }
}

/**
 * Waits until the page's script has heard which questions apply after the last change (the
 * form carries `data-busy` meanwhile), so that a follow-up it opens is seen before the next
 * field is filled. Without JavaScript nothing is ever busy.
 */
export async function settled(page: Page): Promise<void> {
  await page.locator('form[data-busy]').waitFor({ state: 'detached' });
}

/** The id of the questionnaire page shown, or undefined on any other page. */
export async function pageId(page: Page): Promise<string | undefined> {
  const field = page.locator('input[name="_page"]');
  return (await field.count()) > 0 ? ((await field.getAttribute('value')) ?? undefined) : undefined;
}

/**
 * Fills the current page and goes on; items that depend on an answer on the same page appear
 * after a first submit, so a page that comes back is filled again.
 */
export async function answerPage(
  page: Page,
  answers: Record<string, string | string[]>,
): Promise<void> {
  const id = await pageId(page);
  await fill(page, answers);
  await page.click('button[value="next"]');
  if (id !== undefined && (await pageId(page)) === id) {
    await fill(page, answers);
    await page.click('button[value="next"]');
  }
}

/** Answers pages until the questionnaire ends. */
export async function answerAll(
  page: Page,
  answers: (id: string) => Record<string, string | string[]>,
): Promise<void> {
  for (let guard = 0; guard < 40; guard++) {
    const id = await pageId(page);
    if (!id) return;
    await answerPage(page, answers(id));
  }
  throw new Error('the questionnaire never ended');
}

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

/** axe-core's serious and critical violations on the page, as `what: rule` (the page needs CSP bypassed). */
export async function seriousViolations(page: Page, what: string): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const result = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string }[];
  };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${what}: ${v.id}`);
}
