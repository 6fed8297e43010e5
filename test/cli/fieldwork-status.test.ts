// `longitude fieldwork status` on the embedded database and on the PostgreSQL server, over the
// panel scenario of test/fieldwork/panel-scenario.ts (wave 2 is long closed by the real clock).
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { buildScenario, STUDY } from '../fieldwork/panel-scenario.js';
import { seedPanel } from '../support/panel.js';
import { cli } from '../support/cli.js';
import { describeCliDatabases } from '../support/cli-databases.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

describeCliDatabases('longitude fieldwork status', (get) => {
  let env: Record<string, string>;
  beforeAll(async () => {
    env = get().env;
    await get().withDb(async (store) => {
      await buildScenario(store.db);
      // A second study whose only panelist's invitation bounced: rates without a value.
      await loadStudyFolder(store.db, example);
      const [p] = await seedPanel(store.db, 'exile-panel', 'wave-1', [
        { choice: { kind: 'code' }, language: 'ru' },
      ]);
      const { id } = await store.db
        .selectFrom('panelists')
        .select('id')
        .where('pseudonym', '=', p!.pseudonym!)
        .executeTakeFirstOrThrow();
      await store.db
        .insertInto('invitations')
        .values({
          study_id: 'exile-panel',
          wave_id: 'wave-2',
          token_hash: 'f'.repeat(64),
          panelist_id: id,
          state: 'bounced',
        })
        .execute();
    });
  });

  it('prints dispositions, codes, rates and retention as tables', async () => {
    const r = await cli(['fieldwork', 'status', '--study', STUDY, '--wave', 'wave-2'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Wave wave-2 (closed)');
    expect(r.out).toContain('Panelists from earlier waves: 14');
    expect(r.out).toMatch(/^ {2}complete +2 +I$/m);
    expect(r.out).toMatch(/^ {2}partial +2 +P$/m);
    expect(r.out).toMatch(/^ {2}not_invited +2 +\(left out of the rates\)$/m);
    expect(r.out).toMatch(/^ {2}NC +3$/m);
    expect(r.out).toMatch(/^ {2}RR1 +18\.2%$/m); // 2/11
    expect(r.out).toMatch(/^ {2}RR2 +36\.4%$/m); // 4/11
    expect(r.out).toContain('e = 0.909 (estimated)'); // 10/11
    expect(r.out).toMatch(/^ {4}personal link +3$/m);
    expect(r.out).toMatch(/^ {4}panel-only +3$/m);
    expect(r.out).toContain('a wave counts as completed with a complete response only');
    expect(r.out).toMatch(/wave-2 +wave-1 +14\.3% \(2\/14\) +85\.7% \(12\/14\) +14\.3% \(2\/14\)/);
    expect(r.out).not.toContain('Wave wave-1');
  });

  it('takes e and counts partials for retention when asked', async () => {
    const r = await cli(['fieldwork', 'status', '--study', STUDY, '--e', '0.5', '--partials'], env);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Joined the panel in this wave: 14');
    expect(r.out).toMatch(/^ {2}RR3 +19\.0%$/m); // 2 / (10 + 0.5 × 1)
    expect(r.out).toContain('e = 0.500 (given)');
    expect(r.out).toMatch(/wave-2 +wave-1 +28\.6% \(4\/14\)/);
  });

  it('says why a rate has no value', async () => {
    const r = await cli(['fieldwork', 'status', '--study', 'exile-panel', '--wave', 'wave-2'], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}bounced +1 +UO$/m);
    expect(r.out).toMatch(/^ {2}RR1 +0\.0%$/m);
    expect(r.out).toMatch(
      /^ {2}COOP1 +not defined \(no cases in the denominator \(\(I\+P\) \+ R \+ O\)\)$/m,
    );
    expect(r.out).toMatch(
      /^ {2}RR3 +not defined \(e is not defined and there are cases of unknown eligibility \(UH\+UO\)\)$/m,
    );
  });

  it('prints everything as JSON', async () => {
    const r = await cli(['fieldwork', 'status', '--study', STUDY, '--json'], env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.study).toBe(STUDY);
    expect(json.rule).toEqual({ partialShare: 0.5 });
    expect(json.retentionCounts).toBe('complete');
    expect(json.waves.map((w: { wave: string }) => w.wave)).toEqual(['wave-1', 'wave-2']);
    expect(json.waves[1].codes).toEqual({ I: 2, P: 2, R: 3, NC: 3, O: 0, UH: 0, UO: 1, NE: 1 });
    expect(json.waves[1].rates.RR1.value).toBeCloseTo(2 / 11, 12);
    expect(json.waves[1].responses.byChannel).toEqual({
      'personal link': 3,
      'panel code': 3,
      noda: 1,
      'telegram-outrush': 1,
      none: 1,
    });
    expect(json.retention[0].attrition).toEqual({
      numerator: 12,
      denominator: 14,
      value: 12 / 14,
    });
  });

  it('names an unknown study, an unknown wave and a bad --e in one line', async () => {
    const study = await cli(['fieldwork', 'status', '--study', 'nope'], env);
    expect(study.code).toBe(1);
    expect(study.err).toBe(
      "longitude: There is no study 'nope'. Load it first: longitude study load DIR (field study)\n",
    );
    const wave = await cli(['fieldwork', 'status', '--study', STUDY, '--wave', 'wave-9'], env);
    expect(wave.code).toBe(1);
    expect(wave.err).toContain("has no wave 'wave-9'; its waves are wave-1, wave-2.");
    for (const e of ['1.5', 'half', '']) {
      const bad = await cli(['fieldwork', 'status', '--study', STUDY, '--e', e], env);
      expect(bad.code).toBe(1);
      expect(bad.err).toContain(`--e must be a number between 0 and 1`);
      expect(bad.err.trim().split('\n')).toHaveLength(1);
    }
    const missing = await cli(['fieldwork', 'status'], env);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("required option '--study <study>' not specified");
  });
});

it('has --help', async () => {
  const r = await cli(['fieldwork', 'status', '--help']);
  expect(r.code).toBe(0);
  expect(r.out).toContain('--e <share>');
  expect(r.out).toContain('--partials');
});
