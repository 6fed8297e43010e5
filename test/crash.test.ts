// Nothing acknowledged is lost when the server process is killed (SIGKILL) mid-fieldwork.
// Three trials per database here; `npm run bench` runs twenty each and prints the counts.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashTrial } from '../bench/crash.js';
import { root } from '../bench/server-process.js';
import { createServerDatabase, type ServerDatabase } from './support/server-database.js';

beforeAll(() => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
});

describe('crash safety', () => {
  let server: ServerDatabase;
  let dir: string;
  beforeAll(async () => {
    server = await createServerDatabase();
    dir = await mkdtemp(path.join(tmpdir(), 'longitude-crash-'));
  });
  afterAll(async () => {
    await server.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every acknowledged save on PostgreSQL', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 3; i++) {
      const t = await crashTrial(
        { DATABASE_URL: server.url },
        { databaseUrl: server.url },
        { respondents: 8, minMs: 300, maxMs: 1500 },
      );
      expect(t.acknowledged).toBeGreaterThan(0);
      expect({ missing: t.missing, inconsistent: t.inconsistent }).toEqual({
        missing: 0,
        inconsistent: 0,
      });
    }
  });

  it('keeps every acknowledged save on the embedded database', { timeout: 120_000 }, async () => {
    for (let i = 0; i < 3; i++) {
      const t = await crashTrial(
        { LONGITUDE_DATA: dir },
        { dataDir: dir },
        { respondents: 4, minMs: 300, maxMs: 1500 },
      );
      expect(t.acknowledged).toBeGreaterThan(0);
      expect({ missing: t.missing, inconsistent: t.inconsistent }).toEqual({
        missing: 0,
        inconsistent: 0,
      });
    }
  });
});
