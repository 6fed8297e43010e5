/**
 * Invitations and reminders as mails (or listed personal links) per panelist, wave and round,
 * with their delivery state; opt-out and erasure. A personal link's token is stored twice,
 * both unreadable on the server: as a hash (to recognise the link) and sealed with the
 * study's public key (so that the research team, and only they, can send the same link again
 * after an interrupted run). Erasure deletes the person's rows and leaves an audit record
 * without identifiers.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('invitations')
    .addColumn('panelist_id', 'bigint', (c) => c.references('panelists.id').onDelete('cascade'))
    // 0 for the invitation, k for the k-th reminder.
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('channel', 'text', (c) =>
      c.check(sql`channel is null or channel in ('email', 'file')`),
    )
    .addColumn('language', 'text')
    .addColumn('token_sealed', 'bytea')
    .addColumn('state', 'text', (c) =>
      c
        .notNull()
        .defaultTo('prepared')
        .check(
          sql`state in ('prepared', 'sending', 'sent', 'listed', 'failed', 'bounced', 'cancelled')`,
        ),
    )
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('sending_at', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('bounced_at', 'timestamptz')
    .addColumn('opened_at', 'timestamptz')
    .addColumn('used_at', 'timestamptz')
    .execute();
  // One mail per panelist, wave and round, whatever happens to the runs that send them; it
  // also serves as the index of the foreign key.
  await db.schema
    .createIndex('invitations_panelist_round')
    .unique()
    .on('invitations')
    .columns(['panelist_id', 'wave_id', 'round'])
    .execute();
  await db.schema
    .createIndex('invitations_state')
    .on('invitations')
    .columns(['study_id', 'wave_id', 'state'])
    .execute();

  await db.schema.alterTable('panelists').dropColumn('erased_at').execute();
  await db.schema
    .createTable('erasures')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('study_id', 'text', (c) => c.notNull().references('studies.id').onDelete('cascade'))
    .addColumn('erased_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // How the person was found: by the panel code they gave, or by their contact.
    .addColumn('found_by', 'text', (c) =>
      c.notNull().check(sql`found_by in ('panel-code', 'contact')`),
    )
    .addColumn('responses', 'integer', (c) => c.notNull())
    .addColumn('invitations', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('erasures_study').on('erasures').column('study_id').execute();
}
