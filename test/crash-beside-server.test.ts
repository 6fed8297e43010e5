// The embedded database survives a command run beside the server: respondents save pages, a
// `longitude` command runs as its own process against the same data folder, the server is
// killed (SIGKILL) at a random moment after, and on restart the database opens with every
// acknowledged save. (Before the folder had one owner, the command opened the folder itself,
// and the database never opened again.) `npm run bench` runs twenty such trials.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { besideCommands, crashTrial } from '../bench/crash.js';
import { root } from '../bench/server-process.js';

let dir: string;
beforeAll(async () => {
  // Built without blocking this worker (a blocked worker misses vitest's messages).
  await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root });
  dir = await mkdtemp(path.join(tmpdir(), 'longitude-crash-beside-'));
}, 600_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it(
  'keeps every acknowledged save with a command run beside the server',
  { timeout: 600_000 },
  async () => {
    for (const command of besideCommands.slice(0, 2)) {
      const t = await crashTrial(
        { LONGITUDE_DATA: dir },
        { dataDir: dir },
        { respondents: 4, minMs: 200, maxMs: 1500, command },
      );
      expect(t.command, command.join(' ')).toEqual({ code: 0, err: '' });
      expect(t.reopened).toBe(true);
      expect(t.acknowledged).toBeGreaterThan(0);
      expect({ missing: t.missing, inconsistent: t.inconsistent }).toEqual({
        missing: 0,
        inconsistent: 0,
      });
    }
  },
);
