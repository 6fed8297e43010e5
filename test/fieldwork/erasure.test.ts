// Erasure on request, on both databases: everything of one panelist goes in one transaction
// (found by panel code, or by the contact opened with the study's private key), nothing of
// theirs is left in any column of any table, the others are untouched, and the audit record
// holds counts only.
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { erasePanelist } from '../../src/fieldwork/erasure.js';
import { panelCodeHash } from '../../src/fieldwork/panel.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { generateKeyPair, type KeyPair } from '../../src/security/sealed-box.js';
import { hashToken } from '../../src/security/tokens.js';
import { setStudyPublicKey } from '../../src/store/queries/studies.js';
import { openAndMigrate, type Store } from '../../src/store/database.js';
import { forEachDatabase } from '../support/databases.js';
import { seedPanel } from '../support/panel.js';
import { createServerDatabase, type ServerDatabase } from '../support/server-database.js';
import { buildScenario, datedStudyFile, STUDY, type Scenario } from './panel-scenario.js';

const code = 'Abandon-ability able ABOUT above absent';

/** Where each needle occurs: `schema.table.column` of every text, bytea, JSON or uuid column. */
async function findEverywhere(store: Store, needles: string[]): Promise<Map<string, string[]>> {
  const columns = await sql<{ s: string; t: string; c: string; type: string }>`
    select c.table_schema as s, c.table_name as t, c.column_name as c, c.data_type as type
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema in ('public', 'pgboss') and t.table_type = 'BASE TABLE'
      and c.data_type in ('text', 'character varying', 'bytea', 'jsonb', 'json', 'uuid', 'ARRAY')
  `.execute(store.db);
  expect(columns.rows.length).toBeGreaterThan(20);
  const found = new Map<string, string[]>();
  for (const needle of needles) {
    const where: string[] = [];
    for (const col of columns.rows) {
      const ref = sql.id(col.s, col.t, col.c);
      const hit =
        col.type === 'bytea'
          ? sql<boolean>`position(convert_to(${needle}, 'UTF8') in ${ref}) > 0`
          : sql<boolean>`strpos(${ref}::text, ${needle}) > 0`;
      const r = await sql<{ n: number }>`
        select count(*)::int as n from ${sql.table(`${col.s}.${col.t}`)} where ${hit}`.execute(
        store.db,
      );
      if (r.rows[0]!.n > 0) where.push(`${col.s}.${col.t}.${col.c}`);
    }
    found.set(needle, where);
  }
  return found;
}

async function rowCounts(store: Store): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ['panelists', 'responses', 'page_saves', 'invitations', 'erasures'] as const) {
    const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(
      store.db,
    );
    out[t] = r.rows[0]!.n;
  }
  return out;
}

forEachDatabase('erasure by panel code', (get) => {
  let s: Scenario;
  beforeEach(async () => {
    s = await buildScenario(get().db);
    await get()
      .db.updateTable('panelists')
      .set({ panel_code_hash: panelCodeHash(code) })
      .where('id', '=', s.panelists.complete.id)
      .execute();
  });

  /** Everything that would point at the panelist 'complete'. */
  const traces = () => [
    s.panelists.complete.pseudonym,
    s.responses['complete:wave-1']!,
    s.responses['complete:wave-2']!,
    ...s.tokenHashes.complete!,
    panelCodeHash(code),
    hashToken('session:complete-1'),
    hashToken('resume:complete-2'),
    hashToken('device:complete-2'),
    s.comments.complete!,
  ];

  it('says what would go without changing anything', async () => {
    const before = await rowCounts(get());
    const r = await erasePanelist(get().db, STUDY, { panelCode: code }, { erase: false });
    expect(r).toEqual({
      study: STUDY,
      foundBy: 'panel-code',
      erased: false,
      unreadableContacts: 0,
      panelists: 1,
      responses: 2,
      pageSaves: 2,
      invitations: 1,
      waves: ['wave-1', 'wave-2'],
    });
    expect(await rowCounts(get())).toEqual(before);
  });

  it('deletes every trace of the panelist in one go and keeps counts only', async () => {
    const before = await rowCounts(get());
    const seen = await findEverywhere(get(), traces());
    for (const [needle, where] of seen) expect(where, needle).not.toEqual([]);
    const other = await findEverywhere(get(), [s.panelists.partial.pseudonym, s.comments.partial!]);

    const r = await erasePanelist(get().db, STUDY, { panelCode: code }, { erase: true });
    expect(r.erased).toBe(true);
    expect(r.responses).toBe(2);

    const left = await findEverywhere(get(), traces());
    for (const [needle, where] of left) expect(where, needle).toEqual([]);
    expect(
      await findEverywhere(get(), [s.panelists.partial.pseudonym, s.comments.partial!]),
    ).toEqual(other);
    expect(await rowCounts(get())).toEqual({
      panelists: before.panelists! - 1,
      responses: before.responses! - 2,
      page_saves: before.page_saves! - 2,
      invitations: before.invitations! - 1,
      erasures: 1,
    });
    const audit = await sql<Record<string, unknown>>`select * from erasures`.execute(get().db);
    expect(audit.rows).toHaveLength(1);
    const { erased_at, id, ...row } = audit.rows[0]!;
    expect(erased_at).toBeInstanceOf(Date);
    expect(Number(id)).toBe(1);
    expect(row).toEqual({ study_id: STUDY, found_by: 'panel-code', responses: 2, invitations: 1 });
  });

  it('changes nothing when the code is unknown, malformed, or of another study', async () => {
    const before = await rowCounts(get());
    await expect(
      erasePanelist(get().db, STUDY, { panelCode: 'zoo zoo zoo zoo zoo zoo' }, { erase: true }),
    ).rejects.toThrow("No panelist of study 'exile-panel-dated' has this panel code");
    await expect(
      erasePanelist(get().db, STUDY, { panelCode: 'apple river' }, { erase: true }),
    ).rejects.toMatchObject({ place: { field: 'panel-code' } });
    await expect(
      erasePanelist(get().db, 'nope', { panelCode: code }, { erase: true }),
    ).rejects.toMatchObject({ code: 'study.not-found' });
    expect(await rowCounts(get())).toEqual(before);
  });
});

