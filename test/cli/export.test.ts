// `longitude export` on both databases: the panel scenario's responses as CSV (codes and
// labels), SPSS, Stata, Parquet, DDI and codebooks; the panel in wide and long form; a
// public-use file; bad flags refused naming the flag, with nothing written.
import { execFileSync } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { columnText } from '../../src/analysis/dataset.js';
import { readCsv } from '../../src/formats/csv-read.js';
import { buildScenario, STUDY, type Scenario } from '../fieldwork/panel-scenario.js';
import { cli } from '../support/cli.js';
import { describeCliDatabases } from '../support/cli-databases.js';

describeCliDatabases('longitude export', (get) => {
  let env: Record<string, string>;
  let dir: string;
  let s: Scenario;
  beforeAll(async () => {
    ({ env, dir } = get());
    s = await get().withDb((store) => buildScenario(store.db));
  });
  const out = (name: string) => path.join(dir, name);
  const exportTo = (name: string, ...args: string[]) =>
    cli(['export', '--study', STUDY, '--out', out(name), ...args], env);

  it('writes CSV with codes and with labels, multiple choice as 0/1 columns', async () => {
    const codes = await exportTo('codes.csv', '--format', 'csv', '--sample', 'all');
    expect(codes.err).toBe('');
    expect(codes.code).toBe(0);
    expect(codes.out).toMatch(/^Wrote \d+ rows of \d+ variables \(all\) as csv to /m);
    const c = readCsv(await readFile(out('codes.csv'), 'utf8'), 'codes.csv');
    const labels = await exportTo(
      'labels.csv',
      '--format',
      'csv-labels',
      '--sample',
      'all',
      '--bom',
    );
    expect(labels.code).toBe(0);
    const text = await readFile(out('labels.csv'), 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const withLabels = readCsv(text, 'labels.csv');
    const ids = columnText(c, 'response_id');
    const row = ids.indexOf(s.responses['complete:wave-2']!);
    expect(row).toBeGreaterThanOrEqual(0);
    // A single choice: its code, or its label in English.
    expect(columnText(c, 'trust_general')[row]).toMatch(/^\d+$/);
    expect(columnText(withLabels, 'trust_general')[row]).toMatch(/[a-z]/);
    // A multiple choice: one 0/1 column per option.
    expect(columnText(c, 'return_reasons_family')[row]).toBe('1');
    expect(columnText(c, 'return_reasons_work')[row]).toBe('1');
    expect(columnText(c, 'return_reasons_money')[row]).toBe('0');
    // A formula in an answer is neutralised.
    expect(columnText(c, 'comments')[row]).toBe("'=cmd|calc");
  });

  it('writes SPSS, Stata, Parquet, DDI and codebooks that their readers open', async () => {
    for (const [file, format, magic] of [
      ['all.sav', 'sav', '$FL2'],
      ['all.dta', 'dta', '<stata_dta>'],
      ['all.parquet', 'parquet', 'PAR1'],
      ['all.xml', 'ddi', '<?xml'],
      ['all.html', 'codebook', '<!doctype html>'],
      ['all.md', 'codebook-md', '# '],
    ] as const) {
      const r = await exportTo(file, '--format', format, '--sample', 'all');
      expect(r.err, format).toBe('');
      expect(r.code, format).toBe(0);
      const bytes = await readFile(out(file));
      expect(bytes.subarray(0, magic.length).toString('latin1').toLowerCase(), format).toBe(
        magic.toLowerCase(),
      );
      expect((await stat(out(file))).mode & 0o777).toBe(0o600);
    }
    // PSPP reads the SPSS file: as many cases as the CSV has rows.
    const rows = readCsv(await readFile(out('codes.csv'), 'utf8'), 'codes.csv').n;
    const csv = execFileSync('pspp-convert', [out('all.sav'), out('from-sav.csv')]);
    expect(csv).toBeDefined();
    const back = (await readFile(out('from-sav.csv'), 'utf8')).trim().split('\n');
    expect(back.length - 1).toBe(rows);
    expect(await readFile(out('all.xml'), 'utf8')).toContain('<var ');
  });

  it('writes the panel wide and long, and a public-use file with what it changed', async () => {
    const wide = await exportTo('panel-wide.csv', '--format', 'csv', '--sample', 'panel');
    expect(wide.code).toBe(0);
    const w = readCsv(await readFile(out('panel-wide.csv'), 'utf8'), 'w');
    expect([...w.columns.keys()]).toContain('trust_general__wave-2');
    const long = await exportTo(
      'panel-long.csv',
      '--format',
      'csv',
      '--sample',
      'panel',
      '--form',
      'long',
    );
    expect(long.code).toBe(0);
    const l = readCsv(await readFile(out('panel-long.csv'), 'utf8'), 'l');
    expect(l.n).toBe(2 * w.n);
    expect(new Set(columnText(l, 'wave'))).toEqual(new Set(['wave-1', 'wave-2']));
    // The wide panel's codebook asks each wave's question under its suffixed name.
    const ddi = await exportTo('panel-wide.xml', '--format', 'ddi', '--sample', 'panel');
    expect(ddi.code).toBe(0);
    const xml = await readFile(out('panel-wide.xml'), 'utf8');
    for (const wave of ['wave-1', 'wave-2']) {
      const v = new RegExp(`<var [^>]*name="trust_general__${wave}"[\\s\\S]*?</var>`).exec(xml);
      expect(v?.[0]).toMatch(/<qstn[\s\S]*<qstnLit/);
    }

    const pub = await exportTo(
      'public.csv',
      '--format',
      'csv',
      '--sample',
      'all',
      '--public',
      '--k',
      '3',
    );
    expect(pub.code).toBe(0);
    expect(pub.out).toContain('Public-use file (k = 3):');
    expect(pub.out).toContain('comments: dropped: free text');
    expect(pub.out).toContain('response_id: replaced by new random ids');
    const p = readCsv(await readFile(out('public.csv'), 'utf8'), 'p');
    expect(p.columns.has('comments')).toBe(false);
    const old = new Set(Object.values(s.responses));
    expect(columnText(p, 'response_id').some((id) => old.has(id!))).toBe(false);
  });

  it('refuses bad flags naming the flag, and writes nothing', async () => {
    for (const [args, message] of [
      [
        ['--format', 'xls'],
        /--format must be one of csv, csv-labels, sav, dta, parquet, ddi, codebook, codebook-md, not 'xls'/,
      ],
      [['--format', 'csv', '--sample', 'some'], /--sample must be one of kept, all, panel/],
      [['--format', 'csv', '--form', 'long'], /--form long is the panel sample in long form/],
      [['--format', 'csv', '--wave', 'wave-9'], /has no wave 'wave-9'/],
      [['--format', 'csv', '--public', '--k', '1'], /--k must be a whole number of at least 2/],
    ] as const) {
      const r = await exportTo('bad.csv', ...args);
      expect(r.code).not.toBe(0);
      expect(r.err).toMatch(message);
      await expect(stat(out('bad.csv'))).rejects.toThrow();
    }
  });
});
