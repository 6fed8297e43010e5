// Enrolment in the panel: contacts sealed on arrival (nowhere readable in the database),
// panel codes stored as hashes, one panelist per response whatever the retries.
import path from 'node:path';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { enrol, joinWithPanelCode, optOut, panelCodeHash } from '../../src/fieldwork/panel.js';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { useInvitation } from '../../src/fieldwork/survey.js';
import { loadSurveyWave } from '../../src/fieldwork/survey-wave.js';
import { generateKeyPair, open, type KeyPair } from '../../src/security/sealed-box.js';
import { hashToken, secureRandomBytes } from '../../src/security/tokens.js';
import { createInvitation } from '../../src/store/queries/invitations.js';
import { createResponse, listResponses } from '../../src/store/queries/responses.js';
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

  it('gives back the chosen code only for the same submission', async () => {
    const id = await completedResponse();
    const chosen = 'abandon ability able about above absent';
    const first = await enrol(ctx(), id, { kind: 'code' }, 3, { panelCode: chosen });
    expect(first).toMatchObject({ panelCode: chosen, already: false });
    const same = await enrol(ctx(), id, { kind: 'code' }, 3, { panelCode: chosen });
    expect(same).toMatchObject({ panelCode: chosen, already: true });
    const other = await enrol(ctx(), id, { kind: 'code' }, 3, {
      panelCode: 'zoo zoo zoo zoo zoo wrong',
    });
    expect(other).toEqual({ pseudonym: first.pseudonym, already: true });
    expect(await enrol(ctx(), id, { kind: 'code' }, 3)).toEqual({
      pseudonym: first.pseudonym,
      already: true,
    });
  });

  /** A panelist with a panel code, enrolled at the end of wave 1. */
  async function panelist(): Promise<{ id: number; code: string }> {
    const e = await enrol(ctx(), await completedResponse(), { kind: 'code' }, 3);
    const row = await get()
      .db.selectFrom('panelists')
      .select('id')
      .where('pseudonym', '=', e.pseudonym!)
      .executeTakeFirstOrThrow();
    return { id: row.id, code: e.panelCode! };
  }

  const wave2 = () => loadSurveyWave(get().db, 'exile-panel', 'wave-2');
  const wave2Responses = () =>
    listResponses(get().db, { studyId: 'exile-panel', waveId: 'wave-2' });

  it('joins a wave with a panel code once, however many times it is sent at once', async () => {
    const p = await panelist();
    const sw = await wave2();
    const joins = await Promise.all(
      [1, 2, 3, 4, 5].map(() => joinWithPanelCode(ctx(), sw, p.code.toUpperCase(), {})),
    );
    expect(joins.every((j) => j?.response.panelistId === p.id)).toBe(true);
    expect(joins.filter((j) => j?.resumeCode !== undefined)).toHaveLength(1);
    expect(await wave2Responses()).toHaveLength(1);
    // The browser that holds the session keeps it; another gets a new one.
    const last = (await joinWithPanelCode(ctx(), sw, p.code, {}))!;
    expect(last.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const kept = await joinWithPanelCode(ctx(), sw, p.code, {
      browserSession: last.sessionToken,
    });
    expect(kept).toEqual({ response: expect.objectContaining({ id: last.response.id }) });
    expect(await joinWithPanelCode(ctx(), sw, 'abandon ability able about above absent', {})).toBe(
      undefined,
    );
    expect(await joinWithPanelCode(ctx(), sw, 'two words', {})).toBe(undefined);
  });

  it('takes panel codes only while a wave takes panelists', async () => {
    const p = await panelist();
    const loaded = await wave2();
    // A copy with dates: the loaded wave is shared by a short cache.
    const sw = {
      ...loaded,
      wave: {
        ...loaded.wave,
        panelOpensAt: new Date('2022-09-01T00:00:00Z'),
        opensAt: new Date('2022-09-10T00:00:00Z'),
        closesAt: new Date('2022-09-30T00:00:00Z'),
      },
    };
    const at = (iso: string) => ({ ...ctx(), now: () => new Date(iso) });
    expect(await joinWithPanelCode(at('2022-08-31T00:00:00Z'), sw, p.code, {})).toBe(undefined);
    expect(await joinWithPanelCode(at('2022-09-30T00:00:00Z'), sw, p.code, {})).toBe(undefined);
    expect(await wave2Responses()).toEqual([]);
    expect(await joinWithPanelCode(at('2022-09-02T00:00:00Z'), sw, p.code, {})).toBeDefined();
    expect(await joinWithPanelCode(at('2022-09-12T00:00:00Z'), sw, p.code, {})).toBeDefined();
    expect(await wave2Responses()).toHaveLength(1);
  });

  it('lets a personal link start one response, whoever presses it at once', async () => {
    const p = await panelist();
    const sw = await wave2();
    const token = 'personal-link-token-0000000000000000000a1';
    await createInvitation(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-2',
      tokenHash: hashToken(token),
      panelistId: p.id,
    });
    const uses = await Promise.all(
      [1, 2, 3, 4].map(() => useInvitation(ctx(), sw, token, { language: 'en' })),
    );
    expect(uses.map((u) => u.kind).sort()).toEqual(['response', 'used', 'used', 'used']);
    // A code of the same panelist leads to the same response.
    const joined = await joinWithPanelCode(ctx(), sw, p.code, {});
    const responses = await wave2Responses();
    expect(responses).toHaveLength(1);
    expect(joined!.response.id).toBe(responses[0]!.id);
    expect(responses[0]).toMatchObject({ panelistId: p.id, language: 'en' });
    expect(await useInvitation(ctx(), sw, 'no-such-token-000000000000000', {})).toEqual({
      kind: 'unknown',
    });
    const wave1 = await loadSurveyWave(get().db, 'exile-panel', 'wave-1');
    expect(await useInvitation(ctx(), wave1, token, {})).toEqual({ kind: 'unknown' });
  });

  it('opts a panelist out once, cancelling only invitations still waiting', async () => {
    const p = await panelist();
    const tokens = ['opt-out-token-00000000000000000001', 'opt-out-token-00000000000000000002'];
    await createInvitation(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-2',
      tokenHash: hashToken(tokens[0]!),
      panelistId: p.id,
      language: 'en',
      state: 'sent',
    });
    await createInvitation(get().db, {
      studyId: 'exile-panel',
      waveId: 'wave-2',
      tokenHash: hashToken(tokens[1]!),
      panelistId: p.id,
      round: 1,
      state: 'prepared',
    });
    const first = await optOut(ctx(), tokens[0]!);
    expect(first).toEqual({
      studyId: 'exile-panel',
      waveId: 'wave-2',
      language: 'en',
      already: false,
      cancelled: 1,
    });
    expect(await optOut(ctx(), tokens[1]!)).toMatchObject({ already: true, cancelled: 0 });
    expect(await optOut(ctx(), 'no-such-token-000000000000000')).toBe(undefined);
    const rows = await get()
      .db.selectFrom('invitations')
      .select(['round', 'state'])
      .orderBy('round')
      .execute();
    expect(rows).toEqual([
      { round: 0, state: 'sent' },
      { round: 1, state: 'cancelled' },
    ]);
    const row = await get()
      .db.selectFrom('panelists')
      .select(['opted_out_at', 'panel_code_hash'])
      .executeTakeFirstOrThrow();
    expect(row.opted_out_at).toEqual(new Date('2022-03-25T12:00:00Z'));
    expect(row.panel_code_hash).toBe(panelCodeHash(p.code));
  });
});
