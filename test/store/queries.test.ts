import { describe, expect, it } from 'vitest';
import { Problem } from '../../src/problems/problem.js';
import {
  listChannels,
  removeChannelsExcept,
  upsertChannel,
} from '../../src/store/queries/channels.js';
import {
  countResponsesForVersion,
  createQuestionnaireVersion,
  getQuestionnaireVersion,
  latestQuestionnaireVersion,
  listQuestionnaireVersions,
  replaceQuestionnaireContent,
} from '../../src/store/queries/questionnaire-versions.js';
import {
  countResponsesByWave,
  createResponse,
  getResponse,
  listPageSaves,
  findResponseBySession,
  findResponsesBySession,
  listResponses,
  savePage,
  savePages,
} from '../../src/store/queries/responses.js';
import { getStudy, listStudies, upsertStudy } from '../../src/store/queries/studies.js';
import { deleteWave, getWave, listWaves, upsertWave } from '../../src/store/queries/waves.js';
import type { Store } from '../../src/store/database.js';
import { forEachDatabase } from '../support/databases.js';

const now = new Date('2022-09-05T10:00:00Z');

async function seed(store: Store) {
  const { db } = store;
  await upsertStudy(db, {
    id: 'exile-panel',
    title: { en: 'Exile', ru: 'Эмиграция' },
    languages: ['ru', 'en'],
    defaultLanguage: 'ru',
    definition: { id: 'exile-panel' },
  });
  const version = await createQuestionnaireVersion(db, {
    studyId: 'exile-panel',
    waveId: 'wave-1',
    version: 1,
    contentHash: 'h1',
    definition: { pages: [] },
  });
  await upsertWave(db, {
    studyId: 'exile-panel',
    id: 'wave-1',
    position: 1,
    title: { en: 'March', ru: 'Март' },
    questionnaireVersionId: version.id,
    panelOpensAt: null,
    opensAt: null,
    closesAt: null,
  });
  await upsertChannel(db, {
    studyId: 'exile-panel',
    code: 'telegram',
    name: 'Telegram',
    description: null,
  });
  return version;
}

async function response(store: Store, versionId: number, channelCode: string | null = 'telegram') {
  return createResponse(store.db, {
    studyId: 'exile-panel',
    waveId: 'wave-1',
    questionnaireVersionId: versionId,
    channelCode,
    language: 'ru',
    currentPage: 'start',
    now,
  });
}

