// While `longitude serve` runs on the embedded database, other commands run as their own
// processes beside it give what they give without it (they use its database through the local
// channel); a connection without the token is refused; a second server refuses in one sentence.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { serialize } from 'node:v8';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kill, root, startServer, type ServerProcess } from '../../bench/server-process.js';
import { lockFolderName } from '../../src/store/folder-lock.js';
import { cli } from '../support/cli.js';

const example = path.join(root, 'examples/exile-panel');

interface Run {
  code: number;
  out: string;
  err: string;
}

/** `longitude ARGS` as its own process. */
function longitude(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/longitude.js', ...args],
      { cwd: root, env: { ...process.env, LONGITUDE_LOG_LEVEL: 'silent', ...env } },
      (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

/** Sends `bytes` as the first message and says whether the server answered or closed. */
function knock(port: number, bytes: Buffer): Promise<'answered' | 'closed'> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const head = Buffer.alloc(4);
    head.writeUInt32BE(bytes.length);
    socket.write(Buffer.concat([head, bytes]));
    socket.on('data', () => {
      socket.destroy();
      resolve('answered');
    });
    socket.on('close', () => resolve('closed'));
    socket.on('error', () => undefined);
  });
}

describe('commands beside a running embedded server', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: ServerProcess | undefined;
  const commands: [string, string[]][] = [
    ['links', ['links', '--study', 'exile-panel', '--wave', 'wave-1']],
    ['study show', ['study', 'show', 'exile-panel', '--json']],
    ['responses show', ['responses', 'show', '--study', 'exile-panel']],
    ['study load', ['study', 'load', example]],
  ];
  const exportArgs = (out: string) => [
    'export',
    '--study',
    'exile-panel',
    '--wave',
    'wave-1',
    '--sample',
    'all',
    '--format',
    'csv',
    '--out',
    out,
  ];
  const alone = new Map<string, Run>();

  beforeAll(async () => {
    // Built without blocking this worker (a blocked worker misses vitest's messages).
    await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
    dir = await mkdtemp(path.join(tmpdir(), 'longitude-beside-'));
    env = { LONGITUDE_DATA: path.join(dir, 'data') };
    expect((await cli(['study', 'load', example], env)).code).toBe(0);
    const simulated = await cli(
      ['simulate', '--study', 'exile-panel', '--wave', 'wave-1', '--n', '6', '--seed', '3'],
      env,
    );
    expect(simulated.err).toBe('');
    // What each command gives with no server running.
    for (const [name, args] of commands) alone.set(name, await longitude(args, env));
    alone.set('export', await longitude(exportArgs(path.join(dir, 'alone.csv')), env));
    server = await startServer(env);
  }, 600_000);

  afterAll(async () => {
    if (server) await kill(server, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('give the same output as without the server', { timeout: 300_000 }, async () => {
    for (const [name, args] of commands) {
      const beside = await longitude(args, env);
      expect(beside, name).toEqual(alone.get(name));
      expect(beside.code, name).toBe(0);
    }
    const exported = await longitude(exportArgs(path.join(dir, 'beside.csv')), env);
    // The same message but for the file's name and the time taken.
    const plain = (r: Run | undefined) => ({
      ...r,
      out: r?.out.replace(/(alone|beside)\.csv/, 'X.csv').replace(/in [\d.]+ s/, 'in T s'),
    });
    expect(plain(exported)).toEqual(plain(alone.get('export')));
    expect(exported.out).toMatch(/^Wrote [1-9]\d* rows/);
    const csv = await readFile(path.join(dir, 'beside.csv'), 'utf8');
    expect(csv).toBe(await readFile(path.join(dir, 'alone.csv'), 'utf8'));
    // The server still answers respondents.
    expect((await fetch(new URL('/health', server!.url))).status).toBe(200);
  });

  it('refuses a connection without the right token', async () => {
    const lockDir = path.join(env.LONGITUDE_DATA!, lockFolderName);
    const info = JSON.parse(readFileSync(path.join(lockDir, 'channel.json'), 'utf8')) as {
      port: number;
      token: string;
    };
    expect(
      (await import('node:fs')).statSync(path.join(lockDir, 'channel.json')).mode & 0o777,
    ).toBe(0o600);
    const query = serialize({ sql: 'select 1', parameters: [] });
    expect(await knock(info.port, query)).toBe('closed');
    expect(await knock(info.port, Buffer.from('0'.repeat(info.token.length)))).toBe('closed');
    expect(await knock(info.port, Buffer.from(info.token))).toBe('answered');
  });

  it('refuses a second server in one sentence naming the first', { timeout: 120_000 }, async () => {
    const second = await longitude(['serve'], { ...env, PORT: '0' });
    expect(second.code).toBe(1);
    expect(second.out).toBe('');
    expect(second.err).toMatch(
      new RegExp(
        `^longitude: The embedded database in ${env.LONGITUDE_DATA} is in use by 'longitude serve' \\(process ${server!.child.pid}, since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC\\): stop it first \\(Ctrl\\+C where it runs, or kill ${server!.child.pid}\\), or give this one another folder \\(LONGITUDE_DATA or --data\\)\\.\\n$`,
      ),
    );
  });

  it('leaves the folder free when the server stops', { timeout: 120_000 }, async () => {
    await kill(server!, 'SIGTERM');
    server = undefined;
    const lockDir = path.join(env.LONGITUDE_DATA!, lockFolderName);
    expect(await readdir(lockDir)).toEqual([]);
    expect((await longitude(commands[0]![1], env)).code).toBe(0);
  });
});
