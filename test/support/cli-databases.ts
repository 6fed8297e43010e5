// Runs a block of `longitude` command tests once on the embedded database (in a folder) and
// once on a fresh database on the PostgreSQL server; both are made in the block's beforeAll
// and removed in its afterAll. Unlike forEachDatabase, tables are not emptied between tests:
// the commands open and close the database themselves, run after run.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe } from 'vitest';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { createServerDatabase, type ServerDatabase } from './server-database.js';

export type CliDatabaseKind = 'embedded' | 'postgres';

export interface CliDatabase {
  kind: CliDatabaseKind;
  /** Environment for cli() naming this database. */
  env: Record<string, string>;
  /** A folder of this database's own (key files, outputs). */
  dir: string;
  /** Opens this database in this process for the length of `work`. */
  withDb<T>(work: (store: Store) => Promise<T>): Promise<T>;
}

export function describeCliDatabases(title: string, tests: (get: () => CliDatabase) => void): void {
  for (const kind of ['embedded', 'postgres'] as const) {
    describe(`${title} [${kind}]`, () => {
      let database: CliDatabase | undefined;
      let server: ServerDatabase | undefined;
      let folder: string | undefined;
      // Registered before the block's own hooks: its beforeAll runs first and, as vitest runs
      // after-hooks in reverse, its afterAll last.
      beforeAll(async () => {
        const dir = await mkdtemp(path.join(tmpdir(), `longitude-cli-${kind}-`));
        folder = dir;
        if (kind === 'postgres') server = await createServerDatabase();
        const dataDir = path.join(dir, 'data');
        const where = server ? { databaseUrl: server.url } : { dataDir };
        database = {
          kind,
          dir,
          env: server ? { DATABASE_URL: server.url } : { LONGITUDE_DATA: dataDir },
          async withDb(work) {
            const store = await openAndMigrate(where);
            try {
              return await work(store);
            } finally {
              await store.close();
            }
          },
        };
      });
      afterAll(async () => {
        if (folder) await rm(folder, { recursive: true, force: true });
        await server?.drop();
      });
      tests(() => {
        if (!database)
          throw new Error(
            'describeCliDatabases: the database exists only inside hooks and tests of its block, after its beforeAll.',
          );
        return database;
      });
    });
  }
}