forEachDatabase('studies, waves, channels and versions', (get) => {
  it('creates a study, then updates it in place', async () => {
    await seed(get());
    const again = await upsertStudy(get().db, {
      id: 'exile-panel',
      title: { en: 'Exile 2', ru: 'Эмиграция 2' },
      languages: ['ru', 'en'],
      defaultLanguage: 'en',
      definition: { id: 'exile-panel', v: 2 },
    });
    expect(again.created).toBe(false);
    const study = await getStudy(get().db, 'exile-panel');
    expect(study).toMatchObject({
      title: { en: 'Exile 2', ru: 'Эмиграция 2' },
      defaultLanguage: 'en',
      hasPublicKey: false,
    });
    expect((await listStudies(get().db)).map((s) => s.id)).toEqual(['exile-panel']);
    expect(await getStudy(get().db, 'nope')).toBeUndefined();
  });

  it('refuses a study id that is not a slug, as a problem', async () => {
    const bad = upsertStudy(get().db, {
      id: 'Bad Id',
      title: {},
      languages: ['en'],
      defaultLanguage: 'en',
      definition: {},
    });
    await expect(bad).rejects.toBeInstanceOf(Problem);
    await expect(bad).rejects.toMatchObject({ code: 'store.invalid' });
  });

  it('keeps waves with their phases and current version', async () => {
    const v = await seed(get());
    await upsertWave(get().db, {
      studyId: 'exile-panel',
      id: 'wave-2',
      position: 2,
      title: { en: 'September', ru: 'Сентябрь' },
      questionnaireVersionId: v.id,
      panelOpensAt: new Date('2022-08-23T00:00:00+03:00'),
      opensAt: new Date('2022-09-05T00:00:00+03:00'),
      closesAt: new Date('2022-09-25T00:00:00+03:00'),
    });
    expect((await listWaves(get().db, 'exile-panel')).map((w) => w.id)).toEqual([
      'wave-1',
      'wave-2',
    ]);
    const w2 = await getWave(get().db, 'exile-panel', 'wave-2');
    expect(w2?.panelOpensAt?.toISOString()).toBe('2022-08-22T21:00:00.000Z');
    await deleteWave(get().db, 'exile-panel', 'wave-2');
    expect(await getWave(get().db, 'exile-panel', 'wave-2')).toBeUndefined();
  });

  it('refuses a panel-only phase that starts after the open phase', async () => {
    const v = await seed(get());
    const bad = upsertWave(get().db, {
      studyId: 'exile-panel',
      id: 'wave-2',
      position: 2,
      title: {},
      questionnaireVersionId: v.id,
      panelOpensAt: new Date('2022-09-10T00:00:00Z'),
      opensAt: new Date('2022-09-05T00:00:00Z'),
      closesAt: null,
    });
    await expect(bad).rejects.toMatchObject({
      code: 'store.invalid',
      message: expect.stringMatching(/panel-only phase/),
    });
  });

  it('numbers questionnaire versions and refuses a duplicate number as a conflict', async () => {
    const v1 = await seed(get());
    const v2 = await createQuestionnaireVersion(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-1',
      version: 2,
      contentHash: 'h2',
      definition: { pages: [1] },
    });
    expect((await latestQuestionnaireVersion(get().db, 'exile-panel', 'wave-1'))?.id).toBe(v2.id);
    expect(
      (await listQuestionnaireVersions(get().db, 'exile-panel', 'wave-1')).map((v) => v.version),
    ).toEqual([1, 2]);
    const dup = createQuestionnaireVersion(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-1',
      version: 2,
      contentHash: 'h3',
      definition: {},
    });
    await expect(dup).rejects.toMatchObject({
      code: 'store.conflict',
      message: expect.stringMatching(/version number/),
    });
    await replaceQuestionnaireContent(get().db, v1.id, {
      contentHash: 'h1b',
      definition: { pages: ['x'] },
    });
    expect(await getQuestionnaireVersion(get().db, v1.id)).toMatchObject({
      contentHash: 'h1b',
      definition: { pages: ['x'] },
    });
    expect(typeof v2.id).toBe('number');
  });

  it('refuses a reference to a study that does not exist', async () => {
    const bad = upsertChannel(get().db, {
      studyId: 'ghost',
      code: 'x',
      name: 'X',
      description: null,
    });
    await expect(bad).rejects.toMatchObject({ code: 'store.reference' });
  });

  it('removes unused channels but keeps those responses came through', async () => {
    const v = await seed(get());
    await upsertChannel(get().db, {
      studyId: 'exile-panel',
      code: 'friends',
      name: 'Friends',
      description: { en: 'd', ru: 'д' },
    });
    await upsertChannel(get().db, {
      studyId: 'exile-panel',
      code: 'unused',
      name: 'Unused',
      description: null,
    });
    await response(get(), v.id, 'friends');
    const kept = await removeChannelsExcept(get().db, 'exile-panel', ['telegram']);
    expect(kept).toEqual(['friends']);
    expect((await listChannels(get().db, 'exile-panel')).map((c) => c.code)).toEqual([
      'friends',
      'telegram',
    ]);
  });
});

/** A save of the page 'start' at `now`, half way through. */
function pageSave(
  responseId: string,
  saveId: string,
  answers: Record<string, unknown>,
  currentPage = 'start',
) {
  return {
    responseId,
    pageId: 'start',
    saveId,
    answers,
    shownAt: now,
    savedAt: now,
    completionShare: 0.5,
    currentPage,
  };
}

