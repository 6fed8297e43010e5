import { describe, expect, it } from 'vitest';
import { compileQuestionnaire } from '../../questionnaire/compile.js';
import type { QuestionnaireDefinition } from '../../questionnaire/schema.js';
import type { ResponseFacts } from './facts.js';
import { facts, rulesFrom } from './fixture.test-helper.js';
import { runQuality } from './run-quality.js';

const none = new Map();
const run = (yaml: string, responses: ResponseFacts[], questionnaires = none) =>
  runQuality(rulesFrom(yaml), questionnaires, responses);

describe('completion', () => {
  it('flags a share below the minimum, not one exactly at it', () => {
    const flags = run('rules: [{ id: c, type: completion }]', [
      facts('a', { completionShare: 0.5 }),
      facts('b', { completionShare: 0.49 }),
    ]);
    expect(flags.get('a')).toEqual([]);
    expect(flags.get('b')).toMatchObject([
      { rule: 'c', kind: 'completion', figure: 0.49, threshold: 0.5, exclude: true },
    ]);
  });
});

describe('speeder', () => {
  // Complete durations 100, 200, 300, 400, 500: median 300 (R: median(c(100,200,300,400,500))).
  const wave = [100, 200, 300, 400, 500].map((d, i) => facts(`r${i}`, { durationSeconds: d }));
  const extra = [
    facts('fast', { durationSeconds: 150, status: 'abandoned' }),
    facts('untimed', { durationSeconds: null }),
  ];
  it('flags at most half the median of complete responses; sensitivity levels only inform', () => {
    const flags = run('rules: [{ id: s, type: speeder }]', [...wave, ...extra]);
    // 150 would be exactly 0.5 of 300, but break-offs are not judged.
    expect(flags.get('fast')).toEqual([]);
    expect(flags.get('untimed')).toEqual([]);
    expect(flags.get('r0')).toMatchObject([
      { figure: 0.333, threshold: 0.5, exclude: true },
      { figure: 0.333, threshold: 0.4, exclude: false },
    ]);
    expect(flags.get('r1')).toEqual([]);
  });
  it('includes exactly the fraction', () => {
    const at = [90, 150, 300, 400, 500].map((d, i) => facts(`t${i}`, { durationSeconds: d }));
    const flags = run('rules: [{ id: s, type: speeder }]', at);
    expect(flags.get('t1')!.map((f) => f.threshold)).toEqual([0.5]);
    expect(flags.get('t0')!.map((f) => f.threshold)).toEqual([0.5, 0.4, 0.3]);
  });
  it('can only inform', () => {
    const flags = run('rules: [{ id: s, type: speeder, exclude: false }]', wave);
    expect(flags.get('r0')!.every((f) => !f.exclude)).toBe(true);
  });
});

describe('page-speed', () => {
  it('flags when at least min_pages pages took at most the fraction of their medians', () => {
    const pages = (p: number) => ({ p1: p, p2: p, p3: p, p4: 100 });
    const responses = [
      facts('a', { pageSeconds: pages(100) }),
      facts('b', { pageSeconds: pages(100) }),
      facts('e', { pageSeconds: pages(100) }),
      facts('f', { pageSeconds: pages(100) }),
      facts('c', { pageSeconds: pages(30) }), // medians 100 (R: median(c(100, 100, 100, 100, 30, 10))); exactly 0.3 on three pages
      facts('d', { pageSeconds: { p1: 10, p2: 10, p3: 100, p4: 100 } }),
    ];
    const flags = run('rules: [{ id: p, type: page-speed }]', responses);
    expect(flags.get('c')).toMatchObject([{ figure: 3, threshold: 3 }]);
    expect(flags.get('d')).toEqual([]);
    expect(flags.get('a')).toEqual([]);
  });
});

