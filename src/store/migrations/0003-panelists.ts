/**
 * Panelists: people who agreed to be asked again. A pseudonymous id links their responses
 * across waves; the contact they left is stored only sealed with the study's public key; a
 * panel code is stored only as a hash. Erasure empties the row and unlinks the responses.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('panelists')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('pseudonym', 'text', (c) => c.notNull().unique())
    .addColumn('entry_wave', 'text', (c) => c.notNull())
    .addColumn('contact_kind', 'text', (c) =>
      c.check(sql`contact_kind is null or contact_kind in ('email', 'messenger')`),
    )
    .addColumn('contact_sealed', 'bytea')
    .addColumn('panel_code_hash', 'text', (c) => c.unique())
    .addColumn('consent_version', 'integer', (c) => c.notNull())
    .addColumn('consented_at', 'timestamptz', (c) => c.notNull())
    .addColumn('opted_out_at', 'timestamptz')
    .addColumn('erased_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'panelists_contact_sealed_with_kind',
      sql`(contact_kind is null) = (contact_sealed is null)`,
    )
    .execute();
  await db.schema.createIndex('panelists_study').on('panelists').column('study_id').execute();
  await db.schema
    .alterTable('responses')
    .addColumn('panelist_id', 'bigint', (c) => c.references('panelists.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('responses_panelist').on('responses').column('panelist_id').execute();
}
