import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAndMigrate } from '../../src/store/database.js';
import { createResponse, savePage } from '../../src/store/queries/responses.js';
import { getWave } from '../../src/store/queries/waves.js';
import { cli } from '../support/cli.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'longitude-links-'));
  env = { LONGITUDE_DATA: dir };
  expect((await cli(['study', 'load', example], env)).code).toBe(0);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('longitude links', () => {
  it("prints each channel's open link", async () => {
    const r = await cli(['links', '--study', 'exile-panel', '--wave', 'wave-2'], {
      ...env,
      LONGITUDE_PUBLIC_URL: 'https://survey.example.org/',
    });
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(
      '-\thttps://survey.example.org/s/exile-panel/wave-2\tno channel (unattributed)',
    );
    expect(lines).toContain(
      'noda\thttps://survey.example.org/s/exile-panel/wave-2/c/noda\tNoda (formerly OK Russians)',
    );
    expect(lines).toHaveLength(6);
    const json = JSON.parse(
      (await cli(['links', '--study', 'exile-panel', '--wave', 'wave-1', '--json'], env)).out,
    );
    expect(json.links[1]).toEqual({
      channel: 'telegram-outrush',
      name: 'OutRush Telegram channel',
      url: 'http://127.0.0.1:3000/s/exile-panel/wave-1/c/telegram-outrush',
    });
  });

  it('names a wave that does not exist', async () => {
    const r = await cli(['links', '--study', 'exile-panel', '--wave', 'wave-9'], env);
    expect(r.code).toBe(1);
    expect(r.err).toContain('There is no such survey.');
  });
});

describe('longitude responses show', () => {
  it('prints answers, status, completion share and the page log with timings', async () => {
    const store = await openAndMigrate({ dataDir: dir });
    const wave = await getWave(store.db, 'exile-panel', 'wave-1');
    const r = await createResponse(store.db, {
      studyId: 'exile-panel',
      waveId: 'wave-1',
      questionnaireVersionId: wave!.questionnaireVersionId!,
      channelCode: 'noda',
      language: 'ru',
      currentPage: 'start',
      now: new Date('2022-03-20T10:00:00Z'),
    });
    await savePage(store.db, {
      responseId: r.id,
      pageId: 'start',
      saveId: 'save-0001',
      answers: { migration_status: 'left_after', left_date: '2022-03-05' },
      shownAt: new Date('2022-03-20T10:00:00Z'),
      savedAt: new Date('2022-03-20T10:00:42Z'),
      completionShare: 0.1,
      currentPage: 'where',
    });
    await store.close();
    const text = await cli(
      ['responses', 'show', '--study', 'exile-panel', '--wave', 'wave-1'],
      env,
    );
    expect(text.out).toContain(`${r.id}  wave-1  in_progress  10%  channel noda  ru  42 s`);
    expect(text.out).toContain('  pages: start (42 s)');
    expect(text.out).toContain('  left_date = "2022-03-05"');
    const json = JSON.parse(
      (await cli(['responses', 'show', '--study', 'exile-panel', '--json'], env)).out,
    );
    expect(json.responses[0]).toMatchObject({
      status: 'in_progress',
      completionShare: 0.1,
      channel: 'noda',
      durationSeconds: 42,
      pages: [{ page: 'start', seconds: 42 }],
    });
  });
});
