/**
 * Page drafts: what a respondent typed on a page that was not saved (answers with problems,
 * follow-up questions to answer first, a language switch), kept for the next showing of the
 * page after a redirect, so that no page is the answer to a POST. As sensitive as answers:
 * they go with their response, and they expire within the hour.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('page_drafts')
    .addColumn('response_id', 'uuid', (c) =>
      c.primaryKey().references('responses.id').onDelete('cascade'),
    )
    .addColumn('page_id', 'text', (c) => c.notNull())
    .addColumn('draft', 'jsonb', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('page_drafts_expiry')
    .on('page_drafts')
    .column('expires_at')
    .execute();
}
