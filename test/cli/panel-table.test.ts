// `longitude panel table` on the embedded database and on the PostgreSQL server: the panel
// scenario's responses linked by pseudonym, long and wide, as CSV the analysis room reads back.
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { columnText } from '../../src/analysis/dataset.js';
import { readCsv } from '../../src/formats/csv-read.js';
import { buildScenario, STUDY, type Scenario } from '../fieldwork/panel-scenario.js';
import { cli } from '../support/cli.js';
import { describeCliDatabases } from '../support/cli-databases.js';

describeCliDatabases('longitude panel table', (get) => {
  let env: Record<string, string>;
  let dir: string;
  let kind: string;
  let s: Scenario;
  beforeAll(async () => {
    ({ env, dir, kind } = get());
    s = await get().withDb((store) => buildScenario(store.db));
  });

  it('writes the long form: a row per panelist and wave answered', async () => {
    const r = await cli(['panel', 'table', '--study', STUDY, '--form', 'long'], env);
    expect(r.code).toBe(0);
    const data = readCsv(r.out, 'stdout');
    // 14 wave-1 entry responses + 7 panelists' wave-2 responses; people outside the panel not.
    expect(data.n).toBe(21);
    expect([...data.columns.keys()].slice(0, 9)).toEqual([
      'pseudonym',
      'wave',
      'response_id',
      'status',
      'completion_share',
      'channel',
      'language',
      'started_at',
      'completed_at',
    ]);
    const ids = columnText(data, 'response_id');
    const row = (key: string) => ids.indexOf(s.responses[key]!);
    const complete2 = row('complete:wave-2');
    expect(columnText(data, 'pseudonym')[complete2]).toBe(s.panelists.complete.pseudonym);
    expect(columnText(data, 'channel')[complete2]).toBe('personal link');
    expect(columnText(data, 'return_reasons')[complete2]).toBe('family work');
    // A formula in an answer is neutralised for spreadsheets.
    expect(columnText(data, 'comments')[complete2]).toBe("'=cmd|calc");
    expect(columnText(data, 'completed_at')[complete2]).toBe('2022-08-25T09:20:00.000Z');
    const partial2 = row('partial:wave-2');
    expect(columnText(data, 'status')[partial2]).toBe('abandoned');
    expect(columnText(data, 'completion_share')[partial2]).toBe('0.6');
    expect(columnText(data, 'language')[partial2]).toBe('en');
    expect(columnText(data, 'completed_at')[partial2]).toBeNull();
    expect(columnText(data, 'birth_year')[row('complete:wave-1')]).toBe('1980');
    expect(ids).not.toContain(s.responses['open-none:wave-2']);
  });

  it('writes the wide form to a file: a row per panelist, columns suffixed by wave', async () => {
    const file = path.join(dir, `wide-${kind}.csv`);
    const r = await cli(['panel', 'table', '--study', STUDY, '--form', 'wide', '--out', file], env);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/to .*wide-\w+\.csv: 15 row\(s\), \d+ column\(s\)\.$/m);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const data = readCsv(await readFile(file, 'utf8'), file);
    expect(data.n).toBe(15);
    const names = [...data.columns.keys()];
    expect(names.slice(0, 3)).toEqual(['pseudonym', 'entry_wave', 'response_id__wave-1']);
    expect(names).toContain('trust_general__wave-1');
    expect(names).toContain('trust_general__wave-2');
    expect(names).toContain('interest_local_politics__wave-2');
    expect(names).not.toContain('interest_local_politics__wave-1');
    const who = columnText(data, 'pseudonym');
    const at = (n: keyof Scenario['panelists']) => who.indexOf(s.panelists[n].pseudonym);
    expect(columnText(data, 'trust_general__wave-1')[at('partial')]).toBe('careful');
    expect(columnText(data, 'trust_general__wave-2')[at('partial')]).toBe('most');
    expect(columnText(data, 'status__wave-2')[at('started')]).toBe('in_progress');
    expect(columnText(data, 'status__wave-2')[at('opened')]).toBeNull();
    expect(columnText(data, 'entry_wave')[at('newcomer')]).toBe('wave-2');
    expect(columnText(data, 'status__wave-1')[at('newcomer')]).toBeNull();
    expect(columnText(data, 'channel__wave-2')[at('panelCode')]).toBe('panel code');

    // The file is a dataset `longitude analyze` takes as it is.
    const spec = path.join(dir, 'spec.yaml');
    await writeFile(
      spec,
      "analyses:\n  - { id: trust, kind: proportion, variable: 'trust_general__wave-1', value: most }\n",
    );
    const analysed = await cli(['analyze', '--data', file, '--spec', spec, '--json']);
    expect(analysed.code).toBe(0);
    // 7 of the 14 wave-1 panelists answered 'most'; the newcomer has no wave-1 answer.
    expect(JSON.parse(analysed.out).results.trust.estimates[0]).toMatchObject({
      estimate: 0.5,
      n: 14,
    });
  });

  it('prints JSON rows', async () => {
    const r = await cli(['panel', 'table', '--study', STUDY, '--form', 'wide', '--json'], env);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json).toMatchObject({ study: STUDY, form: 'wide', rows: 15 });
    expect(json.columns[0]).toBe('pseudonym');
    expect(json.data).toHaveLength(15);
    const complete = json.data.find(
      (d: Record<string, string>) => d.pseudonym === s.panelists.complete.pseudonym,
    );
    expect(complete['comments__wave-2']).toBe('=cmd|calc');
    expect(complete['response_id__wave-2']).toBe(s.responses['complete:wave-2']);
  });

  it('refuses a bad --form, an unknown study and an unwritable --out, writing nothing', async () => {
    const file = path.join(dir, 'never.csv');
    const form = await cli(
      ['panel', 'table', '--study', STUDY, '--form', 'tall', '--out', file],
      env,
    );
    expect(form.code).toBe(1);
    expect(form.err).toContain('--form must be long (a row per panelist and wave) or wide');
    const study = await cli(
      ['panel', 'table', '--study', 'nope', '--form', 'long', '--out', file],
      env,
    );
    expect(study.code).toBe(1);
    expect(study.err).toContain("There is no study 'nope'");
    await expect(stat(file)).rejects.toThrow();
    const out = await cli(
      [
        'panel',
        'table',
        '--study',
        STUDY,
        '--form',
        'long',
        '--out',
        path.join(dir, 'no', 'x.csv'),
      ],
      env,
    );
    expect(out.code).toBe(1);
    expect(out.err).toMatch(/^longitude: --out: cannot write .*x\.csv/);
  });
});

it('has --help', async () => {
  const r = await cli(['panel', 'table', '--help']);
  expect(r.code).toBe(0);
  expect(r.out).toContain('--form <form>');
});
