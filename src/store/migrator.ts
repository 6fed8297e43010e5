/**
 * Runs pending migrations, each in its own transaction together with its record, so a failed
 * migration leaves neither half its changes nor a record. A transaction-level advisory lock
 * keeps two processes starting together from migrating at once. Returns a result per migration
 * instead of throwing; `migrateOrStop` turns a failure into a Problem that names it.
 */
import { sql, type Kysely } from 'kysely';
import { Problem } from '../problems/problem.js';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import type { Database } from './schema.js';

/** Any constant: the advisory lock is per database, shared by every Longitude process. */
const lockKey = 7_364_211_091;

export type MigrationStatus = 'applied' | 'already-applied' | 'failed' | 'not-run';

export interface MigrationResult {
  name: string;
  status: MigrationStatus;
  error?: string;
}

export async function migrate(
  db: Kysely<Database>,
  migrations: Migration[] = allMigrations,
): Promise<MigrationResult[]> {
  await sql`create table if not exists longitude_migrations (
    name text primary key,
    applied_at timestamptz not null default now()
  )`.execute(db);
  const results: MigrationResult[] = [];
  let failed = false;
  for (const migration of migrations) {
    if (failed) {
      results.push({ name: migration.name, status: 'not-run' });
      continue;
    }
    try {
      const applied = await db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(${lockKey})`.execute(tx);
        const done = await tx
          .selectFrom('longitude_migrations')
          .select('name')
          .where('name', '=', migration.name)
          .executeTakeFirst();
        if (done) return false;
        await migration.up(tx as unknown as Kysely<unknown>);
        await tx.insertInto('longitude_migrations').values({ name: migration.name }).execute();
        return true;
      });
      results.push({ name: migration.name, status: applied ? 'applied' : 'already-applied' });
    } catch (error) {
      failed = true;
      results.push({ name: migration.name, status: 'failed', error: (error as Error).message });
    }
  }
  return results;
}

export async function migrateOrStop(
  db: Kysely<Database>,
  migrations?: Migration[],
): Promise<MigrationResult[]> {
  const results = await migrate(db, migrations);
  const failure = results.find((r) => r.status === 'failed');
  if (failure)
    throw new Problem(
      'migration.failed',
      `Database migration ${failure.name} failed: ${failure.error}. Nothing of it was applied; start-up stopped.`,
    );
  return results;
}
