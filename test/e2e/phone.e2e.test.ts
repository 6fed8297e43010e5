// Respondent pages on a phone in a real browser (Chromium) at 320 and 390 px: every rating scale
// stays one row or becomes a vertical list with each label beside its point, nothing overflows
// the page, progress is said in words; and the 404 page and the icon. The study is a small one of
// our own with every kind of scale (test/fixtures/phone-study).
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { wave1Answers } from '../fixtures/wave-1-answers.js';
import { fill, pageId } from './browser.js';
import { siteForTests } from './site.js';

const fixture = path.resolve(import.meta.dirname, '../fixtures/phone-study');
const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

const site = siteForTests([fixture, example]);

/** Each scale's labelled points, by variable, as the fixture words them. */
const labels: Record<string, Record<string, Record<string, string>>> = {
  en: {
    stay_likelihood: { 1: 'Very unlikely', 5: 'Very likely' },
    change_likelihood: { 1: 'None', 2: 'Low', 3: 'Medium', 4: 'Fairly high', 5: 'High' },
    life_satisfaction: { 0: 'Not at all satisfied', 10: 'Completely satisfied' },
    attach_home: { 1: 'Not at all', 5: 'Very much' },
    attach_host: { 1: 'Not at all', 5: 'Very much' },
  },
  ru: {
    stay_likelihood: { 1: 'Совсем маловероятно', 5: 'Очень вероятно' },
    change_likelihood: {
      1: 'Никакой',
      2: 'Низкая',
      3: 'Средняя',
      4: 'Скорее высокая',
      5: 'Высокая',
    },
    life_satisfaction: { 0: 'Совсем не удовлетворён(а)', 10: 'Полностью удовлетворён(а)' },
    attach_home: { 1: 'Совсем нет', 5: 'Очень сильно' },
    attach_host: { 1: 'Совсем нет', 5: 'Очень сильно' },
  },
};

const pages: Record<string, string[]> = {
  stay: ['stay_likelihood'],
  change: ['change_likelihood'],
  satisfaction: ['life_satisfaction', 'attach_home', 'attach_host'],
};

interface Box {
  value: string;
  top: number;
  left: number;
  right: number;
  bottom: number;
  /** Where each wanted label's text is drawn, if it is drawn at all. */
  label?: { left: number; right: number; top: number; bottom: number; width: number };
}

/**
 * The box of every numbered point of a scale, and where its label's text is drawn (searched in
 * the whole fieldset, so a label drawn apart from its point is found too).
 */
async function scaleBoxes(
  page: Page,
  name: string,
  wanted: Record<string, string>,
): Promise<Box[]> {
  // Run in the page (a string: this project's TypeScript has no DOM types).
  const script = `(() => {
    const name = ${JSON.stringify(name)};
    const wanted = ${JSON.stringify(wanted)};
    const radios = [...document.querySelectorAll('input[name="' + name + '"]')];
    const scope = radios[0].closest('fieldset');
    const find = (text) => {
      const walker = document.createTreeWalker(scope, NodeFilter.SHOW_TEXT);
      const rects = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const at = n.textContent.indexOf(text);
        if (at < 0) continue;
        const range = document.createRange();
        range.setStart(n, at);
        range.setEnd(n, at + text.length);
        const r = range.getBoundingClientRect();
        if (r.width > 4 && r.height > 4) rects.push(r);
      }
      return rects;
    };
    return radios
      .filter((r) => /^\\d+$/.test(r.value))
      .map((r) => {
        const box = r.closest('label').getBoundingClientRect();
        const text = wanted[r.value];
        const distance = (a) => Math.abs(a.top - box.top) + Math.abs(a.left - box.left);
        // The drawn copy of the label nearest this point.
        const drawn = text ? find(text).sort((a, b) => distance(a) - distance(b))[0] : undefined;
        return {
          value: r.value, top: box.top, left: box.left, right: box.right, bottom: box.bottom,
          label: drawn && {
            left: drawn.left, right: drawn.right, top: drawn.top, bottom: drawn.bottom,
            width: drawn.width,
          },
        };
      });
  })()`;
  return (await page.evaluate(script)) as Box[];
}

