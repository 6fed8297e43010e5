// Generated requests to every respondent route (GET and POST), on both databases: random
// paths, field names (the hidden ones too), values with null characters, lone surrogates,
// broken percent escapes, huge and nested values, and bodies of every content type. No answer
// may be a server error, and a refused request (4xx) changes nothing stored.
//
// FUZZ_RUNS (requests per database, default 300) and FUZZ_SEED make a run larger or repeatable.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { hashToken } from '../../src/security/tokens.js';
import { createInvitation } from '../../src/store/queries/invitations.js';
import { buildApp } from '../../src/web/app.js';
import { forEachDatabase } from '../support/databases.js';
import { Respondent } from '../support/respondent.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const routeFolder = path.resolve(import.meta.dirname, '../../src/web/survey');
const runs = Number(process.env.FUZZ_RUNS ?? 300);
const seed = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const token = 'personal-link-token-000000000000000000077';

/** Every respondent route, read from the route files themselves. */
function respondentRoutes(): { method: 'GET' | 'POST'; url: string }[] {
  const out: { method: 'GET' | 'POST'; url: string }[] = [];
  for (const file of readdirSync(routeFolder).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(path.join(routeFolder, file), 'utf8');
    for (const m of source.matchAll(/\.(get|post)(?:<[^(]*?>)?\(\s*'(\/[sio]\/[^']*)'/g))
      out.push({ method: m[1]!.toUpperCase() as 'GET' | 'POST', url: m[2]! });
  }
  return out;
}

/** The real value of a route parameter, which leads somewhere. */
const real: Record<string, string> = {
  study: 'exile-panel',
  wave: 'wave-1',
  channel: 'telegram-outrush',
  token,
};

const hiddenNames = [
  '_csrf',
  '_page',
  '_action',
  '_save',
  '_shown',
  '_vars',
  '_pow',
  '_enrol',
  '_use',
  'website',
  'lang',
  'consent',
  'channel',
  'code',
  'choice',
  'email',
  'handle',
  'List-Unsubscribe',
  'comments',
  'migration_status',
  'left_date',
  'country_now',
  'birth_year',
  '__proto__',
  'constructor',
];

/** Percent escapes as they come off the wire, some of them not UTF-8 or not escapes at all. */
const rawEscapes = ['%00', '%ED%B0%80', '%ED%A0%80', '%C0%AF', '%FF', '%E2%82', '%ZZ', '%', '+'];

/** A value for a field, or a raw fragment sent as it is. */
type Value = string | { raw: string };

const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // lone surrogates among them
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(
    'next',
    'back',
    'start',
    'where',
    'comments',
    'about',
    'yes',
    'left_after',
    'GE',
    'One-Click',
    'code',
    'decline',
    'x\u0000y',
    '\uDC00',
    '\uD800x',
    'abandon ability able about above absent',
  ),
  fc.integer({ min: 1, max: 300_000 }).map((n) => 'x'.repeat(n)),
);

const value: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 1, arbitrary: fc.constantFrom(...rawEscapes).map((raw) => ({ raw })) },
);

const fieldName = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hiddenNames) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 70 }) },
);

const param = fc.oneof(
  { weight: 5, arbitrary: fc.constant<Value | null>(null) }, // the real value
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.constantFrom(...rawEscapes).map((raw) => ({ raw })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { raw: 'exile-panel%00' },
      { raw: 'wave-1%ED%B0%80' },
      { raw: '..' },
      { raw: '%2F' },
      { raw: 'a'.repeat(3000) },
    ),
  },
);

/** Nested JSON far deeper than any form: arrays and objects, 1 to 3,000 levels. */
const deep = fc
  .tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean())
  .map(([depth, objects]) =>
    objects
      ? '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)
      : '['.repeat(depth) + ']'.repeat(depth),
  );

const request = fc.record({
  route: fc.nat(),
  /** Sometimes the other method: a POST to a page, a GET of a form's address. */
  otherMethod: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
  params: fc.array(param, { minLength: 3, maxLength: 3 }),
  query: fc.option(fc.tuple(fc.constantFrom('lang', 'x', 'lang[]'), value)),
  stranger: fc.boolean(),
  contentType: fc.constantFrom(
    'form',
    'form',
    'form',
    'json',
    'text',
    'multipart',
    'none',
    'application/xml',
    'application/x-www-form-urlencoded; charset=latin1',
  ),
  withToken: fc.boolean(),
  /** Start from the respondent's real page form (hidden fields with their true values). */
  withForm: fc.boolean(),
  fields: fc.array(fc.tuple(fieldName, value), { maxLength: 12 }),
  json: fc.oneof(
    fc.jsonValue().map((v) => JSON.stringify(v)),
    deep,
  ),
});

