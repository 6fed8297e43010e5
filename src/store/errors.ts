/**
 * The one place where PostgreSQL's errors become problems people can read. Both drivers
 * (pg and PGlite) report the SQLSTATE in `code` and the constraint in `constraint`.
 */
import { Problem } from '../problems/problem.js';

interface DatabaseError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

/** Constraint names in words, for the sentences below. */
const constraintWords: Record<string, string> = {
  studies_pkey: 'a study with this id already exists',
  waves_pkey: 'this study already has a wave with this id',
  channels_pkey: 'this study already has a channel with this code',
  questionnaire_versions_number: 'this wave already has a questionnaire with this version number',
  questionnaire_versions_content: 'this wave already has this exact questionnaire as a version',
  page_saves_once: 'this page save was already stored',
  responses_wave_fkey: 'the wave does not exist',
  responses_channel_fkey: 'the recruitment channel does not exist in this study',
  waves_panel_phase_before_open_phase:
    'the panel-only phase must start before the open phase, which needs an opening time',
  waves_close_after_open: 'a wave must close after it opens',
  responses_session: 'this session already belongs to a response',
  responses_resume_code: 'this resume code is already in use',
  responses_invitation: 'this personal link was already used for a response',
  invitations_token_hash_key: 'this personal link already exists',
};

function words(error: DatabaseError): string {
  const c = error.constraint;
  if (c && constraintWords[c]) return constraintWords[c];
  return error.detail ?? error.message ?? 'the database refused the change';
}

/**
 * Text PostgreSQL cannot hold: a null character (22021 in text, 22P05 in JSON) or half of a
 * surrogate pair (22P02 from the JSON parser, "Unicode low surrogate must follow a high
 * surrogate"). The database's own words would be shown to whoever sent it; these are ours.
 */
function unstorableText(e: DatabaseError): boolean {
  if (e.code === '22021' || e.code === '22P05') return true;
  return e.code === '22P02' && /unicode|surrogate|\\u0000/i.test(`${e.message} ${e.detail}`);
}

export function translateDatabaseError(error: unknown): unknown {
  const e = error as DatabaseError;
  if (typeof e?.code !== 'string') return error;
  if (unstorableText(e))
    return new Problem(
      'store.invalid',
      'Cannot save: the text holds a character that cannot be stored (a null character or half of a surrogate pair).',
    );
  if (e.code === '23505') return new Problem('store.conflict', `Cannot save: ${words(e)}.`);
  if (e.code === '23503') return new Problem('store.reference', `Cannot save: ${words(e)}.`);
  if (e.code === '23514' || e.code === '23502' || e.code.startsWith('22'))
    return new Problem('store.invalid', `Cannot save: ${words(e)}.`);
  return error;
}

/** Runs a query, translating constraint errors into problems. */
export async function translating<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translateDatabaseError(error);
  }
}

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock (40P01) or a
 * serialisation conflict (40001): nothing of it was kept, so running it again is safe. Rows
 * locked in different orders by two transactions (an erasure deleting a panelist's responses
 * while a statement of batched page saves updates some of them) can deadlock.
 */
export async function retryingConflicts<T>(work: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const code = (error as DatabaseError)?.code;
      if (attempt >= attempts || (code !== '40P01' && code !== '40001')) throw error;
    }
  }
}
