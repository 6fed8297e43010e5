// Samples from responses in the database: hand-made responses of the reference study, read by
// loadWaveResponses and built by the analysis room's sample builders, rows written out by hand.
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { cellText, type Dataset } from '../../src/analysis/dataset.js';
import { attritionSample, buildSamples } from '../../src/analysis/samples.js';
import { loadWaveResponses } from '../../src/fieldwork/samples.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { hashToken } from '../../src/security/tokens.js';
import { forEachDatabase } from '../support/databases.js';
import { completedResponse, seedPanel } from '../support/panel.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const STUDY = 'exile-panel';

const rows = (d: Dataset, names: string[]) =>
  Array.from({ length: d.n }, (_, i) => names.map((n) => cellText(d.columns.get(n)!, i)));

forEachDatabase('samples from the database', (get) => {
  let ids: Record<string, string>;
  let pseudonyms: Record<string, string>;

  beforeEach(async () => {
    const db = get().db;
    await loadStudyFolder(db, example);
    const answer = (id: string, answers: Record<string, unknown>, at: string) =>
      db
        .updateTable('responses')
        .set({ answers: JSON.stringify(answers), created_at: new Date(at) })
        .where('id', '=', id)
        .execute();
    const people = ['anna', 'boris', 'clara'] as const;
    const seeded = await seedPanel(
      db,
      STUDY,
      'wave-1',
      people.map(() => ({ choice: { kind: 'code' as const }, language: 'ru' })),
    );
    ids = {};
    pseudonyms = {};
    const wave1 = { anna: 'GE', boris: 'AM', clara: 'TR' };
    for (const [i, name] of people.entries()) {
      ids[`${name}1`] = seeded[i]!.responseId;
      pseudonyms[name] = seeded[i]!.pseudonym!;
      await answer(seeded[i]!.responseId, { country_now: wave1[name] }, `2022-03-2${i}T10:00:00Z`);
    }
    // Wave 2: anna abroad, boris back in Russia (by his personal link), clara did not answer;
    // a newcomer from the open link, and an unfinished response that is not read.
    const second = async (name: string, at: string, answers: Record<string, unknown>) => {
      const id = await completedResponse(db, STUDY, 'wave-2', 'ru');
      await answer(id, answers, at);
      return id;
    };
    ids.anna2 = await second('anna', '2022-09-01T10:00:00Z', { country_now: 'GE' });
    ids.boris2 = await second('boris', '2022-09-02T10:00:00Z', { country_now: 'RU' });
    ids.new2 = await second('new', '2022-09-03T10:00:00Z', { country_now: 'KZ' });
    const panelistId = async (name: string) =>
      (
        await db
          .selectFrom('panelists')
          .select('id')
          .where('pseudonym', '=', pseudonyms[name]!)
          .executeTakeFirstOrThrow()
      ).id;
    await db
      .updateTable('responses')
      .set({ panelist_id: await panelistId('anna') })
      .where('id', '=', ids.anna2)
      .execute();
    const invitation = async (name: string, state: 'sent' | 'cancelled') =>
      (
        await db
          .insertInto('invitations')
          .values({
            study_id: STUDY,
            wave_id: 'wave-2',
            token_hash: hashToken(`${name}-${state}`),
            panelist_id: await panelistId(name),
            state,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await db
      .updateTable('responses')
      // A personal link starts a response of the invitation's panelist.
      .set({
        invitation_id: await invitation('boris', 'sent'),
        panelist_id: await panelistId('boris'),
      })
      .where('id', '=', ids.boris2)
      .execute();
    await invitation('clara', 'sent');
    const unfinished = await completedResponse(db, STUDY, 'wave-2', 'ru');
    await db
      .updateTable('responses')
      .set({ status: 'in_progress', panelist_id: await panelistId('clara') })
      .where('id', '=', unfinished)
      .execute();
  });

  it('reads responses with pseudonyms, variables and invitations', async () => {
    const source = await loadWaveResponses(get().db, STUDY);
    expect(source.waves).toEqual(['wave-1', 'wave-2']);
    expect(source.responses.map((r) => [r.responseId, r.pseudonym, r.waveId])).toEqual([
      [ids.anna1, pseudonyms.anna, 'wave-1'],
      [ids.boris1, pseudonyms.boris, 'wave-1'],
      [ids.clara1, pseudonyms.clara, 'wave-1'],
      [ids.anna2, pseudonyms.anna, 'wave-2'],
      [ids.boris2, pseudonyms.boris, 'wave-2'],
      [ids.new2, null, 'wave-2'],
    ]);
    expect(source.variables!.get('wave-2')!.map((v) => v.name)).toContain('country_now');
    expect(source.invited).toEqual(
      new Map([['wave-2', new Set([pseudonyms.boris, pseudonyms.clara])]]),
    );
  });

  it('builds the panel, combined and custom samples, leaving out what quality dropped', async () => {
    const source = await loadWaveResponses(get().db, STUDY);
    const samples = buildSamples(source, new Set(Object.values(ids)), {
      returnees: { from: 'panel', where: "${country_now__wave_2} = 'RU'" },
    });
    const panel = samples.get('panel')!;
    expect(
      rows(panel, [
        'pseudonym',
        'response_id__wave-1',
        'country_now__wave-1',
        'response_id__wave-2',
        'country_now__wave-2',
      ]),
    ).toEqual([
      [pseudonyms.anna, ids.anna1, 'GE', ids.anna2, 'GE'],
      [pseudonyms.boris, ids.boris1, 'AM', ids.boris2, 'RU'],
    ]);
    expect(
      rows(samples.get('combined')!, ['response_id', 'pseudonym', 'panel', 'country_now']),
    ).toEqual([
      [ids.anna2, pseudonyms.anna, '1', 'GE'],
      [ids.boris2, pseudonyms.boris, '1', 'RU'],
      [ids.new2, null, '0', 'KZ'],
    ]);
    expect(rows(samples.get('returnees')!, ['pseudonym', 'country_now__wave-1'])).toEqual([
      [pseudonyms.boris, 'AM'],
    ]);
    // Quality drops anna's wave-2 response: she leaves the panel sample, not wave 1's.
    const dropped = (id: string) => id !== ids.anna2;
    expect(rows(buildSamples(source, dropped).get('panel')!, ['pseudonym'])).toEqual([
      [pseudonyms.boris],
    ]);
    // Attrition: anna answered by panel code (not invited), so she was asked; her dropped
    // response counts as no response.
    expect(rows(attritionSample(source, dropped), ['pseudonym', 'responded'])).toEqual([
      [pseudonyms.anna, '0'],
      [pseudonyms.boris, '1'],
      [pseudonyms.clara, '0'],
    ]);
  });
});
