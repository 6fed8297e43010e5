/** What fieldwork services need, passed in: the database, the clock and randomness. */
import type { Kysely } from 'kysely';
import type { RandomBytes } from '../security/tokens.js';
import type { Database } from '../store/schema.js';

export interface FieldworkContext {
  db: Kysely<Database>;
  now: () => Date;
  random: RandomBytes;
}
