// The HTTP app on the embedded database, through Fastify's own request injection.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { buildApp } from '../../src/web/app.js';
import { Respondent } from '../support/respondent.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
let store: Store;
/** As deployed: an https public address and a research token. */
let app: Awaited<ReturnType<typeof buildApp>>;
/** As on a laptop: plain http, no research token. */
let local: Awaited<ReturnType<typeof buildApp>>;
let logs = '';
const token = 'research-token-for-the-tests-0123456789';
const bearer = { authorization: `Bearer ${token}` };

beforeAll(async () => {
  store = await openAndMigrate({});
  await loadStudyFolder(store.db, example);
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => (logs += c.toString()));
  app = await buildApp({
    store,
    logLevel: 'trace',
    logStream: stream,
    web: { publicUrl: 'https://survey.example.org', researchToken: token },
  });
  local = await buildApp({ store, logLevel: 'silent' });
});
afterAll(async () => {
  await app.close();
  await local.close();
  await store.close();
});

describe('web app', () => {
  it('answers health with only that the server is up', async () => {
    for (const a of [app, local]) {
      const r = await a.inject({ method: 'GET', url: '/health' });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ ok: true });
    }
  });

  it('lists and shows studies as JSON', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/studies', headers: bearer });
    expect(list.json().studies.map((s: { id: string }) => s.id)).toEqual(['exile-panel']);
    const one = await app.inject({
      method: 'GET',
      url: '/api/studies/exile-panel',
      headers: bearer,
    });
    expect(one.json()).toMatchObject({
      id: 'exile-panel',
      languages: ['ru', 'en'],
      waves: [{ id: 'wave-1' }, { id: 'wave-2' }],
    });
  });

  it('answers an unknown study with 404 and a sentence, not a server error', async () => {
    const r = await app.inject({
      method: 'GET',
      url: '/api/studies/%3Cscript%3E',
      headers: bearer,
    });
    expect(r.statusCode).toBe(404);
    expect(r.json()).toMatchObject({
      code: 'study.not-found',
      message: "No study '<script>'. Loaded studies: exile-panel.",
    });
    const nowhere = await app.inject({ method: 'GET', url: '/no/such/page' });
    expect(nowhere.statusCode).toBe(404);
  });

  it('sends the security headers on every answer, pages, errors and unknown addresses alike', async () => {
    for (const url of ['/s/exile-panel/wave-1?lang=en', '/no/such/page', '/api/studies/nothing']) {
      const r = await app.inject({ method: 'GET', url });
      const csp = String(r.headers['content-security-policy']).split(';');
      expect(csp.slice(0, 1)).toEqual(["default-src 'none'"]);
      expect(
        csp.filter((d) => /^(style|script)-src( 'sha256-[A-Za-z0-9+/=]+')+$/.test(d)),
      ).toHaveLength(2);
      expect(csp.slice(3)).toEqual([
        "connect-src 'self'",
        "img-src 'self' data:",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
      ]);
      expect(r.headers).toMatchObject({
        'referrer-policy': 'no-referrer',
        'x-content-type-options': 'nosniff',
        'x-frame-options': 'SAMEORIGIN',
        'strict-transport-security': 'max-age=31536000; includeSubDomains',
        'permissions-policy': expect.stringContaining('camera=(), display-capture=()'),
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-resource-policy': 'same-origin',
        'x-dns-prefetch-control': 'off',
        'x-permitted-cross-domain-policies': 'none',
      });
      // Respondents open links inside messaging apps: no cross-origin isolation.
      expect(r.headers).not.toHaveProperty('cross-origin-embedder-policy');
      expect(r.headers).not.toHaveProperty('x-powered-by');
    }
  });

  it('serves the start page with study texts escaped', async () => {
    const r = await app.inject({ method: 'GET', url: '/', headers: bearer });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    expect(r.body).toContain('Шесть месяцев в эмиграции');
    expect(r.body).toContain('telegram-outrush');
  });

  it('writes no IP address or user agent to its log', async () => {
    await app.inject({
      method: 'GET',
      url: '/health',
      remoteAddress: '203.0.113.77',
      headers: {
        'user-agent': 'Mozilla/5.0 (UniqueAgent 1.2.3)',
        'x-forwarded-for': '198.51.100.23',
      },
    });
    expect(logs).toContain('"route":"/health"');
    expect(logs).not.toContain('203.0.113.77');
    expect(logs).not.toContain('198.51.100.23');
    expect(logs).not.toContain('UniqueAgent');
    expect(logs).not.toMatch(/remoteAddress|hostname|user-agent/i);
  });
});

/** Every Set-Cookie header of a respondent's first steps: start page, consent, first page. */
async function cookiesOfFirstSteps(
  a: Awaited<ReturnType<typeof buildApp>>,
  headers: Record<string, string> = {},
): Promise<string[]> {
  const r = new Respondent(a);
  const seen: string[] = [];
  const keep = (res: { headers: Record<string, unknown> }) => {
    const set = res.headers['set-cookie'];
    seen.push(...(Array.isArray(set) ? set : set ? [String(set)] : []));
  };
  const inject = a.inject.bind(a);
  // The respondent's requests carry the given headers; each answer's cookies are kept.
  r.app = Object.assign(Object.create(a) as typeof a, {
    inject: async (o: { headers?: Record<string, string> }) => {
      const res = await inject({ ...o, headers: { ...o.headers, ...headers } });
      keep(res);
      return res;
    },
  });
  await r.get('/s/exile-panel/wave-1?lang=en');
  const start = r.forms()[0]!;
  await r.post(start.action, [...start.fields, ['consent', 'yes']]);
  expect(r.pageId()).toBeDefined();
  return seen;
}

