// Runs a block of tests on each database Longitude supports: embedded PGlite (in memory) and
// a fresh database on the PostgreSQL server, created for this run and dropped after it.
// Each test starts from empty tables.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe } from 'vitest';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { createServerDatabase, type ServerDatabase } from './server-database.js';

export type DatabaseKind = 'pglite' | 'postgres';

export function forEachDatabase(
  title: string,
  tests: (get: () => Store, kind: DatabaseKind) => void,
): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    describe(`${title} [${kind}]`, () => {
      let store: Store | undefined;
      let server: ServerDatabase | undefined;
      beforeAll(async () => {
        if (kind === 'postgres') {
          server = await createServerDatabase();
          store = await openAndMigrate({ databaseUrl: server.url });
        } else store = await openAndMigrate({});
      });
      afterAll(async () => {
        await store?.close();
        await server?.drop();
      });
      beforeEach(async () => {
        await truncateAll(store!);
      });
      tests(() => store!, kind);
    });
  }
}

export async function truncateAll(store: Store): Promise<void> {
  const tables = await sql<{ tablename: string }>`
    select tablename from pg_tables
    where schemaname = 'public' and tablename <> 'longitude_migrations'
  `.execute(store.db);
  if (tables.rows.length === 0) return;
  const list = tables.rows.map((t) => `"${t.tablename}"`).join(', ');
  await sql.raw(`truncate ${list} restart identity cascade`).execute(store.db);
}
