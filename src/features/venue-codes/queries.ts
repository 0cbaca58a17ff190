import { type Kysely, sql } from 'kysely';
import { regionInScope, schoolInScope } from '../../db/scope';
import type { Database } from '../../db/tables';
import type { Scope } from '../../domain/access/scope';

/** A school's codes follow the school's scope; a bureau building's code follows its region. */
export function venueInScope(scope: Scope) {
  return sql<boolean>`(case when venue_codes.school_id is not null then ${schoolInScope(scope, 'venue_codes.school_id')} else ${regionInScope(scope, 'venue_codes.region_code')} end)`;
}

export function venueRowQuery(db: Kysely<Database>, scope: Scope) {
  return db
    .selectFrom('venue_codes')
    .leftJoin('schools', 'schools.id', 'venue_codes.school_id')
    .select([
      'venue_codes.id', 'venue_codes.school_id', 'schools.name as school_name', 'venue_codes.region_code', 'venue_codes.kind', 'venue_codes.name',
      'venue_codes.nonce', 'venue_codes.issued_at', 'venue_codes.expires_at', 'venue_codes.revoked_at', 'venue_codes.revoke_reason', 'venue_codes.replaces_id',
      venueInScope(scope).as('allowed'),
    ]);
}

export type VenueRowRaw = Awaited<ReturnType<ReturnType<typeof venueRowQuery>['executeTakeFirstOrThrow']>>;
