import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openAndMigrate, openDatabase } from '../../src/store/database.js';
import { migrate, migrateOrStop } from '../../src/store/migrator.js';
import { migrations } from '../../src/store/migrations/index.js';
import { Problem } from '../../src/problems/problem.js';
import { forEachDatabase } from '../support/databases.js';

async function unindexedForeignKeys(db: Kysely<Database>): Promise<string[]> {
  const missing = await sql<{ name: string }>`
    select c.conname as name
    from pg_constraint c
    where c.contype = 'f'
      and not exists (
        select 1 from pg_index i
        where i.indrelid = c.conrelid
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] operator(pg_catalog.@>) c.conkey
          and (i.indkey::int2[])[0:cardinality(c.conkey) - 1] operator(pg_catalog.<@) c.conkey
      )
    order by 1
  `.execute(db);
  return missing.rows.map((r) => r.name);
}

forEachDatabase('migrations', (get) => {
  it('are recorded once; running them again applies nothing', async () => {
    const names = await get()
      .db.selectFrom('longitude_migrations')
      .select('name')
      .orderBy('name')
      .execute();
    expect(names.map((n) => n.name)).toEqual(migrations.map((m) => m.name));
    const again = await migrate(get().db);
    expect(again.map((r) => r.status)).toEqual(migrations.map(() => 'already-applied'));
  });

  it('stop at a failing migration, naming it, and leave nothing of it behind', async () => {
    const bad = {
      name: '9998-bad',
      up: async (db: Parameters<(typeof migrations)[0]['up']>[0]) => {
        await sql`create table half_done (id int)`.execute(db);
        await sql`select no_such_function()`.execute(db);
      },
    };
    const after = { name: '9999-after', up: async () => undefined };
    const results = await migrate(get().db, [...migrations, bad, after]);
    expect(results.slice(-2).map((r) => r.status)).toEqual(['failed', 'not-run']);
    expect(results.at(-2)!.error).toMatch(/no_such_function/);
    const table = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_tables where tablename = 'half_done'`.execute(get().db);
    expect(table.rows[0]!.n).toBe(0);
    const recorded = await get()
      .db.selectFrom('longitude_migrations')
      .select('name')
      .where('name', 'like', '999%')
      .execute();
    expect(recorded).toEqual([]);
    await expect(migrateOrStop(get().db, [...migrations, bad])).rejects.toThrow(
      /Database migration 9998-bad failed: .*no_such_function.*start-up stopped/,
    );
  });

  it('give every foreign key an index that starts with its columns', async () => {
    expect(await unindexedForeignKeys(get().db)).toEqual([]);
    const count = await sql<{
      n: number;
    }>`select count(*)::int as n from pg_constraint where contype = 'f'`.execute(get().db);
    expect(count.rows[0]!.n).toBeGreaterThanOrEqual(7);
    // The check itself finds a foreign key without an index.
    await get()
      .db.transaction()
      .execute(async (tx) => {
        await sql`create table unindexed_child (study_id text references studies (id))`.execute(tx);
        expect(await unindexedForeignKeys(tx)).toEqual(['unindexed_child_study_id_fkey']);
        await sql`drop table unindexed_child`.execute(tx);
      });
  });

  it('parse bigint and numeric to numbers, refusing what a number cannot hold', async () => {
    const r = await sql<{
      a: number;
      b: number;
    }>`select 12::bigint as a, 1.5::numeric as b`.execute(get().db);
    expect(r.rows[0]).toEqual({ a: 12, b: 1.5 });
    await expect(sql`select 9007199254740993::bigint as a`.execute(get().db)).rejects.toThrow(
      /beyond what Longitude can hold exactly/,
    );
  });
});

describe('the embedded database', () => {
  it('keeps its data on disk across close and reopen', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'longitude-pglite-'));
    try {
      const first = await openAndMigrate({ dataDir: dir });
      expect(first.migrations.every((m) => m.status === 'applied')).toBe(true);
      await sql`create table kept (v text)`.execute(first.db);
      await sql`insert into kept values ('still here')`.execute(first.db);
      await first.close();
      const second = await openAndMigrate({ dataDir: dir });
      expect(second.migrations.every((m) => m.status === 'already-applied')).toBe(true);
      const rows = await sql<{ v: string }>`select v from kept`.execute(second.db);
      expect(rows.rows).toEqual([{ v: 'still here' }]);
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a server it cannot reach as a problem naming DATABASE_URL', async () => {
    const error = await openDatabase({
      databaseUrl: 'postgres://nobody:secret@127.0.0.1:1/none',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).message).toMatch(
      /Cannot reach the PostgreSQL server named by DATABASE_URL/,
    );
    expect((error as Problem).message).not.toContain('secret');
  });
});
