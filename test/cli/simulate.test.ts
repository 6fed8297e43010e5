// `longitude simulate --truth PATH` on both databases: a truth file that could not be written at
// the end stops the command before anything is simulated, naming the flag and the path.
import { stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { listResponses } from '../../src/store/queries/responses.js';
import { cli } from '../support/cli.js';
import { describeCliDatabases } from '../support/cli-databases.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

describeCliDatabases('longitude simulate', (get) => {
  let env: Record<string, string>;
  let dir: string;
  const simulate = (truth: string) =>
    cli(
      [
        'simulate',
        '--study',
        'exile-panel',
        '--wave',
        'wave-1',
        '--n',
        '5',
        '--seed',
        '1',
        '--start',
        '2022-03-21',
        '--truth',
        truth,
      ],
      env,
    );
  const responses = () =>
    get().withDb(async (s) => (await listResponses(s.db, { studyId: 'exile-panel' })).length);

  beforeAll(async () => {
    ({ env, dir } = get());
    expect((await cli(['study', 'load', example], env)).code).toBe(0);
  });

  it('refuses a truth file it could not write, before simulating anything', async () => {
    const plain = path.join(dir, 'plain.txt');
    await writeFile(plain, 'not a folder');
    const cases: [string, string][] = [
      [path.join(dir, 'no-such-folder', 'w1.json'), 'does not exist'],
      [dir, 'it is a folder'],
      [path.join(plain, 'w1.json'), 'is not a folder'],
    ];
    for (const [truth, why] of cases) {
      const r = await simulate(truth);
      expect(r.code, truth).toBe(1);
      expect(r.err).toContain(`--truth ${truth}: cannot be written (`);
      expect(r.err).toContain(why);
      expect(r.err).toContain('nothing was simulated');
      expect(r.out).toBe('');
    }
    expect(await responses()).toBe(0);
  });

  it('simulates and writes the truth file where it can', async () => {
    const truth = path.join(dir, 'w1.json');
    const r = await simulate(truth);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('responses\t5');
    expect((await stat(truth)).mode & 0o777).toBe(0o600);
    expect(await responses()).toBe(5);
  });
});
