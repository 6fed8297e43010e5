// Panelists for tests: completed responses in a wave, enrolled as a respondent would be.
import type { Kysely } from 'kysely';
import { enrol, type EnrolmentChoice } from '../../src/fieldwork/panel.js';
import { secureRandomBytes } from '../../src/security/tokens.js';
import { createResponse } from '../../src/store/queries/responses.js';
import type { Database } from '../../src/store/schema.js';

export interface Seeded {
  responseId: string;
  pseudonym?: string;
  panelCode?: string;
}

/** A complete response in the wave, in the language given. */
export async function completedResponse(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
  language: string,
): Promise<string> {
  const wave = await db
    .selectFrom('waves')
    .select('questionnaire_version_id')
    .where('study_id', '=', studyId)
    .where('id', '=', waveId)
    .executeTakeFirstOrThrow();
  const r = await createResponse(db, {
    studyId,
    waveId,
    questionnaireVersionId: wave.questionnaire_version_id!,
    channelCode: null,
    language,
    currentPage: null,
    now: new Date(),
  });
  await db
    .updateTable('responses')
    .set({ status: 'complete', completion_share: 1, completed_at: new Date() })
    .where('id', '=', r.id)
    .execute();
  return r.id;
}

/** One enrolled panelist per choice, each from a complete response in `waveId`. */
export async function seedPanel(
  db: Kysely<Database>,
  studyId: string,
  waveId: string,
  people: { choice: EnrolmentChoice; language: string }[],
): Promise<Seeded[]> {
  const out: Seeded[] = [];
  for (const p of people) {
    const responseId = await completedResponse(db, studyId, waveId, p.language);
    const e = await enrol(
      { db, now: () => new Date(), random: secureRandomBytes },
      responseId,
      p.choice,
      1,
    );
    out.push({ responseId, pseudonym: e.pseudonym, panelCode: e.panelCode });
  }
  return out;
}
