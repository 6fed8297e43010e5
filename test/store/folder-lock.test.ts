// One process at a time owns an embedded data folder: the lock is taken and released, a lock
// left by a dead process is taken over, and of processes taking it at the same moment only one
// wins.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  folderHolder,
  lockFolder,
  lockFolderName,
  processStart,
} from '../../src/store/folder-lock.js';

const root = path.resolve(import.meta.dirname, '../..');
const taker = path.join(root, 'test/support/lock-taker.ts');

interface Taker {
  child: ChildProcess;
  /** The first line: `won` or `held by PID`. */
  said: Promise<string>;
  exited: Promise<void>;
}

function take(dir: string, holdMs: string, startAt = 0): Taker {
  const child = spawn(process.execPath, ['--import', 'tsx', taker, dir, holdMs, String(startAt)], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const said = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.on('exit', () => reject(new Error(`exited without a word: ${out}`)));
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, said, exited };
}

const entries = (dir: string): string[] =>
  readdirSync(path.join(dir, lockFolderName)).filter((n) => n.startsWith('holder-'));

describe('the data folder lock', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'longitude-lock-'));
  });
  afterEach(async () => {
    for (const c of children.splice(0)) if (c.exitCode === null) c.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
  });

  it('is taken with the owner named, refused to a second taker, and released', async () => {
    const first = await lockFolder(dir, 'longitude serve', new Date('2026-03-01T10:00:00Z'));
    if (!('lock' in first)) throw new Error('not taken');
    expect(entries(dir)).toHaveLength(1);
    const second = await lockFolder(dir, 'longitude links');
    expect(second).toEqual({
      heldBy: {
        pid: process.pid,
        command: 'longitude serve',
        since: '2026-03-01T10:00:00.000Z',
        host: expect.any(String),
      },
    });
    expect(entries(dir)).toHaveLength(1);
    first.lock.release();
    expect(entries(dir)).toHaveLength(0);
    expect(folderHolder(dir)).toBeUndefined();
    const third = await lockFolder(dir, 'longitude links');
    expect('lock' in third).toBe(true);
    if ('lock' in third) third.lock.release();
  });

  it(
    'is released when its process exits or is stopped by a signal',
    { timeout: 60_000 },
    async () => {
      const quick = take(dir, '0');
      children.push(quick.child);
      expect(await quick.said).toBe('won');
      await quick.exited;
      expect(entries(dir)).toHaveLength(0);

      const stopped = take(dir, 'forever');
      children.push(stopped.child);
      expect(await stopped.said).toBe('won');
      expect(folderHolder(dir)?.pid).toBe(stopped.child.pid);
      stopped.child.kill('SIGTERM');
      await stopped.exited;
      expect(stopped.child.signalCode).toBe('SIGTERM');
      expect(entries(dir)).toHaveLength(0);
    },
  );

  it('left by a killed process is taken over', { timeout: 60_000 }, async () => {
    const killed = take(dir, 'forever');
    children.push(killed.child);
    expect(await killed.said).toBe('won');
    expect('heldBy' in (await lockFolder(dir, 'longitude links'))).toBe(true);
    killed.child.kill('SIGKILL');
    await killed.exited;
    expect(entries(dir)).toHaveLength(1);
    const after = await lockFolder(dir, 'longitude links');
    if (!('lock' in after)) throw new Error(`not taken over: ${JSON.stringify(after)}`);
    expect(entries(dir)).toHaveLength(1);
    after.lock.release();
  });

  it('whose pid now belongs to another process is taken over', async () => {
    // This process's pid, but a process that started at another time: the pid was reused.
    const start = processStart(process.pid) ?? 0;
    const lockDir = path.join(dir, lockFolderName);
    await lockFolder(dir, 'x').then((a) => 'lock' in a && a.lock.release());
    const name = `holder-${process.pid}-${start + 1}-aaaaaaaaaaaa.json`;
    writeFileSync(
      path.join(lockDir, name),
      JSON.stringify({
        pid: process.pid,
        command: 'longitude serve',
        since: '2026-01-01T00:00:00Z',
        host: (await import('node:os')).hostname(),
      }),
    );
    if (start === 0) return; // no /proc here: the pid alone cannot tell
    const attempt = await lockFolder(dir, 'longitude links');
    if (!('lock' in attempt)) throw new Error('not taken over');
    expect(existsSync(path.join(lockDir, name))).toBe(false);
    attempt.lock.release();
  });

  it(
    'goes to exactly one of several processes taking a stale lock at once',
    { timeout: 120_000 },
    async () => {
      for (let round = 0; round < 2; round++) {
        // A lock left by a dead process, then four takers at the same moment.
        const dead = take(dir, 'forever');
        children.push(dead.child);
        expect(await dead.said).toBe('won');
        dead.child.kill('SIGKILL');
        await dead.exited;
        const startAt = Date.now() + 8000;
        const racers = Array.from({ length: 4 }, () => take(dir, 'forever', startAt));
        children.push(...racers.map((r) => r.child));
        const said = await Promise.all(racers.map((r) => r.said));
        const winners = racers.filter((_, i) => said[i] === 'won');
        expect(winners).toHaveLength(1);
        const winner = winners[0]!.child.pid;
        for (const s of said) if (s !== 'won') expect(s).toBe(`held by ${winner}`);
        expect(entries(dir)).toHaveLength(1);
        expect(folderHolder(dir)?.pid).toBe(winner);
        for (const r of racers) r.child.kill('SIGKILL');
        await Promise.all(racers.map((r) => r.exited));
      }
    },
  );
});
