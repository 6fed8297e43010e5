// Findings on a hand-made panel: counts written out by hand, tests from the statistics room
// (themselves checked against R in src/stats).
import { describe, expect, it } from 'vitest';
import type { VariableInfo } from '../analysis/dataset.js';
import { combinedSample, panelSample, type WaveResponse } from '../analysis/samples.js';
import { binomialTest } from '../stats/binomial-test.js';
import { chiSquareTest } from '../stats/chi-square-test.js';
import { stuartMaxwellTest } from '../stats/marginal-homogeneity.js';
import { mcnemarTest } from '../stats/mcnemar-test.js';
import { wilson } from '../stats/proportion-interval.js';
import { oneSampleTTest, twoSampleTTest } from '../stats/t-test.js';
import { rankSumTest } from '../stats/wilcoxon-test.js';
import { FindingError } from './categories.js';
import { computeFinding, type FindingContext } from './findings.js';
import { findingSchema } from './spec.js';

const choices = (...names: string[]) =>
  names.map((name, k) => ({
    name,
    code: name === 'dk' ? 98 : k + 1,
    label: { en: name.toUpperCase() },
    ...(name === 'dk' ? { missing: true } : {}),
  }));
const trust: VariableInfo = {
  name: 'trust',
  kind: 'select_one',
  label: { en: 'Trust' },
  choices: choices('careful', 'most', 'dk'),
};
const income: VariableInfo = {
  name: 'income',
  kind: 'select_one',
  choices: choices('low', 'mid', 'high'),
};
const attach: VariableInfo = { name: 'attach', kind: 'rating', scale: { min: 1, max: 5 } };
const reasons: VariableInfo = {
  name: 'reasons',
  kind: 'select_multiple',
  choices: choices('money', 'family', 'visa'),
};
const country: VariableInfo = { name: 'country', kind: 'country' };

// Eight panelists: trust in wave 1 and 2, income before and in both waves, and wave-2 answers.
const people: [string, string, string, string, string, string, number, string[] | null, string][] =
  [
    // id, trust1, trust2, income_before, income1, income2, attach2, reasons2, country2
    ['a', 'careful', 'most', 'high', 'mid', 'mid', 3, null, 'GE'],
    ['b', 'careful', 'most', 'high', 'mid', 'low', 2, null, 'GE'],
    ['c', 'careful', 'careful', 'mid', 'mid', 'mid', 4, null, 'AM'],
    ['d', 'most', 'most', 'mid', 'low', 'low', 3, null, 'TR'],
    ['e', 'most', 'careful', 'high', 'high', 'high', 5, ['money', 'family'], 'RU'],
    ['f', 'careful', 'most', 'low', 'low', 'low', 4, ['money'], 'RU'],
    ['g', 'dk', 'most', 'mid', 'low', 'mid', 1, null, 'GE'],
    ['h', 'careful', 'dk', 'high', 'high', 'mid', 2, null, 'KZ'],
  ];
const responses: WaveResponse[] = people.flatMap(([p, t1, t2, ib, i1, i2, a2, r2, c2]) => [
  {
    responseId: `${p}1`,
    pseudonym: p,
    waveId: 'w1',
    answers: { trust: t1, income_before: ib, income: i1 },
  },
  {
    responseId: `${p}2`,
    pseudonym: p,
    waveId: 'w2',
    answers: { trust: t2, income: i2, attach: a2, reasons: r2, country: c2 },
  },
]);
const source = {
  waves: ['w1', 'w2'],
  responses,
  variables: new Map<string, VariableInfo[]>([
    ['w1', [trust, { ...income, name: 'income_before' }, income]],
    ['w2', [trust, income, attach, reasons, country]],
  ]),
};
const ctx: FindingContext = {
  waves: ['w1', 'w2'],
  samples: new Map([
    ['panel', { data: panelSample(source, () => true), base: 'panel' as const }],
    ['combined', { data: combinedSample(source, () => true), base: 'combined' as const }],
  ]),
};
const run = (f: unknown) => computeFinding(ctx, findingSchema.parse(f));