describe('straightlining', () => {
  const label = { en: 'x' };
  const definition: QuestionnaireDefinition = {
    wave: 'wave-1',
    pages: [
      {
        id: 'p',
        items: [
          {
            name: 'g5',
            type: 'grid',
            label,
            row_type: 'rating',
            min: 1,
            max: 5,
            rows: ['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `g5_${n}`, label })),
          },
          {
            name: 'g4',
            type: 'grid',
            label,
            row_type: 'rating',
            min: 1,
            max: 5,
            rows: ['a', 'b', 'c', 'd'].map((n) => ({ name: `g4_${n}`, label })),
          },
        ],
      },
    ],
  };
  const questionnaires = new Map([['wave-1', compileQuestionnaire(definition)]]);
  const grid = (prefix: string, values: (number | null)[]) =>
    Object.fromEntries(values.map((v, i) => [`${prefix}_${'abcde'[i]}`, v]));
  it('flags identical answers in a grid of at least five answered rows', () => {
    const flags = run(
      'rules: [{ id: s, type: straightlining }]',
      [
        facts('same', { answers: { ...grid('g5', [3, 3, 3, 3, 3]), ...grid('g4', [1, 2, 3, 4]) } }),
        facts('varied', { answers: grid('g5', [3, 3, 3, 3, 4]) }),
        facts('four', {
          answers: { ...grid('g5', [3, 3, 3, 3, null]), ...grid('g4', [2, 2, 2, 2]) },
        }),
      ],
      questionnaires,
    );
    expect(flags.get('same')).toMatchObject([{ figure: 1, threshold: 1, kind: 'straightlining' }]);
    expect(flags.get('varied')).toEqual([]);
    // Four answered rows are too few, and the four-row grid never counts.
    expect(flags.get('four')).toEqual([]);
  });

  it('flags a spread of zero across short grids together, unless spread is off', () => {
    const answers = { ...grid('g5', [3, 3, 3, 3, null]), ...grid('g4', [3, 3, 3, 3]) };
    const flags = run(
      'rules: [{ id: s, type: straightlining }]',
      [facts('flat', { answers }), facts('one-off', { answers: { ...answers, g4_d: 4 } })],
      questionnaires,
    );
    expect(flags.get('flat')).toMatchObject([{ figure: 0, threshold: 0 }]);
    expect(flags.get('flat')![0]!.reason).toContain('all 8 rows of 2 grids');
    expect(flags.get('one-off')).toEqual([]);
    const off = run(
      'rules: [{ id: s, type: straightlining, spread: false }]',
      [facts('flat', { answers })],
      questionnaires,
    );
    expect(off.get('flat')).toEqual([]);
  });

  it('leaves yes/no grids alone unless min_choices allows two answers', () => {
    const yesNo: QuestionnaireDefinition = {
      wave: 'wave-1',
      choices: {
        yn: [
          { name: 'yes', code: 1, label },
          { name: 'no', code: 2, label },
        ],
      },
      pages: [
        {
          id: 'p',
          items: [
            {
              name: 'acts',
              type: 'grid',
              label,
              row_type: 'select_one',
              list: 'yn',
              rows: ['a', 'b', 'c', 'd', 'e'].map((n) => ({ name: `acts_${n}`, label })),
            },
          ],
        },
      ],
    };
    const q = new Map([['wave-1', compileQuestionnaire(yesNo)]]);
    const none = facts('none', { answers: grid('acts', ['no', 'no', 'no', 'no', 'no'] as never) });
    expect(run('rules: [{ id: s, type: straightlining }]', [none], q).get('none')).toEqual([]);
    expect(
      run('rules: [{ id: s, type: straightlining, min_choices: 2 }]', [none], q).get('none'),
    ).toMatchObject([{ figure: 1 }]);
  });
});

describe('duplicates', () => {
  const answers = (n: number, change: number[] = []) =>
    Object.fromEntries(
      Array.from({ length: n }, (_, i) => [`v${i}`, change.includes(i) ? 'x' : `a${i}`]),
    );
  it('flags exact copies after the first, and near copies at the threshold', () => {
    const flags = run('rules: [{ id: d, type: duplicates }]', [
      facts('orig', { answers: answers(20) }),
      facts('copy', { answers: { ...answers(20), empty: '', none: [] } }),
      facts('near', { answers: answers(20, [5]) }), // 19 of 20 identical: exactly 0.95
      facts('far', { answers: answers(20, [5, 6]) }), // 18 of 20 against orig, 19 of 20 against near
      facts('other', { answers: answers(20, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]) }),
      facts('short', { answers: answers(4) }),
      facts('short2', { answers: answers(4) }),
    ]);
    expect(flags.get('orig')).toEqual([]);
    expect(flags.get('copy')).toMatchObject([{ figure: 1, threshold: 1 }]);
    expect(flags.get('copy')![0]!.reason).toContain('orig');
    expect(flags.get('near')).toMatchObject([{ figure: 0.95, threshold: 0.95 }]);
    expect(flags.get('near')![0]!.reason).toContain('orig');
    expect(flags.get('far')).toMatchObject([{ figure: 0.95 }]);
    expect(flags.get('far')![0]!.reason).toContain('response near');
    expect(flags.get('other')).toEqual([]);
    expect(flags.get('short2')).toEqual([]);
  });
  it('counts variables answered in either: one answer more is a mismatch', () => {
    const flags = run('rules: [{ id: d, type: duplicates }]', [
      facts('a', { answers: answers(19) }),
      facts('b', { answers: answers(20) }), // 19 of 20
      facts('c', { answers: answers(18) }), // 18 of 19 against a: 0.947
    ]);
    expect(flags.get('b')).toMatchObject([{ figure: 0.95 }]);
    expect(flags.get('c')).toEqual([]);
  });
  it('compares within a wave only', () => {
    const flags = run('rules: [{ id: d, type: duplicates }]', [
      facts('a', { answers: answers(10) }),
      facts('b', { answers: answers(10), waveId: 'wave-2' }),
    ]);
    expect(flags.get('b')).toEqual([]);
  });
});