forEachDatabase('responses and page saves', (get) => {
  it('creates a response and lists it by wave', async () => {
    const v = await seed(get());
    const r = await response(get(), v.id);
    expect(r).toMatchObject({
      studyId: 'exile-panel',
      waveId: 'wave-1',
      status: 'in_progress',
      answers: {},
      completionShare: 0,
      channelCode: 'telegram',
    });
    expect(r.createdAt.toISOString()).toBe(now.toISOString());
    expect(
      (await listResponses(get().db, { studyId: 'exile-panel', waveId: 'wave-1' })).map(
        (x) => x.id,
      ),
    ).toEqual([r.id]);
    expect(await countResponsesForVersion(get().db, v.id)).toBe(1);
    expect(await countResponsesByWave(get().db, 'exile-panel')).toEqual(new Map([['wave-1', 1]]));
    expect(await getResponse(get().db, 'not-a-uuid')).toBeUndefined();
  });

  it('refuses a response through a channel the study lacks', async () => {
    const v = await seed(get());
    await expect(response(get(), v.id, 'nowhere')).rejects.toMatchObject({
      code: 'store.reference',
    });
  });

  it('refuses text the database cannot hold in its own sentence, never the database text, storing nothing', async () => {
    const v = await seed(get());
    const r = await response(get(), v.id);
    for (const [answers, pageId] of [
      [{ comments: 'half \udc00 a pair' }, 'start'],
      [{ comments: 'high \ud800' }, 'start'],
      [{ comments: 'null \u0000 char' }, 'start'],
      [{ comments: 'fine' }, 'st\u0000art'],
    ] as const) {
      const refused = await savePage(get().db, {
        ...pageSave(r.id, `bad-${pageId.length}-${JSON.stringify(answers).length}`, answers),
        pageId,
      }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(Problem);
      expect(refused).toMatchObject({
        code: 'store.invalid',
        message:
          'Cannot save: the text holds a character that cannot be stored (a null character or half of a surrogate pair).',
      });
    }
    expect(await listPageSaves(get().db, r.id)).toEqual([]);
    expect((await getResponse(get().db, r.id))!.answers).toEqual({});
  });

  it('merges page answers and records the page log', async () => {
    const v = await seed(get());
    const r = await response(get(), v.id);
    const save = (
      saveId: string,
      pageId: string,
      answers: Record<string, unknown>,
      share: number,
    ) =>
      savePage(get().db, {
        responseId: r.id,
        pageId,
        saveId,
        answers,
        shownAt: now,
        savedAt: new Date(now.getTime() + 30_000),
        completionShare: share,
        currentPage: pageId,
      });
    expect(await save('save-0001', 'start', { a: 1, b: 'x' }, 0.25)).toEqual({
      duplicate: false,
      found: true,
    });
    expect(await save('save-0002', 'next', { b: 'y', c: ['p', 'q'] }, 0.5)).toEqual({
      duplicate: false,
      found: true,
    });
    const stored = await getResponse(get().db, r.id);
    expect(stored).toMatchObject({
      answers: { a: 1, b: 'y', c: ['p', 'q'] },
      completionShare: 0.5,
      currentPage: 'next',
    });
    const log = await listPageSaves(get().db, r.id);
    expect(log.map((p) => [p.pageId, p.saveId])).toEqual([
      ['start', 'save-0001'],
      ['next', 'save-0002'],
    ]);
    expect(log[0]!.savedAt.getTime() - log[0]!.shownAt!.getTime()).toBe(30_000);
  });

  it('answers a repeated save id like the first and changes nothing', async () => {
    const v = await seed(get());
    const r = await response(get(), v.id);
    const base = {
      responseId: r.id,
      pageId: 'start',
      shownAt: now,
      savedAt: now,
      currentPage: 'start',
    };
    await savePage(get().db, {
      ...base,
      saveId: 'save-0001',
      answers: { a: 1 },
      completionShare: 0.2,
    });
    const again = await savePage(get().db, {
      ...base,
      saveId: 'save-0001',
      answers: { a: 2 },
      completionShare: 0.9,
      status: 'complete',
    });
    expect(again).toEqual({ duplicate: true, found: true });
    expect(await getResponse(get().db, r.id)).toMatchObject({
      answers: { a: 1 },
      completionShare: 0.2,
      status: 'in_progress',
      completedAt: null,
    });
    expect(await listPageSaves(get().db, r.id)).toHaveLength(1);
  });

  it('stores one page when five identical saves arrive in parallel', async () => {
    const v = await seed(get());
    const r = await response(get(), v.id);
    const save = {
      responseId: r.id,
      pageId: 'start',
      saveId: 'save-parallel',
      answers: { a: 1 },
      shownAt: now,
      savedAt: now,
      completionShare: 0.3,
      currentPage: 'start',
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => savePage(get().db, save)));
    expect(results.filter((x) => !x.duplicate)).toHaveLength(1);
    expect(await listPageSaves(get().db, r.id)).toHaveLength(1);
  });

  it('marks completion once and reports a response that does not exist', async () => {
    const v = await seed(get());
    const r = await response(get(), v.id);
    const end = new Date('2022-09-05T10:20:00Z');
    await savePage(get().db, {
      responseId: r.id,
      pageId: 'last',
      saveId: 'save-last',
      answers: {},
      shownAt: null,
      savedAt: end,
      completionShare: 1,
      currentPage: null,
      status: 'complete',
    });
    expect(await getResponse(get().db, r.id)).toMatchObject({
      status: 'complete',
      completedAt: end,
    });
    const missing = await savePage(get().db, {
      responseId: '00000000-0000-4000-8000-000000000000',
      pageId: 'x',
      saveId: 'save-0001',
      answers: {},
      shownAt: null,
      savedAt: now,
      completionShare: 0,
      currentPage: null,
    });
    expect(missing).toEqual({ duplicate: false, found: false });
  });

  it('stores saves of many responses in one statement, each as if alone', async () => {
    const v = await seed(get());
    const [a, b, c] = [
      await response(get(), v.id),
      await response(get(), v.id),
      await response(get(), v.id),
    ];
    const page = (responseId: string, saveId: string, answers: Record<string, unknown>) =>
      pageSave(responseId, saveId, answers, 'next');
    await savePage(get().db, page(b!.id, 'save-b-0001', { x: 'before' }));
    const results = await savePages(get().db, [
      page(a!.id, 'save-a-0001', { x: 'a' }),
      // Already stored: nothing changes.
      page(b!.id, 'save-b-0001', { x: 'changed' }),
      { ...page(c!.id, 'save-c-0001', { x: 'c' }), status: 'complete' as const, currentPage: null },
      page('00000000-0000-4000-8000-000000000000', 'save-z-0001', {}),
      page('not-a-uuid', 'save-z-0002', {}),
    ]);
    expect(results).toEqual([
      { duplicate: false, found: true },
      { duplicate: true, found: true },
      { duplicate: false, found: true },
      { duplicate: false, found: false },
      { duplicate: false, found: false },
    ]);
    expect(await getResponse(get().db, a!.id)).toMatchObject({
      answers: { x: 'a' },
      currentPage: 'next',
    });
    expect(await getResponse(get().db, b!.id)).toMatchObject({ answers: { x: 'before' } });
    expect(await getResponse(get().db, c!.id)).toMatchObject({
      answers: { x: 'c' },
      status: 'complete',
      completedAt: now,
      currentPage: null,
    });
    for (const r of [a, b, c]) expect(await listPageSaves(get().db, r!.id)).toHaveLength(1);
  });

  it("keeps every save of many respondents saving at once, in each one's order", async () => {
    const v = await seed(get());
    const people = await Promise.all(Array.from({ length: 30 }, () => response(get(), v.id)));
    // Each person sends three pages at once (as a retrying browser might): all land, in order.
    const results = await Promise.all(
      people.flatMap((r) =>
        [1, 2, 3].map((n) =>
          savePage(get().db, {
            responseId: r.id,
            pageId: `p${n}`,
            saveId: `save-${n}-${r.id.slice(0, 8)}`,
            answers: { [`q${n}`]: n, last: n },
            shownAt: now,
            savedAt: now,
            completionShare: n / 3,
            currentPage: `p${n}`,
          }),
        ),
      ),
    );
    expect(results.every((x) => x.found && !x.duplicate)).toBe(true);
    for (const r of people) {
      expect(await getResponse(get().db, r.id)).toMatchObject({
        answers: { q1: 1, q2: 2, q3: 3, last: 3 },
        currentPage: 'p3',
      });
      expect((await listPageSaves(get().db, r.id)).map((p) => p.pageId)).toEqual([
        'p1',
        'p2',
        'p3',
      ]);
    }
  });

  it('refuses a bad save that arrived with others, and stores the others', async () => {
    const v = await seed(get());
    const people = await Promise.all([1, 2, 3].map(() => response(get(), v.id)));
    const settled = await Promise.allSettled(
      people.map((r, i) =>
        savePage(get().db, {
          responseId: r.id,
          pageId: 'start',
          // The middle one breaks the save id's length check, and with it the statement.
          saveId: i === 1 ? 'short' : `save-${i}-00000`,
          answers: { i },
          shownAt: now,
          savedAt: now,
          completionShare: 0.1,
          currentPage: 'start',
        }),
      ),
    );
    expect(settled.map((x) => x.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'store.invalid' });
    expect(await listPageSaves(get().db, people[0]!.id)).toHaveLength(1);
    expect(await listPageSaves(get().db, people[1]!.id)).toHaveLength(0);
    expect(await getResponse(get().db, people[1]!.id)).toMatchObject({ answers: {} });
    expect(await getResponse(get().db, people[2]!.id)).toMatchObject({ answers: { i: 2 } });
  });

  it('never puts two saves of one response in one statement, however its id is written', async () => {
    const v = await seed(get());
    const r = await response(get(), v.id);
    const page = pageSave;
    await expect(
      savePages(get().db, [
        page(r.id, 'save-0001', { a: 1 }),
        page(r.id.toUpperCase(), 'save-0002', { b: 2 }),
      ]),
    ).rejects.toThrow('two saves of response');
    expect(await listPageSaves(get().db, r.id)).toHaveLength(0);
    // Through the batcher, the same two arriving together are both stored, one after the other.
    const results = await Promise.all([
      savePage(get().db, page(r.id, 'save-0001', { a: 1 })),
      savePage(get().db, page(r.id.toUpperCase(), 'save-0002', { b: 2 })),
    ]);
    expect(results).toEqual([
      { duplicate: false, found: true },
      { duplicate: false, found: true },
    ]);
    expect(await getResponse(get().db, r.id)).toMatchObject({ answers: { a: 1, b: 2 } });
    expect((await listPageSaves(get().db, r.id)).map((p) => p.saveId)).toEqual([
      'save-0001',
      'save-0002',
    ]);
  });

  it('saves inside a transaction at once, and takes the save back with it', async () => {
    const v = await seed(get());
    const r = await response(get(), v.id);
    const failed = get()
      .db.transaction()
      .execute(async (tx) => {
        const saved = await savePage(tx, {
          responseId: r.id,
          pageId: 'start',
          saveId: 'save-in-tx-1',
          answers: { a: 1 },
          shownAt: now,
          savedAt: now,
          completionShare: 0.5,
          currentPage: 'start',
        });
        expect(saved).toEqual({ duplicate: false, found: true });
        expect(await findResponseBySession(tx, 'no-such-session')).toBeUndefined();
        throw new Error('changed my mind');
      });
    await expect(failed).rejects.toThrow('changed my mind');
    expect(await listPageSaves(get().db, r.id)).toHaveLength(0);
    expect(await getResponse(get().db, r.id)).toMatchObject({ answers: {} });
  });

  it('finds responses by session, many at once', async () => {
    const v = await seed(get());
    const make = (hash: string) =>
      createResponse(get().db, {
        studyId: 'exile-panel',
        waveId: 'wave-1',
        questionnaireVersionId: v.id,
        channelCode: null,
        language: 'en',
        currentPage: 'start',
        now,
        sessionHash: hash,
      });
    const one = await make('hash-one');
    const two = await make('hash-two');
    const found = await findResponsesBySession(get().db, [
      'hash-two',
      'nobody',
      'hash-one',
      'hash-two',
    ]);
    expect(found.map((r) => r?.id)).toEqual([two.id, undefined, one.id, two.id]);
    const single = await Promise.all(
      ['hash-one', 'nobody', 'hash-two'].map((h) => findResponseBySession(get().db, h)),
    );
    expect(single.map((r) => r?.id)).toEqual([one.id, undefined, two.id]);
    expect(single[0]).not.toHaveProperty('sessionHash');
    // Callers asking for the same session each get their own response to change.
    const same = await Promise.all([1, 2].map(() => findResponseBySession(get().db, 'hash-one')));
    expect(same[0]).toEqual(same[1]);
    expect(same[0]).not.toBe(same[1]);
    expect(same[0]!.answers).not.toBe(same[1]!.answers);
  });
});

