// The simulator on the example study: both waves at a fixed seed, the reference report's
// headline figures within 3 percentage points, planted problems at their rates, and ground
// truth that agrees with what was stored.
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStudyQuality } from '../../src/fieldwork/quality.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import {
  problemKinds,
  simulateWave,
  type ProblemKind,
  type SimulationResult,
  type TruthRow,
} from '../../src/fieldwork/simulate.js';
import { secureRandomBytes } from '../../src/security/tokens.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import {
  listPageSaves,
  listResponses,
  type ResponseRow,
} from '../../src/store/queries/responses.js';

const n1 = Number(process.env.SIMULATE_N1 ?? 1000);
const n2 = Number(process.env.SIMULATE_N2 ?? 1300);
// The reference had 1,680 and 2,176 complete; a smaller run keeps the test under a minute. The
// attitudes are cut at ranks within each analysis sample (simulate.ts), so the 3-point margin
// covers rounding and the few who drop out of a sample (straightliners, partials), not the
// sampling error of an independent draw (about ±1.96·√(.25/480) ≈ 4.5 points for the panel).
const seed = 20220324;
const figures: string[] = [];

let store: Store;
let w1: SimulationResult;
let w2: SimulationResult;
let stored: Map<string, ResponseRow>;

beforeAll(async () => {
  store = await openAndMigrate({});
  await loadStudyFolder(store.db, 'examples/exile-panel');
  const ctx = { db: store.db, now: () => new Date(), random: secureRandomBytes };
  const t0 = Date.now();
  w1 = await simulateWave(ctx, {
    studyId: 'exile-panel',
    waveId: 'wave-1',
    n: n1,
    seed,
    start: new Date('2022-03-21T06:00:00Z'),
  });
  const t1 = Date.now();
  w2 = await simulateWave(ctx, {
    studyId: 'exile-panel',
    waveId: 'wave-2',
    n: n2,
    seed,
    returning: w1.panel,
    start: new Date('2022-08-23T06:00:00Z'),
    days: 33,
  });
  console.log(
    `simulated wave 1 in ${Date.now() - t1 === 0 ? 0 : t1 - t0} ms, wave 2 in ${Date.now() - t1} ms`,
  );
  const rows = await listResponses(store.db, { studyId: 'exile-panel' });
  stored = new Map(rows.map((r) => [r.id, r]));
}, 600_000);

afterAll(async () => {
  console.log(figures.join('\n'));
  await store?.close();
});

/** Clean, eligible, complete responses: the analysis sample after quality checks. */
const clean = (rows: TruthRow[]) =>
  rows.filter((t) => t.problem === null && t.eligible && t.complete);

function share(rows: TruthRow[], variable: string, values: unknown[]): number {
  const answered = rows
    .map((t) => stored.get(t.responseId)!.answers[variable])
    .filter((a) => a !== null && a !== undefined && a !== 'dk');
  return answered.filter((a) => values.includes(a)).length / answered.length;
}

describe('simulate: the reference report within 3 percentage points', () => {
  const near = (value: number, target: number) => {
    figures.push(
      `${(100 * target).toFixed(1)}\t${(100 * value).toFixed(1)}\t${expect.getState().currentTestName}`,
    );
    expect(Math.abs(value - target)).toBeLessThanOrEqual(0.03);
  };
  const panel1 = () => {
    const persons = new Set(w2.responses.filter((t) => t.returning).map((t) => t.person));
    return clean(w1.responses).filter((t) => persons.has(t.person));
  };
  const panel2 = () => clean(w2.responses.filter((t) => t.returning));

  it('enrols about 61% and brings back 60% of panelists complete', () => {
    // Those who may join: complete and eligible; speeders and straightliners are people too.
    const complete = w1.responses.filter(
      (t) => t.complete && t.eligible && [null, 'speeder', 'straightliner'].includes(t.problem),
    ).length;
    near(w1.counts.enrolled / complete, 1032 / 1680);
    near(w2.counts.returningComplete / w2.counts.returningInvited, 0.6);
  });

  it.each([
    ['trust_general', ['most_trusted'], 0.46, 0.61],
    ['trust_stayed', ['somewhat', 'full'], 0.5, 0.57],
    ['trust_host_gov', ['somewhat', 'full'], 0.6, 0.5],
    ['outlook_life', ['better', 'much_better'], 0.12, 0.3],
    ['outlook_life', ['worse', 'much_worse'], 0.37, 0.15],
    ['discrimination', ['yes'], 0.23, 0.2],
    ['civic_volunteer', ['yes'], 0.16, 0.22],
    ['civic_help_ukrainians', ['yes'], 0.37, 0.47],
    ['stay_likelihood', [4, 5], 0.43, 0.7],
  ] as const)('%s %j: wave 1 %d, wave 2 %d (panel)', (variable, values, first, second) => {
    near(share(panel1(), variable, [...values]), first);
    near(share(panel2(), variable, [...values]), second);
  });

  it('has about 16% of panel members back in Russia, 66% of them planning to leave again', () => {
    const p = panel2();
    const back = share(p, 'country_now', ['RU']);
    near(back, 0.16);
    near(
      share(
        p.filter((t) => stored.get(t.responseId)!.answers.country_now === 'RU'),
        'plans_leave_again',
        ['within_months', 'later'],
      ),
      0.66,
    );
  });

  it('has the pooled wave-2 figures', () => {
    const pooled = clean(w2.responses);
    near(share(pooled, 'interest_local_politics', ['rather_not', 'not_at_all']), 0.39);
    near(share(pooled, 'feel_depressed', ['most', 'all']), 0.39);
    near(share(pooled, 'talk_relatives', ['daily', 'almost_daily']), 0.5);
  });
});

