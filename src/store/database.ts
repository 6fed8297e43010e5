/**
 * Opens the database: embedded PGlite (data in a folder) or a PostgreSQL server through `pg`.
 * Both speak the same SQL through Kysely, run the same migrations and query modules.
 *
 * Type parsing is set here, once, per connection (never globally): bigint (int8) and numeric
 * come back from PostgreSQL as text; ids and counts are parsed to numbers, refusing any that
 * JavaScript cannot hold exactly, and numeric to numbers, which statistics use anyway.
 */
import { mkdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import { Problem } from '../problems/problem.js';
import { connectChannel, readChannelInfo } from './channel-client.js';
import { openChannel } from './channel-server.js';
import { lockFolder, lockFolderName, type FolderHolder, type FolderLock } from './folder-lock.js';
import { migrateOrStop, type MigrationResult } from './migrator.js';
import type { Database } from './schema.js';

export interface Store {
  db: Kysely<Database>;
  kind: 'embedded' | 'server';
  /** Embedded, in the folder a running `longitude serve` owns: statements go through it. */
  throughServer?: { pid: number };
  /**
   * Lets other commands use this database while it is open (the embedded database in a folder
   * only: `longitude serve` calls it). Stopped by close().
   */
  share?(): Promise<void>;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** A PostgreSQL server; absent means the embedded database. */
  databaseUrl?: string;
  /** Folder of the embedded database; absent (with no URL) means in memory, for tests. */
  dataDir?: string;
  /** Who opens an embedded folder, for the lock (e.g. `longitude export`). */
  command?: string;
  /**
   * The folder for this process alone (a second `serve`): refuse instead of going through a
   * running server.
   */
  alone?: boolean;
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

/** How long a command waits for a starting or stopping server before giving up. */
const serverWaitMs = 60_000;

async function openEmbedded(options: StoreOptions): Promise<Store> {
  const { dataDir } = options;
  if (!dataDir) return openPglite(undefined, undefined);
  await mkdir(dataDir, { recursive: true });
  const command = options.command ?? 'longitude';
  const waitUntil = Date.now() + serverWaitMs;
  for (;;) {
    const attempt = await lockFolder(dataDir, command);
    if ('lock' in attempt) return openPglite(dataDir, attempt.lock);
    const holder = attempt.heldBy;
    const serving = /\bserve\b/.test(holder.command);
    if (!serving || options.alone) throw inUse(dataDir, holder, options);
    const info = readChannelInfo(path.join(dataDir, lockFolderName), holder.pid);
    if (info) {
      try {
        const db = await connectChannel<Database>(info);
        return {
          db,
          kind: 'embedded',
          throughServer: { pid: holder.pid },
          close: () => db.destroy(),
        };
      } catch {
        // Stopping, or not yet listening: try the folder again.
      }
    }
    // A server that is starting (migrating, loading the example) or stopping.
    if (Date.now() > waitUntil) throw inUse(dataDir, holder, options);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function inUse(dataDir: string, holder: FolderHolder, options: StoreOptions): Problem {
  const since = `${holder.since.slice(0, 16).replace('T', ' ')} UTC`;
  const elsewhere = holder.host && holder.host !== hostname() ? ` on ${holder.host}` : '';
  const who = `'${holder.command}' (process ${holder.pid}${elsewhere}, since ${since})`;
  const serving = /\bserve\b/.test(holder.command);
  const how = serving
    ? options.alone
      ? `stop it first (Ctrl+C where it runs, or kill ${holder.pid}), or give this one another folder (LONGITUDE_DATA or --data)`
      : `it did not answer; stop it (Ctrl+C where it runs, or kill ${holder.pid}) and run this command again`
    : `wait for it to finish or stop it (kill ${holder.pid}), then run this command again`;
  return new Problem(
    'store.in-use',
    `The embedded database in ${dataDir} is in use by ${who}: ${how}.`,
  );
}

async function openPglite(
  dataDir: string | undefined,
  lock: FolderLock | undefined,
): Promise<Store> {
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir ?? 'memory://', { parsers });
  } catch (error) {
    lock?.release();
    throw new Problem(
      'config.invalid',
      `The embedded database in ${dataDir} could not be opened: its files are damaged or were written by another version of Longitude; restore the folder from a backup, or start with an empty one.`,
      { field: 'LONGITUDE_DATA' },
      [(error as Error).message],
    );
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  let channel: { close(): Promise<void> } | undefined;
  return {
    db,
    kind: 'embedded',
    ...(dataDir && lock
      ? {
          async share() {
            channel ??= await openChannel(db as Kysely<unknown>, lock.dir);
          },
        }
      : {}),
    async close() {
      try {
        await channel?.close();
        await db.destroy();
      } finally {
        lock?.release();
      }
    },
  };
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
  return options.databaseUrl ? openServer(options.databaseUrl) : openEmbedded(options);
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
