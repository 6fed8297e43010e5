// The start-up path as a researcher runs it: `npm start` on the embedded database, and the
// same command with DATABASE_URL on a PostgreSQL server. Not the library: the real command.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../bench/server-process.js';
import { createServerDatabase, type ServerDatabase } from './support/server-database.js';

const root = path.resolve(import.meta.dirname, '..');

type Started = ServerProcess;

const start = (env: Record<string, string>): Promise<Started> =>
  startServer({ LONGITUDE_LOG_LEVEL: 'info', ...env }, [], ['npm', 'start']);

/** The research pages answer only to the owner's token. */
const token = 'the-owner-research-token-0123456789';
const research = { headers: { authorization: `Bearer ${token}` } };

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

/** Waits until the output holds `text`. */
async function waitFor(started: Started, text: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!started.output().includes(text)) {
    if (Date.now() > until) throw new Error(`no '${text}' after ${ms} ms:\n${started.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
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
    const started = await start({
      LONGITUDE_DATA: data,
      LONGITUDE_EMPTY: '1',
      LONGITUDE_RESEARCH_TOKEN: token,
    });
    try {
      const health = await (await fetch(new URL('/health', started.url))).json();
      expect(health).toEqual({ ok: true });
      const { studies } = (await (
        await fetch(new URL('/api/studies', started.url), research)
      ).json()) as {
        studies: { id: string; waves: { id: string }[] }[];
      };
      expect(studies.map((s) => s.id)).toEqual(['exile-panel']);
      expect(studies[0]!.waves.map((w) => w.id)).toEqual(['wave-1', 'wave-2']);
      const home = await (await fetch(started.url, research)).text();
      expect(home).toContain('exile-panel');
      expect(started.output()).toContain('embedded database in');
      expect(started.output()).not.toContain('Simulating');
    } finally {
      expectCleanStop(await stop(started));
    }
    // The data survived the stop: a second start finds the study and does not load it again.
    const again = await start({
      LONGITUDE_DATA: data,
      LONGITUDE_EMPTY: '1',
      LONGITUDE_RESEARCH_TOKEN: token,
    });
    try {
      expect(again.output()).not.toContain('Loaded the example study');
      const { studies } = (await (
        await fetch(new URL('/api/studies', again.url), research)
      ).json()) as {
        studies: unknown[];
      };
      expect(studies).toHaveLength(1);
    } finally {
      await stop(again);
    }
  });

  it('on a first run simulates the example, checks it, builds its report and prints where; later starts reuse it', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'longitude-start-'));
    cleanups.push(() => rm(data, { recursive: true, force: true }));
    // A small study keeps the test short; `npm run bench` times the full-size first run.
    const small = {
      LONGITUDE_DATA: data,
      LONGITUDE_DEMO_N1: '300',
      LONGITUDE_DEMO_N2: '400',
      LONGITUDE_EMPTY: '0',
    };
    const started = await start(small);
    try {
      // The survey answers while the study is being simulated.
      expect(await (await fetch(new URL('/health', started.url))).json()).toMatchObject({
        ok: true,
      });
      await waitFor(started, 'Ready in', 240_000);
      const out = started.output();
      expect(out).toMatch(/Simulated \d+ complete responses in wave 1 and \d+ in wave 2/);
      expect(out).toMatch(/Checked \d+ responses with the example's quality rules/);
      expect(out).toContain(`${started.url}s/exile-panel/wave-1`);
      expect(out).toMatch(/wave-2: http:\/\/\S+\/s\/exile-panel\/wave-2/);
      const report = path.join(data, 'report', 'index.html');
      expect(out).toContain(`Report: ${report}`);
      expect((await readFile(report, 'utf8')).startsWith('<!doctype html>')).toBe(true);
      expect(out).toMatch(/Wave wave-2 \(/);
      expect(out).toContain('RR1');
    } finally {
      expectCleanStop(await stop(started));
    }
    const again = await start(small);
    try {
      await waitFor(again, 'Ready in', 120_000);
      expect(again.output()).toMatch(/The example study has \d+ responses already: using them\./);
      expect(again.output()).not.toContain('Simulating');
    } finally {
      expectCleanStop(await stop(again));
    }
  }, 420_000);

  it('stops cleanly in the middle of the first run', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'longitude-start-'));
    cleanups.push(() => rm(data, { recursive: true, force: true }));
    const started = await start({ LONGITUDE_DATA: data, LONGITUDE_EMPTY: '0' });
    await waitFor(started, 'Simulating', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expectCleanStop(await stop(started));
    expect(started.output()).not.toContain('Ready in');
  }, 120_000);

  it('uses the PostgreSQL server named by DATABASE_URL', async () => {
    const server: ServerDatabase = await createServerDatabase();
    cleanups.push(() => server.drop());
    const data = await mkdtemp(path.join(tmpdir(), 'longitude-start-'));
    cleanups.push(() => rm(data, { recursive: true, force: true }));
    const started = await start({
      DATABASE_URL: server.url,
      LONGITUDE_DATA: data,
      LONGITUDE_EMPTY: '1',
    });
    try {
      const health = await (await fetch(new URL('/health', started.url))).json();
      expect(health).toEqual({ ok: true });
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
    const proxy = await run({ LONGITUDE_TRUST_PROXY: 'everyone' });
    expect(proxy.code).toBe(1);
    expect(proxy.output).toContain(
      'LONGITUDE_TRUST_PROXY must be the number of proxies in front of the server (1 to 10) or their addresses',
    );
    const short = await run({ LONGITUDE_RESEARCH_TOKEN: 'too-short-a-secret' });
    expect(short.code).toBe(1);
    expect(short.output).toContain('LONGITUDE_RESEARCH_TOKEN must be at least 32 characters');
    expect(short.output).not.toContain('too-short-a-secret');
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
      LONGITUDE_EMPTY: '1',
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
        expect(await res.json()).toEqual({ ok: true });
      }
      expect(await server.query('select id from studies')).toEqual([{ id: 'exile-panel' }]);
    } finally {
      expectCleanStop(await stop(started));
    }
  });
});
