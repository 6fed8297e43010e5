/**
 * Opens the database: embedded PGlite (data in a folder) or a PostgreSQL server through `pg`.
 * Both speak the same SQL through Kysely, run the same migrations and query modules.
 *
 * Type parsing is set here, once, per connection (never globally): bigint (int8) and numeric
 * come back from PostgreSQL as text; ids and counts are parsed to numbers, refusing any that
 * JavaScript cannot hold exactly, and numeric to numbers, which statistics use anyway.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { Problem } from '../problems/problem.js';
import { migrateOrStop, type MigrationResult } from './migrator.js';
import type { Database } from './schema.js';

export interface Store {
  db: Kysely<Database>;
  kind: 'embedded' | 'server';
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL server; absent means the embedded database. */
  databaseUrl?: string;
  /** Folder of the embedded database; absent (with no URL) means in memory, for tests. */
  dataDir?: string;
}

const INT8 = 20;
const NUMERIC = 1700;

export function parseBigint(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n))
    throw new Problem(
      'store.invalid',
      `The database returned the whole number ${text}, beyond what Longitude can hold exactly (±${Number.MAX_SAFE_INTEGER}).`,
    );
  return n;
}

const parsers: Record<number, (text: string) => number> = {
  [INT8]: parseBigint,
  [NUMERIC]: (text) => Number(text),
};

async function openEmbedded(dataDir: string | undefined): Promise<Store> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ?? 'memory://', { parsers });
  } catch (error) {
    throw new Problem(
      'config.invalid',
      `The embedded database in ${dataDir} could not be opened: ${(error as Error).message}. Is another Longitude process using it?`,
      { field: 'LONGITUDE_DATA' },
    );
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return { db, kind: 'embedded', close: () => db.destroy() };
}

async function openServer(url: string): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: 20,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        parsers[oid] ?? pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client that loses its connection must not crash the process.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Problem(
      'config.invalid',
      `Cannot reach the PostgreSQL server named by DATABASE_URL (${redact(url)}): ${(error as Error).message}.`,
      { field: 'DATABASE_URL' },
    );
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, kind: 'server', close: () => db.destroy() };
}

/** The URL without its password, for messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'an unreadable URL';
  }
}

export async function openDatabase(options: StoreOptions): Promise<Store> {
  return options.databaseUrl ? openServer(options.databaseUrl) : openEmbedded(options.dataDir);
}

/** Opens and migrates; a failed migration closes the database and throws a Problem naming it. */
export async function openAndMigrate(
  options: StoreOptions,
): Promise<Store & { migrations: MigrationResult[] }> {
  const store = await openDatabase(options);
  try {
    const migrations = await migrateOrStop(store.db);
    return { ...store, migrations };
  } catch (error) {
    await store.close();
    throw error;
  }
}
