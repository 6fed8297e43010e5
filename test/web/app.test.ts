// The HTTP app on the embedded database, through Fastify's own request injection.
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { buildApp } from '../../src/web/app.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;
let logs = '';

beforeAll(async () => {
  store = await openAndMigrate({});
  await loadStudyFolder(store.db, example);
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => (logs += c.toString()));
  app = await buildApp({ store, logLevel: 'trace', logStream: stream });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

describe('web app', () => {
  it('answers health with the kind of database', async () => {
    const r = await app.inject({ method: 'GET', url: '/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true, database: 'embedded' });
  });

  it('lists and shows studies as JSON', async () => {
    const list = await app.inject({ method: 'GET', url: '/api/studies' });
    expect(list.json().studies.map((s: { id: string }) => s.id)).toEqual(['exile-panel']);
    const one = await app.inject({ method: 'GET', url: '/api/studies/exile-panel' });
    expect(one.json()).toMatchObject({
      id: 'exile-panel',
      languages: ['ru', 'en'],
      waves: [{ id: 'wave-1' }, { id: 'wave-2' }],
    });
  });

  it('answers an unknown study with 404 and a sentence, not a server error', async () => {
    const r = await app.inject({ method: 'GET', url: '/api/studies/%3Cscript%3E' });
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
        csp.filter((d) => /^(style|script)-src 'sha256-[A-Za-z0-9+/=]+'$/.test(d)),
      ).toHaveLength(2);
      expect(csp.slice(3)).toEqual([
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
    const r = await app.inject({ method: 'GET', url: '/' });
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