describe('simulate: planted problems and their ground truth', () => {
  it('plants each problem at its rate among new respondents', () => {
    for (const kind of [
      'speeder',
      'straightliner',
      'duplicate',
      'near_duplicate',
      'honeypot',
      'ineligible',
    ] as const) {
      const rate = w1.responses.filter((t) => t.problem === kind).length / w1.responses.length;
      expect(Math.abs(rate - 0.04)).toBeLessThanOrEqual(0.015);
    }
  });

  it('stores what the truth says', async () => {
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const seconds = async (t: TruthRow) => {
      const saves = await listPageSaves(store.db, t.responseId);
      return saves.reduce((sum, s) => sum + (s.savedAt.getTime() - s.shownAt!.getTime()), 0) / 1000;
    };
    const speeders = w1.responses.filter((t) => t.problem === 'speeder' && t.complete).slice(0, 30);
    const cleanOnes = clean(w1.responses).slice(0, 30);
    const fast = median(await Promise.all(speeders.map(seconds)));
    const normal = median(await Promise.all(cleanOnes.map(seconds)));
    expect(fast).toBeLessThan(normal * 0.5);
    for (const t of w1.responses.filter((t) => t.problem === 'honeypot'))
      expect(stored.get(t.responseId)!.signals.honeypot).toBeGreaterThan(0);
    for (const t of w1.responses.filter((t) => t.problem === 'duplicate' && t.complete)) {
      const a = stored.get(t.responseId)!.answers;
      const b = stored.get(t.duplicateOf!)!.answers;
      expect(a).toEqual(b);
    }
    for (const t of w1.responses.filter((t) => t.problem === 'ineligible'))
      expect(stored.get(t.responseId)!.answers.migration_status).not.toBe('left_after');
    for (const t of w2.responses.filter((t) => t.returning))
      expect(stored.get(t.responseId)!.panelistId).not.toBeNull();
  });
});

describe('the example quality rules on simulated data', () => {
  it('find each planted problem: precision ≥ 0.95 and recall ≥ 0.9', async () => {
    const rules = await readFile('examples/exile-panel/quality.yaml', 'utf8');
    await runStudyQuality(store.db, 'exile-panel', rules, 'quality.yaml');
    const flags = await store.db
      .selectFrom('quality_flags')
      .select(['response_id', 'rule', 'figure', 'exclude'])
      .where('exclude', '=', true)
      .execute();
    // Which rule finds which planted problem (exact and near duplicates by the share found).
    const detects: Record<ProblemKind, (f: (typeof flags)[number]) => boolean> = {
      speeder: (f) => f.rule === 'speeder',
      straightliner: (f) => f.rule === 'straightlining',
      duplicate: (f) => f.rule === 'duplicates' && Number(f.figure) === 1,
      near_duplicate: (f) => f.rule === 'duplicates' && Number(f.figure) < 1,
      honeypot: (f) => f.rule === 'honeypot',
      ineligible: (f) => f.rule === 'in-russia' || f.rule === 'left-in-window',
    };
    const truth = new Map([...w1.responses, ...w2.responses].map((t) => [t.responseId, t]));
    const wave2 = new Set(w2.responses.map((t) => t.responseId));
    const results: Record<
      string,
      {
        precision: number;
        recall: number;
        planted: number;
        falseAlarms: number;
        alsoFlagged: number;
      }
    > = {};
    for (const kind of problemKinds) {
      const found = new Set(flags.filter(detects[kind]).map((f) => f.response_id));
      // Straightlining needs at least five rows on rating scales: wave 1 of the example has four
      // (the trust grid; its five-row grids are yes/no), so its straightliners are out of reach
      // and only wave 2's count (trust, time and feelings grids: nine rows).
      const judged = (t: TruthRow) => kind !== 'straightliner' || wave2.has(t.responseId);
      const planted = [...truth.values()]
        .filter((t) => t.problem === kind && judged(t))
        .map((t) => t.responseId);
      const hit = planted.filter((id) => found.has(id)).length;
      // A false alarm is a flag on a response with no planted problem; a bot flagged as a
      // speeder too is not one (it was fast as well).
      const falseAlarms = [...found].filter((id) => !truth.get(id)?.problem);
      results[kind] = {
        planted: planted.length,
        precision: hit + falseAlarms.length === 0 ? 0 : hit / (hit + falseAlarms.length),
        recall: planted.length === 0 ? 0 : hit / planted.length,
        falseAlarms: falseAlarms.length,
        alsoFlagged: found.size - hit - falseAlarms.length,
      };
    }
    console.log(
      'precision and recall per planted problem:\n' +
        Object.entries(results)
          .map(
            ([k, r]) =>
              `  ${k}: ${r.planted} planted, precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)} (false alarms ${r.falseAlarms}; with another planted problem ${r.alsoFlagged})`,
          )
          .join('\n'),
    );
    for (const [kind, r] of Object.entries(results)) {
      expect(r.planted, kind).toBeGreaterThan(0);
      expect(r.precision, kind).toBeGreaterThanOrEqual(0.95);
      expect(r.recall, kind).toBeGreaterThanOrEqual(0.9);
    }
  });
});
