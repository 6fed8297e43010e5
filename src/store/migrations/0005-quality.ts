/**
 * Data quality: the rules file a study's waves were last checked with, the flags each
 * response got (rule, figure, threshold, reason; never a deletion), and the researchers'
 * decisions to keep or drop a response, which outlive every re-run of the rules.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('quality_rules')
    .addColumn('study_id', 'text', (c) =>
      c.primaryKey().references('studies.id').onDelete('cascade'),
    )
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('quality_flags')
    .addColumn('response_id', 'uuid', (c) =>
      c.notNull().references('responses.id').onDelete('cascade'),
    )
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('figure', 'text')
    .addColumn('threshold', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('exclude', 'boolean', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('quality_flags_pkey', ['response_id', 'rule', 'position'])
    .execute();
  await db.schema
    .createTable('quality_overrides')
    .addColumn('response_id', 'uuid', (c) =>
      c.primaryKey().references('responses.id').onDelete('cascade'),
    )
    .addColumn('decision', 'text', (c) => c.notNull().check(sql`decision in ('keep', 'drop')`))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
