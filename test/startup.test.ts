// The start-up path as a researcher runs it: `npm start` on the embedded database, and the
// same command with DATABASE_URL on a PostgreSQL server. Not the library: the real command.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../bench/server-process.js';
import { createServerDatabase, type ServerDatabase } from './support/server-database.js';

const root = path.resolve(import.meta.dirname, '..');

type Started = ServerProcess;

const start = (env: Record<string, string>): Promise<Started> =>
  startServer({ LONGITUDE_LOG_LEVEL: 'info', ...env }, [], ['npm', 'start']);

/**
 * Stops the server as Ctrl+C would: SIGTERM to npm and the server in its process group. npm
 * itself dies of the signal; the server must stop cleanly, which shows in its last words and
 * in its output closing (every writer, the server included, has exited).
 */
async function stop(started: Started): Promise<string> {
  const closed = new Promise<void>((resolve) => started.child.stdout!.on('close', resolve));
  process.kill(-started.child.pid!, 'SIGTERM');
  await closed;
  return started.output();
}

/**
 * A clean stop: the server said it was stopping, and after that only finished requests were
 * logged (a request whose response the client already has may log its completion a moment
 * later), never an error or a warning.
 */
function expectCleanStop(output: string): void {
  const at = output.lastIndexOf('Stopping…\n');
  expect(at, output).toBeGreaterThanOrEqual(0);
  const after = output
    .slice(at + 'Stopping…\n'.length)
    .split('\n')
    .filter((line) => line !== '');
  for (const line of after) {
    expect(JSON.parse(line) as { level: number }, line).toMatchObject({ level: 30 });
  }
}

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn('node', ['bin/longitude.js', 'serve'], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

// The command runs from dist/; bring it up to date (incremental, quick when nothing changed).
beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
});

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

describe('npm start', () => {
  it('serves on the embedded database with no other set-up and loads the example study', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'longitude-start-'));
    cleanups.push(() => rm(data, { recursive: true, force: true }));
    const started = await start({ LONGITUDE_DATA: data });
    try {
      const health = await (await fetch(new URL('/health', started.url))).json();
      expect(health).toEqual({ ok: true, database: 'embedded' });
      const { studies } = (await (await fetch(new URL('/api/studies', started.url))).json()) as {
        studies: { id: string; waves: { id: string }[] }[];
      };
      expect(studies.map((s) => s.id)).toEqual(['exile-panel']);
      expect(studies[0]!.waves.map((w) => w.id)).toEqual(['wave-1', 'wave-2']);
      const home = await (await fetch(started.url)).text();
      expect(home).toContain('exile-panel');
      expect(started.output()).toContain('embedded database in');
    } finally {
      expectCleanStop(await stop(started));
    }
    // The data survived the stop: a second start finds the study and does not load it again.
    const again = await start({ LONGITUDE_DATA: data });
    try {
      expect(again.output()).not.toContain('Loaded the example study');
      const { studies } = (await (await fetch(new URL('/api/studies', again.url))).json()) as {
        studies: unknown[];
      };
      expect(studies).toHaveLength(1);
    } finally {
      await stop(again);
    }
  });

  it('uses the PostgreSQL server named by DATABASE_URL', async () => {
    const server: ServerDatabase = await createServerDatabase();
    cleanups.push(() => server.drop());
    const data = await mkdtemp(path.join(tmpdir(), 'longitude-start-'));
    cleanups.push(() => rm(data, { recursive: true, force: true }));
    const started = await start({ DATABASE_URL: server.url, LONGITUDE_DATA: data });
    try {
      const health = await (await fetch(new URL('/health', started.url))).json();
      expect(health).toEqual({ ok: true, database: 'server' });
      expect(await server.query('select id from studies')).toEqual([{ id: 'exile-panel' }]);
      expect(await server.query('select count(*)::int as n from longitude_migrations')).not.toEqual(
        [{ n: 0 }],
      );
    } finally {
      expectCleanStop(await stop(started));
    }
  });

  it('stops with a sentence naming a bad variable and starts nothing', async () => {
    const bad = await run({ PORT: 'eighty' });
    expect(bad.code).toBe(1);
    expect(bad.output).toContain('PORT must be a whole number between 0 and 65535');
    const url = await run({ DATABASE_URL: 'mysql://localhost/x' });
    expect(url.code).toBe(1);
    expect(url.output).toContain('DATABASE_URL must be a PostgreSQL URL');
  });

  it('stops naming the database when the server cannot be reached', async () => {
    const down = await run({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(down.code).toBe(1);
    expect(down.output).toMatch(/cannot reach the PostgreSQL server/i);
  });

  it('runs several server processes on PostgreSQL, and refuses them on the embedded database', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'longitude-start-'));
    cleanups.push(() => rm(data, { recursive: true, force: true }));
    const embedded = await run({ LONGITUDE_WORKERS: '2', LONGITUDE_DATA: data });
    expect(embedded.code).toBe(1);
    expect(embedded.output).toContain(
      'LONGITUDE_WORKERS (--workers) above 1 needs a PostgreSQL server (DATABASE_URL)',
    );
    const server = await createServerDatabase();
    cleanups.push(() => server.drop());
    const started = await start({
      DATABASE_URL: server.url,
      LONGITUDE_DATA: data,
      LONGITUDE_WORKERS: '2',
    });
    try {
      // The line after the address says how many processes run.
      for (let k = 0; k < 50 && !started.output().includes('server processes'); k++)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(started.output()).toContain('2 server processes');
      // Requests on fresh connections are dealt out to the processes in turn; all answer.
      for (let k = 0; k < 6; k++) {
        const res = await fetch(new URL('/health', started.url), {
          headers: { connection: 'close' },
        });
        expect(await res.json()).toEqual({ ok: true, database: 'server' });
      }
      expect(await server.query('select id from studies')).toEqual([{ id: 'exile-panel' }]);
    } finally {
      expectCleanStop(await stop(started));
    }
  });
});
