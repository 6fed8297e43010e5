// `longitude panelist erase` on the embedded database and on the PostgreSQL server: by panel
// code and by contact (with a key pair from `longitude keys generate`), looking first, and
// refusing bad input without changing anything.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { panelCodeHash } from '../../src/fieldwork/panel.js';
import { truncateAll } from '../support/databases.js';
import { cli } from '../support/cli.js';
import { describeCliDatabases } from '../support/cli-databases.js';
import { seedPanel } from '../support/panel.js';
import { buildScenario, STUDY, type Scenario } from '../fieldwork/panel-scenario.js';

const code = 'abandon ability able about above absent';

describeCliDatabases('longitude panelist erase', (get) => {
  let env: Record<string, string>;
  let dir: string;
  let s: Scenario;

  function counts(): Promise<Record<string, number>> {
    return get().withDb(async (store) => {
      const out: Record<string, number> = {};
      for (const t of ['panelists', 'responses', 'page_saves', 'invitations', 'erasures']) {
        const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(
          store.db,
        );
        out[t] = r.rows[0]!.n;
      }
      return out;
    });
  }

  beforeEach(async () => {
    ({ env, dir } = get());
    await get().withDb(async (store) => {
      await truncateAll(store);
      s = await buildScenario(store.db);
      await store.db
        .updateTable('panelists')
        .set({ panel_code_hash: panelCodeHash(code) })
        .where('id', '=', s.panelists.complete.id)
        .execute();
    });
  });

  it('says what would go without --yes, and erases with it', async () => {
    const before = await counts();
    const look = await cli(['panelist', 'erase', '--study', STUDY, '--panel-code', code], env);
    expect(look.code).toBe(0);
    expect(look.out).toBe(
      "Would erase from study 'exile-panel-dated' (found by panel-code): 2 response(s) in wave-1, wave-2, 2 page save(s), 1 invitation(s), 1 panelist record(s). Nothing was changed; run again with --yes to erase.\n",
    );
    expect(await counts()).toEqual(before);

    const done = await cli(
      [
        'panelist',
        'erase',
        '--study',
        STUDY,
        '--panel-code',
        code.toUpperCase(),
        '--yes',
        '--json',
      ],
      env,
    );
    expect(done.code).toBe(0);
    expect(JSON.parse(done.out)).toEqual({
      study: STUDY,
      foundBy: 'panel-code',
      unreadableContacts: 0,
      panelists: 1,
      responses: 2,
      pageSaves: 2,
      invitations: 1,
      waves: ['wave-1', 'wave-2'],
      erased: true,
    });
    expect(await counts()).toEqual({
      panelists: before.panelists! - 1,
      responses: before.responses! - 2,
      page_saves: before.page_saves! - 2,
      invitations: before.invitations! - 1,
      erasures: 1,
    });
    expect(done.out).not.toContain(s.panelists.complete.pseudonym);

    const again = await cli(
      ['panelist', 'erase', '--study', STUDY, '--panel-code', code, '--yes'],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.err).toBe(
      "longitude: No panelist of study 'exile-panel-dated' has this panel code; nothing was changed. (field panel-code)\n",
    );
  });

  it('finds a panelist by the contact they left, opened with the private key', async () => {
    const keyDir = path.join(dir, 'keys');
    await rm(keyDir, { recursive: true, force: true });
    expect((await cli(['keys', 'generate', '--out', keyDir])).code).toBe(0);
    const publicKey = path.join(keyDir, 'study.public.key');
    const privateKey = path.join(keyDir, 'study.private.key');
    expect((await cli(['study', 'set-key', STUDY, '--key', publicKey], env)).code).toBe(0);
    await get().withDb((store) =>
      seedPanel(store.db, STUDY, 'wave-1', [
        { choice: { kind: 'email', address: 'olga.m@example.org' }, language: 'ru' },
        { choice: { kind: 'email', address: 'ivan@example.org' }, language: 'ru' },
      ]),
    );
    const before = await counts();
    const wrongKey = await cli(
      [
        'panelist',
        'erase',
        '--study',
        STUDY,
        '--contact',
        'olga.m@example.org',
        '--key',
        publicKey,
      ],
      env,
    );
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.err).toContain('this is a public key');
    const r = await cli(
      [
        'panelist',
        'erase',
        '--study',
        STUDY,
        '--contact',
        ' Olga.M@Example.org',
        '--key',
        privateKey,
        '--yes',
      ],
      env,
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain(
      "Erased from study 'exile-panel-dated' (found by contact): 1 response(s) in wave-1",
    );
    expect(await counts()).toMatchObject({
      panelists: before.panelists! - 1,
      responses: before.responses! - 1,
      erasures: 1,
    });
  });

  it('refuses unclear or bad requests in one line and changes nothing', async () => {
    const before = await counts();
    const cases: [string[], string][] = [
      [[], 'Give either --panel-code'],
      [['--panel-code', code, '--contact', 'a@example.org'], 'Give either --panel-code'],
      [['--panel-code', code, '--key', 'x.key'], '--key is for --contact only'],
      [['--contact', 'a@example.org'], '--contact needs --key'],
      [
        ['--contact', 'a@example.org', '--key', path.join(dir, 'none.key')],
        'cannot read the key file',
      ],
      [['--panel-code', 'one two three'], 'this one has 3 word(s)'],
      [['--panel-code', 'abandon ability able about above zzz'], 'not in the word list'],
    ];
    for (const [flags, message] of cases) {
      const r = await cli(['panelist', 'erase', '--study', STUDY, ...flags, '--yes'], env);
      expect(r.code, flags.join(' ')).toBe(1);
      expect(r.err).toContain(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
    const study = await cli(
      ['panelist', 'erase', '--study', 'nope', '--panel-code', code, '--yes'],
      env,
    );
    expect(study.code).toBe(1);
    expect(study.err).toContain("There is no study 'nope'");
    expect(await counts()).toEqual(before);
  });
});

it('has --help', async () => {
  const r = await cli(['panelist', 'erase', '--help']);
  expect(r.code).toBe(0);
  expect(r.out).toContain('--panel-code <words>');
  expect(r.out).toContain('--yes');
});
