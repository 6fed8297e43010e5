// Opening an embedded data folder: a folder another command holds is refused in one sentence
// naming it, before the database is touched; a folder PGlite cannot open is named in a sentence,
// never with the engine's own text, and is left unlocked.
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { lockFolder, lockFolderName } from '../../src/store/folder-lock.js';
import { cli } from '../support/cli.js';

describe('opening an embedded data folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'longitude-open-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('held by another command is refused in one sentence naming it', async () => {
    const held = await lockFolder(dir, 'longitude export', new Date('2026-03-01T10:00:00Z'));
    if (!('lock' in held)) throw new Error('not taken');
    try {
      const sentence = `The embedded database in ${dir} is in use by 'longitude export' (process ${process.pid}, since 2026-03-01 10:00 UTC): wait for it to finish or stop it (kill ${process.pid}), then run this command again.`;
      await expect(
        openDatabase({ dataDir: dir, command: 'longitude links' }),
      ).rejects.toMatchObject({ code: 'store.in-use', message: sentence });
      const r = await cli(['links', '--study', 'exile-panel', '--wave', 'wave-1'], {
        LONGITUDE_DATA: dir,
      });
      expect(r).toEqual({ code: 1, out: '', err: `longitude: ${sentence}\n` });
      // Nothing of the database was made in the folder.
      expect(await readdir(dir)).toEqual([lockFolderName]);
    } finally {
      held.lock.release();
    }
  });

  it(
    'that PGlite cannot open is named in a sentence and left unlocked',
    { timeout: 180_000 },
    async () => {
      // A folder that claims to be a database but holds nothing else.
      const damaged = path.join(dir, 'data');
      await mkdir(damaged);
      await writeFile(path.join(damaged, 'PG_VERSION'), '16\n');
      const error = await openDatabase({ dataDir: damaged }).then(
        () => undefined,
        (e: Error) => e,
      );
      expect(error).toMatchObject({
        code: 'config.invalid',
        message: `The embedded database in ${damaged} could not be opened: its files are damaged or were written by another version of Longitude; restore the folder from a backup, or start with an empty one.`,
      });
      expect(await readdir(path.join(damaged, lockFolderName))).toEqual([]);
    },
  );
});
