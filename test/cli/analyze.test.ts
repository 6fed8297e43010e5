// `longitude analyze` on the example CSV and spec, against R (test/oracles/analyze-example.R).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const root = path.resolve(import.meta.dirname, '../..');
const data = path.join(root, 'examples/analysis/respondents.csv');
const spec = path.join(root, 'examples/analysis/spec.yaml');

function close(actual: number, expected: number, what: string): void {
  if (actual === expected) return;
  const rel = Math.abs(actual - expected) / Math.max(Math.abs(actual), Math.abs(expected));
  expect(rel, `${what}: ${actual} vs R ${expected}`).toBeLessThanOrEqual(1e-9);
}

describe('longitude analyze', () => {
  it('gives what R gives on the example', async () => {
    const r = await cli(['analyze', '--data', data, '--spec', spec, '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.weighting).toMatchObject({ method: 'rake', converged: true });
    const out = json.results;
    const R = JSON.parse(
      await readFile(path.join(root, 'test/oracles/analyze-example.json'), 'utf8'),
    ).results as Record<string, number[]>;
    for (const id of ['trust_w1', 'trust_w2', 'satisfaction', 'satisfaction_abroad']) {
      const e = out[id].estimates[0];
      [e.estimate, e.se, e.ci_low, e.ci_high].forEach((v: number, k: number) =>
        close(v, R[id]![k]!, `${id}[${k}]`),
      );
    }
    const t = (id: string) => out[id].tests[0];
    close(t('trust_by_sex').statistic, R.trust_by_sex![0]!, 'Rao-Scott F');
    close(t('trust_by_sex').ndf, R.trust_by_sex![1]!, 'Rao-Scott ndf');
    close(t('trust_by_sex').ddf, R.trust_by_sex![2]!, 'Rao-Scott ddf');
    close(t('trust_by_sex').p_value, R.trust_by_sex![3]!, 'Rao-Scott p');
    for (const id of ['trust_change', 'income_change', 'income_by_sex', 'satisfaction_by_age']) {
      close(t(id).statistic, R[id]![0]!, `${id} statistic`);
      close(t(id).p_value, R[id]![1]!, `${id} p`);
    }
    out.satisfaction_quantiles.estimates.forEach((e: { estimate: number }, k: number) =>
      close(e.estimate, R.satisfaction_quantiles![k]!, `quantile ${k}`),
    );
    const f2 = out.trust_by_sex_exact;
    close(f2.tests[0].p_value, R.trust_by_sex_exact![0]!, 'Fisher 2 x 2 p');
    close(f2.estimates[0].estimate, R.trust_by_sex_exact![1]!, 'Fisher odds ratio');
    close(f2.estimates[0].ci_low, R.trust_by_sex_exact![2]!, 'Fisher odds ratio low');
    close(f2.estimates[0].ci_high, R.trust_by_sex_exact![3]!, 'Fisher odds ratio high');
    close(t('trust_by_age_exact').p_value, R.trust_by_age_exact![0]!, 'Fisher r x c p');
    for (const id of ['income_w1_distribution', 'satisfaction_box']) {
      const expected = R[id] as unknown as number[][];
      expect(out[id].estimates).toHaveLength(expected.length);
      out[id].estimates.forEach((e: Record<string, number>, k: number) =>
        [e.estimate, e.se, e.ci_low, e.ci_high].forEach((v, j) =>
          close(v!, expected[k]![j]!, `${id} ${k} [${j}]`),
        ),
      );
    }
    const [sm, bh] = out.income_shift.tests;
    [sm.statistic, sm.df, sm.p_value, bh.statistic, bh.df, bh.p_value].forEach(
      (v: number, k: number) => close(v, R.income_shift![k]!, `marginal homogeneity ${k}`),
    );
  });

  it('prints a readable summary', async () => {
    const r = await cli(['analyze', '--data', data, '--spec', spec]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('satisfaction_abroad (mean, sample abroad, n = 97, weighted)');
    expect(r.out).toMatch(/^weights: raked, converged after \d+ passes; design effect 1\.3\d+/);
    expect(r.out).toMatch(/McNemar: statistic 0\.484848, df 1, p = 0\.486/);
  });

  it('points at the line of a bad spec and names missing variables and samples', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'longitude-analyze-'));
    try {
      const bad = path.join(dir, 'bad.yaml');
      await writeFile(
        bad,
        'analyses:\n  - { id: a, kind: proportion, variable: trust_w1 }\n  - { id: b, kind: medain, variable: x }\n',
      );
      const r = await cli(['analyze', '--data', data, '--spec', bad]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`${bad}:2:5 Entry 1 of 'analyses': Give either 'value' or 'values'.`);
      expect(r.err).toContain(`${bad}:3:20 Field 'kind'`);
      await writeFile(bad, 'analyses:\n  - { id: a, kind: mean, variable: nothing_here }\n');
      const missing = await cli(['analyze', '--data', data, '--spec', bad]);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain(
        "Analysis 'a': there is no variable 'nothing_here' in the data.",
      );
      await writeFile(
        bad,
        'analyses:\n  - { id: a, kind: mean, variable: satisfaction, sample: nobody }\n',
      );
      const sample = await cli(['analyze', '--data', data, '--spec', bad]);
      expect(sample.err).toContain("Sample 'nobody' is not defined under 'samples'.");
      await writeFile(path.join(dir, 'broken.csv'), 'a,b\n1,2\n3\n');
      const csv = await cli(['analyze', '--data', path.join(dir, 'broken.csv'), '--spec', spec]);
      expect(csv.code).toBe(1);
      expect(csv.err).toMatch(/broken\.csv:3/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
