// `longitude quality run | report | decide` on both databases, with the example study's rules.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { cli } from '../support/cli.js';
import { describeCliDatabases } from '../support/cli-databases.js';
import { completedResponse, seedPanel } from '../support/panel.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const rulesFile = path.join(example, 'quality.yaml');

describeCliDatabases('longitude quality', (get) => {
  let env: Record<string, string>;
  let ids: string[];
  beforeAll(async () => {
    env = get().env;
    expect((await cli(['study', 'load', example], env)).code).toBe(0);
    ids = await get().withDb(async (s) => {
      const out: string[] = [];
      // Two eligible respondents, one still in Russia.
      for (const status of ['left_after', 'left_after', 'planning']) {
        const id = await completedResponse(s.db, 'exile-panel', 'wave-1', 'ru');
        await s.db
          .updateTable('responses')
          .set({
            answers: JSON.stringify({ migration_status: status, left_date: '2022-03-05' }),
            completion_share: 1,
          })
          .where('id', '=', id)
          .execute();
        out.push(id);
      }
      return out;
    });
  });

  it('runs the rules, prints the flow, and takes decisions', async () => {
    const missing = await cli(['quality', 'run', '--study', 'exile-panel'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('give its rules with --rules quality.yaml');

    const run = await cli(
      ['quality', 'run', '--study', 'exile-panel', '--rules', rulesFile, '--wave', 'wave-1'],
      env,
    );
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Checked 3 responses with');
    expect(run.out).toContain('Wave wave-1: 2 kept');
    const again = await cli(['quality', 'run', '--study', 'exile-panel', '--json'], env);
    expect(JSON.parse(again.out)).toMatchObject({ run: { responses: 3, added: 0, removed: 0 } });

    const bad = await cli(
      ['quality', 'decide', '--study', 'exile-panel', '--response', ids[2]!, '--note', 'x'],
      env,
    );
    expect(bad.err).toContain('Say --keep or --drop');
    const keep = await cli(
      [
        'quality',
        'decide',
        '--study',
        'exile-panel',
        '--response',
        ids[2]!,
        '--keep',
        '--note',
        'left the next day',
        '--by',
        'anna',
      ],
      env,
    );
    expect(keep.out).toContain('keep (by anna: left the next day)');
    const report = await cli(
      ['quality', 'report', '--study', 'exile-panel', '--wave', 'wave-1', '--json'],
      env,
    );
    const { flows } = JSON.parse(report.out) as { flows: { waveId: string; kept: string[] }[] };
    expect(flows.map((f) => f.waveId)).toEqual(['wave-1']);
    expect(flows[0]!.kept).toEqual(ids);
  });

  it('compares wave-1 answers of panelists who came back with those who did not', async () => {
    const bad = await cli(
      ['quality', 'attrition', '--study', 'exile-panel', '--variables', 'gender:colour'],
      env,
    );
    expect(bad.err).toContain("'gender:colour' must be NAME or NAME:KIND");
    const unknown = await cli(
      ['quality', 'attrition', '--study', 'exile-panel', '--variables', 'shoe_size'],
      env,
    );
    expect(unknown.err).toContain("wave 'wave-1' has no variable 'shoe_size'");
    await get().withDb(async (s) => {
      const people = Array.from({ length: 8 }, () => ({
        choice: { kind: 'code' as const },
        language: 'en',
      }));
      const seeded = await seedPanel(s.db, 'exile-panel', 'wave-1', people);
      for (const [k, p] of seeded.entries()) {
        await s.db
          .updateTable('responses')
          .set({
            answers: JSON.stringify({
              migration_status: 'left_after',
              left_date: '2022-03-05',
              gender: k % 2 === 0 ? 'female' : 'male',
              birth_year: 1980 + k,
            }),
          })
          .where('id', '=', p.responseId)
          .execute();
        if (k < 4) {
          const id = await completedResponse(s.db, 'exile-panel', 'wave-2', 'en');
          const panelist = await s.db
            .selectFrom('responses')
            .select('panelist_id')
            .where('id', '=', p.responseId)
            .executeTakeFirstOrThrow();
          await s.db
            .updateTable('responses')
            .set({ panelist_id: panelist.panelist_id })
            .where('id', '=', id)
            .execute();
        }
      }
    });
    const run = await cli(
      [
        'quality',
        'attrition',
        '--study',
        'exile-panel',
        '--variables',
        'gender:categorical,birth_year:numeric',
        '--json',
      ],
      env,
    );
    expect(run.err).toBe('');
    const { rows } = JSON.parse(run.out) as {
      rows: { variable: string; test: string; n_responders: number; n_nonresponders: number }[];
    };
    expect(rows.map((r) => [r.variable, r.n_responders, r.n_nonresponders])).toEqual([
      ['gender', 4, 4],
      ['birth_year', 4, 4],
      ['birth_year', 4, 4],
    ]);
    const text = await cli(
      [
        'quality',
        'attrition',
        '--study',
        'exile-panel',
        '--variables',
        'gender,birth_year:numeric',
      ],
      env,
    );
    expect(text.out).toContain('birth_year');
  });
});