forEachDatabase('erasure by contact', (get) => {
  let keys: KeyPair;
  beforeEach(async () => {
    await loadStudyFolder(get().db, datedStudyFile);
    keys = await generateKeyPair();
    await setStudyPublicKey(get().db, STUDY, keys.publicKey);
  });

  it('opens the sealed contacts with the private key and erases the one that matches', async () => {
    const seeded = await seedPanel(get().db, STUDY, 'wave-1', [
      { choice: { kind: 'email', address: 'Anna.K@example.org' }, language: 'ru' },
      { choice: { kind: 'email', address: 'boris@example.org' }, language: 'en' },
      { choice: { kind: 'messenger', handle: '@anna_k_tg' }, language: 'ru' },
    ]);
    const before = await rowCounts(get());
    const r = await erasePanelist(
      get().db,
      STUDY,
      { contact: '  anna.k@EXAMPLE.org ', keys },
      { erase: true },
    );
    expect(r).toMatchObject({ foundBy: 'contact', panelists: 1, responses: 1, erased: true });
    const left = await get().db.selectFrom('panelists').select('pseudonym').execute();
    expect(left.map((p) => p.pseudonym).sort()).toEqual(
      [seeded[1]!.pseudonym, seeded[2]!.pseudonym].sort(),
    );
    const traces = await findEverywhere(get(), [seeded[0]!.pseudonym!, seeded[0]!.responseId]);
    for (const [needle, where] of traces) expect(where, needle).toEqual([]);
    expect(await rowCounts(get())).toMatchObject({
      panelists: before.panelists! - 1,
      responses: before.responses! - 1,
      erasures: 1,
    });
    const audit = await get().db.selectFrom('erasures').select('found_by').execute();
    expect(audit).toEqual([{ found_by: 'contact' }]);
  });

  it('refuses a key that opens no contact and a contact nobody left, changing nothing', async () => {
    await seedPanel(get().db, STUDY, 'wave-1', [
      { choice: { kind: 'email', address: 'anna@example.org' }, language: 'ru' },
    ]);
    const before = await rowCounts(get());
    const other = await generateKeyPair();
    await expect(
      erasePanelist(get().db, STUDY, { contact: 'anna@example.org', keys: other }, { erase: true }),
    ).rejects.toMatchObject({ place: { field: 'key' } });
    await expect(
      erasePanelist(get().db, STUDY, { contact: 'olga@example.org', keys }, { erase: true }),
    ).rejects.toThrow("No panelist of study 'exile-panel-dated' left this contact");
    expect(await rowCounts(get())).toEqual(before);
  });
});

// A deadlock can only happen on a server, where several connections lock rows at once.
describe('erasure meeting a deadlock [postgres]', () => {
  let server: ServerDatabase;
  let store: Store;
  beforeAll(async () => {
    server = await createServerDatabase();
    store = await openAndMigrate({ databaseUrl: server.url });
  });
  afterAll(async () => {
    await store.close();
    await server.drop();
  });

  it('runs again when PostgreSQL aborts it to break a deadlock, and erases', async () => {
    const s = await buildScenario(store.db);
    const panelist = s.panelists.complete.id;
    await store.db
      .updateTable('panelists')
      .set({ panel_code_hash: panelCodeHash(code) })
      .where('id', '=', panelist)
      .execute();
    // Another transaction holds one of the panelist's responses...
    const other = new pg.Client({ connectionString: server.url });
    await other.connect();
    try {
      await other.query('begin');
      await other.query('select id from responses where id = $1 for update', [
        s.responses['complete:wave-2'],
      ]);
      const erasing = erasePanelist(store.db, STUDY, { panelCode: code }, { erase: true });
      // ...the erasure locks the panelist and waits for that response...
      for (let waited = 0; ; waited += 20) {
        const { rows } = await other.query<{ n: number }>(
          `select count(*)::int as n from pg_stat_activity
           where datname = current_database() and wait_event_type = 'Lock'`,
        );
        if (rows[0]!.n > 0) break;
        if (waited > 10_000) throw new Error('the erasure never waited for the locked response');
        await new Promise((r) => setTimeout(r, 20));
      }
      // ...and the other transaction now wants the panelist: a deadlock, which PostgreSQL
      // breaks by aborting the erasure (the first to wait).
      await other.query('select id from panelists where id = $1 for update', [panelist]);
      await other.query('commit');
      expect(await erasing).toMatchObject({ erased: true, panelists: 1, responses: 2 });
    } finally {
      await other.end();
    }
    expect(
      await store.db.selectFrom('panelists').select('id').where('id', '=', panelist).execute(),
    ).toEqual([]);
  });
});
