// Several server processes share one port (`longitude serve --workers N`): a form shown by one
// must be verified by another. They share the signing keys the first process hands out; with
// keys of their own the timing of a page would be lost.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { beforeEach, expect, it } from 'vitest';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { listPageSaves, listResponses } from '../../src/store/queries/responses.js';
import { buildApp } from '../../src/web/app.js';
import { wave1Answers } from '../fixtures/wave-1-answers.js';
import { forEachDatabase } from '../support/databases.js';
import { Respondent } from '../support/respondent.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');
const open = '/s/exile-panel/wave-1/c/telegram-outrush';

forEachDatabase('server processes sharing keys', (get) => {
  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
  });

  it("verify each other's page timings; a process with its own keys cannot", async () => {
    let clock = new Date('2022-03-20T10:00:00Z');
    const now = () => clock;
    const secrets = { signing: randomBytes(32), proofOfWork: randomBytes(32) };
    const one = await buildApp({ store: get(), logLevel: 'silent', now, secrets });
    const two = await buildApp({ store: get(), logLevel: 'silent', now, secrets });
    const stranger = await buildApp({ store: get(), logLevel: 'silent', now });
    try {
      const r = new Respondent(one);
      await r.get(`${open}?lang=en`);
      const start = r.forms()[0]!;
      r.app = two;
      await r.post(start.action, [...start.fields, ['consent', 'yes']]);
      await r.answer({ migration_status: 'left_after' });
      // Every page is shown by one process and saved through the other.
      const pages = wave1Answers.slice(0, 4);
      for (const [k, [, answers]] of pages.entries()) {
        clock = new Date(clock.getTime() + 30_000);
        r.app = k % 2 === 0 ? one : two;
        await r.answer(answers);
      }
      // The last page is shown by a process with keys of its own, saved through another.
      r.app = stranger;
      await r.get(r.last.headers.location ?? `${open}?lang=en`);
      clock = new Date(clock.getTime() + 30_000);
      r.app = one;
      await r.answer(wave1Answers[4]![1]);
      const [stored] = await listResponses(get().db, { studyId: 'exile-panel' });
      const log = await listPageSaves(get().db, stored!.id);
      const shown = log.map((p) => (p.shownAt ? p.savedAt.getTime() - p.shownAt.getTime() : null));
      expect(shown.slice(0, 4)).toEqual([30_000, 30_000, 30_000, 30_000]);
      expect(shown[4]).toBeNull();
    } finally {
      await Promise.all([one.close(), two.close(), stranger.close()]);
    }
  });
});