/** What is wrong with a scale's layout, in words; empty when it is one row or a proper list. */
function layoutProblems(name: string, boxes: Box[], wanted: Record<string, string>): string[] {
  const problems: string[] = [];
  const oneRow = boxes.every((b) => Math.abs(b.top - boxes[0]!.top) < 1);
  const vertical = boxes.every(
    (b, i) => Math.abs(b.left - boxes[0]!.left) < 1 && (i === 0 || b.top >= boxes[i - 1]!.bottom),
  );
  if (!oneRow && !vertical)
    problems.push(`${name}: neither one row nor one column (${boxes.map((b) => b.top).join(' ')})`);
  for (const b of boxes) {
    const text = wanted[b.value];
    if (!text) continue;
    if (!b.label) {
      problems.push(`${name} ${b.value}: the label "${text}" is not shown`);
      continue;
    }
    if (vertical && !oneRow) {
      // Beside its point: on the same line, inside the point's box.
      const inside =
        b.label.top >= b.top - 1 &&
        b.label.bottom <= b.bottom + 1 &&
        b.label.left >= b.left - 1 &&
        b.label.right <= b.right + 1;
      if (!inside) problems.push(`${name} ${b.value}: the label "${text}" is apart from its point`);
    } else {
      // In a row: the label sits over or under its own point, not over another one.
      const first = boxes[0]!;
      const last = boxes[boxes.length - 1]!;
      const own =
        b === first
          ? b.label.left <= first.right
          : b === last
            ? b.label.right >= last.left
            : b.label.left < b.right && b.label.right > b.left;
      if (!own) problems.push(`${name} ${b.value}: the label "${text}" is not at its point`);
    }
  }
  return problems;
}

async function begin(page: Page, lang: string): Promise<void> {
  await page.goto(`${site.url}/s/phone-study/wave-1?lang=${lang}`);
  await page.check('input[name="consent"]');
  await page.click('button[type="submit"] >> nth=0');
}

