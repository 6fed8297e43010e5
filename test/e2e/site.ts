// The respondent survey served in this process on a fresh database, with Chromium beside it,
// for browser tests that need no server process of their own.
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { buildApp } from '../../src/web/app.js';
import { createServerDatabase, type ServerDatabase } from '../support/server-database.js';
import { launchChromium } from './browser.js';

export interface Site {
  store: Store;
  /** The survey's address, e.g. http://127.0.0.1:PORT. */
  url: string;
  browser: Browser;
}

/**
 * Registers the hooks that load the study folders into a new database (embedded, or with
 * `server` a database made on the PostgreSQL server and dropped after), serve them and start
 * Chromium. The site's fields are set before the first test runs.
 */
export function siteForTests(folders: string[], o: { server?: boolean } = {}): Site {
  const site = {} as Site;
  let database: ServerDatabase | undefined;
  let app: Awaited<ReturnType<typeof buildApp>> | undefined;
  beforeAll(async () => {
    if (o.server) database = await createServerDatabase();
    site.store = await openAndMigrate(database ? { databaseUrl: database.url } : {});
    for (const folder of folders) await loadStudyFolder(site.store.db, folder);
    app = await buildApp({ store: site.store, logLevel: 'silent' });
    await app.listen({ port: 0, host: '127.0.0.1' });
    site.url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    site.browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await site.browser?.close();
    await app?.close();
    await site.store?.close();
    await database?.drop();
  });
  return site;
}
