// A small two-wave panel on the dated reference study (wave 2: panel-only from 23 August 2022,
// open from 5 September, closed on 26 September), with a panelist in every disposition of
// wave 2. Rows are inserted directly, invitations in the states the invitation runs leave.
import path from 'node:path';
import type { Kysely } from 'kysely';
import { loadStudyFolder } from '../../src/fieldwork/studies.js';
import { hashToken } from '../../src/security/tokens.js';
import type { Database, InvitationState, ResponseStatus } from '../../src/store/schema.js';

export const datedStudyFile = path.resolve(
  import.meta.dirname,
  '../../examples/exile-panel/study-dated.yaml',
);
export const STUDY = 'exile-panel-dated';
/** While wave 2 is open, and after it closed. */
export const waveOpen = new Date('2022-09-10T12:00:00Z');
export const waveClosed = new Date('2022-10-10T12:00:00Z');

/** Each panelist by the disposition they have in wave 2 (while it is open). */
export const names = [
  'complete',
  'partial',
  'breakOff',
  'started',
  'screenedOut',
  'optedOut',
  'opened',
  'bounced',
  'invited',
  'invitedAfterBounce',
  'optedOutAfterClose',
  'cancelled',
  'failed',
  'panelCode',
] as const;
export type PanelistName = (typeof names)[number] | 'newcomer';

export interface Scenario {
  panelists: Record<PanelistName, { id: number; pseudonym: string }>;
  /** Response ids by panelist and wave ('wave-1' is each one's entry response). */
  responses: Record<string, string>;
  /** Token hashes of every invitation, by panelist. */
  tokenHashes: Record<string, string[]>;
  /** An answer only this panelist gave (in `comments`), by panelist. */
  comments: Record<string, string>;
}

