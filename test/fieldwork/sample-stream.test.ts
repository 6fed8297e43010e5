// Samples read from the database in chunks (exportSample) against the same samples built in
// memory (loadWaveResponses and the sample builders): on simulated waves with the quality rules
// run, and with answers planted in late chunks that the questionnaire does not expect (an
// undeclared item, a choice no longer in the list, text in a number item), every sample and form
// must come out with the same columns, types, labels and cells, chunk by chunk as whole.
import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { collectChunks, concatRows } from '../../src/analysis/chunked.test-helper.js';
import { cellText, type Column, type Dataset } from '../../src/analysis/dataset.js';
import {
  combinedSample,
  filterSample,
  panelLongSample,
  panelSample,
} from '../../src/analysis/samples.js';
import { runStudyQuality } from '../../src/fieldwork/quality.js';
import { keptResponses } from '../../src/fieldwork/report-data.js';
import { exportSample } from '../../src/fieldwork/sample-stream.js';
import { loadWaveResponses } from '../../src/fieldwork/samples.js';
import { simulateWave } from '../../src/fieldwork/simulate.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { secureRandomBytes } from '../../src/security/tokens.js';
import { forEachDatabase } from '../support/databases.js';

const STUDY = 'exile-panel';

/** Everything a writer reads of a column, cells as text. */
function described(d: Dataset) {
  return [...d.columns].map(([name, c]: [string, Column]) => ({
    name,
    type: c.type,
    info: c.info,
    labels: c.type === 'number' ? c.labels : c.type === 'multiple' ? c.options : [],
    cells: Array.from({ length: d.n }, (_, i) => cellText(c, i)),
  }));
}

import type { Database } from '../../src/store/schema.js';

async function seed(db: Kysely<Database>): Promise<void> {
  await loadStudyFolder(db, 'examples/exile-panel');
  const ctx = { db, now: () => new Date(), random: secureRandomBytes };
  const w1 = await simulateWave(ctx, { studyId: STUDY, waveId: 'wave-1', n: 60, seed: 7 });
  await simulateWave(ctx, {
    studyId: STUDY,
    waveId: 'wave-2',
    n: 70,
    seed: 8,
    returning: w1.panel,
  });
  const quality = await readFile('examples/exile-panel/quality.yaml', 'utf8');
  await runStudyQuality(db, STUDY, quality, 'quality.yaml');
}

/** Answers the questionnaire does not expect, in responses that come late. */
async function plant(db: Kysely<Database>): Promise<void> {
  const late = await db
    .selectFrom('responses')
    .select(['id', 'wave_id', 'answers'])
    .where('status', '=', 'complete')
    .where('wave_id', '=', 'wave-2')
    .orderBy('created_at', 'desc')
    .limit(6)
    .execute();
  const plant: Record<string, unknown>[] = [
    { legacy_note: 'from an old version', employment: 'retired_early' },
    { legacy_count: 3, work_hours: 'about forty' },
    { legacy_count: 'many', legacy_list: ['a', 'b'] },
    { legacy_list: ['c'], return_reasons: ['family', 'old_reason'] },
    { legacy_count: 5 },
    { employment: 'retired_early' },
  ];
  for (const [k, r] of late.entries())
    await db
      .updateTable('responses')
      .set({ answers: JSON.stringify({ ...r.answers, ...plant[k] }) })
      .where('id', '=', r.id)
      .execute();
}

// Each test starts from empty tables: one test seeds once and checks everything.
forEachDatabase('samples read in chunks', (get) => {
  it('gives every sample and form as the sample built in memory; refuses bad flags first', async () => {
    const db = get().db;
    await seed(db);
    // As declared, the first reading's look sees every row as the sample has it.
    for (const options of [
      { sample: 'kept' as const, where: '${panel} = 0' },
      { sample: 'panel' as const },
    ]) {
      const looked: Dataset[] = [];
      const clean = await exportSample(db, STUDY, {
        ...options,
        batch: 9,
        firstLook: () => (chunk) => looked.push(chunk),
      });
      expect(clean.looked).toBe(true);
      const read = await collectChunks(clean.data);
      expect(read.n).toBeGreaterThan(5);
      expect(described(concatRows(clean.data.shape, looked))).toEqual(described(read));
    }
    await plant(db);
    const source = await loadWaveResponses(db, STUDY);
    const { kept } = await keptResponses(db, STUDY);
    const cases: [Parameters<typeof exportSample>[2], Dataset][] = [
      [{ sample: 'kept' }, combinedSample(source, kept)],
      [{ sample: 'all' }, combinedSample(source, () => true)],
      [{ sample: 'kept', wave: 'wave-1' }, combinedSample(source, kept, 'wave-1')],
      [{ sample: 'panel' }, panelSample(source, kept)],
      [{ sample: 'panel', form: 'long' }, panelLongSample(source, kept)],
      [
        { sample: 'kept', where: "${panel} = 1 or ${country_now} = 'GE'" },
        filterSample(
          combinedSample(source, kept),
          'where',
          "${panel} = 1 or ${country_now} = 'GE'",
        ),
      ],
    ];
    for (const [options, whole] of cases) {
      expect(whole.n).toBeGreaterThan(5);
      for (const batch of [7, 1000]) {
        const streamed = await exportSample(db, STUDY, { ...options, batch });
        const read = await collectChunks(streamed.data);
        expect(described(read), JSON.stringify(options)).toEqual(described(whole));
        expect(described(streamed.data.shape)).toEqual(
          described(whole).map((c) => ({ ...c, cells: [] })),
        );
      }
    }
    // The planted answers are in: an undeclared item, a removed choice, text in a number item.
    const planted = await exportSample(db, STUDY, { sample: 'all', firstLook: () => () => {} });
    expect(planted.looked).toBe(false);
    const all = await collectChunks(planted.data);
    expect(all.columns.get('legacy_count')!.type).toBe('text');
    expect(all.columns.get('legacy_list')!.type).toBe('multiple');
    expect(all.columns.get('work_hours')!.type).toBe('text');
    const employment = all.columns.get('employment')!;
    expect(employment.type === 'number' && employment.labels.at(-1)!.name).toBe('retired_early');
    await expect(exportSample(db, STUDY, { sample: 'kept', wave: 'wave-9' })).rejects.toThrow(
      /no wave 'wave-9'/,
    );
    await expect(
      exportSample(db, STUDY, { sample: 'kept', where: '${nothing_here} = 1' }),
    ).rejects.toThrow(/no variable 'nothing_here'/);
  }, 300_000);
});