describe('served as https', () => {
  it('marks every cookie Secure when the public address is https, and none on plain http', async () => {
    const secure = await cookiesOfFirstSteps(app);
    const names = secure.map((c) => c.split('=')[0]);
    for (const name of ['_csrf', 'lg_lang', 'lg_s', 'lg_d']) expect(names).toContain(name);
    for (const c of secure) expect(c, c).toMatch(/;\s*Secure/i);
    const plain = await cookiesOfFirstSteps(local);
    expect(plain.length).toBeGreaterThanOrEqual(4);
    for (const c of plain) expect(c, c).not.toMatch(/;\s*Secure/i);
    // A forwarded scheme from a client that is not a trusted proxy changes nothing.
    const spoofed = await cookiesOfFirstSteps(local, { 'x-forwarded-proto': 'https' });
    for (const c of spoofed) expect(c, c).not.toMatch(/;\s*Secure/i);
  });

  it('sends HSTS only when served as https, and the permissions policy on every answer', async () => {
    for (const url of ['/health', '/s/exile-panel/wave-1', '/no/such/page', '/']) {
      const https = await app.inject({ method: 'GET', url });
      expect(https.headers['strict-transport-security']).toBe(
        'max-age=31536000; includeSubDomains',
      );
      const http = await local.inject({ method: 'GET', url });
      expect(http.headers).not.toHaveProperty('strict-transport-security');
      for (const r of [https, http]) {
        const policy = String(r.headers['permissions-policy']).split(', ');
        for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb'])
          expect(policy).toContain(`${feature}=()`);
      }
    }
  });
});

describe('the research side', () => {
  const routes = ['/', '/api/studies', '/api/studies/exile-panel'];

  it('does not exist without a configured token', async () => {
    for (const url of routes) {
      const r = await local.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.body).not.toContain('exile-panel');
      expect(r.body).not.toContain('telegram');
    }
  });

  it('refuses every request without the token or with a wrong one, and answers with it', async () => {
    const wrong = [
      {},
      { authorization: `Bearer ${token.slice(0, -1)}x` },
      { authorization: `Bearer ${token}x` },
      { authorization: `Basic ${Buffer.from(`a:${token}`).toString('base64')}` },
      { cookie: `lg_research=${token}` },
    ];
    for (const url of routes) {
      for (const headers of wrong) {
        const r = await app.inject({ method: 'GET', url, headers });
        expect(r.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(401);
        expect(r.body).not.toContain('exile-panel');
        expect(r.body).not.toContain('telegram');
      }
      const r = await app.inject({ method: 'GET', url, headers: bearer });
      expect(r.statusCode, url).toBe(200);
      expect(r.body).toContain('exile-panel');
      expect(r.headers['cache-control']).toBe('no-store');
    }
    expect(
      (await app.inject({ method: 'GET', url: '/api/studies' })).headers['www-authenticate'],
    ).toBe('Bearer realm="longitude"');
  });

  it('lets a browser sign in once with the token through a form, and not with a wrong one', async () => {
    const r = new Respondent(app);
    const ask = await r.get('/');
    expect(ask.statusCode).toBe(401);
    expect(ask.body).not.toContain('exile-panel');
    const form = r.forms()[0]!;
    expect(form.action).toBe('/sign-in');
    const bad = await r.post(form.action, [...form.fields, ['token', `${token}!`]]);
    expect(bad.statusCode).toBe(401);
    expect(bad.body).toContain('not the research token');
    expect(r.cookies.has('lg_research')).toBe(false);
    const good = await r.post(form.action, [...r.forms()[0]!.fields, ['token', token]], false);
    expect(good.statusCode).toBe(303);
    const set = String(good.headers['set-cookie']);
    expect(set).toMatch(/lg_research=[^;]+;.*HttpOnly/);
    expect(set).toMatch(/SameSite=Strict/);
    expect(set).toMatch(/Secure/);
    expect(set).not.toContain(token);
    const home = await r.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Шесть месяцев в эмиграции');
    expect((await r.get('/api/studies')).statusCode).toBe(200);
    // Without the form's security token, no sign-in.
    const forged = await new Respondent(app).post('/sign-in', [['token', token]]);
    expect(forged.statusCode).toBe(403);
  });

  it("names the home page's own style in its policy, byte for byte", async () => {
    for (const r of [
      await app.inject({ method: 'GET', url: '/', headers: bearer }),
      await app.inject({ method: 'GET', url: '/' }),
      await local.inject({ method: 'GET', url: '/' }),
    ]) {
      const styles = [...r.body.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
      expect(styles).toHaveLength(1);
      const hash = createHash('sha256').update(styles[0]!).digest('base64');
      const policy = String(r.headers['content-security-policy']);
      expect(policy).toContain(`style-src 'sha256-${hash}'`);
      expect(policy).toContain("default-src 'none'");
      expect(policy).not.toContain('script-src');
    }
  });
});
