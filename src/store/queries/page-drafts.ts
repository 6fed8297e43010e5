/**
 * Page drafts: the unsaved state of one page of a response (typed values, problems, a
 * notice), one per response, read by the next showing of the page and cleared by the next
 * page save (in the same statement as the save, see `responses.ts`).
 */
import { sql, type Kysely } from 'kysely';
import { translating } from '../errors.js';
import type { Database } from '../schema.js';

export interface PageDraftRow {
  pageId: string;
  /** What the web room keeps; the store does not look inside. */
  draft: unknown;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps a response's draft (replacing the one it had) and drops every draft that expired. */
export async function putPageDraft(
  db: Kysely<Database>,
  d: { responseId: string; pageId: string; draft: unknown; now: Date; expiresAt: Date },
): Promise<void> {
  if (!uuid.test(d.responseId)) return;
  await translating(async () => {
    await db.deleteFrom('page_drafts').where('expires_at', '<=', d.now).execute();
    await db
      .insertInto('page_drafts')
      .values({
        response_id: d.responseId,
        page_id: d.pageId,
        draft: JSON.stringify(d.draft),
        expires_at: d.expiresAt,
        created_at: d.now,
      })
      .onConflict((oc) =>
        oc.column('response_id').doUpdateSet({
          page_id: d.pageId,
          draft: sql`excluded.draft`,
          expires_at: d.expiresAt,
          created_at: d.now,
        }),
      )
      .execute();
  });
}

/** The response's draft unless it has expired. */
export async function getPageDraft(
  db: Kysely<Database>,
  responseId: string,
  now: Date,
): Promise<PageDraftRow | undefined> {
  if (!uuid.test(responseId)) return undefined;
  return db
    .selectFrom('page_drafts')
    .select(['page_id as pageId', 'draft'])
    .where('response_id', '=', responseId)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

export async function deletePageDraft(db: Kysely<Database>, responseId: string): Promise<void> {
  if (!uuid.test(responseId)) return;
  await db.deleteFrom('page_drafts').where('response_id', '=', responseId).execute();
}