describe('respondent pages on a phone (Chromium)', () => {
  for (const width of [320, 390])
    for (const lang of ['ru', 'en'])
      it(`keeps every scale one row or a labelled list at ${width} px (${lang})`, async () => {
        const context = await site.browser.newContext({
          viewport: { width, height: 800 },
          deviceScaleFactor: 1,
          javaScriptEnabled: false,
        });
        const page = await context.newPage();
        await begin(page, lang);
        const problems: string[] = [];
        for (const [id, names] of Object.entries(pages)) {
          expect(await pageId(page)).toBe(id);
          for (const name of names) {
            const wanted = labels[lang]![name]!;
            problems.push(...layoutProblems(name, await scaleBoxes(page, name, wanted), wanted));
          }
          const overflow = (await page.evaluate(
            'document.documentElement.scrollWidth - document.documentElement.clientWidth',
          )) as number;
          if (overflow > 0) problems.push(`page ${id}: ${overflow} px wider than the screen`);
          for (const name of names) await page.check(`input[name="${name}"][value="3"]`);
          await page.click('button[value="next"]');
        }
        await context.close();
        expect(problems).toEqual([]);
      });

  it('fits wave 1 of the example into 320 px, page by page, its scales one row or a list', async () => {
    const context = await site.browser.newContext({
      viewport: { width: 320, height: 800 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    await page.goto(`${site.url}/s/exile-panel/wave-1?lang=ru`);
    const scales: Record<string, Record<string, string>> = {
      stay_likelihood: { 1: 'Совсем маловероятно', 5: 'Очень вероятно' },
      outlook_russia: {
        1: 'Никакой',
        2: 'Низкая',
        3: 'Средняя',
        4: 'Скорее высокая',
        5: 'Высокая',
      },
    };
    const problems: string[] = [];
    const checked = new Set<string>();
    const look = async (what: string) => {
      const overflow = (await page.evaluate(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      )) as number;
      if (overflow > 0) problems.push(`${what}: ${overflow} px wider than the screen`);
      for (const [name, wanted] of Object.entries(scales))
        if ((await page.locator(`input[name="${name}"]`).count()) > 0) {
          checked.add(name);
          problems.push(...layoutProblems(name, await scaleBoxes(page, name, wanted), wanted));
        }
    };
    await look('consent');
    await page.check('input[name="consent"]');
    await page.click('button[type="submit"] >> nth=0');
    for (const [id, answers] of wave1Answers) {
      expect(await pageId(page)).toBe(id);
      await look(id);
      await fill(page, answers);
      await page.click('button[value="next"]');
      if ((await pageId(page)) === id) {
        // Follow-up questions opened on the same page.
        await look(`${id} with its follow-ups`);
        await fill(page, answers);
        await page.click('button[value="next"]');
      }
    }
    await look('end');
    await context.close();
    expect(problems).toEqual([]);
    expect([...checked].sort()).toEqual(['outlook_russia', 'stay_likelihood']);
  });

  it('says which page of how many in words, with a labelled bar, and each section title', async () => {
    const seen: string[][] = [];
    for (const lang of ['en', 'ru']) {
      const context = await site.browser.newContext({ viewport: { width: 320, height: 800 } });
      const page = await context.newPage();
      await begin(page, lang);
      for (const id of Object.keys(pages)) {
        expect(await pageId(page)).toBe(id);
        const words = (await page.locator('#prog').textContent())!;
        // The bar's accessible name is the same words.
        expect(await page.getByRole('progressbar', { name: words }).count()).toBe(1);
        const section = await page.locator('.sec').allTextContents();
        seen.push([words, ...section, (await page.locator('h1').textContent())!]);
        await page.click('button[value="next"]');
      }
      await context.close();
    }
    expect(seen).toEqual([
      ['Page 1 of about 3', 'Your life now'],
      ['Page 2 of about 3', 'The future', 'Change'],
      ['Page 3 of 3', 'The future'],
      ['Страница 1 примерно из 3', 'Ваша жизнь сейчас'],
      ['Страница 2 примерно из 3', 'Будущее', 'Перемены'],
      ['Страница 3 из 3', 'Будущее'],
    ]);
  });

  it('shows the 404 page styled and in Russian with ?lang=ru', async () => {
    const context = await site.browser.newContext({ viewport: { width: 320, height: 800 } });
    const page = await context.newPage();
    const res = await page.goto(`${site.url}/s/no-such-study/wave-1?lang=ru`);
    expect(res!.status()).toBe(404);
    expect(await page.getAttribute('html', 'lang')).toBe('ru');
    expect(await page.locator('h1').textContent()).toBe('Опрос не найден');
    // The survey's CSS is applied (allowed by its hash in the policy): the page's column.
    expect(await page.evaluate('getComputedStyle(document.querySelector("main")).maxWidth')).toBe(
      '640px',
    );
    await context.close();
  });

  it('serves the icon the pages link, cached, under the policy', async () => {
    const context = await site.browser.newContext();
    const page = await context.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${site.url}/s/phone-study/wave-1?lang=es`);
    const linked = await page.getAttribute('link[rel="icon"]', 'href');
    expect(linked).toBe('/favicon.svg');
    for (const [address, type] of [
      ['/favicon.ico', 'image/x-icon'],
      [linked!, 'image/svg+xml'],
    ]) {
      const icon = await page.request.get(`${site.url}${address}`);
      expect(icon.status(), address).toBe(200);
      expect(icon.headers()['content-type']).toBe(type);
      expect(
        Number(/max-age=(\d+)/.exec(icon.headers()['cache-control'] ?? '')?.[1]),
      ).toBeGreaterThanOrEqual(7 * 24 * 3600);
    }
    // The icon drawn in the page itself, as the browser would: allowed by img-src 'self'.
    const drawn = await page.evaluate(`new Promise((resolve) => {
      const img = new Image();
      img.onload = () => resolve(img.naturalWidth);
      img.onerror = () => resolve(0);
      img.src = '/favicon.svg';
    })`);
    expect(drawn).toBeGreaterThan(0);
    expect(refused).toEqual([]);
    await context.close();
  });
});
