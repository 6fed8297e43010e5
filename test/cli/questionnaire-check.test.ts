import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const fixtures = path.resolve(import.meta.dirname, '../fixtures');

describe('longitude questionnaire check', () => {
  it('exits 0 and says so for a clean file', async () => {
    const r = await cli(['questionnaire', 'check', path.join(fixtures, 'small-wave.yaml')]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/small-wave\.yaml: no problems\.\n$/);
  });

  it('exits 1 and prints file:line:column [item] sentence for each problem', async () => {
    const file = path.join(fixtures, 'broken/05-duplicate-name.yaml');
    const r = await cli([
      'questionnaire',
      'check',
      file,
      path.join(fixtures, 'broken/09-unknown-list.yaml'),
    ]);
    expect(r.code).toBe(1);
    expect(r.out.split('\n').filter(Boolean)).toEqual([
      `${file}:8:15 [Age] Duplicate name 'Age'; 'age' is already used at line 5. Names must be unique, ignoring case.`,
      `${path.join(fixtures, 'broken/09-unknown-list.yaml')}:12:15 [a] Choice list 'yesno' does not exist. Lists: yes_no.`,
      '2 problems.',
    ]);
  });

  it('prints JSON for machines', async () => {
    const r = await cli([
      'questionnaire',
      'check',
      '--json',
      path.join(fixtures, 'broken/24-min-above-max.yaml'),
    ]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.out) as {
      ok: boolean;
      problems: { line: number; column: number; item: string; code: string; message: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.problems).toEqual([
      expect.objectContaining({
        line: 8,
        column: 14,
        item: 'a',
        code: 'range',
        message: 'min (10) is greater than max (5).',
      }),
    ]);
  });

  it('names a file that does not exist', async () => {
    const r = await cli(['questionnaire', 'check', 'no/such/file.yaml']);
    expect(r.code).toBe(1);
    expect(r.out).toContain('no/such/file.yaml:1:1 no/such/file.yaml does not exist.');
  });

  it('explains usage errors with exit code 2', async () => {
    const r = await cli(['questionnaire', 'check']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("missing required argument 'files'");
  });
});
