/** Studies: create or update from a checked study file, read, list. */
import { sql, type Kysely } from 'kysely';
import { translating } from '../errors.js';
import type { Database } from '../schema.js';

export interface StudyRow {
  id: string;
  title: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
  definition: unknown;
  hasPublicKey: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface StudyInput {
  id: string;
  title: Record<string, string>;
  languages: string[];
  defaultLanguage: string;
  definition: unknown;
}

/** Creates the study or updates its texts and definition; says which. */
export async function upsertStudy(
  db: Kysely<Database>,
  s: StudyInput,
): Promise<{ created: boolean }> {
  return translating(async () => {
    const row = await db
      .insertInto('studies')
      .values({
        id: s.id,
        title: JSON.stringify(s.title),
        languages: s.languages,
        default_language: s.defaultLanguage,
        definition: JSON.stringify(s.definition),
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          languages: eb.ref('excluded.languages'),
          default_language: eb.ref('excluded.default_language'),
          definition: eb.ref('excluded.definition'),
          updated_at: sql`now()`,
        })),
      )
      // xmax is 0 only for a row this statement inserted.
      .returning(sql<boolean>`(xmax = 0)`.as('created'))
      .executeTakeFirstOrThrow();
    return { created: row.created };
  });
}

const columns = [
  'id',
  'title',
  'languages',
  'default_language',
  'definition',
  'created_at',
  'updated_at',
] as const;

function toRow(r: {
  id: string;
  title: Record<string, string>;
  languages: string[];
  default_language: string;
  definition: unknown;
  has_public_key: boolean;
  created_at: Date;
  updated_at: Date;
}): StudyRow {
  return {
    id: r.id,
    title: r.title,
    languages: r.languages,
    defaultLanguage: r.default_language,
    definition: r.definition,
    hasPublicKey: r.has_public_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getStudy(db: Kysely<Database>, id: string): Promise<StudyRow | undefined> {
  const r = await db
    .selectFrom('studies')
    .select(columns)
    .select(sql<boolean>`public_key is not null`.as('has_public_key'))
    .where('id', '=', id)
    .executeTakeFirst();
  return r && toRow(r);
}

export async function listStudies(db: Kysely<Database>): Promise<StudyRow[]> {
  const rows = await db
    .selectFrom('studies')
    .select(columns)
    .select(sql<boolean>`public_key is not null`.as('has_public_key'))
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

/** Registers the study's public key (sealed contacts are sealed with it). False: no study. */
export async function setStudyPublicKey(
  db: Kysely<Database>,
  id: string,
  publicKey: Uint8Array,
): Promise<boolean> {
  const r = await db
    .updateTable('studies')
    .set({ public_key: publicKey, updated_at: sql`now()` })
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export async function getStudyPublicKey(
  db: Kysely<Database>,
  id: string,
): Promise<Uint8Array | null | undefined> {
  const r = await db
    .selectFrom('studies')
    .select('public_key')
    .where('id', '=', id)
    .executeTakeFirst();
  return r === undefined ? undefined : r.public_key && new Uint8Array(r.public_key);
}