describe('findings', () => {
  it('change of one share: panelists who answered both waves, McNemar', () => {
    const r = run({ id: 't', kind: 'change', variable: 'trust', values: ['most'] });
    // g and h said "don't know" once: left out. a, b, f: careful -> most; e: most -> careful.
    const t = [
      [1, 1],
      [3, 1],
    ];
    expect(r.n).toBe(6);
    expect(r.table).toEqual(t);
    expect(r.share).toEqual({ w1: 2 / 6, w2: 4 / 6 });
    expect(r.change).toBeCloseTo(2 / 6, 15);
    expect(r.low).toEqual({ w1: wilson(2, 6).low, w2: wilson(4, 6).low });
    expect(r.test!.p).toBe(mcnemarTest(t).pValue);
    expect(r.periods).toEqual({ w1: null, w2: null });
  });

  it('change of a distribution: Stuart-Maxwell on the k x k table', () => {
    const r = run({ id: 'i', kind: 'change', variable: 'income' });
    // a mid-mid, b mid-low, c mid-mid, d low-low, e high-high, f low-low, g low-mid, h high-mid.
    const table = [
      [2, 1, 0],
      [1, 2, 0],
      [0, 1, 1],
    ];
    expect(r.table).toEqual(table);
    expect(r.test!.p).toBe(stuartMaxwellTest(table).pValue);
    expect(
      (r.categories as { name: string; change: number }[]).map((c) => [c.name, c.change]),
    ).toEqual([
      ['low', 0],
      ['mid', 1 / 8],
      ['high', -1 / 8],
    ]);
  });

  it('distribution with intervals and, for a rating, its mean', () => {
    const r = run({ id: 'a', kind: 'distribution', sample: 'panel', variable: 'attach' });
    expect(r.n).toBe(8);
    expect(
      (r.categories as { name: string; count: number }[]).map((c) => [c.name, c.count]),
    ).toEqual([
      ['1', 1],
      ['2', 2],
      ['3', 2],
      ['4', 2],
      ['5', 1],
    ]);
    expect(r.mean).toBe(3);
  });

  it('flow across three stages, with moves between the first and the last', () => {
    const r = run({
      id: 'f',
      kind: 'flow',
      stages: ['income_before@w1', 'income@w1', 'income@w2'],
    });
    expect(r.n).toBe(8);
    expect(r.links).toEqual([
      [
        [1, 0, 0],
        [2, 1, 0],
        [0, 2, 2],
      ],
      [
        [2, 1, 0],
        [1, 2, 0],
        [0, 1, 1],
      ],
    ]);
    // before -> wave 2: a high->mid, b high->low, c same, d mid->low, e same, f same, g same, h high->mid.
    expect(r.moves).toEqual({ down: 4 / 8, same: 4 / 8, up: 0, down_one_or_two: 4 / 8 });
  });

  it('multiple choice: share of those who answered choosing each option', () => {
    const r = run({ id: 'm', kind: 'multiple', variable: 'reasons' });
    expect(r.n).toBe(2);
    expect((r.options as { name: string; share: number }[]).map((o) => [o.name, o.share])).toEqual([
      ['money', 1],
      ['family', 0.5],
      ['visa', 0],
    ]);
  });

  it('benchmark: a share by the binomial test, a mean by the one-sample t', () => {
    const s = run({
      id: 'b',
      kind: 'benchmark',
      variable: 'trust',
      values: ['most'],
      benchmark: { value: 0.3, source: { en: 'x' } },
    });
    expect(s.n).toBe(7);
    // Wave 2: most a, b, d, f, g; careful c, e; h "don't know" is left out.
    expect(s.value).toBe(5 / 7);
    expect(s.test!.p).toBe(binomialTest(5, 7, { p: 0.3 }).pValue);
    const m = run({
      id: 'c',
      kind: 'benchmark',
      variable: 'attach',
      benchmark: { value: 3.34, source: { en: 'y' } },
    });
    expect(m.value).toBe(3);
    expect(m.test!.p).toBe(oneSampleTTest([3, 2, 4, 3, 5, 4, 1, 2], { mu: 3.34 }).pValue);
  });

  it('groups by expressions: chi-square for categories, Welch t and Mann-Whitney for numbers', () => {
    const groups = {
      back: { where: "${country__w2} = 'RU'", label: { en: 'Returned' } },
      abroad: { where: "${country__w2} != 'RU'", label: { en: 'Abroad' } },
    };
    const c = run({ id: 'g', kind: 'groups', variable: 'income', groups });
    // back: e high, f low; abroad: a mid, b low, c mid, d low, g mid, h mid.
    expect(c.test!.p).toBe(
      chiSquareTest([
        [1, 0, 1],
        [2, 4, 0],
      ]).pValue,
    );
    const n = run({ id: 'h', kind: 'groups', variable: 'attach', groups, numeric: true });
    expect(n.difference).toBeCloseTo(4.5 - 15 / 6, 14);
    expect(n.tests!.map((t) => t.p)).toEqual([
      twoSampleTTest([5, 4], [3, 2, 4, 3, 1, 2]).pValue,
      rankSumTest([5, 4], [3, 2, 4, 3, 1, 2]).pValue,
    ]);
  });

  it('weights a share and a distribution by raking the combined sample', () => {
    // Post-stratified on country (one margin): GE 30, AM 10, TR 10, RU 40, KZ 10 of 100, so
    // GE's three weigh 10 each, RU's two 20 each, the others 10. Valid trust answers (h said
    // "don't know"): a b c d e f g, weights 10 10 10 10 20 20 10 = 90; 'most': a b d f g = 60.
    const weights = {
      rake: {
        margins: [{ variable: 'country', population: { GE: 30, AM: 10, TR: 10, RU: 40, KZ: 10 } }],
      },
    };
    const weighted = { ...ctx, weights };
    const f = findingSchema.parse({
      id: 'w',
      kind: 'share',
      variable: 'trust',
      values: ['most'],
      weighted: true,
    });
    const r = computeFinding(weighted, f);
    expect(r.share).toBeCloseTo(60 / 90, 12);
    expect(r.n).toBe(7);
    expect(r.weighted).toBe(true);
    expect(r.low as number).toBeLessThan(60 / 90);
    expect(r.high as number).toBeGreaterThan(60 / 90);
    // The same share unweighted: 5 of 7.
    const unweighted = findingSchema.parse({
      id: 'u',
      kind: 'share',
      variable: 'trust',
      values: ['most'],
    });
    expect(computeFinding(weighted, unweighted).share).toBe(5 / 7);
    const d = computeFinding(
      weighted,
      findingSchema.parse({ id: 'd', kind: 'distribution', variable: 'trust', weighted: true }),
    );
    expect(
      (d.categories as { name: string; share: number }[]).map((c) => [c.name, c.share]),
    ).toEqual([
      ['careful', expect.closeTo(30 / 90, 12)],
      ['most', expect.closeTo(60 / 90, 12)],
    ]);
    expect(() => computeFinding(ctx, f)).toThrow("'weighted' needs the report's 'weights'.");
  });

  it('refuses what it cannot compute with the field at fault', () => {
    const fails = (f: unknown, field: string, message: RegExp) => {
      try {
        run(f);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(FindingError);
        expect((error as FindingError).field).toBe(field);
        expect((error as Error).message).toMatch(message);
      }
    };
    fails(
      { id: 'x', kind: 'change', sample: 'combined', variable: 'trust' },
      'sample',
      /needs a panel sample/,
    );
    fails(
      { id: 'x', kind: 'change', variable: 'trust', values: ['all'] },
      'values',
      /'all' is not an answer of 'trust'/,
    );
    fails(
      { id: 'x', kind: 'distribution', variable: 'nothing' },
      'variable',
      /no variable 'nothing'/,
    );
    fails({ id: 'x', kind: 'multiple', variable: 'trust' }, 'kind', /not a multiple choice/);
    fails({ id: 'x', kind: 'distribution', variable: 'reasons' }, 'variable', /multiple choice/);
    fails(
      { id: 'x', kind: 'distribution', variable: 'trust', wave: 'w1' },
      'wave',
      /holds wave 'w2' only/,
    );
    fails(
      { id: 'x', kind: 'distribution', sample: 'nope', variable: 'trust' },
      'sample',
      /no sample 'nope'/,
    );
  });
});
