// Behind a proxy given by its number of hops (LONGITUDE_TRUST_PROXY=1): the client's network is
// read from X-Forwarded-For, an IPv6 client counts by its /56, and what a client writes into
// the header itself before the proxy's entry is not believed.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { buildApp } from '../../src/web/app.js';
import { parseForms } from '../support/respondent.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
let store: Store;
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  store = await openAndMigrate({});
  await loadStudyFolder(store.db, example);
  app = await buildApp({
    store,
    logLevel: 'silent',
    // Small limits keep the test short; the server's defaults are 300 and 20.
    newResponsesPerHour: 3,
    web: { trustProxy: { hops: 1 } },
  });
});
afterAll(async () => {
  await app.close();
  await store.close();
});

/** A start from the client the proxy saw at `forwarded`; the status of the consent form. */
async function start(forwarded: string): Promise<number> {
  const headers = { 'x-forwarded-for': forwarded };
  const page = await app.inject({
    method: 'GET',
    url: '/s/exile-panel/wave-1?lang=en',
    remoteAddress: '127.0.0.1',
    headers,
  });
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const form = parseForms(page.body)[0]!;
  const sent = await app.inject({
    method: 'POST',
    url: form.action,
    remoteAddress: '127.0.0.1',
    headers: { ...headers, cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams([...form.fields, ['consent', 'yes']]).toString(),
  });
  return sent.statusCode;
}

describe('behind one proxy', () => {
  it('counts every forwarded IPv4 client alone', async () => {
    for (let k = 1; k <= 12; k++) expect(await start(`192.0.2.${k}`)).toBe(303);
  });

  it('counts an IPv6 client by its /56, however it rotates its address inside', async () => {
    for (let k = 0; k < 3; k++) expect(await start(`2001:db8:aa:bb0${k}::${k + 1}`)).toBe(303);
    expect(await start('2001:db8:aa:bbff:1234:5678:9abc:def0')).toBe(429);
    expect(await start('2001:db8:aa:cc00::1')).toBe(303);
  });

  it('believes only the entry the proxy added, not what the client wrote before it', async () => {
    for (let k = 0; k < 3; k++) expect(await start(`198.51.100.${k}, 203.0.113.9`)).toBe(303);
    expect(await start('198.51.100.77, 203.0.113.9')).toBe(429);
  });
});
