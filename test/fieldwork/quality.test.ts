// Quality rules over the database, on both databases: the facts read from responses and their
// page log, flags stored with figure and threshold, a re-run on unchanged data that writes
// nothing, researchers' decisions that outlive re-runs, and the exclusion flow from them.
import path from 'node:path';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import {
  decide,
  loadResponseFacts,
  qualityReport,
  runStudyQuality,
} from '../../src/fieldwork/quality.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { isProblem } from '../../src/problems/problem.js';
import { forEachDatabase } from '../support/databases.js';
import { completedResponse } from '../support/panel.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

const rules = `study: exile-panel
rules:
  - id: completion
    type: completion
    min: 0.5
  - id: honeypot
    type: signal
    name: honeypot
    min: 1
  - id: device
    type: device
`;

forEachDatabase('quality over the database', (get) => {
  let ids: string[];

  /** Four complete wave-1 responses: one half done, one bot, two from one browser. */
  beforeEach(async () => {
    const db = get().db;
    await loadStudyFolder(db, example);
    ids = [];
    for (let i = 0; i < 4; i++)
      ids.push(await completedResponse(db, 'exile-panel', 'wave-1', 'en'));
    const t0 = new Date('2022-03-25T10:00:00Z').getTime();
    for (const [k, id] of ids.entries()) {
      await db
        .updateTable('responses')
        .set({
          completion_share: k === 0 ? 0.4 : 0.9,
          signals: JSON.stringify(k === 1 ? { honeypot: 1 } : {}),
          device_hash: k >= 2 ? 'same-browser' : `browser-${k}`,
          answers: JSON.stringify({ gender: k % 2 === 0 ? 'female' : 'male' }),
          created_at: new Date(t0 + k * 60_000),
        })
        .where('id', '=', id)
        .execute();
      // Two pages: 30 s and 45 s; the second page saved twice (the last save counts).
      await db
        .insertInto('page_saves')
        .values([
          {
            response_id: id,
            page_id: 'start',
            save_id: `save-${k}-1`,
            answers: '{}',
            shown_at: new Date(t0),
            saved_at: new Date(t0 + 30_000),
          },
          {
            response_id: id,
            page_id: 'where',
            save_id: `save-${k}-2`,
            answers: '{}',
            shown_at: new Date(t0 + 30_000),
            saved_at: new Date(t0 + 40_000),
          },
          {
            response_id: id,
            page_id: 'where',
            save_id: `save-${k}-3`,
            answers: '{}',
            shown_at: new Date(t0 + 40_000),
            saved_at: new Date(t0 + 85_000),
          },
        ])
        .execute();
    }
  });

  it('reads each response with its page times, duration, device and signals', async () => {
    const facts = await loadResponseFacts(get().db, 'exile-panel', 'wave-1');
    expect(facts.map((f) => f.id)).toEqual(ids);
    expect(facts[1]).toMatchObject({
      waveId: 'wave-1',
      status: 'complete',
      completionShare: 0.9,
      pageSeconds: { start: 30, where: 45 },
      durationSeconds: 75,
      deviceHash: 'browser-1',
      signals: { honeypot: 1 },
      answers: { gender: 'male' },
    });
  });

  it('stores flags, writes nothing when run again on the same data, and keeps decisions', async () => {
    const db = get().db;
    const first = await runStudyQuality(db, 'exile-panel', rules, 'quality.yaml');
    expect(first).toEqual({ responses: 4, flagged: 3, added: 3, removed: 0 });
    const stored = await db
      .selectFrom('quality_flags')
      .select(['response_id', 'rule', 'figure', 'threshold', 'exclude'])
      .orderBy('rule')
      .execute();
    expect(stored).toEqual([
      { response_id: ids[0], rule: 'completion', figure: '0.4', threshold: '0.5', exclude: true },
      {
        response_id: ids[3],
        rule: 'device',
        figure: expect.any(String),
        threshold: '1',
        exclude: true,
      },
      { response_id: ids[1], rule: 'honeypot', figure: '1', threshold: '1', exclude: true },
    ]);
    expect(await runStudyQuality(db, 'exile-panel', rules, 'quality.yaml')).toEqual({
      responses: 4,
      flagged: 3,
      added: 0,
      removed: 0,
    });

    // The researcher keeps the half-done response; the rules run again; the decision stays.
    await decide(db, 'exile-panel', ids[0]!, {
      decision: 'keep',
      note: 'answered the key items',
      by: 'anna',
    });
    await runStudyQuality(db, 'exile-panel', rules, 'quality.yaml');
    const [flow] = await qualityReport(db, 'exile-panel', 'wave-1');
    expect(flow!.steps.map((s) => [s.step, s.entering, s.leaving])).toEqual([
      ['completion', 4, 0],
      ['honeypot', 4, 1],
      ['device', 3, 1],
      ['override', 2, 0],
    ]);
    expect(flow!.kept).toEqual([ids[0], ids[2]]);
    const decision = await db.selectFrom('quality_overrides').selectAll().executeTakeFirstOrThrow();
    expect(decision).toMatchObject({ response_id: ids[0], decision: 'keep', decided_by: 'anna' });

    // A changed rule changes only what it must.
    const stricter = rules.replace('min: 0.5', 'min: 0.95');
    const again = await runStudyQuality(db, 'exile-panel', stricter, 'quality.yaml');
    expect(again).toMatchObject({ flagged: 4, added: 4, removed: 1 });
  });

  it('refuses bad rules and bad decisions and changes nothing', async () => {
    const db = get().db;
    const bad = await runStudyQuality(
      db,
      'exile-panel',
      'study: exile-panel\nrules:\n  - id: x\n    type: nonsense\n',
      'q.yaml',
    ).catch((e: unknown) => e);
    expect(isProblem(bad) && bad.message).toMatch(/^q\.yaml:4:/);
    expect(await db.selectFrom('quality_rules').selectAll().execute()).toEqual([]);
    const noNote = await decide(db, 'exile-panel', ids[0]!, {
      decision: 'drop',
      note: ' ',
      by: 'anna',
    }).catch((e: unknown) => e);
    expect(isProblem(noNote) && noNote.message).toContain('--note');
    const unknown = await decide(db, 'exile-panel', '00000000-0000-0000-0000-000000000000', {
      decision: 'drop',
      note: 'x',
      by: 'anna',
    }).catch((e: unknown) => e);
    expect(isProblem(unknown) && unknown.message).toContain('has no response');
    expect(await db.selectFrom('quality_overrides').selectAll().execute()).toEqual([]);
  });

  it('counts the speeder sensitivity levels apart from the flow', async () => {
    const db = get().db;
    // The second respondent took 20 s instead of 75 (0.27 of the median).
    await db
      .updateTable('page_saves')
      .set({ shown_at: sql`saved_at - interval '10 seconds'` })
      .where('response_id', '=', ids[1]!)
      .execute();
    const speed = `rules:
  - id: speeder
    type: speeder
    fraction: 0.5
    sensitivity: [0.4, 0.3, 0.2]
`;
    await runStudyQuality(db, 'exile-panel', speed, 'quality.yaml');
    const [flow] = await qualityReport(db, 'exile-panel', 'wave-1');
    expect(flow!.steps.map((s) => [s.step, s.entering, s.leaving])).toEqual([
      ['speeder', 4, 1],
      ['override', 3, 0],
    ]);
    expect(flow!.informative).toEqual([
      { rule: 'speeder', threshold: '0.4', responses: 1 },
      { rule: 'speeder', threshold: '0.3', responses: 1 },
    ]);
  });
});
