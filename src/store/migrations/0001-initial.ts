/** Studies, waves with questionnaire versions and phases, channels, responses, page log. */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  const slug = (column: string) => sql.raw(`check (${column} ~ '^[a-z0-9][a-z0-9-]{0,62}$')`);
  await db.schema
    .createTable('studies')
    .addColumn('id', 'text', (c) => c.primaryKey().modifyEnd(slug('id')))
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('languages', sql`text[]`, (c) => c.notNull().check(sql`cardinality(languages) > 0`))
    .addColumn('default_language', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('public_key', 'bytea')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('studies_default_language_listed', sql`default_language = any(languages)`)
    .execute();

  await db.schema
    .createTable('questionnaire_versions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('wave_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().check(sql`version > 0`))
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('questionnaire_versions_number', ['study_id', 'wave_id', 'version'])
    .addUniqueConstraint('questionnaire_versions_content', ['study_id', 'wave_id', 'content_hash'])
    .execute();

  await db.schema
    .createTable('waves')
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('id', 'text', (c) => c.notNull().modifyEnd(slug('id')))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'jsonb', (c) => c.notNull())
    .addColumn('questionnaire_version_id', 'bigint', (c) =>
      c.references('questionnaire_versions.id'),
    )
    .addColumn('panel_opens_at', 'timestamptz')
    .addColumn('opens_at', 'timestamptz')
    .addColumn('closes_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('waves_pkey', ['study_id', 'id'])
    .addCheckConstraint(
      'waves_panel_phase_before_open_phase',
      sql`panel_opens_at is null or (opens_at is not null and panel_opens_at <= opens_at)`,
    )
    .addCheckConstraint(
      'waves_close_after_open',
      sql`closes_at is null or coalesce(panel_opens_at, opens_at) is null or coalesce(panel_opens_at, opens_at) < closes_at`,
    )
    .execute();

  await db.schema
    .createTable('channels')
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull().modifyEnd(slug('code')))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('channels_pkey', ['study_id', 'code'])
    .execute();

  await db.schema
    .createTable('responses')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('study_id', 'text', (c) => c.notNull())
    .addColumn('wave_id', 'text', (c) => c.notNull())
    .addColumn('questionnaire_version_id', 'bigint', (c) =>
      c.notNull().references('questionnaire_versions.id'),
    )
    .addColumn('channel_code', 'text')
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('in_progress')
        .check(sql`status in ('in_progress', 'complete', 'screened_out', 'abandoned')`),
    )
    .addColumn('answers', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('completion_share', 'double precision', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`completion_share >= 0 and completion_share <= 1`),
    )
    .addColumn('current_page', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addForeignKeyConstraint('responses_wave_fkey', ['study_id', 'wave_id'], 'waves', [
      'study_id',
      'id',
    ])
    .addForeignKeyConstraint('responses_channel_fkey', ['study_id', 'channel_code'], 'channels', [
      'study_id',
      'code',
    ])
    .execute();

  await db.schema
    .createTable('page_saves')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('response_id', 'uuid', (c) =>
      c.notNull().references('responses.id').onDelete('cascade'),
    )
    .addColumn('page_id', 'text', (c) => c.notNull())
    .addColumn('save_id', 'text', (c) => c.notNull().check(sql`length(save_id) between 8 and 100`))
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('shown_at', 'timestamptz')
    .addColumn('saved_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('page_saves_once', ['response_id', 'save_id'])
    .execute();

  // Every foreign key gets an index (a test checks this), so deletes and joins stay fast.
  const index = (name: string, table: string, columns: string[]) =>
    db.schema.createIndex(name).on(table).columns(columns).execute();
  await index('questionnaire_versions_study', 'questionnaire_versions', ['study_id', 'wave_id']);
  await index('waves_questionnaire_version', 'waves', ['questionnaire_version_id']);
  await index('responses_wave', 'responses', ['study_id', 'wave_id']);
  await index('responses_channel', 'responses', ['study_id', 'channel_code']);
  await index('responses_questionnaire_version', 'responses', ['questionnaire_version_id']);
}
