/**
 * The statistics benchmark: respondents x 50 binary items with region (6), sex (2) and age
 * group (3); rake to the three margins, weighted proportions with linearised standard errors
 * for all items, and 20 Rao-Scott crosstabs (item x region). Timed here and, where R is
 * installed and the size is small enough to wait for, in R's survey package on the same data,
 * with every result compared.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { raoScottTest } from '../src/stats/rao-scott.js';
import { rake } from '../src/stats/raking.js';
import { surveyMean, type Design } from '../src/stats/survey-design.js';
import { seededRandom } from '../test/support/seeded-random.js';

const regions = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
const sexes = ['f', 'm'];
const ages = ['18-34', '35-54', '55+'];
const population: Record<string, Record<string, number>> = {
  region: { r1: 1e6, r2: 1.5e6, r3: 2e6, r4: 1.2e6, r5: 0.8e6, r6: 0.5e6 },
  sex: { f: 3.6e6, m: 3.4e6 },
  age: { '18-34': 2.1e6, '35-54': 2.6e6, '55+': 2.3e6 },
};

export interface Data {
  n: number;
  region: Int32Array;
  sex: Int32Array;
  age: Int32Array;
  items: Uint8Array[];
}

export function generate(n: number, itemCount = 50): Data {
  const rnd = seededRandom(20221125);
  const region = new Int32Array(n);
  const sex = new Int32Array(n);
  const age = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = rnd();
    region[i] = u < 0.3 ? 0 : u < 0.5 ? 1 : u < 0.65 ? 2 : u < 0.8 ? 3 : u < 0.9 ? 4 : 5;
    sex[i] = rnd() < 0.6 ? 0 : 1;
    const v = rnd();
    age[i] = v < 0.5 ? 0 : v < 0.85 ? 1 : 2;
  }
  const items = Array.from({ length: itemCount }, (_, k) => {
    const x = new Uint8Array(n);
    for (let i = 0; i < n; i++)
      x[i] = rnd() < 0.2 + 0.05 * region[i]! + 0.1 * sex[i]! + (k % 7) * 0.03 ? 1 : 0;
    return x;
  });
  return { n, region, sex, age, items };
}

export function runLongitude(data: Data): {
  seconds: Record<string, number>;
  means: number[];
  se: number[];
  chisq: number[][];
} {
  const t0 = performance.now();
  const r = rake(new Float64Array(data.n).fill(1), [
    {
      name: 'region',
      categories: Array.from(data.region, (c) => regions[c]!),
      population: population.region!,
    },
    {
      name: 'sex',
      categories: Array.from(data.sex, (c) => sexes[c]!),
      population: population.sex!,
    },
    { name: 'age', categories: Array.from(data.age, (c) => ages[c]!), population: population.age! },
  ]);
  const design: Design = { weights: r.weights, raking: r.margins };
  const t1 = performance.now();
  const means: number[] = [];
  const se: number[] = [];
  for (const item of data.items) {
    const m = surveyMean([item], design);
    means.push(m.estimates[0]!);
    se.push(m.se[0]!);
  }
  const t2 = performance.now();
  const chisq = data.items.slice(0, 20).map((item) => {
    const t = raoScottTest(item, data.region, 2, 6, design);
    return [t.statistic, t.ndf, t.ddf, t.pValue];
  });
  const t3 = performance.now();
  return {
    seconds: {
      rake: (t1 - t0) / 1000,
      svymean: (t2 - t1) / 1000,
      svychisq: (t3 - t2) / 1000,
      total: (t3 - t0) / 1000,
    },
    means,
    se,
    chisq,
  };
}

export async function runR(
  data: Data,
): Promise<
  { seconds: Record<string, number>; means: number[]; se: number[]; chisq: number[][] } | undefined
> {
  try {
    execFileSync('Rscript', ['--version'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'longitude-stats-bench-'));
  try {
    const header = ['region', 'sex', 'age', 'w', ...data.items.map((_, k) => `q${k + 1}`)].join(
      ',',
    );
    const lines = [header];
    for (let i = 0; i < data.n; i++)
      lines.push(
        [
          regions[data.region[i]!],
          sexes[data.sex[i]!],
          ages[data.age[i]!],
          1,
          ...data.items.map((x) => x[i]),
        ].join(','),
      );
    await writeFile(path.join(dir, 'data.csv'), lines.join('\n') + '\n');
    const pop = ['variable,category,count'];
    for (const [v, cats] of Object.entries(population))
      for (const [c, n] of Object.entries(cats)) pop.push(`${v},${c},${n}`);
    await writeFile(path.join(dir, 'population.csv'), pop.join('\n') + '\n');
    execFileSync(
      'Rscript',
      [
        'bench/stats.R',
        path.join(dir, 'data.csv'),
        path.join(dir, 'population.csv'),
        path.join(dir, 'out.json'),
      ],
      {
        stdio: 'inherit',
      },
    );
    return JSON.parse(await readFile(path.join(dir, 'out.json'), 'utf8'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function largestDifference(a: number[], b: number[]): number {
  let worst = 0;
  a.forEach((x, i) => {
    const y = b[i]!;
    // Below 1e-300 (subnormal numbers) neither side keeps full precision; the oracle tests
    // treat that range the same way.
    if (Math.abs(x) < 1e-300 && Math.abs(y) < 1e-300) return;
    if (x !== y) worst = Math.max(worst, Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
  });
  return worst;
}
