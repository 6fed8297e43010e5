/**
 * Page weight: compressed bytes of the consent page and of every questionnaire page of the
 * example's wave 1 (the heaviest reported), and the number of requests each page makes in
 * Chromium (goal: one; CSS is inline, no fonts, no scripts).
 */
import { get } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { launchChromium } from '../test/e2e/browser.js';
import { wave1Answers } from '../test/fixtures/wave-1-answers.js';
import { HttpRespondent } from './http-respondent.js';

export interface PageWeight {
  page: string;
  bytes: number;
  brotli: number;
  gzip: number;
}

export async function pageWeights(base: string): Promise<PageWeight[]> {
  const weigh = (page: string, body: string): PageWeight => ({
    page,
    bytes: Buffer.byteLength(body),
    brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
    gzip: gzipSync(body).length,
  });
  const out: PageWeight[] = [];
  for (const lang of ['ru', 'en']) {
    const r = new HttpRespondent(base);
    await r.request('GET', `/s/exile-panel/wave-1?lang=${lang}`);
    out.push(weigh(`consent (${lang})`, r.body));
    await r.begin(`/s/exile-panel/wave-1?lang=${lang}`);
    for (const [id] of wave1Answers) {
      out.push(weigh(`${id} (${lang})`, r.body));
      // Pages whose items appear after an answer on the same page are weighed as first shown.
      while (!r.finished() && /name="_page"\s+value="([^"]+)"/.exec(r.body)?.[1] === id)
        await r.answerCurrent();
    }
  }
  return out;
}

/** The compressed bytes the server itself sends (brotli negotiated), for one page. */
export function servedBytes(
  base: string,
  path: string,
): Promise<{ encoding: string; bytes: number }> {
  // node:http, not fetch: fetch decompresses, and the bytes on the wire are what counts.
  return new Promise((resolve, reject) => {
    get(new URL(path, base), { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () =>
        resolve({ encoding: String(res.headers['content-encoding'] ?? 'identity'), bytes }),
      );
    }).on('error', reject);
  });
}

export async function requestsPerPage(base: string): Promise<{ page: string; requests: number }[]> {
  const browser = await launchChromium();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    let count = 0;
    page.on('request', () => count++);
    const out: { page: string; requests: number }[] = [];
    count = 0;
    await page.goto(new URL('/s/exile-panel/wave-1?lang=ru', base).toString(), {
      waitUntil: 'load',
    });
    out.push({ page: 'consent', requests: count });
    await page.check('input[name="consent"]');
    count = 0;
    await page.click('button[type="submit"] >> nth=0');
    await page.waitForLoadState('load');
    // A form post answered by a redirect is two requests: the post and the page it leads to.
    out.push({ page: 'first question page (post + redirect)', requests: count });
    return out;
  } finally {
    await browser.close();
  }
}
