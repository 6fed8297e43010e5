// Enrolment in the panel: contacts sealed on arrival (nowhere readable in the database),
// panel codes stored as hashes, one panelist per response whatever the retries.
import path from 'node:path';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { enrol, panelCodeHash } from '../../src/fieldwork/panel.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { generateKeyPair, open, type KeyPair } from '../../src/security/sealed-box.js';
import { secureRandomBytes } from '../../src/security/tokens.js';
import { createResponse } from '../../src/store/queries/responses.js';
import { setStudyPublicKey } from '../../src/store/queries/studies.js';
import { forEachDatabase } from '../support/databases.js';

const example = path.resolve(import.meta.dirname, '../../examples/exile-panel');

forEachDatabase('panel enrolment', (get) => {
  let keys: KeyPair;
  const ctx = () => ({
    db: get().db,
    now: () => new Date('2022-03-25T12:00:00Z'),
    random: secureRandomBytes,
  });

  async function completedResponse(): Promise<string> {
    const wave = await get()
      .db.selectFrom('waves')
      .select('questionnaire_version_id')
      .where('study_id', '=', 'exile-panel')
      .where('id', '=', 'wave-1')
      .executeTakeFirstOrThrow();
    const r = await createResponse(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-1',
      questionnaireVersionId: wave.questionnaire_version_id!,
      channelCode: null,
      language: 'ru',
      currentPage: null,
      now: new Date('2022-03-25T11:00:00Z'),
    });
    await get()
      .db.updateTable('responses')
      .set({ status: 'complete' })
      .where('id', '=', r.id)
      .execute();
    return r.id;
  }

  /** Every row of every table, as text: what a seized database would show. */
  async function dump(): Promise<string> {
    const tables = await sql<{ tablename: string }>`
      select tablename from pg_tables where schemaname = 'public'`.execute(get().db);
    let out = '';
    for (const { tablename } of tables.rows) {
      const rows = await sql<{ row: string }>`
        select t::text as row from ${sql.table(tablename)} t`.execute(get().db);
      out += rows.rows.map((r) => r.row).join('\n');
    }
    return out;
  }

  beforeEach(async () => {
    await loadStudyFolder(get().db, example);
    keys = await generateKeyPair();
    await setStudyPublicKey(get().db, 'exile-panel', keys.publicKey);
  });

  it('seals an email on arrival: the database shows it nowhere, the private key opens it', async () => {
    const contacts = ['anna.k@example.org', '@outrush_reader', '+995 555 123 456'];
    for (const [k, contact] of contacts.entries()) {
      const id = await completedResponse();
      const e = await enrol(
        ctx(),
        id,
        k === 0
          ? { kind: 'email', address: ` ${contact} ` }
          : { kind: 'messenger', handle: contact },
        3,
      );
      expect(e.pseudonym).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(e.already).toBe(false);
    }
    const text = await dump();
    for (const contact of contacts) {
      expect(text).not.toContain(contact);
      expect(text).not.toContain(contact.replace(/\W/g, ''));
      // Nor as the bytes of a bytea column (shown in hex).
      expect(text).not.toContain(Buffer.from(contact.trim()).toString('hex'));
    }
    const rows = await get()
      .db.selectFrom('panelists')
      .select(['contact_kind', 'contact_sealed', 'consent_version', 'entry_wave'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.contact_kind)).toEqual(['email', 'messenger', 'messenger']);
    expect(rows.every((r) => r.consent_version === 3 && r.entry_wave === 'wave-1')).toBe(true);
    const opened = await Promise.all(
      rows.map((r) => open(new Uint8Array(r.contact_sealed!), keys)),
    );
    expect(opened).toEqual(contacts);
  });

  it('gives a panel code once and stores only its hash', async () => {
    const id = await completedResponse();
    const e = await enrol(ctx(), id, { kind: 'code' }, 3);
    expect(e.panelCode).toMatch(/^[a-z]+( [a-z]+){5}$/);
    const row = await get().db.selectFrom('panelists').selectAll().executeTakeFirstOrThrow();
    expect(row.contact_sealed).toBeNull();
    expect(row.panel_code_hash).toBe(panelCodeHash(e.panelCode!.toUpperCase().replace(/ /g, '-')));
    expect(await dump()).not.toContain(e.panelCode!);
  });

  it('enrols a response once, whatever the retries, and records nothing on decline', async () => {
    const id = await completedResponse();
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => enrol(ctx(), id, { kind: 'email', address: 'a@example.org' }, 3)),
    );
    expect(new Set(results.map((r) => r.pseudonym)).size).toBe(1);
    expect(results.filter((r) => !r.already)).toHaveLength(1);
    const declined = await completedResponse();
    expect(await enrol(ctx(), declined, { kind: 'decline' }, 3)).toEqual({ already: false });
    const count = await get()
      .db.selectFrom('panelists')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it('refuses a bad contact, an unfinished response and a study without a key, storing nothing', async () => {
    const id = await completedResponse();
    await expect(
      enrol(ctx(), id, { kind: 'email', address: 'not an address' }, 3),
    ).rejects.toMatchObject({
      place: { field: 'email' },
    });
    await expect(
      enrol(ctx(), id, { kind: 'messenger', handle: '<script>' }, 3),
    ).rejects.toMatchObject({
      place: { field: 'handle' },
    });
    const unfinished = await completedResponse();
    await get()
      .db.updateTable('responses')
      .set({ status: 'in_progress' })
      .where('id', '=', unfinished)
      .execute();
    await expect(enrol(ctx(), unfinished, { kind: 'code' }, 3)).rejects.toThrow(
      /end of the questionnaire/,
    );
    await get().db.updateTable('studies').set({ public_key: null }).execute();
    await expect(enrol(ctx(), id, { kind: 'email', address: 'a@example.org' }, 3)).rejects.toThrow(
      /no public key/,
    );
    const count = await get()
      .db.selectFrom('panelists')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });
});
