/**
 * The respondent's device: the resume code sealed under a key derived from the session cookie
 * (the server cannot read it from the database alone; the browser holding the session can see
 * it again on any page), and the sessions a resume on another device retired, so that the first
 * device is told where its response went instead of being sent back to the consent page.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('responses').addColumn('resume_code_sealed', 'bytea').execute();
  await db.schema
    .createTable('retired_sessions')
    .addColumn('session_hash', 'text', (c) => c.primaryKey())
    .addColumn('response_id', 'uuid', (c) =>
      c.notNull().references('responses.id').onDelete('cascade'),
    )
    .addColumn('retired_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('retired_sessions_response')
    .on('retired_sessions')
    .column('response_id')
    .execute();
  await db.schema
    .createIndex('retired_sessions_age')
    .on('retired_sessions')
    .column('retired_at')
    .execute();
}