/** UTF-8 percent encoding that never throws (a lone surrogate becomes U+FFFD). */
function encode(v: Value): string {
  if (typeof v !== 'string') return v.raw;
  return [...Buffer.from(v, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const plain = (v: Value): string => (typeof v === 'string' ? v : v.raw);

forEachDatabase('respondent routes under generated requests', (get) => {
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
    await createInvitation(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-1',
      tokenHash: hashToken(token),
    });
    app = await buildApp({
      store: get(),
      logLevel: 'silent',
      now: () => new Date('2022-03-20T10:00:00Z'),
    });
    return () => app.close();
  });

  /** What is stored about respondents, apart from unsaved page drafts. */
  async function stored(): Promise<string> {
    const rows = await Promise.all(
      ['responses', 'page_saves', 'panelists', 'invitations'].map(
        async (table) =>
          (await sql.raw(`select * from ${table} order by 1`).execute(get().db)).rows,
      ),
    );
    return JSON.stringify(rows);
  }

  it('never answers with a server error, and a refused request changes nothing', async () => {
    const routes = respondentRoutes();
    for (const r of routes) expect(app.hasRoute(r), `${r.method} ${r.url}`).toBe(true);
    expect(routes.length).toBeGreaterThanOrEqual(16);

    // A respondent on the first page, whose cookies and form token make requests go deep.
    const respondent = new Respondent(app);
    await respondent.get('/s/exile-panel/wave-1/c/telegram-outrush?lang=ru');
    const start = respondent.forms()[0]!;
    await respondent.post(start.action, [...start.fields, ['consent', 'yes']]);
    const csrf = respondent
      .forms()
      .flatMap((f) => f.fields)
      .find(([k]) => k === '_csrf')![1];
    const pageFields = respondent
      .forms()
      .find((f) => f.fields.some(([k]) => k === '_page'))!.fields;
    const cookies = () => [...respondent.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

    let sent = 0;
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(request, async (q) => {
        const route = routes[q.route % routes.length]!;
        let n = 0;
        const url = route.url.replace(/:([a-z]+)/g, (_, name: string) => {
          const p = q.params[n++];
          return p === null || p === undefined ? real[name]! : encode(p);
        });
        const query = q.query ? `?${encode(q.query[0])}=${encode(q.query[1])}` : '';
        const method = q.otherMethod ? (route.method === 'GET' ? 'POST' : 'GET') : route.method;
        const fields: [Value, Value][] = [...(q.withForm ? pageFields : []), ...q.fields];
        if (q.withToken) fields.push(['_csrf', csrf]);
        let payload: string | undefined;
        let type: string | undefined;
        switch (q.contentType) {
          case 'form':
            type = 'application/x-www-form-urlencoded';
            payload = fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
            break;
          case 'json':
            type = 'application/json';
            // The fields as strings, the last one replaced by any JSON (objects, numbers, nests).
            payload =
              fields.length > 0
                ? JSON.stringify({
                    ...Object.fromEntries(fields.map(([k, v]) => [plain(k), plain(v)])),
                    [plain(fields[fields.length - 1]![0])]: JSON.parse(q.json) as unknown,
                  })
                : q.json;
            break;
          case 'text':
            type = 'text/plain';
            payload = fields.map(([k, v]) => `${plain(k)}=${plain(v)}`).join('&');
            break;
          case 'multipart':
            type = 'multipart/form-data; boundary=fz';
            payload =
              fields
                .map(
                  ([k, v]) =>
                    `--fz\r\nContent-Disposition: form-data; name="${plain(k)}"\r\n\r\n${plain(v)}\r\n`,
                )
                .join('') + '--fz--\r\n';
            break;
          case 'none':
            payload =
              fields.length > 0
                ? fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')
                : undefined;
            break;
          default:
            type = q.contentType;
            payload = fields.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
        }
        const before = await stored();
        const res = await app.inject({
          method,
          url: url + query,
          headers: {
            ...(q.stranger ? {} : { cookie: cookies() }),
            ...(type && method === 'POST' ? { 'content-type': type } : {}),
          },
          ...(method === 'POST' && payload !== undefined ? { payload } : {}),
        });
        sent++;
        const what = `${method} ${(url + query).slice(0, 120)} ${type ?? '(no type)'} → ${res.statusCode}`;
        if (res.statusCode >= 500) failures.push(`${what}: ${res.body.slice(0, 200)}`);
        if (res.statusCode >= 400 && (await stored()) !== before)
          failures.push(`${what}: changed what was stored`);
        expect(failures).toEqual([]);
      }),
      { numRuns: runs, ...(seed === undefined ? {} : { seed }) },
    );
    // The figure for docs/benchmarks.md.
    console.log(`respondent fuzz: ${sent} requests, ${failures.length} answers >= 500`);
    expect(sent).toBeGreaterThanOrEqual(runs);
  }, 300_000);
});