describe('constraint errors', () => {
  it('become problems with sentences, not driver errors', async () => {
    const { translateDatabaseError } = await import('../../src/store/errors.js');
    const p = translateDatabaseError({ code: '23505', constraint: 'studies_pkey' }) as Problem;
    expect(p).toBeInstanceOf(Problem);
    expect(p.message).toBe('Cannot save: a study with this id already exists.');
    const other = new Error('boom');
    expect(translateDatabaseError(other)).toBe(other);
  });

  it('run a transaction again after a deadlock or a serialisation conflict, three times at most', async () => {
    const { retryingConflicts } = await import('../../src/store/errors.js');
    const failing = (codes: string[]) => {
      let calls = 0;
      const work = async () => {
        const code = codes[calls++];
        if (code) throw Object.assign(new Error(code), { code });
        return calls;
      };
      return { work, calls: () => calls };
    };
    expect(await retryingConflicts(failing(['40P01', '40001']).work)).toBe(3);
    const always = failing(['40P01', '40P01', '40P01', '40P01']);
    await expect(retryingConflicts(always.work)).rejects.toThrow('40P01');
    expect(always.calls()).toBe(3);
    const other = failing(['23505']);
    await expect(retryingConflicts(other.work)).rejects.toThrow('23505');
    expect(other.calls()).toBe(1);
  });
});
