// `longitude study load|list|show` against a real embedded database in a temporary folder.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openAndMigrate } from '../../src/store/database.js';
import { createResponse, listResponses } from '../../src/store/queries/responses.js';
import { getWave } from '../../src/store/queries/waves.js';
import { cli } from '../support/cli.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');
let work: string;
let studyDir: string;
let env: Record<string, string>;

const studyYaml = `id: demo
title: { en: 'Demo study', ru: 'Демо' }
languages: [en, ru]
default_language: en
consent: { version: 2, text: { en: 'Consent', ru: 'Согласие' } }
channels:
  - { code: telegram, name: Telegram channel }
waves:
  - { id: wave-1, file: wave-1.yaml, title: { en: 'March', ru: 'Март' } }
`;

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'longitude-cli-'));
  studyDir = path.join(work, 'demo');
  await rm(studyDir, { recursive: true, force: true });
  await import('node:fs/promises').then((fs) => fs.mkdir(studyDir));
  await writeFile(path.join(studyDir, 'study.yaml'), studyYaml);
  await copyFile(path.join(fixtures, 'small-wave.yaml'), path.join(studyDir, 'wave-1.yaml'));
  env = { LONGITUDE_DATA: path.join(work, 'data') };
});
afterEach(async () => {
  await rm(work, { recursive: true, force: true });
});

async function withDb<T>(
  fn: (db: Awaited<ReturnType<typeof openAndMigrate>>['db']) => Promise<T>,
): Promise<T> {
  const store = await openAndMigrate({ dataDir: env.LONGITUDE_DATA });
  try {
    return await fn(store.db);
  } finally {
    await store.close();
  }
}

describe('longitude study', () => {
  it('loads a study, lists it and shows it', async () => {
    const load = await cli(['study', 'load', studyDir], env);
    expect(load.code).toBe(0);
    expect(load.out).toBe(
      "Study 'demo' created.\n  wave wave-1: questionnaire version 1 (new)\n  channels: telegram\n",
    );
    const list = await cli(['study', 'list'], env);
    expect(list.out).toBe('demo\tDemo study\t1 wave(s)\t0 response(s)\n');
    const show = await cli(['study', 'show', 'demo', '--json'], env);
    const json = JSON.parse(show.out);
    expect(json).toMatchObject({
      id: 'demo',
      languages: ['en', 'ru'],
      consentVersion: 2,
      waves: [{ id: 'wave-1', version: 1, versions: 1, pages: 4, variables: 13, responses: 0 }],
      channels: [{ code: 'telegram', name: 'Telegram channel' }],
    });
    const text = await cli(['study', 'show', 'demo'], env);
    expect(text.out).toContain(
      'wave-1: version 1 of 1, 4 pages, 13 variables, 0 response(s); open (no dates)',
    );
  });

  it('changes nothing when a check fails, and says why', async () => {
    await cli(['study', 'load', studyDir], env);
    const original = await readFile(path.join(studyDir, 'wave-1.yaml'), 'utf8');
    await writeFile(
      path.join(studyDir, 'wave-1.yaml'),
      original.replace('list: yes_no', 'list: yes_noo'),
    );
    await writeFile(path.join(studyDir, 'study.yaml'), studyYaml.replace('Demo study', 'Renamed'));
    const r = await cli(['study', 'load', studyDir], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('has 1 problem(s); nothing was changed');
    expect(r.err.split('\n').filter((l) => l.includes('wave-1.yaml'))).toHaveLength(1);
    expect(r.err).toContain("[still_in_russia] Choice list 'yes_noo' does not exist.");
    const list = await cli(['study', 'list'], env);
    expect(list.out).toContain('Demo study');
  });

  it('replaces an unanswered questionnaire, and freezes one that has responses', async () => {
    await cli(['study', 'load', studyDir], env);
    const unchanged = await cli(['study', 'load', studyDir, '--json'], env);
    expect(JSON.parse(unchanged.out).waves).toEqual([
      { id: 'wave-1', version: 1, change: 'unchanged' },
    ]);

    const file = path.join(studyDir, 'wave-1.yaml');
    const original = await readFile(file, 'utf8');
    await writeFile(file, original.replace("'Welcome.'", "'Welcome!'"));
    const replaced = await cli(['study', 'load', studyDir, '--json'], env);
    expect(JSON.parse(replaced.out).waves).toEqual([
      { id: 'wave-1', version: 1, change: 'replaced' },
    ]);

    const firstVersion = await withDb(async (db) => {
      const wave = await getWave(db, 'demo', 'wave-1');
      await createResponse(db, {
        studyId: 'demo',
        waveId: 'wave-1',
        questionnaireVersionId: wave!.questionnaireVersionId!,
        channelCode: null,
        language: 'en',
        currentPage: 'start',
        now: new Date(),
      });
      return wave!.questionnaireVersionId!;
    });
    await writeFile(file, original.replace("'Welcome.'", "'Hello.'"));
    const frozen = await cli(['study', 'load', studyDir, '--json'], env);
    expect(JSON.parse(frozen.out).waves).toEqual([
      { id: 'wave-1', version: 2, change: 'new-version' },
    ]);
    await withDb(async (db) => {
      const wave = await getWave(db, 'demo', 'wave-1');
      expect(wave!.questionnaireVersionId).not.toBe(firstVersion);
      const [response] = await listResponses(db, { studyId: 'demo' });
      expect(response!.questionnaireVersionId).toBe(firstVersion);
    });
    const show = JSON.parse((await cli(['study', 'show', 'demo', '--json'], env)).out);
    expect(show.waves[0]).toMatchObject({ version: 2, versions: 2, responses: 1 });
  });

  it('refuses to drop a wave that has responses', async () => {
    await cli(['study', 'load', studyDir], env);
    await withDb(async (db) => {
      const wave = await getWave(db, 'demo', 'wave-1');
      await createResponse(db, {
        studyId: 'demo',
        waveId: 'wave-1',
        questionnaireVersionId: wave!.questionnaireVersionId!,
        channelCode: 'telegram',
        language: 'en',
        currentPage: null,
        now: new Date(),
      });
    });
    await copyFile(path.join(studyDir, 'wave-1.yaml'), path.join(studyDir, 'wave-2.yaml'));
    const wave2 = (await readFile(path.join(studyDir, 'wave-2.yaml'), 'utf8')).replace(
      'wave: wave-1',
      'wave: wave-2',
    );
    await writeFile(path.join(studyDir, 'wave-2.yaml'), wave2);
    await writeFile(
      path.join(studyDir, 'study.yaml'),
      studyYaml.replace('{ id: wave-1, file: wave-1.yaml', '{ id: wave-2, file: wave-2.yaml'),
    );
    const r = await cli(['study', 'load', studyDir], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Wave 'wave-1' has 1 response(s) and cannot be removed from the study");
    const show = JSON.parse((await cli(['study', 'show', 'demo', '--json'], env)).out);
    expect(show.waves.map((w: { id: string }) => w.id)).toEqual(['wave-1']);
  });

  it('names a study that does not exist', async () => {
    await cli(['study', 'load', studyDir], env);
    const r = await cli(['study', 'show', 'nope'], env);
    expect(r.code).toBe(1);
    expect(r.err).toBe("longitude: No study 'nope'. Loaded studies: demo. (field study)\n");
  });

  it('stops on a bad setting, naming it', async () => {
    const r = await cli(['study', 'list'], { ...env, LONGITUDE_LOG_LEVEL: 'loud' });
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'LONGITUDE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").',
    );
  });
});