export async function buildScenario(db: Kysely<Database>): Promise<Scenario> {
  await loadStudyFolder(db, datedStudyFile);
  const versions = await db
    .selectFrom('waves')
    .select(['id', 'questionnaire_version_id'])
    .where('study_id', '=', STUDY)
    .execute();
  const version = (wave: string) => versions.find((v) => v.id === wave)!.questionnaire_version_id!;

  const s: Scenario = {
    panelists: {} as Scenario['panelists'],
    responses: {},
    tokenHashes: {},
    comments: {},
  };

  async function response(o: {
    wave: string;
    status: ResponseStatus;
    share: number;
    at: string;
    panelistId?: number;
    invitationId?: number;
    channel?: string;
    language?: string;
    answers?: Record<string, unknown>;
    tag: string;
  }): Promise<string> {
    const at = new Date(o.at);
    const { id } = await db
      .insertInto('responses')
      .values({
        study_id: STUDY,
        wave_id: o.wave,
        questionnaire_version_id: version(o.wave),
        channel_code: o.channel ?? null,
        language: o.language ?? 'ru',
        status: o.status,
        answers: JSON.stringify(o.answers ?? {}),
        completion_share: o.share,
        created_at: at,
        updated_at: at,
        completed_at: o.status === 'complete' ? new Date(at.getTime() + 20 * 60_000) : null,
        session_hash: hashToken(`session:${o.tag}`),
        resume_code_hash: hashToken(`resume:${o.tag}`),
        device_hash: hashToken(`device:${o.tag}`),
        panelist_id: o.panelistId ?? null,
        invitation_id: o.invitationId ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('page_saves')
      .values({
        response_id: id,
        page_id: 'start',
        save_id: `save-${o.tag}`,
        answers: JSON.stringify(o.answers ?? {}),
        saved_at: at,
      })
      .execute();
    return id;
  }

  async function invite(
    name: string,
    panelistId: number,
    round: number,
    state: InvitationState,
    opened = false,
  ): Promise<number> {
    const tokenHash = hashToken(`token:${name}:${round}`);
    (s.tokenHashes[name] ??= []).push(tokenHash);
    const { id } = await db
      .insertInto('invitations')
      .values({
        study_id: STUDY,
        wave_id: 'wave-2',
        token_hash: tokenHash,
        panelist_id: panelistId,
        round,
        channel: state === 'listed' ? 'file' : 'email',
        language: 'ru',
        state,
        sent_at: ['sent', 'listed', 'bounced'].includes(state) ? '2022-08-23T09:00:00Z' : null,
        bounced_at: state === 'bounced' ? '2022-08-23T09:05:00Z' : null,
        opened_at: opened ? '2022-08-24T10:00:00Z' : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return id;
  }

  async function panelist(name: PanelistName, entryWave: string, optedOutAt?: string) {
    const pseudonym = `pseudo_${name}_Q7vK2`;
    const { id } = await db
      .insertInto('panelists')
      .values({
        study_id: STUDY,
        pseudonym,
        entry_wave: entryWave,
        contact_kind: null,
        contact_sealed: null,
        panel_code_hash: hashToken(`panel:${name}`),
        consent_version: 1,
        consented_at: '2022-03-25T10:30:00Z',
        opted_out_at: optedOutAt ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    s.panelists[name] = { id, pseudonym };
    return id;
  }

  for (const [i, name] of names.entries()) {
    const id = await panelist(
      name,
      'wave-1',
      name === 'optedOut'
        ? '2022-09-15T08:00:00Z'
        : name === 'optedOutAfterClose'
          ? '2022-10-05T08:00:00Z'
          : undefined,
    );
    s.comments[name] = `Comment of ${name} in March, number ${1000 + i}`;
    s.responses[`${name}:wave-1`] = await response({
      wave: 'wave-1',
      status: 'complete',
      share: 1,
      at: `2022-03-${String(22 + (i % 7)).padStart(2, '0')}T10:00:00Z`,
      panelistId: id,
      channel: 'telegram-outrush',
      answers: {
        trust_general: i % 2 === 0 ? 'most' : 'careful',
        birth_year: 1980 + i,
        comments: s.comments[name],
      },
      tag: `${name}-1`,
    });
  }
  const p = (name: PanelistName) => s.panelists[name].id;

  // Wave 2, by disposition.
  let inv = await invite('complete', p('complete'), 0, 'sent', true);
  s.responses['complete:wave-2'] = await response({
    wave: 'wave-2',
    status: 'complete',
    share: 1,
    at: '2022-08-25T09:00:00Z',
    // A personal link starts a response of the invitation's panelist.
    panelistId: p('complete'),
    invitationId: inv,
    answers: {
      trust_general: 'careful',
      return_reasons: ['family', 'work'],
      comments: '=cmd|calc',
    },
    tag: 'complete-2',
  });
  inv = await invite('partial', p('partial'), 0, 'sent', true);
  s.responses['partial:wave-2'] = await response({
    wave: 'wave-2',
    status: 'abandoned',
    share: 0.6,
    at: '2022-08-26T09:00:00Z',
    // A personal link starts a response of the invitation's panelist.
    panelistId: p('partial'),
    invitationId: inv,
    language: 'en',
    answers: { trust_general: 'most' },
    tag: 'partial-2',
  });
  await invite('breakOff', p('breakOff'), 0, 'sent');
  s.responses['breakOff:wave-2'] = await response({
    wave: 'wave-2',
    status: 'abandoned',
    share: 0.2,
    at: '2022-09-06T09:00:00Z',
    panelistId: p('breakOff'),
    tag: 'breakOff-2',
  });
  inv = await invite('started', p('started'), 0, 'sent', true);
  s.responses['started:wave-2'] = await response({
    wave: 'wave-2',
    status: 'in_progress',
    share: 0.9,
    at: '2022-09-07T09:00:00Z',
    // A personal link starts a response of the invitation's panelist.
    panelistId: p('started'),
    invitationId: inv,
    tag: 'started-2',
  });
  await invite('screenedOut', p('screenedOut'), 0, 'sent');
  s.responses['screenedOut:wave-2'] = await response({
    wave: 'wave-2',
    status: 'screened_out',
    share: 0.1,
    at: '2022-08-24T09:00:00Z',
    panelistId: p('screenedOut'),
    tag: 'screenedOut-2',
  });
  await invite('optedOut', p('optedOut'), 0, 'sent');
  await invite('opened', p('opened'), 0, 'listed', true);
  await invite('bounced', p('bounced'), 0, 'sent');
  await invite('bounced', p('bounced'), 1, 'bounced');
  await invite('invited', p('invited'), 0, 'sent');
  await invite('invited', p('invited'), 1, 'failed');
  await invite('invitedAfterBounce', p('invitedAfterBounce'), 0, 'bounced');
  await invite('invitedAfterBounce', p('invitedAfterBounce'), 1, 'sent');
  await invite('optedOutAfterClose', p('optedOutAfterClose'), 0, 'sent');
  await invite('cancelled', p('cancelled'), 0, 'cancelled');
  await invite('cancelled', p('cancelled'), 1, 'prepared');
  await invite('failed', p('failed'), 0, 'failed');
  await invite('failed', p('failed'), 1, 'sending');
  s.responses['panelCode:wave-2'] = await response({
    wave: 'wave-2',
    status: 'complete',
    share: 1,
    at: '2022-09-10T09:00:00Z',
    panelistId: p('panelCode'),
    answers: { trust_general: 'most', comments: 'Still abroad, thanks' },
    tag: 'panelCode-2',
  });

  // Joined the panel in wave 2 through an open link.
  const newcomer = await panelist('newcomer', 'wave-2');
  s.responses['newcomer:wave-2'] = await response({
    wave: 'wave-2',
    status: 'complete',
    share: 1,
    at: '2022-09-08T09:00:00Z',
    panelistId: newcomer,
    channel: 'noda',
    answers: { trust_general: 'careful' },
    tag: 'newcomer-2',
  });

  // People who are not in the panel.
  s.responses['open-en:wave-2'] = await response({
    wave: 'wave-2',
    status: 'in_progress',
    share: 0.3,
    at: '2022-09-12T09:00:00Z',
    channel: 'telegram-outrush',
    language: 'en',
    tag: 'open-en',
  });
  s.responses['open-none:wave-2'] = await response({
    wave: 'wave-2',
    status: 'complete',
    share: 1,
    at: '2022-09-13T09:00:00Z',
    tag: 'open-none',
  });
  s.responses['friend:wave-1'] = await response({
    wave: 'wave-1',
    status: 'complete',
    share: 1,
    at: '2022-03-26T09:00:00Z',
    channel: 'friends',
    tag: 'friend-1',
  });
  return s;
}
