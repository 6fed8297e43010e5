/**
 * What the respondent survey needs: the hash of each response's session cookie and of its
 * resume code, a hash of the device nonce (for the quality checks), quality signals, and the
 * personal links (invitations) that open a response, stored as hashes only.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('responses')
    .addColumn('session_hash', 'text')
    .addColumn('resume_code_hash', 'text')
    .addColumn('device_hash', 'text')
    .addColumn('signals', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('invitation_id', 'bigint')
    .execute();
  await db.schema
    .createIndex('responses_session')
    .unique()
    .on('responses')
    .column('session_hash')
    .execute();
  await db.schema
    .createIndex('responses_resume_code')
    .unique()
    .on('responses')
    .column('resume_code_hash')
    .execute();
  await db.schema
    .createIndex('responses_device')
    .on('responses')
    .columns(['study_id', 'device_hash'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('study_id', 'text', (c) => c.notNull())
    .addColumn('wave_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addForeignKeyConstraint(
      'invitations_wave_fkey',
      ['study_id', 'wave_id'],
      'waves',
      ['study_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('invitations_wave')
    .on('invitations')
    .columns(['study_id', 'wave_id'])
    .execute();
  await sql`alter table responses add constraint responses_invitation_fkey
    foreign key (invitation_id) references invitations (id) on delete set null`.execute(db);
  await db.schema
    .createIndex('responses_invitation')
    .unique()
    .on('responses')
    .column('invitation_id')
    .execute();
}
