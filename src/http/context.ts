import type { Kysely } from 'kysely';
import type { DbKind } from '../db/connect';
import type { Database } from '../db/tables';
import type { FieldCipher } from '../security/crypto';

/** What every service needs, passed explicitly (no globals): the database, the cipher and the clock. */
export interface AppContext {
  db: Kysely<Database>;
  dbKind: DbKind;
  cipher: FieldCipher;
  /** Injected clock: tests move time; production uses the wall clock. */
  now(): Date;
  /** Secure cookies (HTTPS only) unless running on plain http for local use and tests. */
  secureCookies: boolean;
}
