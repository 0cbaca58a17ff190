import { type RawBuilder, sql } from 'kysely';
import { regionInScope, schoolInScope } from '../../db/scope';
import type { Scope } from '../../domain/access/scope';

/**
 * Which alerts a scope sees, on an `alerts` row under `alias`. Bureaus see every alert of their
 * regions (school units through the school's county, region units by code); school staff their
 * school's; a class teacher the alerts of their own class; a hospital liaison its paired schools';
 * parents none (alerts name other people's children).
 */
export function alertInScope(scope: Scope, alias = 'alerts'): RawBuilder<boolean> {
  const school = sql.ref(`${alias}.school_id`);
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'region':
      return regionInScope(scope, `${alias}.region_code`);
    case 'class':
      return sql<boolean>`(${school} = ${scope.schoolId} and ${sql.ref(`${alias}.class_id`)} = ${scope.classId})`;
    case 'school':
    case 'schools':
      return sql<boolean>`(${school} is not null and ${schoolInScope(scope, `${alias}.school_id`)})`;
    default:
      return sql<boolean>`false`;
  }
}