describe('device and signals', () => {
  it('flags later responses from the same device', () => {
    const flags = run('rules: [{ id: dev, type: device }]', [
      facts('a', { deviceHash: 'h1' }),
      facts('b', { deviceHash: 'h1' }),
      facts('c', { deviceHash: 'h1' }),
      facts('d', { deviceHash: null }),
      facts('e', { deviceHash: null }),
    ]);
    expect(flags.get('a')).toEqual([]);
    expect(flags.get('b')).toMatchObject([{ figure: 1 }]);
    expect(flags.get('c')).toMatchObject([{ figure: 2 }]);
    expect(flags.get('e')).toEqual([]);
  });
  it('flags a signal counted at least min times', () => {
    const flags = run(
      'rules: [{ id: hp, type: signal, name: honeypot }, { id: tf, type: signal, name: too_fast_pages, min: 2 }]',
      [
        facts('a', { signals: { honeypot: 1, too_fast_pages: 2 } }),
        facts('b', { signals: { too_fast_pages: 1 } }),
      ],
    );
    expect(flags.get('a')).toMatchObject([
      { rule: 'hp', kind: 'signal', figure: 1, threshold: 1 },
      { rule: 'tf', figure: 2, threshold: 2 },
    ]);
    expect(flags.get('b')).toEqual([]);
  });
});

describe('eligibility', () => {
  const yaml = `rules:
  - id: in-russia
    type: eligibility
    expression: "\${migration_status} != 'planning' and \${migration_status} != 'staying'"
  - id: window
    type: eligibility
    expression: "\${migration_status} = 'left_after' and \${left_date} >= date('2022-02-24') and \${left_date} < date('2022-09-21')"
    message: { en: Left outside the window., ru: Вне окна. }`;
  it('flags false expressions and, by default, undecidable ones', () => {
    const flags = run(yaml, [
      facts('first-day', { answers: { migration_status: 'left_after', left_date: '2022-02-24' } }),
      facts('mobilisation', {
        answers: { migration_status: 'left_after', left_date: '2022-09-21' },
      }),
      facts('planning', { answers: { migration_status: 'planning' } }),
      facts('no-date', { answers: { migration_status: 'left_after' } }),
      facts('before', { answers: { migration_status: 'left_before', left_date: '2021-05-01' } }),
      facts('nothing', { answers: {} }),
    ]);
    expect(flags.get('first-day')).toEqual([]);
    expect(flags.get('mobilisation')).toMatchObject([
      { rule: 'window', figure: 'false', reason: 'Left outside the window.' },
    ]);
    // left_date is missing, but the first comparison already decides.
    expect(flags.get('planning')!.map((f) => [f.rule, f.figure])).toEqual([
      ['in-russia', 'false'],
      ['window', 'false'],
    ]);
    expect(flags.get('no-date')).toMatchObject([{ rule: 'window', figure: 'not answered' }]);
    expect(flags.get('before')).toMatchObject([{ rule: 'window', figure: 'false' }]);
    expect(flags.get('nothing')!.map((f) => f.figure)).toEqual(['not answered', 'not answered']);
  });
  it('lets undecidable responses pass when told to', () => {
    const flags = run(
      `rules: [{ id: w, type: eligibility, when_missing: pass, expression: "\${left_date} >= date('2022-02-24')" }]`,
      [facts('a'), facts('b', { answers: { left_date: '2022-01-01' } })],
    );
    expect(flags.get('a')).toEqual([]);
    expect(flags.get('b')).toHaveLength(1);
  });
});

describe('runQuality', () => {
  it('applies rules in file order and only to the waves named', () => {
    const flags = run(
      'rules: [{ id: c, type: completion, waves: [wave-2] }, { id: h, type: signal, name: honeypot }, { id: c2, type: completion, min: 0.9 }]',
      [
        facts('a', { completionShare: 0.1, signals: { honeypot: 3 } }),
        facts('b', { completionShare: 0.1, waveId: 'wave-2' }),
      ],
    );
    expect(flags.get('a')!.map((f) => f.rule)).toEqual(['h', 'c2']);
    expect(flags.get('b')!.map((f) => f.rule)).toEqual(['c', 'c2']);
  });
});
